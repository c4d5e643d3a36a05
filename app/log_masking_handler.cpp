#include "app/log_masking_handler.h"

#include <QString>
#include <QtGlobal>

#include "app/core/log_masking.h"

namespace kiosk::app {
namespace {

QtMessageHandler gNext = nullptr;

void maskingHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    const auto masked = QString::fromStdString(maskPersonalData(message.toStdString()));
    if (gNext) gNext(type, context, masked);
}

}  // namespace

void installLogMasking() {
    if (!gNext) gNext = qInstallMessageHandler(maskingHandler);
}

}  // namespace kiosk::app

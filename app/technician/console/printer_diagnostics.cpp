#include "app/technician/console/printer_diagnostics.h"

#include <QDateTime>
#include <QMetaObject>

#include <algorithm>
#include <utility>

#include "devices/printer/escpos_encoder.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::technician {

PrinterDiagnostics::PrinterDiagnostics(std::shared_ptr<devices::ReceiptPrinter> printer, std::string kioskId,
                                       QObject* parent)
    : QObject(parent), printer_(std::move(printer)), kioskId_(std::move(kioskId)) {
    pool_.setMaxThreadCount(1);  // a printer takes one job at a time
    refresh();
}

PrinterDiagnostics::~PrinterDiagnostics() { pool_.waitForDone(); }

void PrinterDiagnostics::refresh() {
    if (!printer_) {
        health_ = QStringLiteral("no receipt printer configured");
        emit statusChanged();
        return;
    }
    const auto s = printer_->status();
    online_ = s.online;
    paperOut_ = s.paperOut;
    paperNearEnd_ = s.paperNearEnd;
    coverOpen_ = s.coverOpen;
    cutterError_ = s.cutterError;
    ticketInPresenter_ = s.ticketInPresenter;
    const auto h = printer_->health();
    static const char* const names[] = {"disconnected", "ready", "busy", "error"};
    health_ = QLatin1String(names[static_cast<int>(h.state)]);
    if (!h.detail.empty()) health_ += QStringLiteral(" (") + QString::fromStdString(h.detail) + QLatin1Char(')');
    emit statusChanged();
}

void PrinterDiagnostics::reprintPending() {
    if (!reprint_ || pendingReprints() == 0) return;
    if (record_) record_("printer.reprint_pending");
    reprint_();
}

bool PrinterDiagnostics::canPrint() const {
    return online_ && !paperOut_ && !coverOpen_ && !cutterError_;
}

QString PrinterDiagnostics::paperState() const {
    if (!printer_) return QStringLiteral("unknown");
    if (paperOut_) return QStringLiteral("out of paper: load a new roll");
    if (paperNearEnd_) return QStringLiteral("near end: replace the roll soon");
    return QStringLiteral("paper present");
}

int PrinterDiagnostics::dotsPerLine() const { return printer_ ? printer_->dotsPerLine() : 0; }

std::vector<std::uint8_t> PrinterDiagnostics::testReceiptJob(const std::string& kioskId, const std::string& time,
                                                             int dotsPerLine) {
    // Font A is 12 dots wide: a ruler as long as the line shows the printable width is all there.
    const int columns = std::max(10, dotsPerLine / 12);
    std::string ruler;
    for (int i = 0; i < columns; ++i) ruler += static_cast<char>('0' + (i + 1) % 10);
    escpos::JobBuilder job;
    job.initialize()
        .textLine("TEST RECEIPT - NOT A CLEARANCE")
        .textLine("kiosk " + kioskId)
        .textLine(time)
        .textLine(ruler)
        .feedLines(3)
        .cut(escpos::CutKind::Partial);
    return job.bytes();
}

void PrinterDiagnostics::printTestReceipt() {
    if (!printer_ || printing_) return;
    printing_ = true;
    if (record_) record_("printer.test_receipt");
    lastResult_ = QStringLiteral("printing...");
    emit printChanged();
    const auto time = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    pool_.start([this, job = testReceiptJob(kioskId_, time, printer_->dotsPerLine())] {
        const auto result = printer_->print(job);
        const QString words = result ? QStringLiteral("test receipt printed")
                                     : QStringLiteral("failed: ") + QString::fromStdString(result.error().describe());
        const bool ok = result.has_value();
        QMetaObject::invokeMethod(this, [this, words, ok] {
            printing_ = false;
            lastPrintOk_ = ok;
            lastResult_ = words;
            ++testPrints_;
            emit printChanged();
            refresh();
        }, Qt::QueuedConnection);
    });
}

}  // namespace kiosk::technician

#include "app/ui/simulator_panel.h"

#include <QThreadPool>
#include <QUrl>

#include "app/ui/kiosk_workflow.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/synthetic_world.h"

namespace kiosk::ui {

SimulatorPanel::SimulatorPanel(std::shared_ptr<const sim::SyntheticWorld> world,
                               std::shared_ptr<sim::SimulatedPassportReader> passportReader,
                               std::shared_ptr<sim::SimulatedFingerprintScanner> fingerprintScanner,
                               std::shared_ptr<sim::SimulatedReceiptPrinter> receiptPrinter,
                               KioskWorkflow* workflow, QObject* parent)
    : QObject(parent),
      world_(std::move(world)),
      passportReader_(std::move(passportReader)),
      fingerprintScanner_(std::move(fingerprintScanner)),
      receiptPrinter_(std::move(receiptPrinter)),
      workflow_(workflow),
      pool_(std::make_unique<QThreadPool>()) {
    pool_->setMaxThreadCount(1);
    if (!world_->travelers().empty()) traveler_ = QString::fromStdString(world_->travelers().front().id);
    receiptPrinter_->setPageHandler([this](const std::filesystem::path& path) {
        const auto file = QString::fromStdString(path.string());
        QMetaObject::invokeMethod(this, [this, file] {
            lastReceipt_ = QUrl::fromLocalFile(file).toString();
            ++receiptsPrinted_;
            emit receiptSaved(file);
        }, Qt::QueuedConnection);
    });
}

SimulatorPanel::~SimulatorPanel() {
    receiptPrinter_->setPageHandler(nullptr);
    pool_->waitForDone();
}

QStringList SimulatorPanel::travelers() const {
    QStringList ids;
    for (const auto& t : world_->travelers()) ids << QString::fromStdString(t.id);
    return ids;
}

void SimulatorPanel::setTraveler(const QString& id) {
    if (id == traveler_ || !world_->find(id.toStdString())) return;
    traveler_ = id;
    fingerAttempts_ = 0;
    emit travelerChanged();
}

bool SimulatorPanel::presentPassport(const QString& how) {
    const auto* t = world_->find(traveler_.toStdString());
    if (!t) return false;
    auto lines = world_->mrzLines(*t);
    if (!lines) {
        emit problem(QString::fromStdString(lines.error().describe()));
        return false;
    }
    if (how == QLatin1String("bad-check-digit")) {
        // The document number's first digit, changed: the check digit no longer agrees.
        auto& line = (*lines)[1];
        for (char& c : line)
            if (c >= '0' && c <= '9') {
                c = c == '9' ? '0' : static_cast<char>(c + 1);
                break;
            }
    } else if (how != QLatin1String("clean")) {
        emit problem(QStringLiteral("unknown passport presentation: %1").arg(how));
        return false;
    }
    fingerAttempts_ = 0;
    passportReader_->present(std::move(*lines));
    return true;
}

bool SimulatorPanel::presentFinger(const QString& how) {
    const auto* t = world_->find(traveler_.toStdString());
    if (!t) return false;
    sim::FingerPresentation presentation;
    if (how == QLatin1String("genuine")) presentation = sim::FingerPresentation::Genuine;
    else if (how == QLatin1String("impostor")) presentation = sim::FingerPresentation::Impostor;
    else if (how == QLatin1String("poor")) presentation = sim::FingerPresentation::Poor;
    else {
        emit problem(QStringLiteral("unknown finger presentation: %1").arg(how));
        return false;
    }
    // The finger the kiosk asks for; before it asks, the traveler's first finger.
    auto position = static_cast<FingerPosition>(workflow_->requestedFinger());
    if (position == FingerPosition::Unknown && !t->fingers.empty()) position = t->fingers.front().position;
    const int attempt = ++fingerAttempts_;
    pool_->start([world = world_, scanner = fingerprintScanner_, traveler = *t, position, presentation, attempt] {
        scanner->placeFinger(world->impression(traveler, position, presentation, attempt));
    });
    return true;
}

void SimulatorPanel::setDeviceConnected(const QString& device, bool connected) {
    if (device == QLatin1String("passport")) passportReader_->setConnected(connected);
    else if (device == QLatin1String("fingerprint")) fingerprintScanner_->setConnected(connected);
    else if (device == QLatin1String("printer")) {
        auto s = receiptPrinter_->status();
        s.online = connected;
        receiptPrinter_->setStatus(s);
    }
    workflow_->checkHealth();
}

void SimulatorPanel::setPrinterFault(const QString& fault) {
    devices::PrinterStatus s;
    s.online = true;
    s.paperOut = fault == QLatin1String("paper-out");
    s.coverOpen = fault == QLatin1String("cover-open");
    s.paperNearEnd = fault == QLatin1String("paper-near-end");
    receiptPrinter_->setStatus(s);
}

}  // namespace kiosk::ui

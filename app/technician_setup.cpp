#include "app/technician_setup.h"

#include <QLoggingCategory>
#include <QTimer>

#include <variant>

#include "app/audit/audit_log.h"
#include "app/audit_trail.h"
#include "app/calibration/fingerprint/calibrated_fingerprint_scanner.h"
#include "app/calibration/fingerprint/correction_file.h"
#include "app/technician/console/console_services.h"
#include "app/technician/console/device_counters.h"
#include "app/technician/console/fingerprint_calibration_screen.h"
#include "app/technician/console/printer_diagnostics.h"
#ifdef KIOSK_HAS_PASSPORT_CALIBRATION
#include "app/technician/console/passport_calibration_screen.h"
#endif
#ifdef KIOSK_HAS_PRINTER_CALIBRATION
#include "app/technician/console/printer_calibration_screen.h"
#endif
#include "app/technician/console/technician_console.h"
#include "app/technician/pin_store.h"
#include "app/technician/technician_session.h"

Q_LOGGING_CATEGORY(lcTechnician, "kiosk.technician")

namespace kiosk::app {
namespace {

constexpr const char* kDemoTechnicianId = "1";
constexpr const char* kDemoTechnicianPin = "481526";

using technician::CountedDevice;
using technician::DeviceCounter;

// The audit trail's records for the technician session (login, actions, logout): the same typed
// details as the workflow's records.
technician::AuditSink sessionSink(std::shared_ptr<audit::AuditLog> log) {
    if (!log) return [](std::string, std::string, std::string) {};
    return [sink = auditSinkFor(log)](std::string step, std::string outcome, std::string detailsJson) {
        if (auto r = sink({{}, std::move(step), std::move(outcome), std::move(detailsJson)}); !r)
            qCWarning(lcTechnician).noquote() << "technician event not audited:" << QString::fromStdString(r.error().describe());
    };
}

}  // namespace

TechnicianSide::TechnicianSide(TechnicianInputs in) : counters_(std::make_shared<technician::DeviceCounters>()) {
    const auto pinFile = in.config.technician.pinFile.empty() ? in.dataDir / "technician-pins.json"
                                                              : in.config.technician.pinFile;
    technician::PinStoreOptions pinOptions;
    pinOptions.maxFailedPins = in.config.technician.maxFailedPins;
    // The simulator on a developer's laptop starts with one demo technician, so technician mode can be
    // tried at once; only in simulator mode, and only when no PIN file exists yet (never over real ones).
    const bool demoTechnician = in.config.simulator && !std::filesystem::exists(pinFile);
    if (auto opened = technician::PinStore::open(pinFile, pinOptions)) {
        pins_ = std::move(*opened);
        if (demoTechnician) {
            if (auto set = pins_->setPin(kDemoTechnicianId, kDemoTechnicianPin); set)
                qCInfo(lcTechnician).noquote() << "simulator: demo technician" << kDemoTechnicianId << "with PIN"
                                               << kDemoTechnicianPin << "(simulator mode only)";
        }
    } else {
        pinProblem_ = opened.error().describe();
        qCWarning(lcTechnician).noquote() << "technician PINs unavailable:" << QString::fromStdString(pinProblem_);
    }
    session_ = std::make_shared<technician::TechnicianSession>(
        std::chrono::seconds(in.config.technician.idleTimeoutSeconds), sessionSink(in.audit));

    technician::ConsoleServices services;
    services.passportReader = in.passportReader;
    services.fingerprintScanner = in.fingerprintScanner;
    services.receiptPrinter = in.receiptPrinter;
    services.members = in.members;
    services.sync = in.sync;
    services.counters = counters_;
    services.config = in.config;
    services.dataDir = in.dataDir;
    services.version = in.version;
    services.restartKiosk = in.restartKiosk;
    services.recentAuditEvents = [log = in.audit]() {
        std::vector<std::string> lines;
        if (!log) return lines;
        auto records = log->recent(20);
        if (!records) return lines;
        for (const auto& r : *records)
            lines.push_back(r.time + " " + r.step + " " + r.outcome + (r.transactionId.empty() ? "" : " " + r.transactionId) +
                            " " + r.details);
        return lines;
    };
    services.recordAction = [session = session_](std::string action) {
        (void)session->recordAction(action, technician::Clock::now());
    };
    // One Argon2id hash (~0.1 s) on the UI thread: the kiosk is out of service for travelers anyway.
    services.checkPin = [this](std::string id, std::string pin) -> technician::LoginOutcome {
        if (!pins_) return technician::LoginOutcome::unavailable("technician PINs unavailable: " + pinProblem_);
        const auto now = technician::Clock::now();
        auto verdict = session_->login(*pins_, id, pin, now);
        technician::wipePin(pin);
        if (!verdict) return technician::LoginOutcome::unavailable(verdict.error().message);
        if (std::holds_alternative<technician::Accepted>(*verdict)) return technician::LoginOutcome::accepted();
        if (const auto* r = std::get_if<technician::Rejected>(&*verdict))
            return technician::LoginOutcome::rejected(r->attemptsLeft);
        const auto until = std::get<technician::LockedOut>(*verdict).until;
        const auto seconds = std::chrono::ceil<std::chrono::seconds>(until - now).count();
        return technician::LoginOutcome::locked(static_cast<int>(std::max<std::int64_t>(1, seconds)));
    };
    console_ = std::make_unique<technician::TechnicianConsole>(std::move(services));

    // The fingerprint wizard sees raw frames; a pass puts its correction into every capture at once.
    if (auto calibrated = std::dynamic_pointer_cast<calibration::fingerprint::CalibratedFingerprintScanner>(in.fingerprintScanner)) {
        calibration::fingerprint::FingerprintCalibrationWizard::Options options;
        options.calibrationDir = in.config.calibrationDir;
        auto* screen = new technician::FingerprintCalibrationScreen(calibrated->raw(), options);
        QObject::connect(screen, &technician::CalibrationWizard::finished, screen,
                         [calibrated, dir = in.config.calibrationDir](bool passed) {
                             if (!passed) return;
                             auto loaded = calibration::fingerprint::loadCorrection(
                                 calibration::fingerprint::correctionPath(dir));
                             if (loaded) calibrated->setCorrection(std::move(*loaded));
                             else
                                 qCWarning(lcTechnician).noquote() << "new fingerprint correction not applied:"
                                                                   << QString::fromStdString(loaded.error().describe());
                         });
        console_->addWizard(screen);
    }
#ifdef KIOSK_HAS_PASSPORT_CALIBRATION
    {  // no camera reader exists: the wizard drives the simulated page camera, and says so on screen
        technician::PassportCalibrationScreen::Options options;
        options.calibrationDir = in.config.calibrationDir;
        console_->addWizard(new technician::PassportCalibrationScreen(options));
    }
#endif
#ifdef KIOSK_HAS_PRINTER_CALIBRATION
    if (in.receiptPrinter) {
        technician::PrinterCalibrationScreen::Options options;
        options.calibrationDir = in.config.calibrationDir;
        options.configuredDotsPerLine = in.config.printerDotsPerLine;
        console_->addWizard(new technician::PrinterCalibrationScreen(in.receiptPrinter, options));
    }
#endif
}

TechnicianSide::~TechnicianSide() = default;

ui::AuditSink TechnicianSide::countingSink(ui::AuditSink inner) const {
    return [inner = std::move(inner), counters = counters_](const ui::AuditRecord& r) -> Result<void> {
        const auto count = [&](CountedDevice d, DeviceCounter c) { counters->increment(d, c); };
        if (r.step == "document.read") {
            count(CountedDevice::PassportReader, r.outcome == "valid" ? DeviceCounter::Reads : DeviceCounter::Misreads);
            if (r.detailsJson.find("\"attempt\":1") == std::string::npos)
                count(CountedDevice::PassportReader, DeviceCounter::Retries);
        } else if (r.step == "fingerprint.compare" || r.step == "fingerprint.capture") {
            count(CountedDevice::FingerprintScanner,
                  r.outcome == "device_error" ? DeviceCounter::Misreads : DeviceCounter::Captures);
            if (r.detailsJson.find("\"attempt\":1") == std::string::npos)
                count(CountedDevice::FingerprintScanner, DeviceCounter::Retries);
        } else if (r.step == "receipt.printed") {
            count(CountedDevice::ReceiptPrinter, r.outcome == "printed" ? DeviceCounter::Prints : DeviceCounter::PrintFailures);
        } else if (r.step == "receipt.reprinted") {
            count(CountedDevice::ReceiptPrinter, DeviceCounter::Prints);
            count(CountedDevice::ReceiptPrinter, DeviceCounter::Retries);
        }
        return inner ? inner(r) : Result<void>{};
    };
}

void TechnicianSide::attach(ui::KioskWorkflow* workflow) {
    auto* printer = console_->printer();
    printer->setReprintHooks([workflow] { return workflow->pendingReprints(); }, [workflow] { workflow->reprintPending(); });
    QObject::connect(workflow, &ui::KioskWorkflow::pendingReprintsChanged, printer, &technician::PrinterDiagnostics::refresh);
    QObject::connect(console_.get(), &technician::TechnicianConsole::sessionStarted, workflow,
                     [workflow] { (void)workflow->enterTechnicianMode(); });
    QObject::connect(console_.get(), &technician::TechnicianConsole::sessionEnded, workflow,
                     [workflow, session = session_](const QString& reason) {
                         // The console ends on idle by itself; the session's audit says which.
                         if (reason == QLatin1String("idle")) (void)session->endIfIdle(technician::Clock::now() + std::chrono::hours(24));
                         else session->logout();
                         workflow->leaveTechnicianMode();
                     });
}

}  // namespace kiosk::app

#pragma once
// The technician's side of the kiosk, put together from the configuration: the PIN store, the
// audited session, the device counters fed by the workflow's audit records, and the console with its
// calibration wizards. While a technician is logged in travelers see "out of service".
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "app/config/kiosk_config.h"
#include "app/ui/kiosk_workflow.h"

namespace kiosk::devices {
class PassportReader;
class FingerprintScanner;
class ReceiptPrinter;
}  // namespace kiosk::devices
namespace kiosk::members {
class MemberCache;
class SyncService;
}  // namespace kiosk::members
namespace kiosk::audit {
class AuditLog;
}
namespace kiosk::technician {
class PinStore;
class TechnicianSession;
class DeviceCounters;
class TechnicianConsole;
}  // namespace kiosk::technician

namespace kiosk::app {

struct TechnicianInputs {
    config::KioskConfig config;
    std::filesystem::path dataDir;
    std::string version;
    std::shared_ptr<devices::PassportReader> passportReader;
    std::shared_ptr<devices::FingerprintScanner> fingerprintScanner;  // the calibrated wrapper
    std::shared_ptr<devices::ReceiptPrinter> receiptPrinter;
    std::shared_ptr<members::MemberCache> members;
    members::SyncService* sync = nullptr;
    std::shared_ptr<audit::AuditLog> audit;  // null: the console shows no events, actions go unrecorded
    std::function<void()> restartKiosk;      // null: the console offers no restart
};

class TechnicianSide {
public:
    explicit TechnicianSide(TechnicianInputs inputs);
    ~TechnicianSide();
    TechnicianSide(const TechnicianSide&) = delete;
    TechnicianSide& operator=(const TechnicianSide&) = delete;

    [[nodiscard]] technician::TechnicianConsole* console() const { return console_.get(); }
    // Wraps the workflow's audit sink so the device counters follow what the workflow records.
    [[nodiscard]] ui::AuditSink countingSink(ui::AuditSink inner) const;
    // Once the workflow exists: a login takes the kiosk out of service, a logout (or the idle end)
    // brings it back; the console's reprint button reaches the workflow's pending receipts.
    void attach(ui::KioskWorkflow* workflow);

private:
    std::unique_ptr<technician::PinStore> pins_;  // null when the PIN file cannot be opened
    std::string pinProblem_;
    std::shared_ptr<technician::TechnicianSession> session_;
    std::shared_ptr<technician::DeviceCounters> counters_;
    std::unique_ptr<technician::TechnicianConsole> console_;
};

}  // namespace kiosk::app

#pragma once
// The kiosk's audit trail as the rest of the app sees it: opened from the configuration with the
// kiosk key, recovered after a crash, and offered to the workflow as an AuditSink.
#include <filesystem>
#include <memory>

#include "app/config/kiosk_config.h"
#include "app/core/error.h"
#include "app/ui/kiosk_workflow.h"

class QObject;

namespace kiosk::audit {
class AuditLog;
}

namespace kiosk::app {

// <dataDir>/audit, signed with the kiosk key (receipt-signing.key, created by the receipt signer,
// which must be opened first). Transactions left open by a crash or a kill are recorded as
// abandoned here, before the first traveler. Day heads are sealed at day change and at close.
[[nodiscard]] Result<std::shared_ptr<audit::AuditLog>> openAuditTrail(const config::KioskConfig& config,
                                                                      const std::filesystem::path& dataDir);

// Applies retention once a day while the kiosk runs (a kiosk may run for months between restarts);
// the timer is a child of `parent`.
void scheduleAuditRetention(std::shared_ptr<audit::AuditLog> log, QObject* parent);

// The workflow's sink: its JSON details become the audit log's typed details (numbers, flags, codes).
[[nodiscard]] ui::AuditSink auditSinkFor(std::shared_ptr<audit::AuditLog> log);

}  // namespace kiosk::app

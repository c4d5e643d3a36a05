#pragma once
// Everything the technician console needs from the kiosk, injected by app/main.cpp (and by tests).
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/config/kiosk_config.h"
#include "app/technician/console/device_counters.h"

namespace kiosk::devices {
class PassportReader;
class FingerprintScanner;
class ReceiptPrinter;
}  // namespace kiosk::devices
namespace kiosk::members {
class MemberCache;
class SyncService;
}  // namespace kiosk::members

namespace kiosk::technician {

// What the PIN check answered. The console shows it; it never sees or keeps the PIN afterwards.
struct LoginOutcome {
    enum class Kind { Accepted, Rejected, Locked, Unavailable };
    Kind kind = Kind::Rejected;
    int attemptsLeft = 0;   // Rejected: before the lockout starts
    int lockedSeconds = 0;  // Locked: how long the prompt stays locked
    std::string problem;    // Unavailable: why no PIN can be checked (technician words, no PIN)

    static LoginOutcome accepted() { return {Kind::Accepted, 0, 0, {}}; }
    static LoginOutcome rejected(int attemptsLeft) { return {Kind::Rejected, attemptsLeft, 0, {}}; }
    static LoginOutcome locked(int seconds) { return {Kind::Locked, 0, seconds, {}}; }
    static LoginOutcome unavailable(std::string why) { return {Kind::Unavailable, 0, 0, std::move(why)}; }
};

struct ConsoleServices {
    std::shared_ptr<devices::PassportReader> passportReader;
    std::shared_ptr<devices::FingerprintScanner> fingerprintScanner;
    std::shared_ptr<devices::ReceiptPrinter> receiptPrinter;
    std::shared_ptr<members::MemberCache> members;  // null: no member list (the kiosk is out of service)
    members::SyncService* sync = nullptr;           // null: no sync source configured
    std::shared_ptr<const DeviceCounters> counters;  // null: counters not shown
    config::KioskConfig config;
    std::filesystem::path dataDir;
    std::string version;
    // The audit trail's newest events, newest last, as JSON lines (no personal data in them).
    std::function<std::vector<std::string>()> recentAuditEvents;
    // Records one technician action ("page.fingerprint", "printer.test_receipt"; [a-z0-9._-]).
    std::function<void(std::string action)> recordAction;
    // Checks a technician's id and PIN. Called on the UI thread (a PIN hash takes ~0.1 s; the kiosk
    // is out of service for travelers meanwhile), one call at a time.
    std::function<LoginOutcome(std::string id, std::string pin)> checkPin;
    // Restarts the kiosk software (the only way out of the kiosk, behind the PIN); null: not offered.
    std::function<void()> restartKiosk;
    std::chrono::system_clock::time_point startTime = std::chrono::system_clock::now();
    std::function<std::chrono::system_clock::time_point()> now = [] { return std::chrono::system_clock::now(); };
};

}  // namespace kiosk::technician

#pragma once
// One technician's session at the kiosk: login with a PIN, actions, logout or the idle end, each
// reported to an audit sink. Qt-free; the caller supplies the time, so tests need no waiting.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "app/core/error.h"
#include "app/technician/pin_store.h"

namespace kiosk::technician {

// step: "technician.login" | "technician.action" | "technician.logout"
// outcome: accepted / rejected / locked_out; "ok" for actions; logout / idle
// detailsJson: a JSON object, e.g. {"technician":"t-017","action":"calibrate.fingerprint"}.
// Technician ids are staff ids, not traveler data, so they may be recorded; PINs never are.
using AuditSink = std::function<void(std::string step, std::string outcome, std::string detailsJson)>;

class TechnicianSession {
public:
    TechnicianSession(std::chrono::seconds idleTimeout, AuditSink sink);

    // Verifies the PIN and, when accepted, starts the session (ending another technician's first).
    // Audits every attempt. The caller wipes its PIN buffer afterwards (wipePin).
    [[nodiscard]] Result<VerifyOutcome> login(PinStore& store, std::string_view technicianId, std::string_view pin,
                                              Clock::time_point now);

    // A tap or key press: the idle countdown starts again. Ignored when no session is open.
    void touch(Clock::time_point now);
    // No touch for idleTimeout; false when no session is open.
    [[nodiscard]] bool expired(Clock::time_point now) const;
    // Ends an expired session with the outcome "idle"; true when it did. Call it from a timer.
    bool endIfIdle(Clock::time_point now);

    // Audits an action ("calibrate.fingerprint", "devices.restart"; [a-z0-9._-], at most 64) and
    // counts as a touch. Refused without an open, unexpired session (an expired one ends as idle).
    [[nodiscard]] Result<void> recordAction(std::string_view action, Clock::time_point now);

    // The technician leaves (outcome "logout"). No-op without a session.
    void logout();

    [[nodiscard]] bool active() const { return !technician_.empty(); }
    [[nodiscard]] const std::string& technician() const { return technician_; }
    [[nodiscard]] Clock::time_point idleDeadline() const { return lastTouch_ + idleTimeout_; }

private:
    void end(const char* outcome);
    void audit(const char* step, const char* outcome, std::string detailsJson) const;

    std::chrono::seconds idleTimeout_;
    AuditSink sink_;
    std::string technician_;  // empty: no session
    Clock::time_point lastTouch_{};
};

}  // namespace kiosk::technician

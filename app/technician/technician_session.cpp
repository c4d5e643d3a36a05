#include "app/technician/technician_session.h"

#include "app/core/json_text.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/technician/pin_rules.h"

namespace kiosk::technician {

namespace {

std::string technicianDetails(std::string_view id) {
    // Cap what a stranger can push into the audit trail through the id field.
    return "{\"technician\":" + jsonString(id.substr(0, kMaxTechnicianIdLength * 2)) + "}";
}

bool isValidAction(std::string_view action) {
    return !action.empty() && action.size() <= 64 && std::all_of(action.begin(), action.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    });
}

}  // namespace

TechnicianSession::TechnicianSession(std::chrono::seconds idleTimeout, AuditSink sink)
    : idleTimeout_(idleTimeout), sink_(std::move(sink)) {}

Result<VerifyOutcome> TechnicianSession::login(PinStore& store, std::string_view technicianId, std::string_view pin,
                                               Clock::time_point now) {
    auto outcome = store.verify(technicianId, pin, now);
    if (!outcome) {
        audit("technician.login", "error", technicianDetails(technicianId));
        return outcome;
    }
    if (std::holds_alternative<Accepted>(*outcome)) {
        if (active()) end("logout");
        technician_ = std::string(technicianId);
        lastTouch_ = now;
        audit("technician.login", "accepted", technicianDetails(technicianId));
    } else if (std::holds_alternative<Rejected>(*outcome)) {
        audit("technician.login", "rejected", technicianDetails(technicianId));
    } else {
        audit("technician.login", "locked_out", technicianDetails(technicianId));
    }
    return outcome;
}

void TechnicianSession::touch(Clock::time_point now) {
    if (active() && !expired(now)) lastTouch_ = std::max(lastTouch_, now);
}

bool TechnicianSession::expired(Clock::time_point now) const {
    return active() && now >= idleDeadline();
}

bool TechnicianSession::endIfIdle(Clock::time_point now) {
    if (!expired(now)) return false;
    end("idle");
    return true;
}

Result<void> TechnicianSession::recordAction(std::string_view action, Clock::time_point now) {
    if (!isValidAction(action))
        return fail(Error::Code::InvalidInput, "an action name has 1 to 64 of [a-z0-9._-]", "technician action");
    endIfIdle(now);
    if (!active()) return fail(Error::Code::InvalidInput, "no technician is logged in", "technician action");
    lastTouch_ = std::max(lastTouch_, now);
    audit("technician.action", "ok",
          "{\"technician\":" + jsonString(technician_) + ",\"action\":" + jsonString(action) + "}");
    return {};
}

void TechnicianSession::logout() {
    if (active()) end("logout");
}

void TechnicianSession::end(const char* outcome) {
    audit("technician.logout", outcome, technicianDetails(technician_));
    technician_.clear();
    lastTouch_ = {};
}

void TechnicianSession::audit(const char* step, const char* outcome, std::string detailsJson) const {
    if (sink_) sink_(step, outcome, std::move(detailsJson));
}

}  // namespace kiosk::technician

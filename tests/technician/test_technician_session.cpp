// TechnicianSession: what it reports to the audit sink, and the idle end.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/technician/pin_store.h"
#include "app/technician/technician_session.h"
#include "tests/technician/temp_folder.h"

using namespace kiosk::technician;
using namespace std::chrono_literals;

namespace {

const Clock::time_point kStart = Clock::time_point{} + std::chrono::seconds(1'800'000'000);

struct Event {
    std::string step, outcome, details;
    bool operator==(const Event&) const = default;
};

struct Recorder {
    std::vector<Event> events;
    AuditSink sink() {
        return [this](std::string step, std::string outcome, std::string details) {
            events.push_back({std::move(step), std::move(outcome), std::move(details)});
        };
    }
};

std::unique_ptr<PinStore> storeWithPin(const TempFolder& folder) {
    PinStoreOptions options;
    options.hashCost = HashCost::Minimum;
    options.maxFailedPins = 2;
    auto store = PinStore::open(folder.path() / "technician-pins.json", options, kStart);
    REQUIRE(store.has_value());
    REQUIRE((*store)->setPin("t-017", "482915").has_value());
    return std::move(*store);
}

}  // namespace

TEST_CASE("login, actions and logout are audited, without the PIN") {
    TempFolder folder;
    auto store = storeWithPin(folder);
    Recorder audit;
    TechnicianSession session(300s, audit.sink());

    REQUIRE(std::holds_alternative<Rejected>(session.login(*store, "t-017", "000001", kStart).value()));
    CHECK_FALSE(session.active());
    REQUIRE(std::holds_alternative<Accepted>(session.login(*store, "t-017", "482915", kStart).value()));
    CHECK(session.active());
    CHECK(session.technician() == "t-017");
    REQUIRE(session.recordAction("calibrate.fingerprint", kStart + 10s).has_value());
    CHECK_FALSE(session.recordAction("rm -rf /", kStart + 11s).has_value());
    session.logout();
    CHECK_FALSE(session.active());
    CHECK_FALSE(session.recordAction("calibrate.printer", kStart + 12s).has_value());

    const std::vector<Event> expected = {
        {"technician.login", "rejected", R"({"technician":"t-017"})"},
        {"technician.login", "accepted", R"({"technician":"t-017"})"},
        {"technician.action", "ok", R"({"technician":"t-017","action":"calibrate.fingerprint"})"},
        {"technician.logout", "logout", R"({"technician":"t-017"})"},
    };
    CHECK(audit.events == expected);
    for (const auto& event : audit.events) CHECK(event.details.find("482915") == std::string::npos);
}

TEST_CASE("a locked-out login is audited as such; a hostile id is escaped") {
    TempFolder folder;
    auto store = storeWithPin(folder);
    Recorder audit;
    TechnicianSession session(300s, audit.sink());
    REQUIRE(session.login(*store, "x\"}\n", "000001", kStart).has_value());
    REQUIRE(std::holds_alternative<LockedOut>(session.login(*store, "t-017", "000001", kStart).value()));
    REQUIRE(std::holds_alternative<LockedOut>(session.login(*store, "t-017", "482915", kStart + 1s).value()));
    REQUIRE(audit.events.size() == 3);
    CHECK(audit.events[0] == Event{"technician.login", "rejected", R"({"technician":"x\"}\u000a"})"});
    CHECK(audit.events[1].outcome == "locked_out");
    CHECK(audit.events[2].outcome == "locked_out");
    CHECK_FALSE(session.active());
}

TEST_CASE("the session ends after the idle timeout; touches and actions postpone it") {
    TempFolder folder;
    auto store = storeWithPin(folder);
    Recorder audit;
    TechnicianSession session(300s, audit.sink());
    REQUIRE(std::holds_alternative<Accepted>(session.login(*store, "t-017", "482915", kStart).value()));

    CHECK_FALSE(session.expired(kStart + 299s));
    session.touch(kStart + 200s);
    CHECK_FALSE(session.expired(kStart + 499s));
    REQUIRE(session.recordAction("devices.restart", kStart + 450s).has_value());
    CHECK(session.idleDeadline() == kStart + 750s);
    CHECK_FALSE(session.endIfIdle(kStart + 749s));
    CHECK(session.expired(kStart + 750s));
    // A touch after the deadline does not revive the session.
    session.touch(kStart + 760s);
    CHECK(session.endIfIdle(kStart + 760s));
    CHECK_FALSE(session.active());
    CHECK_FALSE(session.endIfIdle(kStart + 800s));

    REQUIRE(audit.events.size() == 3);
    CHECK(audit.events.back() == Event{"technician.logout", "idle", R"({"technician":"t-017"})"});
}

TEST_CASE("an action after the idle deadline is refused and ends the session as idle") {
    TempFolder folder;
    auto store = storeWithPin(folder);
    Recorder audit;
    TechnicianSession session(60s, audit.sink());
    REQUIRE(std::holds_alternative<Accepted>(session.login(*store, "t-017", "482915", kStart).value()));
    CHECK_FALSE(session.recordAction("calibrate.passport", kStart + 61s).has_value());
    CHECK_FALSE(session.active());
    REQUIRE(audit.events.size() == 2);
    CHECK(audit.events[1].outcome == "idle");
}

TEST_CASE("a second technician's login ends the first session") {
    TempFolder folder;
    auto store = storeWithPin(folder);
    REQUIRE(store->setPin("t-018", "739104").has_value());
    Recorder audit;
    TechnicianSession session(300s, audit.sink());
    REQUIRE(std::holds_alternative<Accepted>(session.login(*store, "t-017", "482915", kStart).value()));
    REQUIRE(std::holds_alternative<Accepted>(session.login(*store, "t-018", "739104", kStart + 5s).value()));
    CHECK(session.technician() == "t-018");
    REQUIRE(audit.events.size() == 3);
    CHECK(audit.events[1] == Event{"technician.logout", "logout", R"({"technician":"t-017"})"});
    CHECK(audit.events[2] == Event{"technician.login", "accepted", R"({"technician":"t-018"})"});
}

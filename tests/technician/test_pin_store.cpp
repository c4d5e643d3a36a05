// PinStore: Argon2id PINs, the global lockout and its persistence. Most cases use HashCost::Minimum
// so each hash takes microseconds; one case uses the production cost to compare timings.
#include <sys/stat.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/technician/pin_rules.h"
#include "app/technician/pin_store.h"
#include "tests/technician/temp_folder.h"

using namespace kiosk::technician;
using namespace std::chrono_literals;

namespace {

const Clock::time_point kStart = Clock::time_point{} + std::chrono::seconds(1'800'000'000);

PinStoreOptions fast() {
    PinStoreOptions options;
    options.hashCost = HashCost::Minimum;
    return options;
}

std::unique_ptr<PinStore> openStore(const TempFolder& folder, PinStoreOptions options = fast(),
                                    Clock::time_point now = kStart) {
    auto store = PinStore::open(folder.path() / "technician-pins.json", options, now);
    REQUIRE(store.has_value());
    return std::move(*store);
}

std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool isRejected(const VerifyOutcome& outcome, int attemptsLeft) {
    const auto* rejected = std::get_if<Rejected>(&outcome);
    return rejected != nullptr && rejected->attemptsLeft == attemptsLeft;
}

Clock::time_point lockedUntil(const VerifyOutcome& outcome) {
    const auto* locked = std::get_if<LockedOut>(&outcome);
    REQUIRE(locked != nullptr);
    return locked->until;
}

}  // namespace

TEST_CASE("PIN rules: 6 to 12 digits, no repeated digit, no straight run") {
    for (const char* good : {"482915", "739104", "000001", "31415926535", "135792", "102938475610"}) {
        INFO(good);
        CHECK(checkPinRules(good).has_value());
    }
    for (const char* bad : {"", "48291", "4829150000000", "48291a", "482 915", "111111", "999999999999",
                            "123456", "654321", "890123", "3210987", "0123456789"}) {
        INFO(bad);
        const auto result = checkPinRules(bad);
        REQUIRE_FALSE(result.has_value());
        CHECK(result.error().message.find(bad[0] != '\0' ? bad : "\x01") == std::string::npos);  // never echoes the PIN
    }
}

TEST_CASE("technician ids: short, plain characters") {
    CHECK(isValidTechnicianId("t-017"));
    CHECK(isValidTechnicianId("Kim.Tech_2"));
    CHECK_FALSE(isValidTechnicianId(""));
    CHECK_FALSE(isValidTechnicianId("../etc"));
    CHECK_FALSE(isValidTechnicianId("a\"b"));
    CHECK_FALSE(isValidTechnicianId(std::string(33, 'a')));
}

TEST_CASE("a PIN set is accepted; a wrong one is rejected with the attempts left") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    REQUIRE(store->setPin("t-018", "739104").has_value());
    CHECK(store->hasPin("t-017").value());
    CHECK_FALSE(store->hasPin("t-099").value());

    const auto ok = store->verify("t-017", "482915", kStart);
    REQUIRE(ok.has_value());
    CHECK(std::holds_alternative<Accepted>(*ok));
    // Another technician's PIN is not this one's.
    const auto wrong = store->verify("t-017", "739104", kStart);
    REQUIRE(wrong.has_value());
    CHECK(isRejected(*wrong, 4));
    const auto wrong2 = store->verify("t-017", "482916", kStart);
    REQUIRE(wrong2.has_value());
    CHECK(isRejected(*wrong2, 3));

    // Stored as Argon2id strings, never the PIN.
    const auto text = readText(store->pinFile());
    CHECK(text.find("$argon2id$v=19$") != std::string::npos);
    CHECK(text.find("482915") == std::string::npos);
}

TEST_CASE("setPin refuses PINs that break the rules and bad ids") {
    TempFolder folder;
    auto store = openStore(folder);
    CHECK_FALSE(store->setPin("t-017", "123456").has_value());
    CHECK_FALSE(store->setPin("t-017", "777777").has_value());
    CHECK_FALSE(store->setPin("bad id", "482915").has_value());
    CHECK_FALSE(std::filesystem::exists(store->pinFile()));
}

TEST_CASE("five wrong PINs lock for 30 s; the right PIN is refused unseen while locked") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    for (int i = 0; i < 4; ++i) {
        const auto outcome = store->verify("t-017", "000001", kStart + std::chrono::seconds(i));
        REQUIRE(outcome.has_value());
        CHECK(isRejected(*outcome, 4 - i));
    }
    const auto fifth = store->verify("t-017", "000001", kStart + 4s);
    REQUIRE(fifth.has_value());
    CHECK(lockedUntil(*fifth) == kStart + 4s + 30s);

    // Correct PIN during the lockout: refused, and the failure count does not move.
    const auto during = store->verify("t-017", "482915", kStart + 20s);
    REQUIRE(during.has_value());
    CHECK(lockedUntil(*during) == kStart + 34s);
    CHECK(store->lockoutState().consecutiveFailures == 5);

    // After the lockout the right PIN works again.
    const auto after = store->verify("t-017", "482915", kStart + 34s);
    REQUIRE(after.has_value());
    CHECK(std::holds_alternative<Accepted>(*after));
}

TEST_CASE("each failure after the first lockout doubles it, up to an hour") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    auto now = kStart;
    for (int i = 0; i < 4; ++i) REQUIRE(store->verify("t-017", "000001", now).has_value());
    std::vector<long long> delays;
    for (int i = 0; i < 10; ++i) {
        const auto outcome = store->verify("t-017", "000001", now);
        REQUIRE(outcome.has_value());
        const auto until = lockedUntil(*outcome);
        delays.push_back(std::chrono::duration_cast<std::chrono::seconds>(until - now).count());
        now = until;  // the next try comes when the lockout ends
    }
    CHECK(delays == std::vector<long long>{30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600});
}

TEST_CASE("a success resets the count") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    for (int i = 0; i < 3; ++i) REQUIRE(store->verify("t-017", "000001", kStart).has_value());
    REQUIRE(std::holds_alternative<Accepted>(store->verify("t-017", "482915", kStart).value()));
    CHECK(store->lockoutState().consecutiveFailures == 0);
    const auto next = store->verify("t-017", "000001", kStart);
    REQUIRE(next.has_value());
    CHECK(isRejected(*next, 4));
}

TEST_CASE("a lockout survives a restart") {
    TempFolder folder;
    {
        auto store = openStore(folder);
        REQUIRE(store->setPin("t-017", "482915").has_value());
        for (int i = 0; i < 5; ++i) REQUIRE(store->verify("t-017", "000001", kStart).has_value());
    }
    auto reopened = openStore(folder, fast(), kStart + 10s);
    CHECK(reopened->lockoutState().consecutiveFailures == 5);
    const auto during = reopened->verify("t-017", "482915", kStart + 10s);
    REQUIRE(during.has_value());
    CHECK(lockedUntil(*during) == kStart + 30s);
    // After it, one more failure doubles (the count was kept too).
    const auto again = reopened->verify("t-017", "000001", kStart + 30s);
    REQUIRE(again.has_value());
    CHECK(lockedUntil(*again) == kStart + 90s);
    // Partial counts survive as well.
    TempFolder other;
    {
        auto store = openStore(other);
        REQUIRE(store->setPin("t-017", "482915").has_value());
        for (int i = 0; i < 2; ++i) REQUIRE(store->verify("t-017", "000001", kStart).has_value());
    }
    auto partial = openStore(other);
    CHECK(isRejected(partial->verify("t-017", "000001", kStart).value(), 2));
}

TEST_CASE("an unreadable lockout file starts locked, and a clock set back cannot stretch a lockout") {
    TempFolder folder;
    {
        std::ofstream(folder.path() / "technician-lockout.json") << "{\"consecutive_failures\": oops";
    }
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    CHECK(lockedUntil(store->verify("t-017", "482915", kStart).value()) == kStart + 30s);

    TempFolder future;
    {
        std::ofstream(future.path() / "technician-lockout.json")
            << "{\"consecutive_failures\": 9, \"locked_until_unix\": 99999999999}";
    }
    auto capped = openStore(future);
    CHECK(capped->lockoutState().lockedUntil == kStart + 3600s);
}

TEST_CASE("an unknown id looks like a wrong PIN and counts towards the lockout") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    const auto unknown = store->verify("t-999", "482915", kStart);
    const auto malformed = store->verify("../../etc/passwd", "482915", kStart);
    const auto wrong = store->verify("t-017", "000001", kStart);
    REQUIRE(unknown.has_value());
    REQUIRE(malformed.has_value());
    REQUIRE(wrong.has_value());
    CHECK(isRejected(*unknown, 4));
    CHECK(isRejected(*malformed, 3));
    CHECK(isRejected(*wrong, 2));
}

TEST_CASE("an unknown id costs as much time as a wrong PIN (production hash cost)") {
    TempFolder folder;
    PinStoreOptions options;  // Interactive: about 0.1 s per hash
    options.maxFailedPins = 100;
    auto store = openStore(folder, options);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    const auto timeOf = [&](const char* id) {
        std::vector<double> seconds;
        for (int i = 0; i < 3; ++i) {
            const auto start = std::chrono::steady_clock::now();
            REQUIRE(store->verify(id, "000001", kStart).has_value());
            seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(seconds.begin(), seconds.end());
        return seconds[1];
    };
    const double known = timeOf("t-017");
    const double unknown = timeOf("t-999");
    INFO("known id " << known << " s, unknown id " << unknown << " s");
    CHECK(known > 0.01);  // really a memory-hard hash
    CHECK(unknown > known / 3);
    CHECK(unknown < known * 3);
}

TEST_CASE("both files are written with mode 0600") {
    TempFolder folder;
    auto store = openStore(folder);
    REQUIRE(store->setPin("t-017", "482915").has_value());
    REQUIRE(store->verify("t-017", "000001", kStart).has_value());
    for (const auto& path : {store->pinFile(), store->lockoutFile()}) {
        struct stat info {};
        REQUIRE(::stat(path.c_str(), &info) == 0);
        INFO(path);
        CHECK((info.st_mode & 0777) == 0600);
    }
    // No temporary files left behind.
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder.path())) ++entries;
    CHECK(entries == 2);
}

TEST_CASE("a hash made with weaker parameters is upgraded at the next login, never downgraded") {
    TempFolder folder;
    {
        auto weak = openStore(folder);
        REQUIRE(weak->setPin("t-017", "482915").has_value());
    }
    const auto before = readText(folder.path() / "technician-pins.json");
    CHECK(before.find("m=8,") != std::string::npos);  // MEMLIMIT_MIN, 8 KiB

    auto strong = openStore(folder, PinStoreOptions{});
    REQUIRE(std::holds_alternative<Accepted>(strong->verify("t-017", "482915", kStart).value()));
    const auto after = readText(folder.path() / "technician-pins.json");
    CHECK(after.find("m=65536,") != std::string::npos);  // MEMLIMIT_INTERACTIVE, 64 MiB
    REQUIRE(std::holds_alternative<Accepted>(strong->verify("t-017", "482915", kStart).value()));

    auto weakAgain = openStore(folder);
    REQUIRE(std::holds_alternative<Accepted>(weakAgain->verify("t-017", "482915", kStart).value()));
    CHECK(readText(folder.path() / "technician-pins.json") == after);
}

TEST_CASE("a PIN set by another process (kioskctl) is seen without a restart") {
    TempFolder folder;
    auto kiosk = openStore(folder);
    auto tool = openStore(folder);
    REQUIRE(tool->setPin("t-020", "571938").has_value());
    CHECK(std::holds_alternative<Accepted>(kiosk->verify("t-020", "571938", kStart).value()));
}

TEST_CASE("a damaged PIN file is an error, not an empty store") {
    TempFolder folder;
    { std::ofstream(folder.path() / "technician-pins.json") << "{\"t-017\": \"$argon2id$\\\"\"}"; }
    CHECK_FALSE(PinStore::open(folder.path() / "technician-pins.json", fast(), kStart).has_value());
}

TEST_CASE("wipePin overwrites and empties") {
    std::string pin = "482915";
    wipePin(pin);
    CHECK(pin.empty());
}

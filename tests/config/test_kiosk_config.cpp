#include <catch2/catch.hpp>

#include "app/config/kiosk_config.h"
#include "tests/support/test_paths.h"

using kiosk::config::loadConfig;
using kiosk::config::parseConfig;

namespace {
const std::string kMinimal = R"({"kiosk_id":"K1","port_of_entry":"Test","mode":"simulator",
  "accepted_programs":["GLOBAL_ENTRY"],"customs_questions":["food"],
  "member_list":{"seed_file":"members.json"},"simulator":{"travelers_file":"t.json"}})";

std::string withField(const std::string& field) {
    return kMinimal.substr(0, kMinimal.size() - 1) + "," + field + "}";
}
}  // namespace

TEST_CASE("the bundled simulator configuration loads") {
    auto config = loadConfig(kiosk::test::sourceDir() / "kiosk-config/simulator.json");
    REQUIRE(config.has_value());
    CHECK(config->simulator);
    CHECK(config->kioskId == "SIM-01");
    CHECK(config->acceptedPrograms.size() == 4);
    CHECK(config->biometrics.falseMatchRate == Approx(1e-4));
    CHECK(std::filesystem::exists(config->memberList.seedFile));
}

TEST_CASE("relative paths resolve against the configuration file") {
    auto config = parseConfig(kMinimal, "/etc/kiosk/site.json");
    REQUIRE(config.has_value());
    CHECK(config->memberList.seedFile == "/etc/kiosk/members.json");
    CHECK(config->idleTimeoutSeconds == 45);
}

TEST_CASE("a bad field stops the start with a message naming the field") {
    struct Case {
        std::string json;
        std::string context;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"{", "site.json", "not valid JSON"},
        {"[]", "site.json", "JSON object"},
        {R"({"port_of_entry":"x","mode":"simulator"})", "kiosk_id", "required"},
        {withField(R"("biometrics":{"false_match_rate":0.5})"), "biometrics.false_match_rate",
         "between"},
        {withField(R"("biometrics":{"max_attempts":2.5})"), "biometrics.max_attempts", "whole number"},
        {withField(R"("idle_timeout_seconds":"45")"), "idle_timeout_seconds", "must be a number"},
        {withField(R"("idle_timout_seconds":45)"), "idle_timout_seconds", "not a known setting"},
        {withField(R"("printer":{"dots_per_line":580})"), "printer.dots_per_line", "multiple of 8"},
        {withField(R"("devices":{"receipt_printer":"epson"})"), "devices.receipt_printer", "epson"},
        {withField(R"("random_referral_rate":-0.1)"), "random_referral_rate", "between"},
    };
    for (const auto& c : cases) {
        INFO(c.json);
        auto config = parseConfig(c.json, "site.json");
        REQUIRE_FALSE(config.has_value());
        CHECK(config.error().code == kiosk::Error::Code::Config);
        CHECK_THAT(config.error().describe(), Catch::Contains(c.context));
        CHECK_THAT(config.error().describe(), Catch::Contains(c.message));
    }
}

TEST_CASE("lists are checked against what the kiosk knows") {
    auto unknown = parseConfig(R"({"kiosk_id":"K1","port_of_entry":"T","mode":"simulator",
      "accepted_programs":["GLOBAL_ENTRY","MARS_PASS"],"customs_questions":[],
      "member_list":{"seed_file":"m.json"},"simulator":{"travelers_file":"t.json"}})", "site.json");
    REQUIRE_FALSE(unknown.has_value());
    CHECK_THAT(unknown.error().describe(), Catch::Contains("MARS_PASS"));
    CHECK_THAT(unknown.error().describe(), Catch::Contains("accepted_programs"));

    auto twice = parseConfig(R"({"kiosk_id":"K1","port_of_entry":"T","mode":"simulator",
      "accepted_programs":["NEXUS","NEXUS"],"customs_questions":[],
      "member_list":{"seed_file":"m.json"},"simulator":{"travelers_file":"t.json"}})", "site.json");
    REQUIRE_FALSE(twice.has_value());
    CHECK_THAT(twice.error().describe(), Catch::Contains("twice"));
}

TEST_CASE("a missing configuration file is reported with its path") {
    auto config = loadConfig("/nonexistent/kiosk.json");
    REQUIRE_FALSE(config.has_value());
    CHECK_THAT(config.error().describe(), Catch::Contains("/nonexistent/kiosk.json"));
}

// The passport reader's image-reader choices: "simulated_page" and the "camera" driver with its
// camera_source, validated like every other device setting.
#include <catch2/catch.hpp>

#include "app/config/kiosk_config.h"

using kiosk::config::DeviceSource;
using kiosk::config::parseConfig;

namespace {
const std::string kMinimal = R"({"kiosk_id":"K1","port_of_entry":"Test","mode":"simulator",
  "accepted_programs":["GLOBAL_ENTRY"],"customs_questions":["food"],
  "member_list":{"seed_file":"members.json"},"simulator":{"travelers_file":"t.json"}})";

std::string withReader(const std::string& reader) {
    return kMinimal.substr(0, kMinimal.size() - 1) + R"(,"devices":{"passport_reader":)" + reader + "}}";
}
}  // namespace

TEST_CASE("the passport reader may be the simulator's page reader") {
    auto config = parseConfig(withReader(R"("simulated_page")"), "/etc/kiosk/site.json");
    REQUIRE(config.has_value());
    CHECK(config->passportReader.source == DeviceSource::SimulatedPage);
    CHECK(config->receiptPrinter.source == DeviceSource::Simulated);
}

TEST_CASE("the camera driver takes a device index, a device path, a URL or a recording") {
    struct Case {
        std::string reader;
        std::string source;
    };
    const std::vector<Case> cases = {
        {R"({"driver":"camera","camera_source":0})", "0"},
        {R"({"driver":"camera","camera_source":"2"})", "2"},
        {R"({"driver":"camera","camera_source":"/dev/video0"})", "/dev/video0"},
        {R"({"driver":"camera","camera_source":"rtsp://10.0.0.5/page"})", "rtsp://10.0.0.5/page"},
        {R"({"driver":"camera","camera_source":"frames/%03d.png"})", "/etc/kiosk/frames/%03d.png"},
    };
    for (const auto& c : cases) {
        INFO(c.reader);
        auto config = parseConfig(withReader(c.reader), "/etc/kiosk/site.json");
        REQUIRE(config.has_value());
        CHECK(config->passportReader.source == DeviceSource::Camera);
        CHECK(config->passportReader.cameraSource == c.source);
    }
}

TEST_CASE("a bad image reader setting stops the start with the field named") {
    struct Case {
        std::string reader;
        std::string context;
        std::string message;
    };
    const std::vector<Case> cases = {
        {R"("camera")", "devices.passport_reader", "simulated_page"},
        {R"({"driver":"camera"})", "devices.passport_reader.camera_source", "required"},
        {R"({"driver":"camera","camera_source":""})", "devices.passport_reader.camera_source", "must name the camera"},
        {R"({"driver":"camera","camera_source":-1})", "devices.passport_reader.camera_source", "device index"},
        {R"({"driver":"camera","camera_source":1.5})", "devices.passport_reader.camera_source", "device index"},
        {R"({"driver":"camera","camera_source":true})", "devices.passport_reader.camera_source", "must be a string"},
        {R"({"driver":"camera","camera_source":0,"usb":"1209:0001"})", "devices.passport_reader.usb",
         "not a setting of the camera driver"},
        {R"({"driver":"webcam","camera_source":0})", "devices.passport_reader.driver", "camera"},
    };
    for (const auto& c : cases) {
        INFO(c.reader);
        auto config = parseConfig(withReader(c.reader), "site.json");
        REQUIRE_FALSE(config.has_value());
        CHECK(config.error().code == kiosk::Error::Code::Config);
        CHECK_THAT(config.error().describe(), Catch::Contains(c.context));
        CHECK_THAT(config.error().describe(), Catch::Contains(c.message));
    }
}

TEST_CASE("only the passport reader is an image reader") {
    const auto json = kMinimal.substr(0, kMinimal.size() - 1) +
                      R"(,"devices":{"fingerprint_scanner":{"driver":"camera","camera_source":0}}})";
    auto config = parseConfig(json, "site.json");
    REQUIRE_FALSE(config.has_value());
    CHECK_THAT(config.error().describe(), Catch::Contains("devices.fingerprint_scanner.driver"));
    auto page = parseConfig(kMinimal.substr(0, kMinimal.size() - 1) + R"(,"devices":{"receipt_printer":"simulated_page"}})",
                            "site.json");
    REQUIRE_FALSE(page.has_value());
    CHECK_THAT(page.error().describe(), Catch::Contains("devices.receipt_printer"));
}

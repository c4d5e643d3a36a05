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
        {withField(R"("audit":{"retention_days":0})"), "audit.retention_days", "between"},
        {withField(R"("technician":{"max_failed_pins":50})"), "technician.max_failed_pins", "between"},
        {withField(R"("technician":{"idle_timout_seconds":60})"), "technician.idle_timout_seconds", "not a known setting"},
        {withField(R"("printer":{"retract_after_seconds":-1})"), "printer.retract_after_seconds", "between"},
        {R"({"kiosk_id":"K1","port_of_entry":"T","mode":"simulator","accepted_programs":["NEXUS"],
            "customs_questions":[],"simulator":{"travelers_file":"t.json"},
            "member_list":{"sync_source":"/media/usb"}})", "member_list.publisher_key_file", "required"},
        {R"({"kiosk_id":"K1","port_of_entry":"T","mode":"simulator","accepted_programs":["NEXUS"],
            "customs_questions":[],"simulator":{"travelers_file":"t.json"},
            "member_list":{"sync_source":"https://lists.example/", "publisher_key_file":"p.pub",
            "sync_interval_seconds":5}})", "member_list.sync_interval_seconds", "between"},
        // USB devices: every field is checked and named.
        {withField(R"("devices":{"passport_reader":{"usb":"1209:0001"}})"), "devices.passport_reader.driver",
         "required"},
        {withField(R"("devices":{"passport_reader":{"driver":"r30x-cp210x","usb":"1209:0001"}})"),
         "devices.passport_reader.driver", "hid-keyboard, cdc-acm"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer"}})"), "devices.receipt_printer.usb",
         "required"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209-0003"}})"),
         "devices.receipt_printer.usb", "vendor:product"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"12g9:0003"}})"),
         "devices.receipt_printer.usb", "12g9:0003"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"0000:0003"}})"),
         "devices.receipt_printer.usb", "vendor 0000"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","bus_path":"1.4"}})"),
         "devices.receipt_printer.bus_path", "1-4.2"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","serial":""}})"),
         "devices.receipt_printer.serial", "not be empty"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","serial":7}})"),
         "devices.receipt_printer.serial", "must be a string"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","bulk_in_endpoint":"0x01"}})"),
         "devices.receipt_printer.bulk_in_endpoint", "IN endpoint"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","bulk_out_endpoint":"0x81"}})"),
         "devices.receipt_printer.bulk_out_endpoint", "OUT endpoint"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","bulk_out_endpoint":"129"}})"),
         "devices.receipt_printer.bulk_out_endpoint", "endpoint address"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","full_status":1}})"),
         "devices.receipt_printer.full_status", "true or false"},
        {withField(R"("devices":{"receipt_printer":{"driver":"usb-printer","usb":"1209:0003","has_led":true}})"),
         "devices.receipt_printer.has_led", "not a setting of the usb-printer driver"},
        {withField(R"("devices":{"fingerprint_scanner":{"driver":"r30x-cp210x","usb":"10c4:ea60","baud":50000}})"),
         "devices.fingerprint_scanner.baud", "multiple of 9600"},
        {withField(R"("devices":{"fingerprint_scanner":{"driver":"r30x-cp210x","usb":"10c4:ea60","address":"FFFF"}})"),
         "devices.fingerprint_scanner.address", "8 hexadecimal digits"},
        {withField(R"("devices":{"fingerprint_scanner":{"driver":"r30x-cp210x","usb":"10c4:ea60","dpi":2000}})"),
         "devices.fingerprint_scanner.dpi", "between"},
        {withField(R"("devices":{"passport_reader":{"driver":"cdc-acm","usb":"1209:0002","parity":"mark"}})"),
         "devices.passport_reader.parity", "mark"},
        {withField(R"("devices":{"passport_reader":{"driver":"cdc-acm","usb":"1209:0002","communications_interface":1,"data_interface":1}})"),
         "devices.passport_reader.data_interface", "differ"},
        {withField(R"("devices":{"passport_reader":{"driver":"hid-keyboard","usb":"1209:0001","idle_gap_ms":1}})"),
         "devices.passport_reader.idle_gap_ms", "between"},
        {withField(R"("devices":{"passport_reader":42})"), "devices.passport_reader", "\"simulated\" or an object"},
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

TEST_CASE("devices are simulated unless an object names a USB driver") {
    auto simulated = parseConfig(kMinimal, "site.json");
    REQUIRE(simulated.has_value());
    CHECK(simulated->passportReader.source == kiosk::config::DeviceSource::Simulated);
    CHECK(simulated->receiptPrinter.source == kiosk::config::DeviceSource::Simulated);

    auto usb = parseConfig(withField(R"("devices":{
        "passport_reader":{"driver":"cdc-acm","usb":"1209:0002","serial":"ACM0001","bus_path":"1-4.2",
                           "baud":115200,"parity":"even","stop_bits":2,"data_bits":7,"bulk_in_endpoint":"0x82"},
        "fingerprint_scanner":{"driver":"r30x-cp210x","usb":"10C4:EA60","address":"FFFFFFFF","baud":57600,
                               "has_led":false,"capture_timeout_ms":15000,"dpi":500},
        "receipt_printer":{"driver":"usb-printer","usb":"1209:0003","full_status":false,"bulk_out_endpoint":"0x02"}})"),
                           "site.json");
    REQUIRE(usb.has_value());
    using kiosk::config::DeviceSource;
    using kiosk::config::UsbDriver;
    const auto& reader = usb->passportReader;
    CHECK(reader.source == DeviceSource::Usb);
    CHECK(reader.usb.driver == UsbDriver::CdcAcm);
    CHECK(reader.usb.vendorId == 0x1209);
    CHECK(reader.usb.productId == 0x0002);
    CHECK(reader.usb.serial == "ACM0001");
    CHECK(reader.usb.busPath == "1-4.2");
    CHECK(reader.usb.baud == 115200u);
    CHECK(reader.usb.parity == 2);
    CHECK(reader.usb.stopBits == 2);
    CHECK(reader.usb.dataBits == 7);
    CHECK(reader.usb.inEndpoint == 0x82);
    CHECK_FALSE(reader.usb.idleGapMs.has_value());
    const auto& scanner = usb->fingerprintScanner;
    CHECK(scanner.usb.driver == UsbDriver::R30xCp210x);
    CHECK(scanner.usb.vendorId == 0x10c4);
    CHECK(scanner.usb.productId == 0xea60);
    CHECK(scanner.usb.moduleAddress == 0xFFFFFFFFu);
    CHECK(scanner.usb.hasLed == false);
    CHECK(scanner.usb.captureTimeoutMs == 15000);
    const auto& printer = usb->receiptPrinter;
    CHECK(printer.usb.driver == UsbDriver::UsbPrinter);
    CHECK(printer.usb.fullStatus == false);
    CHECK(printer.usb.outEndpoint == 0x02);
    CHECK(printer.usb.serial.empty());
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

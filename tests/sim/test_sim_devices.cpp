// The simulated devices behave as the workflow expects real ones to, and the synthetic world gives
// each traveler a valid passport and fingers of their own.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/matcher.h"
#include "app/documents/mrz_parser.h"
#include "devices/printer/escpos_encoder.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/simulator_hands.h"
#include "devices/sim/fingerprints/platen_model.h"
#include "devices/sim/synthetic_world.h"
#include "tests/support/test_paths.h"

using namespace kiosk;

namespace {
GreyImage tinyImage() { return GreyImage{2, 2, 500, {0, 1, 2, 3}}; }
}  // namespace

TEST_CASE("the scanner delivers a finger placed during a capture, or keeps it for the next") {
    sim::SimulatedFingerprintScanner scanner;
    int delivered = 0;
    scanner.startCapture([&](Result<GreyImage> image) {
        REQUIRE(image);
        ++delivered;
    });
    CHECK(scanner.capturing());
    CHECK(scanner.health().state == devices::DeviceHealth::State::Busy);
    scanner.placeFinger(tinyImage());
    CHECK(delivered == 1);
    CHECK_FALSE(scanner.capturing());

    scanner.placeFinger(tinyImage());  // before anyone asks
    scanner.startCapture([&](Result<GreyImage> image) {
        REQUIRE(image);
        ++delivered;
    });
    CHECK(delivered == 2);
}

TEST_CASE("unplugging the scanner fails the capture in progress and refuses new ones") {
    sim::SimulatedFingerprintScanner scanner;
    std::optional<Error> failure;
    scanner.startCapture([&](Result<GreyImage> image) {
        REQUIRE_FALSE(image);
        failure = image.error();
    });
    scanner.setConnected(false);
    REQUIRE(failure);
    CHECK_THAT(failure->message, Catch::Contains("disconnected"));
    CHECK(scanner.health().state == devices::DeviceHealth::State::Disconnected);
    bool refused = false;
    scanner.startCapture([&](Result<GreyImage> image) { refused = !image; });
    CHECK(refused);
    scanner.setConnected(true);
    CHECK(scanner.health().usable());
}

TEST_CASE("a cancelled capture never calls back") {
    sim::SimulatedFingerprintScanner scanner;
    bool called = false;
    scanner.startCapture([&](Result<GreyImage>) { called = true; });
    scanner.cancelCapture();
    scanner.placeFinger(tinyImage());
    CHECK_FALSE(called);
}

TEST_CASE("the passport reader hands over lines and reads nothing while unplugged") {
    sim::SimulatedPassportReader reader;
    int reads = 0;
    reader.setReadHandler([&](Result<devices::PassportRead> read) {
        REQUIRE(read);
        CHECK(read->mrzLines.size() == 2);
        ++reads;
    });
    reader.present({"line one", "line two"});
    reader.setConnected(false);
    reader.present({"line one", "line two"});
    CHECK(reads == 1);
    CHECK(reader.health().state == devices::DeviceHealth::State::Disconnected);
}

namespace {
// One page: a black band 576 dots wide and 40 high, fed and cut.
escpos::JobBuilder onePageJob() {
    escpos::JobBuilder job;
    const std::vector<std::uint8_t> row(72, 0xFF);
    std::vector<std::uint8_t> rows;
    for (int i = 0; i < 40; ++i) rows.insert(rows.end(), row.begin(), row.end());
    job.initialize().rasterImage(576, 40, rows).feedLines(2).cut(escpos::CutKind::Partial);
    return job;
}
}  // namespace

TEST_CASE("the printer saves each cut page as a PNG, and refuses jobs in a fault state") {
    const auto dir = std::filesystem::temp_directory_path() / "kiosk-test-sim-printer";
    std::filesystem::remove_all(dir);
    sim::SimulatedReceiptPrinter printer(dir, 576);
    const auto job = onePageJob();
    REQUIRE(printer.print(job.bytes()));
    CHECK(std::filesystem::exists(dir / "receipt-001.png"));
    CHECK(printer.pagesPrinted() == 1);

    devices::PrinterStatus outOfPaper;
    outOfPaper.online = true;
    outOfPaper.paperOut = true;
    printer.setStatus(outOfPaper);
    auto refused = printer.print(job.bytes());
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("paper out"));
    CHECK_FALSE(printer.health().usable());
    CHECK(printer.pagesPrinted() == 1);

    printer.setStatus(devices::PrinterStatus{true, false, false, false, false, false});
    const std::vector<std::uint8_t> garbage = {0x1D, 0x76, 0x30, 0x00, 0xFF, 0xFF};
    CHECK_FALSE(printer.print(garbage));  // a truncated raster is an error, not a page
    std::filesystem::remove_all(dir);
}

TEST_CASE("once the page handler is replaced, the old one has finished and never runs again") {
    // A print job runs on the workflow's thread while the handler's owner (the simulator panel) may be
    // destroyed on the UI thread; the old handler once ran after its owner was gone (test_qml crashed
    // at exit about once in 180 runs). setPageHandler must wait for a call in progress.
    const auto dir = std::filesystem::temp_directory_path() / "kiosk-test-sim-printer-handler";
    std::filesystem::remove_all(dir);
    sim::SimulatedReceiptPrinter printer(dir, 576);
    const auto job = onePageJob();

    std::atomic<bool> entered{false}, finished{false};
    std::atomic<int> calls{0};
    printer.setPageHandler([&](const std::filesystem::path&) {
        ++calls;
        entered = true;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a slow handler: the window
        finished = true;
    });
    std::thread printing([&] { REQUIRE(printer.print(job.bytes())); });
    while (!entered) std::this_thread::yield();
    printer.setPageHandler(nullptr);
    CHECK(finished);  // returned only after the call in progress
    printing.join();
    REQUIRE(printer.print(job.bytes()));
    CHECK(calls == 1);  // and the old handler is not called again
    CHECK(printer.pagesPrinted() == 2);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the synthetic world's travelers have valid passports and fingers of their own") {
    auto world = sim::SyntheticWorld::load(test::sourceDir() / "assets/scenarios/travelers.json");
    REQUIRE(world);
    REQUIRE(world->travelers().size() >= 5);
    for (const auto& t : world->travelers()) {
        INFO(t.id);
        auto lines = world->mrzLines(t);
        REQUIRE(lines);
        documents::ParseOptions options;
        options.today = {2026, 11, 26};
        auto parsed = documents::parseMrz(*lines, options);
        REQUIRE(parsed);
        CHECK(parsed->documentNumber == t.passport.documentNumber);
    }
    const auto* kim = world->find("kim-minji");
    REQUIRE(kim);
    const auto position = kim->fingers.front().position;
    auto enrolled = biometrics::extractTemplate(world->enrolmentImpression(kim->fingers.front()));
    auto genuine = biometrics::extractTemplate(world->impression(*kim, position, sim::FingerPresentation::Genuine, 1));
    auto impostor = biometrics::extractTemplate(world->impression(*kim, position, sim::FingerPresentation::Impostor, 1));
    REQUIRE(enrolled);
    REQUIRE(genuine);
    REQUIRE(impostor);
    const double threshold = biometrics::thresholdForFalseMatchRate(1e-4);
    CHECK(biometrics::compareTemplates(*genuine, *enrolled) >= threshold);
    CHECK(biometrics::compareTemplates(*impostor, *enrolled) < threshold);
}

TEST_CASE("the world has one lookout traveler, an active Global Entry member whose finger matches") {
    auto world = sim::SyntheticWorld::load(test::sourceDir() / "assets/scenarios/travelers.json");
    REQUIRE(world);
    const auto* ana = world->find("ana-lima");
    REQUIRE(ana);
    CHECK(ana->lookout);
    CHECK(ana->passport.issuingState == "BRA");
    CHECK(ana->passport.nationality == "BRA");
    CHECK(ana->passport.sex == 'F');
    CHECK_FALSE(ana->memberId.empty());
    REQUIRE(ana->programs.size() == 1);
    CHECK(ana->programs[0].program == "GLOBAL_ENTRY");
    CHECK(ana->programs[0].status == "active");
    CHECK(ana->passport.expiryDate.daysSinceEpoch() > CalendarDate{2026, 11, 26}.daysSinceEpoch());
    for (const auto& t : world->travelers())
        if (t.id != "ana-lima") CHECK_FALSE(t.lookout);
    REQUIRE_FALSE(ana->fingers.empty());
    const auto& f = ana->fingers.front();
    auto enrolled = biometrics::extractTemplate(world->enrolmentImpression(f));
    auto genuine = biometrics::extractTemplate(world->impression(*ana, f.position, sim::FingerPresentation::Genuine, 1));
    REQUIRE(enrolled);
    REQUIRE(genuine);
    CHECK(biometrics::compareTemplates(*genuine, *enrolled) >= biometrics::thresholdForFalseMatchRate(1e-4));
}

TEST_CASE("a lookout that is not a boolean, or on a non-member, is refused") {
    const auto file = std::filesystem::temp_directory_path() / "kiosk-test-travelers-lookout.json";
    for (const char* member : {R"("member":{"member_id":"X1","lookout":"yes"})", R"("member":{"lookout":true})"}) {
        INFO(member);
        {
            std::FILE* f = std::fopen(file.c_str(), "w");
            REQUIRE(f);
            std::fprintf(f,
                         R"({"format":"kiosk-synthetic-travelers","travelers":[{"id":"x","surname":"X","given_names":"Y",)"
                         R"("sex":"F","issuing_state":"BRA","nationality":"BRA","document_number":"AB123456",)"
                         R"("birth_date":"1990-01-01","expiry_date":"2033-01-01",%s}]})",
                         member);
            std::fclose(f);
        }
        auto world = sim::SyntheticWorld::load(file);
        REQUIRE_FALSE(world);
        CHECK_THAT(world.error().describe(), Catch::Contains("travelers[0]"));
        CHECK_THAT(world.error().describe(), Catch::Contains("lookout"));
    }
    std::filesystem::remove(file);
}

TEST_CASE("a malformed travelers file is refused with the place named") {
    const auto file = std::filesystem::temp_directory_path() / "kiosk-test-travelers.json";
    {
        std::FILE* f = std::fopen(file.c_str(), "w");
        REQUIRE(f);
        std::fputs(R"({"format":"kiosk-synthetic-travelers","travelers":[{"id":"x","birth_date":"1990-02-30"}]})", f);
        std::fclose(f);
    }
    auto world = sim::SyntheticWorld::load(file);
    REQUIRE_FALSE(world);
    CHECK_THAT(world.error().describe(), Catch::Contains("travelers[0]"));
    CHECK_THAT(world.error().describe(), Catch::Contains("birth_date"));
    std::filesystem::remove(file);
}

TEST_CASE("the simulator's platen conditions: ideal leaves the platen white, worn is uneven, dirty also has dirt, wiping removes it") {
    CHECK(kiosk::sim::platenPreset("ideal"));
    CHECK_FALSE(kiosk::sim::platenPreset("sticky"));
    auto scanner = std::make_shared<kiosk::sim::SimulatedFingerprintScanner>();
    kiosk::sim::SimulatedDeviceHands hands(nullptr, scanner, nullptr);
    const auto spread = [&] {
        auto frame = scanner->captureFrame();
        REQUIRE(frame);
        const auto [lo, hi] = std::minmax_element(frame->pixels.begin(), frame->pixels.end());
        return int(*hi) - int(*lo);
    };
    REQUIRE(hands.setPlatenCondition("ideal"));
    CHECK(spread() == 0);
    REQUIRE(hands.setPlatenCondition("worn"));
    CHECK(spread() > 60);
    CHECK_FALSE(scanner->platen().latentPrintBounds());
    REQUIRE(hands.setPlatenCondition("dirty"));
    CHECK(scanner->platen().latentPrintBounds());
    hands.wipePlaten();
    CHECK_FALSE(scanner->platen().latentPrintBounds());
    CHECK_FALSE(hands.setPlatenCondition("sticky"));
}

// The simulator's passport reader as an image reader: it photographs the presented passport's data
// page and hands over the picture (never the lines) on its own thread.
#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/synthetic_world.h"
#include "tests/support/test_paths.h"

using namespace kiosk;

namespace {

struct Delivered {
    std::mutex mutex;
    std::condition_variable arrived;
    std::vector<Result<devices::PassportRead>> reads;
    std::thread::id thread;

    devices::PassportReader::ReadHandler handler() {
        return [this](Result<devices::PassportRead> r) {
            std::lock_guard lock(mutex);
            reads.push_back(std::move(r));
            thread = std::this_thread::get_id();
            arrived.notify_all();
        };
    }
    bool waitFor(std::size_t count) {
        std::unique_lock lock(mutex);
        return arrived.wait_for(lock, std::chrono::seconds(20), [&] { return reads.size() >= count; });
    }
};

std::vector<std::string> kimsLines() {
    auto world = sim::SyntheticWorld::load(test::sourceDir() / "assets/scenarios/travelers.json");
    REQUIRE(world);
    const auto* kim = world->find("kim-minji");
    REQUIRE(kim);
    auto lines = world->mrzLines(*kim);
    REQUIRE(lines);
    return *lines;
}

double mean(const GreyImage& image) {
    double sum = 0;
    for (auto p : image.pixels) sum += p;
    return sum / static_cast<double>(image.pixels.size());
}

}  // namespace

TEST_CASE("an image reader hands over a photograph of the page, on its own thread") {
    sim::SimulatedPassportReader reader;
    Delivered delivered;
    reader.setReadHandler(delivered.handler());
    reader.capturePages(sim::PageCapture{});
    CHECK(reader.name() == "simulated page reader");
    const auto lines = kimsLines();
    reader.present(lines);
    CHECK(reader.documentPresent());
    REQUIRE(delivered.waitFor(1));
    CHECK(delivered.thread != std::this_thread::get_id());
    auto& read = delivered.reads.at(0);
    REQUIRE(read);
    CHECK(read->mrzLines.empty());
    REQUIRE(read->page);
    REQUIRE(read->page->isValid());
    CHECK(read->page->width == 1000);
    CHECK(read->page->height == 700);
    // The same presentation with the same seed is the same photograph; the next one differs.
    const auto again = sim::SimulatedPassportReader::photograph(lines, sim::Degradation::Mild, 1);
    CHECK(again.pixels == read->page->pixels);
    CHECK(sim::SimulatedPassportReader::photograph(lines, sim::Degradation::Mild, 2).pixels != again.pixels);
}

TEST_CASE("a smudged or unprintable MRZ is photographed as a page without one") {
    sim::SimulatedPassportReader reader;
    Delivered delivered;
    reader.setReadHandler(delivered.handler());
    reader.capturePages(sim::PageCapture{});
    reader.presentUnreadable("no machine readable zone found");
    auto broken = kimsLines();
    broken[1][9] = broken[1][9] == '0' ? '1' : '0';  // the document number's check digit, wrong
    reader.present(broken);
    REQUIRE(delivered.waitFor(2));
    const auto blank = sim::SimulatedPassportReader::pageWithoutMrz();
    for (auto& read : delivered.reads) {
        REQUIRE(read);
        REQUIRE(read->page);
        CHECK(read->page->pixels == blank.pixels);
    }
    CHECK(mean(blank) > 100);  // a page lies on the glass: it is not an empty frame
}

TEST_CASE("an unplugged image reader photographs nothing, and a text reader stays a text reader") {
    sim::SimulatedPassportReader reader;
    Delivered delivered;
    reader.setReadHandler(delivered.handler());
    reader.capturePages(sim::PageCapture{});
    reader.setConnected(false);
    reader.present(kimsLines());
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    CHECK(delivered.reads.empty());

    reader.setConnected(true);
    reader.capturePages(std::nullopt);
    reader.present(kimsLines());
    REQUIRE(delivered.waitFor(1));  // synchronous: already there
    CHECK(delivered.thread == std::this_thread::get_id());
    REQUIRE(delivered.reads.at(0));
    CHECK(delivered.reads.at(0)->mrzLines == kimsLines());
    CHECK_FALSE(delivered.reads.at(0)->page);
}

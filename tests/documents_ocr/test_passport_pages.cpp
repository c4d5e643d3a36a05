#include <catch2/catch.hpp>

#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "devices/sim/passports/passport_page_generator.h"

using namespace kiosk;
using documents::DocumentFormat;

TEST_CASE("synthetic documents are valid and their MRZ is the writer's", "[sim][passports]") {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        const auto format = seed % 3 == 0 ? DocumentFormat::TD1 : DocumentFormat::TD3;
        const auto document = sim::syntheticDocument(seed, format);
        const auto page = sim::renderDataPage(document, seed);
        REQUIRE(page.has_value());
        const auto lines = format == DocumentFormat::TD1 ? documents::writeTd1(document) : documents::writeTd3(document);
        REQUIRE(lines.has_value());
        CHECK(page->mrz == *lines);
        CHECK(documents::analyseMrz(page->mrz, {{2025, 6, 1}, false}).valid());
    }
}

TEST_CASE("data pages have the ICAO size and the MRZ at the bottom", "[sim][passports]") {
    const auto td3 = sim::renderDataPage(sim::syntheticDocument(7, DocumentFormat::TD3), 7);
    REQUIRE(td3.has_value());
    CHECK(td3->image.width == 1000);
    CHECK(td3->image.height == 704);
    CHECK(td3->image.isValid());
    // 44 characters at 2.54 mm and 8 px/mm: 894 px wide, within the lowest 23 mm of the page.
    CHECK(td3->mrzCorners[1][0] - td3->mrzCorners[0][0] == Approx(44 * 2.54 * 8).margin(1));
    CHECK(td3->mrzCorners[0][1] > 704 - 23 * 8);
    const auto td1 = sim::renderDataPage(sim::syntheticDocument(7, DocumentFormat::TD1), 7);
    REQUIRE(td1.has_value());
    CHECK(td1->image.width == 942);
    CHECK(td1->image.height == 594);
    CHECK(td1->mrz.size() == 3);
}

TEST_CASE("pages and captures are deterministic per seed", "[sim][passports]") {
    const auto a = sim::syntheticPage(42, sim::Degradation::Hard, DocumentFormat::TD3);
    const auto b = sim::syntheticPage(42, sim::Degradation::Hard, DocumentFormat::TD3);
    const auto c = sim::syntheticPage(43, sim::Degradation::Hard, DocumentFormat::TD3);
    REQUIRE(a.has_value());
    REQUIRE(b.has_value());
    REQUIRE(c.has_value());
    CHECK(a->page.image.pixels == b->page.image.pixels);
    CHECK(a->page.image.pixels != c->page.image.pixels);
    CHECK(a->page.image.width == 1000);
    CHECK(a->page.image.height == 700);
}

TEST_CASE("capture conditions grow with the level and keep the MRZ in the frame", "[sim][passports]") {
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        const auto mild = sim::captureConditions(sim::Degradation::Mild, seed);
        const auto hard = sim::captureConditions(sim::Degradation::Hard, seed);
        CHECK(std::abs(mild.rotation) <= 3.0);
        CHECK_FALSE(mild.upsideDown);
        CHECK(std::abs(hard.rotation) <= 15.0);
        CHECK(hard.blurSigma >= mild.blurSigma);
        CHECK(hard.contrast <= 0.7);
        const auto page = sim::syntheticPage(seed, sim::Degradation::Hard, seed % 2 ? DocumentFormat::TD1 : DocumentFormat::TD3);
        REQUIRE(page.has_value());
        for (const auto& corner : page->page.mrzCorners) {
            CHECK(corner[0] > 0);
            CHECK(corner[0] < 1000);
            CHECK(corner[1] > 0);
            CHECK(corner[1] < 700);
        }
    }
}

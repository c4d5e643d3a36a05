#pragma once
// Shared by the OCR tests: one reader for the whole run (building the templates takes a moment).
#include <catch2/catch.hpp>

#include "app/documents/ocr/mrz_reader.h"
#include "devices/sim/passports/passport_page_generator.h"

namespace kiosk::documents::ocr::test {

inline const MrzReader& reader() {
    static const MrzReader instance = [] {
        auto created = MrzReader::create();
        REQUIRE(created.has_value());
        return *created;
    }();
    return instance;
}

inline const ParseOptions kOptions{{2025, 6, 1}, true};

// Page `i` of the OCR benchmark at `level`, seeded and formatted as bench_documents_ocr makes it (every
// fourth page an ID card; `seedOffset` as its --seed-offset, 0 for the first set).
inline sim::SyntheticPage benchPage(sim::Degradation level, int i, std::uint64_t seedOffset = 0) {
    const std::uint64_t seed = 1000003ULL * static_cast<std::uint64_t>(static_cast<int>(level)) + static_cast<std::uint64_t>(i) + seedOffset;
    auto captured = sim::syntheticPage(seed, level, i % 4 == 3 ? DocumentFormat::TD1 : DocumentFormat::TD3);
    REQUIRE(captured.has_value());
    return std::move(*captured);
}

// A check that the reader reads bench page `i` exactly.
inline void readsBenchPage(sim::Degradation level, int i, std::uint64_t seedOffset = 0) {
    const auto captured = benchPage(level, i, seedOffset);
    const auto result = reader().read(captured.page.image, kOptions);
    INFO(sim::degradationName(level) << " page " << i << " (seed offset " << seedOffset << ")" << (result ? "" : ": " + result.error().describe()));
    REQUIRE(result.has_value());
    CHECK(result->lines == captured.page.mrz);
}

}  // namespace kiosk::documents::ocr::test

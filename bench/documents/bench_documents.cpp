// MRZ parse throughput on one core over a fixed, seeded set of valid TD3 documents made with writeTd3.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "bench/bench_report.h"

using namespace kiosk::documents;

namespace {

std::vector<std::vector<std::string>> makeDocuments(int count) {
    std::mt19937 rng(9303);
    const auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* states[] = {"KOR", "D", "UTO", "GBR", "USA", "FRA", "JPN", "CHN"};
    const auto word = [&](int len) {
        std::string w;
        for (int k = 0; k < len; ++k) {
            w += static_cast<char>('A' + pick(26));
        }
        return w;
    };
    std::vector<std::vector<std::string>> documents;
    documents.reserve(static_cast<std::size_t>(count));
    while (static_cast<int>(documents.size()) < count) {
        TravelDocument d;
        d.documentCode = "P";
        d.issuingState = states[pick(8)];
        d.nationality = states[pick(8)];
        d.primaryIdentifier = word(2 + pick(10));
        d.secondaryIdentifier = word(2 + pick(8)) + (pick(2) ? " " + word(2 + pick(6)) : "");
        d.documentNumber = word(1) + std::to_string(10000000 + pick(89999999));
        d.birthDate = kiosk::CalendarDate{1940 + pick(80), 1 + pick(12), 1 + pick(28)};
        d.expiryDate = kiosk::CalendarDate{2026 + pick(10), 1 + pick(12), 1 + pick(28)};
        d.sex = pick(2) ? 'M' : 'F';
        if (pick(2)) {
            d.optionalData = std::to_string(pick(1000000000));
        }
        if (auto lines = writeTd3(d)) {
            documents.push_back(std::move(*lines));
        }
    }
    return documents;
}

}  // namespace

int main() {
    const auto documents = makeDocuments(4096);
    const ParseOptions options{{2025, 6, 1}, false};
    using Clock = std::chrono::steady_clock;

    // Warm-up, then as many whole passes as fit in about a second.
    std::size_t valid = 0;
    for (const auto& d : documents) {
        valid += parseMrz(d, options).has_value() ? 1 : 0;
    }
    if (valid != documents.size()) {
        std::fprintf(stderr, "bench_documents: %zu of %zu documents failed to parse\n", documents.size() - valid,
                     documents.size());
        return 1;
    }
    std::size_t parsed = 0;
    std::size_t checksum = 0;  // keeps the optimiser from dropping the work
    const auto start = Clock::now();
    auto elapsed = Clock::duration::zero();
    while (elapsed < std::chrono::seconds(1)) {
        for (const auto& d : documents) {
            const auto doc = parseMrz(d, options);
            checksum += doc->documentNumber.size() + static_cast<std::size_t>(doc->expiryDate.day);
        }
        parsed += documents.size();
        elapsed = Clock::now() - start;
    }
    const double seconds = std::chrono::duration<double>(elapsed).count();
    kiosk::bench::report("documents", "TD3 parse throughput (1 core)", static_cast<double>(parsed) / seconds,
                         "documents/s");

    std::size_t analysed = 0;
    const auto startReport = Clock::now();
    for (int pass = 0; pass < 50; ++pass) {
        for (const auto& d : documents) {
            checksum += analyseMrz(d, options).checks.size();
        }
        analysed += documents.size();
    }
    const double reportSeconds = std::chrono::duration<double>(Clock::now() - startReport).count();
    kiosk::bench::report("documents", "TD3 analyse (full report) throughput (1 core)",
                         static_cast<double>(analysed) / reportSeconds, "documents/s");
    return checksum == 0 ? 2 : 0;
}

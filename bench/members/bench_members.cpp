// Member cache figures: import throughput, bytes on disk per member, lookup latency warm and cold.
// Usage: bench_members [members=200000] [lookups=100000]
#include <QByteArray>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "app/members/member_cache.h"
#include "bench/bench_report.h"

using namespace kiosk::members;
using Clock = std::chrono::steady_clock;

namespace {

double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::uintmax_t sizeOr0(const std::filesystem::path& p) {
    std::error_code ec;
    const auto s = std::filesystem::file_size(p, ec);
    return ec ? 0 : s;
}

double percentile(std::vector<double>& v, double p) {
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

// Synthetic members: one or two programs, one passport (every tenth member renewed: two), two fake
// ~300-byte templates. Returns the documents for the lookups.
std::vector<DocumentKey> writeList(const std::filesystem::path& file, std::size_t n, std::mt19937_64& rng) {
    static const char* kIssuers[] = {"USA", "CAN", "MEX", "KOR", "D", "GBR", "FRA", "JPN"};
    static const char* kPrograms[] = {"GLOBAL_ENTRY", "NEXUS", "SENTRI", "KOREA_SES"};
    static const char* kStatus[] = {"active", "active", "active", "suspended", "revoked"};
    std::vector<DocumentKey> documents;
    documents.reserve(n + n / 10);
    std::string out;
    out.reserve(n * 1100);
    out += R"({"format":"kiosk-member-list","version":1,"sequence":1,"created":"2026-11-26T00:00:00Z","members":[)";
    char buf[256];
    QByteArray tpl(300, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        if (i) out += ',';
        std::snprintf(buf, sizeof buf, R"({"member_id":"M%09zu","programs":[)", i);
        out += buf;
        const std::size_t programs = 1 + rng() % 2;
        for (std::size_t p = 0; p < programs; ++p) {
            std::snprintf(buf, sizeof buf, R"(%s{"program":"%s","status":"%s","expires":"20%02d-%02d-%02d"})",
                          p ? "," : "", kPrograms[(i + p) % 4], kStatus[rng() % 5], static_cast<int>(27 + rng() % 8),
                          static_cast<int>(1 + rng() % 12), static_cast<int>(1 + rng() % 28));
            out += buf;
        }
        out += R"(],"documents":[)";
        const kiosk::CalendarDate birth{static_cast<int>(1940 + rng() % 65), static_cast<int>(1 + rng() % 12),
                                        static_cast<int>(1 + rng() % 28)};
        const std::size_t docs = i % 10 == 0 ? 2 : 1;
        for (std::size_t d = 0; d < docs; ++d) {
            DocumentKey key{kIssuers[rng() % 8], "", birth};
            std::snprintf(buf, sizeof buf, "%c%08zu", static_cast<char>('A' + d), i);
            key.documentNumber = buf;
            std::snprintf(buf, sizeof buf, R"(%s{"issuing_state":"%s","number":"%s","birth_date":"%s"})",
                          d ? "," : "", key.issuingState.c_str(), key.documentNumber.c_str(), birth.iso().c_str());
            out += buf;
            documents.push_back(std::move(key));
        }
        out += R"(],"fingers":[)";
        for (int f = 0; f < 2; ++f) {
            for (auto& c : tpl) c = static_cast<char>(rng() & 0xff);
            std::snprintf(buf, sizeof buf, R"(%s{"position":%d,"quality":%d,"iso19794_2":")", f ? "," : "", f + 1,
                          static_cast<int>(40 + rng() % 60));
            out += buf;
            out += tpl.toBase64().toStdString();
            out += "\"}";
        }
        out += "]}";
    }
    out += "]}";
    std::ofstream(file, std::ios::binary).write(out.data(), static_cast<std::streamsize>(out.size()));
    return documents;
}

int fail(const kiosk::Error& e) {
    std::fprintf(stderr, "bench_members: %s\n", e.describe().c_str());
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 200'000;
    const std::size_t lookups = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100'000;
    if (n == 0 || lookups == 0) {
        std::fprintf(stderr, "usage: bench_members [members>0] [lookups>0]\n");
        return 2;
    }
    const auto dir = std::filesystem::temp_directory_path() / ("kiosk-bench-members-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    struct Cleanup {
        std::filesystem::path dir;
        ~Cleanup() {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        }
    } cleanup{dir};

    std::mt19937_64 rng(20261126);
    const auto listFile = dir / "members.json";
    const auto documents = writeList(listFile, n, rng);
    const auto dbFile = dir / "members.sqlite";
    std::array<std::uint8_t, DeploymentKey::kSize> keyBytes{};
    keyBytes.fill(0x5a);

    {
        auto cache = MemberCache::open(dbFile, DeploymentKey::fromBytes(keyBytes));
        if (!cache) return fail(cache.error());
        const auto t0 = Clock::now();
        auto imported = cache->importMemberList(listFile);
        const auto t1 = Clock::now();
        if (!imported) return fail(imported.error());
        kiosk::bench::report("members", "import throughput", static_cast<double>(n) / seconds(t1 - t0), "members/s");
        kiosk::bench::report("members", "import time", seconds(t1 - t0), "s");
        kiosk::bench::report("members", "member list size per member",
                             static_cast<double>(sizeOr0(listFile)) / static_cast<double>(n), "bytes");
    }
    const auto onDisk = sizeOr0(dbFile) + sizeOr0(dbFile.string() + "-wal");
    kiosk::bench::report("members", "size on disk per member", static_cast<double>(onDisk) / static_cast<double>(n),
                         "bytes");

    // Cold: a fresh connection (empty SQLite page cache, OS cache as the import left it).
    const auto t0 = Clock::now();
    auto cache = MemberCache::open(dbFile, DeploymentKey::fromBytes(keyBytes));
    const auto t1 = Clock::now();
    if (!cache) return fail(cache.error());
    kiosk::bench::report("members", "open with integrity check", seconds(t1 - t0) * 1000.0, "ms");
    std::uniform_int_distribution<std::size_t> pick(0, documents.size() - 1);
    {
        const auto& doc = documents[pick(rng)];
        const auto c0 = Clock::now();
        auto r = cache->lookup(doc);
        const auto c1 = Clock::now();
        if (!r) return fail(r.error());
        if (!r->has_value()) return fail({kiosk::Error::Code::Internal, "a generated member was not found", {}, 0});
        kiosk::bench::report("members", "first lookup after open (cold)", micros(c1 - c0), "us");
    }

    std::vector<double> latencies;
    latencies.reserve(lookups);
    std::size_t templateBytes = 0;
    for (std::size_t i = 0; i < lookups; ++i) {
        const auto& doc = documents[pick(rng)];
        const auto c0 = Clock::now();
        auto r = cache->lookup(doc);
        const auto c1 = Clock::now();
        if (!r) return fail(r.error());
        if (!r->has_value()) return fail({kiosk::Error::Code::Internal, "a generated member was not found", {}, 0});
        templateBytes += (*r)->fingers.at(0).isoTemplate.size();
        latencies.push_back(micros(c1 - c0));
    }
    kiosk::bench::report("members", "lookup p50 (warm, hit)", percentile(latencies, 0.50), "us");
    kiosk::bench::report("members", "lookup p99 (warm, hit)", percentile(latencies, 0.99), "us");

    latencies.clear();
    for (std::size_t i = 0; i < std::min<std::size_t>(lookups, 10'000); ++i) {
        DocumentKey miss = documents[pick(rng)];
        miss.documentNumber[0] = 'Z';  // no generated number starts with Z
        const auto c0 = Clock::now();
        auto r = cache->lookup(miss);
        const auto c1 = Clock::now();
        if (!r || r->has_value()) return fail({kiosk::Error::Code::Internal, "a miss was found", {}, 0});
        latencies.push_back(micros(c1 - c0));
    }
    kiosk::bench::report("members", "lookup p50 (warm, miss)", percentile(latencies, 0.50), "us");
    return templateBytes > 0 ? 0 : 1;
}

// The apply pass's second thread (BundleRecordReader): records in file order through the bounded ring,
// the digest equal to the verified one, errors exactly where they occur (after every record before
// them), a file changed after verification caught, and a reader abandoned midway stopping cleanly.
#include <catch2/catch.hpp>

#include <fstream>

#include "app/members/sync/bundle_format.h"
#include "app/members/sync/bundle_record_reader.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using detail::BundleRecordReader;
using kiosk::Error;

namespace {

// More records than the ring holds (kBatches × kBatchRecords = 1 024), and not a multiple of a batch.
constexpr std::uint64_t kRecords = 1500;

void writeBytes(const std::filesystem::path& file, const std::vector<std::uint8_t>& bytes) {
    std::ofstream(file, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// Offset of record `k`'s u32 length prefix.
std::size_t recordOffset(const std::vector<std::uint8_t>& bytes, std::uint64_t k) {
    std::size_t at = detail::kHeaderSize;
    for (std::uint64_t i = 0; i < k; ++i) at += 4 + detail::loadU32(bytes.data() + at);
    return at;
}

struct Fixture {
    TempDir dir;
    std::filesystem::path file = dir / "s1.kmb";
    VerifiedBundle verified;
    Fixture() {
        snapshot(file, {0, kRecords}, 0, 1, publisherKey());
        auto v = verifyBundle(file, publisherKey().publicKey());
        REQUIRE(v.has_value());
        verified = *v;
    }
    std::unique_ptr<BundleRecordReader> start() const {
        auto r = BundleRecordReader::start(file, verified.fileSize, verified.header, file.string());
        INFO((r ? std::string() : r.error().describe()));
        REQUIRE(r.has_value());
        return std::move(*r);
    }
};

}  // namespace

TEST_CASE("the record reader hands over every record in order with the verified digest", "[members][bundle]") {
    Fixture f;
    auto reader = f.start();
    std::uint64_t i = 0;
    for (;; ++i) {
        auto next = reader->next();
        REQUIRE(next.has_value());
        if (*next == nullptr) break;
        // Records are published in lookup-key order: compare with the member the writer put there.
        REQUIRE((*next)->type == detail::RecordType::Member);
        REQUIRE_FALSE((*next)->documents.empty());
    }
    CHECK(i == kRecords);
    auto digest = reader->finish();
    REQUIRE(digest.has_value());
    CHECK(*digest == f.verified.digest);
    auto again = reader->next();  // after the end: still the end
    REQUIRE(again.has_value());
    CHECK(*again == nullptr);
}

TEST_CASE("the record reader yields the records a single pass decodes, byte for byte", "[members][bundle]") {
    Fixture f;
    const auto bytes = readBytes(f.file);
    auto reader = f.start();
    for (std::uint64_t i = 0; i < kRecords; ++i) {
        const auto at = recordOffset(bytes, i);
        const std::span<const std::uint8_t> body(bytes.data() + at + 4, detail::loadU32(bytes.data() + at));
        detail::BundleMember expected;
        REQUIRE(detail::decodeRecord(body, i, "x", expected).has_value());
        auto next = reader->next();
        REQUIRE(next.has_value());
        REQUIRE(*next != nullptr);
        const auto& got = **next;
        INFO("record " << i);
        REQUIRE(got.ref == expected.ref);
        REQUIRE(got.lookout == expected.lookout);
        REQUIRE(got.programs.size() == expected.programs.size());
        REQUIRE(got.documents.size() == expected.documents.size());
        for (std::size_t d = 0; d < got.documents.size(); ++d) {
            REQUIRE(got.documents[d].lookupKey == expected.documents[d].lookupKey);
            REQUIRE(got.documents[d].fingers.size() == expected.documents[d].fingers.size());
            for (std::size_t k = 0; k < got.documents[d].fingers.size(); ++k)
                REQUIRE(got.documents[d].fingers[k].ciphertext == expected.documents[d].fingers[k].ciphertext);
        }
    }
    auto end = reader->next();
    REQUIRE(end.has_value());
    CHECK(*end == nullptr);
}

TEST_CASE("the record reader stops at a bad record after handing over the ones before it", "[members][bundle]") {
    Fixture f;
    auto bytes = readBytes(f.file);
    bytes[recordOffset(bytes, 700)] = 0, bytes[recordOffset(bytes, 700) + 1] = 0;  // length < 65 536 ...
    bytes[recordOffset(bytes, 700) + 2] = 0, bytes[recordOffset(bytes, 700) + 3] = 0;  // ... now 0
    writeBytes(f.file, bytes);  // same size: as if swapped after the verification
    auto reader = f.start();
    std::uint64_t good = 0;
    kiosk::Result<const detail::BundleMember*> next;
    while ((next = reader->next()) && *next != nullptr) ++good;
    CHECK(good == 700);
    REQUIRE_FALSE(next.has_value());
    CHECK(next.error().code == Error::Code::InvalidInput);
    CHECK(next.error().describe().find("record 700: record length out of range") != std::string::npos);
    auto same = reader->next();  // the error stays
    REQUIRE_FALSE(same.has_value());
    CHECK(same.error().message == next.error().message);
}

TEST_CASE("the record reader's digest shows a file changed after verification", "[members][bundle]") {
    Fixture f;
    SECTION("a signed byte that still decodes: every record comes out, the digest differs") {
        auto bytes = readBytes(f.file);
        bytes[recordOffset(bytes, 1234 + 1) - 1] ^= 0x01;  // record 1234's last byte: its lookout bit
        writeBytes(f.file, bytes);
        auto reader = f.start();
        std::uint64_t n = 0;
        for (auto next = reader->next(); next && *next != nullptr; next = reader->next()) ++n;
        CHECK(n == kRecords);
        auto digest = reader->finish();
        REQUIRE(digest.has_value());
        CHECK(*digest != f.verified.digest);
    }
    SECTION("another size: refused before any record") {
        auto bytes = readBytes(f.file);
        bytes.push_back(0);
        writeBytes(f.file, bytes);
        auto r = BundleRecordReader::start(f.file, f.verified.fileSize, f.verified.header, f.file.string());
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().message.find("changed on disk") != std::string::npos);
    }
}

TEST_CASE("the record reader bounds its batches by bytes: large records pass one by one, in order", "[members][bundle]") {
    // 24 records of ~600 KiB (ten 60 KiB sealed templates each) between small ones: a batch closes at
    // kBatchBytes, so the ring holds a few of them, not 1 024.
    TempDir dir;
    const auto file = dir / "big.kmb";
    const auto publisher = publisherKey();
    BundleHeader h;
    h.kind = BundleKind::Snapshot, h.sequence = 1;
    std::vector<detail::BundleMember> records;
    for (std::uint64_t i = 0; i < 60; ++i) {
        detail::BundleMember m;
        m.type = detail::RecordType::Member;
        m.ref = "M" + std::to_string(i);
        m.programs.push_back({"GLOBAL_ENTRY", 0, 20000});
        detail::SealedDocument d;
        d.lookupKey.fill(static_cast<std::uint8_t>(i));
        const bool big = i % 5 < 2;  // 24 big, 36 small, interleaved
        for (int p = 1; p <= (big ? 10 : 1); ++p) {
            detail::SealedFinger f;
            f.position = p;
            f.quality = 50;
            f.nonce.fill(static_cast<std::uint8_t>(p));
            f.ciphertext.assign(big ? 60u << 10 : 100u, static_cast<std::uint8_t>(i + p));
            d.fingers.push_back(std::move(f));
        }
        m.documents.push_back(std::move(d));
        records.push_back(std::move(m));
    }
    h.recordCount = records.size();
    {
        auto w = BundleWriter::create(file, h, publisher);
        REQUIRE(w.has_value());
        for (const auto& r : records) REQUIRE(w->add(r).has_value());
        REQUIRE(w->finish().has_value());
    }
    auto verified = verifyBundle(file, publisher.publicKey());
    REQUIRE(verified.has_value());
    auto reader = BundleRecordReader::start(file, verified->fileSize, verified->header, file.string());
    REQUIRE(reader.has_value());
    for (const auto& expected : records) {
        auto next = (*reader)->next();
        REQUIRE(next.has_value());
        REQUIRE(*next != nullptr);
        REQUIRE((*next)->ref == expected.ref);
        REQUIRE((*next)->documents.at(0).fingers.size() == expected.documents[0].fingers.size());
        REQUIRE((*next)->documents[0].fingers.back().ciphertext == expected.documents[0].fingers.back().ciphertext);
    }
    auto end = (*reader)->next();
    REQUIRE(end.has_value());
    CHECK(*end == nullptr);
    auto digest = (*reader)->finish();
    REQUIRE(digest.has_value());
    CHECK(*digest == verified->digest);
}

TEST_CASE("a record reader abandoned midway stops its thread", "[members][bundle]") {
    Fixture f;
    for (int round = 0; round < 20; ++round) {  // the thread blocked on a full ring, or still reading
        auto reader = f.start();
        for (int i = 0; i < round * 37; ++i) REQUIRE(reader->next().has_value());
        // The destructor must join without the consumer draining the ring (a hang fails by timeout).
    }
    SUCCEED();
}

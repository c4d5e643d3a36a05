// Template sealing (member_crypto.h): deterministic for a publisher's key, bound to its row either way.
#include <catch2/catch.hpp>

#include "app/members/member_crypto.h"
#include "tests/members/member_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::detail;

namespace {

std::vector<std::uint8_t> templateBytes(std::uint8_t fill) { return std::vector<std::uint8_t>(300, fill); }

SealedFinger seal(const SealKey& key, const LookupKey& row, int position, int quality,
                  const std::vector<std::uint8_t>& plain) {
    SealedFinger out;
    sealTemplate(key, row, position, quality, plain, out.nonce, out.ciphertext);
    return out;
}

}  // namespace

TEST_CASE("a publisher's sealing is deterministic, and still opens only with the document", "[members][sealing]") {
    REQUIRE(sodiumReady());
    const auto key = DeploymentKey::generate();
    const std::string document = "D<<A12345678<<1980-01-02", other = "D<<A12345679<<1980-01-02";
    LookupKey row{}, otherRow{};
    deriveLookupKey(key, document, row);
    deriveLookupKey(key, other, otherRow);
    SealKey sealing, sealingOther, opening;
    deriveSealingKey(key, document, sealing);
    deriveSealingKey(key, other, sealingOther);
    deriveSealKey(key, document, opening);
    const auto plain = templateBytes(0x5A);

    const auto a = seal(sealing, row, 2, 60, plain), b = seal(sealing, row, 2, 60, plain);
    CHECK(a.nonce == b.nonce);
    CHECK(a.ciphertext == b.ciphertext);  // an unchanged enrolment gives the same bytes

    // Any other input gives another nonce: template, quality, position, document.
    CHECK(seal(sealing, row, 2, 60, templateBytes(0x5B)).nonce != a.nonce);
    CHECK(seal(sealing, row, 2, 61, plain).nonce != a.nonce);
    CHECK(seal(sealing, row, 3, 60, plain).nonce != a.nonce);
    const auto elsewhere = seal(sealingOther, otherRow, 2, 60, plain);
    CHECK(elsewhere.nonce != a.nonce);
    CHECK(elsewhere.ciphertext != a.ciphertext);  // the same template under two documents is not linkable

    // The key derived for opening (the kiosk's) opens it; the nonce key is not part of opening.
    std::vector<std::uint8_t> opened;
    REQUIRE(openTemplate(opening, row, 2, 60, a.nonce, a.ciphertext, opened));
    CHECK(opened == plain);
    CHECK_FALSE(openTemplate(opening, row, 2, 61, a.nonce, a.ciphertext, opened));
    SealKey wrong;
    deriveSealKey(key, other, wrong);
    CHECK_FALSE(openTemplate(wrong, row, 2, 60, a.nonce, a.ciphertext, opened));

    // A key derived for opening only seals with a random nonce, never a predictable one.
    const auto r1 = seal(opening, row, 2, 60, plain), r2 = seal(opening, row, 2, 60, plain);
    CHECK(r1.nonce != r2.nonce);
    CHECK(r1.nonce != a.nonce);
    REQUIRE(openTemplate(opening, row, 2, 60, r1.nonce, r1.ciphertext, opened));
    CHECK(opened == plain);

    // A moved key keeps its nonce key; the source is wiped and seals at random again.
    SealKey moved = std::move(sealing);
    CHECK(seal(moved, row, 2, 60, plain).nonce == a.nonce);
    CHECK_FALSE(sealing.derivesNonces);  // NOLINT(bugprone-use-after-move): the wipe is the point
}

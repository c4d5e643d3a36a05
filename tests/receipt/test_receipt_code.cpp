// The signed receipt code: payload, signature, key file, and every way verification must fail.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>

#include "app/receipt/receipt_code.h"

using namespace kiosk::receipt;
using kiosk::Error;

namespace {

ReceiptClaims sampleClaims() {
    ReceiptClaims c;
    c.transactionNumber = "ICN-20240501-004211";
    c.kioskId = "K-12";
    c.unixTime = 1714521900;
    c.decision = CodeDecision::Referred;
    c.reasonCode = "BIO";
    c.documentHash = *documentHash({"KOR", "M12345678", "1985-03-14"});
    return c;
}

CodeFailure failureOf(const kiosk::Result<VerifiedCode>& r) {
    REQUIRE_FALSE(r.has_value());
    return static_cast<CodeFailure>(r.error().native);
}

}  // namespace

TEST_CASE("base45 follows RFC 9285's examples", "[receipt][code]") {
    const auto bytes = [](std::string_view s) { return std::vector<std::uint8_t>(s.begin(), s.end()); };
    CHECK(base45Encode(bytes("AB")) == "BB8");
    CHECK(base45Encode(bytes("Hello!!")) == "%69 VD92EX0");
    CHECK(base45Encode(bytes("base-45")) == "UJCLQE7W581");
    CHECK(*base45Decode("QED8WEX0") == bytes("ietf!"));
    CHECK_FALSE(base45Decode("GGW").has_value());   // 65536: out of range
    CHECK_FALSE(base45Decode("ab").has_value());    // lower case is not base45
    CHECK_FALSE(base45Decode("ABCD").has_value());  // length 4 is impossible
    CHECK(toHex(*fromHex("00ff7A")) == "00ff7a");
    CHECK_FALSE(fromHex("0g").has_value());
}

TEST_CASE("document hash: normalised, keyed or not", "[receipt][code]") {
    CHECK(normalisedDocument({"d<<", "l898902c3", "1974-08-12"}) == "D|L898902C3|1974-08-12");
    const auto a = documentHash({"UTO", "L898902C3", "1974-08-12"});
    const auto b = documentHash({"uto", "L898902C3<", "1974-08-12"});
    REQUIRE(a.has_value());
    CHECK(*a == *b);
    CHECK(*a != *documentHash({"UTO", "L898902C4", "1974-08-12"}));
    const std::vector<std::uint8_t> key(32, 7);
    const auto keyed = documentHash({"UTO", "L898902C3", "1974-08-12"}, key);
    REQUIRE(keyed.has_value());
    CHECK(*keyed != *a);
    CHECK_FALSE(documentHash({}, std::vector<std::uint8_t>(8, 1)).has_value());  // key too short
}

TEST_CASE("a signed code verifies and round-trips every field; it fits QR version 8-M", "[receipt][code]") {
    auto signer = ReceiptSigner::generate();
    REQUIRE(signer.has_value());
    const ReceiptClaims claims = sampleClaims();
    const auto text = signer->sign(claims);
    REQUIRE(text.has_value());
    CHECK(text->starts_with("KR1:"));
    CHECK(text->size() <= 221);  // alphanumeric capacity of version 8-M
    const auto v = verifyReceiptCode(*text, signer->publicKey());
    REQUIRE(v.has_value());
    CHECK(v->claims == claims);
    CHECK(v->keyId == signer->keyId());

    ReceiptClaims cleared = claims;
    cleared.decision = CodeDecision::Cleared;
    cleared.reasonCode.clear();
    cleared.documentHashKeyed = true;
    const auto v2 = verifyReceiptCode(*signer->sign(cleared), signer->publicKey());
    REQUIRE(v2.has_value());
    CHECK(v2->claims == cleared);
}

TEST_CASE("tampered, other key, truncated, foreign: each fails with its own reason", "[receipt][code]") {
    auto signer = ReceiptSigner::generate();
    auto other = ReceiptSigner::generate();
    REQUIRE(signer.has_value());
    REQUIRE(other.has_value());
    const std::string text = *signer->sign(sampleClaims());

    SECTION("tampered: one field changed, re-encoded") {
        auto bytes = *base45Decode(std::string_view(text).substr(4));
        bytes[7] ^= 0x01;  // the time
        const auto r = verifyReceiptCode("KR1:" + base45Encode(bytes), signer->publicKey());
        CHECK(failureOf(r) == CodeFailure::BadSignature);
        CHECK(r.error().code == Error::Code::Crypto);
        CHECK(r.error().message.find("bad signature") != std::string::npos);
    }
    SECTION("tampered: signature bit flipped") {
        auto bytes = *base45Decode(std::string_view(text).substr(4));
        bytes.back() ^= 0x80;
        CHECK(failureOf(verifyReceiptCode("KR1:" + base45Encode(bytes), signer->publicKey())) == CodeFailure::BadSignature);
    }
    SECTION("another kiosk's key") {
        const auto r = verifyReceiptCode(text, other->publicKey());
        CHECK(failureOf(r) == CodeFailure::WrongKey);
        CHECK(r.error().message.find("another kiosk key") != std::string::npos);
    }
    SECTION("another key forging this kiosk's key id is still a bad signature") {
        auto forged = *base45Decode(std::string_view(*other->sign(sampleClaims())).substr(4));
        const KeyId id = signer->keyId();
        std::copy(id.begin(), id.end(), forged.begin() + 2);
        CHECK(failureOf(verifyReceiptCode("KR1:" + base45Encode(forged), signer->publicKey())) == CodeFailure::BadSignature);
    }
    SECTION("every truncation fails, none verifies") {
        for (std::size_t n = 0; n < text.size(); ++n) {
            const auto r = verifyReceiptCode(std::string_view(text).substr(0, n), signer->publicKey());
            REQUIRE_FALSE(r.has_value());
            const auto why = static_cast<CodeFailure>(r.error().native);
            INFO("cut at " << n << ": " << r.error().message);
            if (n >= 4) CHECK((why == CodeFailure::Truncated));
        }
    }
    SECTION("not a kiosk code") {
        CHECK(failureOf(verifyReceiptCode("https://example.org/", signer->publicKey())) == CodeFailure::NotKioskCode);
        CHECK(failureOf(verifyReceiptCode("", signer->publicKey())) == CodeFailure::NotKioskCode);
        CHECK(failureOf(verifyReceiptCode("KR2:ABC", signer->publicKey())) == CodeFailure::UnsupportedVersion);
        CHECK(failureOf(verifyReceiptCode("KR1:abc", signer->publicKey())) == CodeFailure::Truncated);  // damaged
    }
    SECTION("extra bytes are malformed") {
        auto bytes = *base45Decode(std::string_view(text).substr(4));
        bytes.push_back(0);
        CHECK(failureOf(verifyReceiptCode("KR1:" + base45Encode(bytes), signer->publicKey())) == CodeFailure::Malformed);
    }
}

TEST_CASE("fields out of range are refused when signing", "[receipt][code]") {
    auto signer = ReceiptSigner::generate();
    REQUIRE(signer.has_value());
    ReceiptClaims c = sampleClaims();
    c.reasonCode = "bio";
    CHECK_FALSE(signer->sign(c).has_value());
    c = sampleClaims();
    c.transactionNumber = std::string(41, '1');
    CHECK_FALSE(signer->sign(c).has_value());
    c = sampleClaims();
    c.kioskId = "K\n";
    CHECK_FALSE(signer->sign(c).has_value());
    c = sampleClaims();
    c.unixTime = -1;
    CHECK_FALSE(signer->sign(c).has_value());
}

TEST_CASE("signing key file: created 0600, loaded again, damage and loose permissions refused", "[receipt][code]") {
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    const std::filesystem::path dir = tmp.path().toStdString();
    const std::filesystem::path file = dir / kSigningKeyFileName;

    CHECK(ReceiptSigner::load(dir).error().code == Error::Code::NotFound);
    auto first = ReceiptSigner::loadOrCreate(dir);
    REQUIRE(first.has_value());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 64);
    auto again = ReceiptSigner::loadOrCreate(dir);
    REQUIRE(again.has_value());
    CHECK(again->publicKey() == first->publicKey());
    CHECK(verifyReceiptCode(*first->sign(sampleClaims()), again->publicKey()).has_value());

    ::chmod(file.c_str(), 0644);
    const auto loose = ReceiptSigner::load(dir);
    REQUIRE_FALSE(loose.has_value());
    CHECK(loose.error().message.find("0600") != std::string::npos);
    ::chmod(file.c_str(), 0600);

    {  // flip one byte of the public half
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(40);
        f.put('\x5a');
    }
    const auto damaged = ReceiptSigner::load(dir);
    REQUIRE_FALSE(damaged.has_value());
    CHECK(damaged.error().message.find("damaged") != std::string::npos);

    std::filesystem::resize_file(file, 32);
    CHECK_FALSE(ReceiptSigner::load(dir).has_value());
    CHECK_FALSE(ReceiptSigner::loadOrCreate(dir / "missing-folder").has_value());
}

#pragma once
// The signed code on the receipt: a compact binary record of the clearance, signed with the kiosk's
// Ed25519 key (libsodium), written as base45 text so it fits QR alphanumeric mode (version 8-M at most).
// Qt-free; libsodium stays behind this header. Everything that can fail returns kiosk::Result.
//
// Text:   "KR1:" + base45(body || signature)                       (RFC 9285 base45)
// Body:   [0]     format version, 1
//         [1]     bits 0-1 decision (0 cleared, 1 referred, 2 regular lane, 3 document refused),
//                 bit 7 document hash keyed
//         [2..5]  key id: first 4 bytes of BLAKE2b-128(public key), tells "other key" from "altered"
//         [6..9]  unix time, seconds UTC, big-endian
//         then three short strings, each a length byte and ASCII: transaction number (<= 40),
//         kiosk id (<= 24), reason code (<= 8, "" when cleared)
//         then 16 bytes: BLAKE2b-128 of the normalised document identity (documentHash)
// Signature: Ed25519 detached, 64 bytes, over "kiosk-receipt-v1" || body.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/error.h"

namespace kiosk::receipt {

inline constexpr std::string_view kCodePrefix = "KR1:";
inline constexpr std::uint8_t kCodeFormatVersion = 1;
inline constexpr const char* kSigningKeyFileName = "receipt-signing.key";  // in the kiosk's data folder
inline constexpr std::size_t kSecretKeyBytes = 64;  // libsodium crypto_sign_SECRETKEYBYTES: seed || public key
inline constexpr std::size_t kPublicKeyBytes = 32;

using PublicKey = std::array<std::uint8_t, kPublicKeyBytes>;
using KeyId = std::array<std::uint8_t, 4>;
using DocumentHash = std::array<std::uint8_t, 16>;

enum class CodeDecision : std::uint8_t { Cleared = 0, Referred = 1, RegularLane = 2, DocumentRefused = 3 };

// Why a code failed verification; carried in Error::native so callers can tell the cases apart.
enum class CodeFailure : int {
    NotKioskCode = 1,    // no "KR1:" prefix, or characters outside base45: some other QR code
    UnsupportedVersion,  // a kiosk code of a format this program does not know ("KR2:", version byte)
    Truncated,           // shorter than its own fields say, or no room for the signature
    Malformed,           // fields out of range, bytes left over
    WrongKey,            // signed by another kiosk key (key id differs)
    BadSignature,        // key id matches but the signature does not: the code was altered
};

// What identifies the document, hashed rather than printed. Normalised before hashing: ASCII
// upper case, '<' and spaces removed; birth date as YYYY-MM-DD (empty when the MRZ had none).
struct DocumentIdentity {
    std::string issuingState;    // ICAO code, "D", "KOR", "UTO"
    std::string documentNumber;  // "L898902C3"
    std::string birthDate;       // "1974-08-12"
};

// "UTO|L898902C3|1974-08-12": the exact bytes that are hashed.
[[nodiscard]] std::string normalisedDocument(const DocumentIdentity& doc);

// BLAKE2b-128 (personalisation "kiosk-doc-v1") of normalisedDocument. Unkeyed when hashKey is empty:
// anyone with the passport can check it, but anyone holding the receipt can also test guesses (the
// receipt shows the last 4 characters; birth dates are few), so deployments should give the kiosks and
// the officers' verification stations a shared 16..64-byte key. The flag in the code says which.
[[nodiscard]] Result<DocumentHash> documentHash(const DocumentIdentity& doc, std::span<const std::uint8_t> hashKey = {});

struct ReceiptClaims {
    std::string transactionNumber;  // printable ASCII, at most 40
    std::string kioskId;            // printable ASCII, at most 24
    std::int64_t unixTime = 0;      // seconds since 1970 UTC, 0 .. 2^32 - 1
    CodeDecision decision = CodeDecision::Referred;
    std::string reasonCode;         // A-Z 0-9, at most 8; "" when cleared
    DocumentHash documentHash{};
    bool documentHashKeyed = false;

    bool operator==(const ReceiptClaims&) const = default;
};

struct VerifiedCode {
    ReceiptClaims claims;
    KeyId keyId{};
};

// The kiosk's signing key: a 64-byte libsodium secret key in a 0600 file. Move-only; wiped on destruction.
class ReceiptSigner {
public:
    // Loads <dataDir>/receipt-signing.key, or creates it (fresh key, 0600, written atomically) when
    // missing. Refuses a file of the wrong size, one group/other may read, or one whose public half
    // does not belong to its seed (Error::Code::Crypto or Io, with the path as context).
    [[nodiscard]] static Result<ReceiptSigner> loadOrCreate(const std::filesystem::path& dataDir);
    // Loads only; NotFound when there is no key file.
    [[nodiscard]] static Result<ReceiptSigner> load(const std::filesystem::path& dataDir);
    // A fresh key in memory only (tests, benchmarks).
    [[nodiscard]] static Result<ReceiptSigner> generate();

    ReceiptSigner(ReceiptSigner&& other) noexcept;
    ReceiptSigner& operator=(ReceiptSigner&& other) noexcept;
    ReceiptSigner(const ReceiptSigner&) = delete;
    ReceiptSigner& operator=(const ReceiptSigner&) = delete;
    ~ReceiptSigner();

    [[nodiscard]] PublicKey publicKey() const;
    [[nodiscard]] KeyId keyId() const;
    // The QR text, "KR1:..." (about 180 characters). InvalidInput when a field is out of range.
    // Thread-safe (const, no shared state).
    [[nodiscard]] Result<std::string> sign(const ReceiptClaims& claims) const;

private:
    ReceiptSigner() = default;
    std::array<std::uint8_t, kSecretKeyBytes> secret_{};
};

// Checks a code against a kiosk public key. Errors carry CodeFailure in Error::native and a message
// that names the problem (e.g. "signed by another kiosk key (key id 1a2b3c4d, expected 9f8e7d6c)").
[[nodiscard]] Result<VerifiedCode> verifyReceiptCode(std::string_view text, const PublicKey& publicKey);
// Parses without checking the signature (to show what a code claims next to why it failed).
[[nodiscard]] Result<VerifiedCode> parseReceiptCode(std::string_view text);

[[nodiscard]] KeyId keyIdOf(const PublicKey& publicKey);
[[nodiscard]] std::string_view decisionName(CodeDecision d);  // "cleared", "referred", ...

// RFC 9285 base45 and lower-case hex, used by the code and by kioskctl.
[[nodiscard]] std::string base45Encode(std::span<const std::uint8_t> bytes);
[[nodiscard]] Result<std::vector<std::uint8_t>> base45Decode(std::string_view text);
[[nodiscard]] std::string toHex(std::span<const std::uint8_t> bytes);
[[nodiscard]] Result<std::vector<std::uint8_t>> fromHex(std::string_view hex);

}  // namespace kiosk::receipt

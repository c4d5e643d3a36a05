#include "app/receipt/receipt_code.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace kiosk::receipt {
namespace {

constexpr std::string_view kSignDomain{"kiosk-receipt-v1"};
constexpr std::string_view kBase45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
constexpr std::size_t kFixedHead = 10;  // version, flags, key id, time
constexpr std::size_t kMaxTransaction = 40;
constexpr std::size_t kMaxKiosk = 24;
constexpr std::size_t kMaxReason = 8;
constexpr std::size_t kSignatureBytes = 64;
static_assert(crypto_sign_SECRETKEYBYTES == kSecretKeyBytes);
static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::unexpected<Error> codeFail(CodeFailure why, std::string message) {
    const Error::Code code = (why == CodeFailure::WrongKey || why == CodeFailure::BadSignature) ? Error::Code::Crypto
                                                                                               : Error::Code::InvalidInput;
    return fail(code, std::move(message), "receipt code", static_cast<int>(why));
}

std::string errnoText(int err) { return std::strerror(err); }

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

bool printableAscii(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

std::vector<std::uint8_t> signedMessage(std::span<const std::uint8_t> body) {
    std::vector<std::uint8_t> m(kSignDomain.size() + body.size());
    for (std::size_t i = 0; i < kSignDomain.size(); ++i) m[i] = static_cast<std::uint8_t>(kSignDomain[i]);
    for (std::size_t i = 0; i < body.size(); ++i) m[kSignDomain.size() + i] = body[i];
    return m;
}

// Reads and checks a secret key file: regular, exactly 64 bytes, 0600 or stricter, consistent halves.
Result<std::array<std::uint8_t, kSecretKeyBytes>> readKeyFile(const std::filesystem::path& file) {
    const std::string where = file.string();
    Fd f{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)};
    if (f.fd < 0) {
        const int err = errno;
        return fail(err == ENOENT ? Error::Code::NotFound : Error::Code::Io, "cannot open signing key: " + errnoText(err),
                    where, err);
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) return fail(Error::Code::Io, "cannot stat signing key: " + errnoText(errno), where, errno);
    if (!S_ISREG(st.st_mode)) return fail(Error::Code::Io, "signing key is not a regular file", where);
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return fail(Error::Code::Crypto, std::string("signing key file is readable by others (mode ") + mode +
                                             "); it must be 0600", where);
    }
    if (st.st_size != static_cast<off_t>(kSecretKeyBytes))
        return fail(Error::Code::Crypto, "signing key file has " + std::to_string(st.st_size) + " bytes, expected 64", where);
    std::array<std::uint8_t, kSecretKeyBytes> sk{};
    std::size_t got = 0;
    while (got < sk.size()) {
        const ssize_t n = ::read(f.fd, sk.data() + got, sk.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            sodium_memzero(sk.data(), sk.size());
            return fail(Error::Code::Io, "cannot read signing key", where, errno);
        }
        got += static_cast<std::size_t>(n);
    }
    // libsodium's secret key is seed || public key: re-derive to catch a damaged or spliced file.
    std::array<std::uint8_t, kPublicKeyBytes> pk{};
    std::array<std::uint8_t, kSecretKeyBytes> check{};
    crypto_sign_seed_keypair(pk.data(), check.data(), sk.data());
    const bool consistent = sodium_memcmp(check.data(), sk.data(), sk.size()) == 0;
    sodium_memzero(check.data(), check.size());
    if (!consistent) {
        sodium_memzero(sk.data(), sk.size());
        return fail(Error::Code::Crypto, "signing key file is damaged (public half does not match the seed)", where);
    }
    return sk;
}

// Writes a fresh key to a private temporary file, then link()s it into place: link never replaces an
// existing file, so two kiosk processes starting at once end up with one key.
Result<void> createKeyFile(const std::filesystem::path& file) {
    const std::string where = file.string();
    std::array<std::uint8_t, kPublicKeyBytes> pk{};
    std::array<std::uint8_t, kSecretKeyBytes> sk{};
    crypto_sign_keypair(pk.data(), sk.data());
    const std::filesystem::path temp = file.string() + ".tmp-" + std::to_string(::getpid());
    ::unlink(temp.c_str());
    Fd f{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (f.fd < 0) {
        const int err = errno;
        sodium_memzero(sk.data(), sk.size());
        return fail(Error::Code::Io, "cannot create signing key: " + errnoText(err), where, err);
    }
    ::fchmod(f.fd, 0600);
    std::size_t put = 0;
    while (put < sk.size()) {
        const ssize_t n = ::write(f.fd, sk.data() + put, sk.size() - put);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        put += static_cast<std::size_t>(n);
    }
    sodium_memzero(sk.data(), sk.size());
    if (put != kSecretKeyBytes || ::fsync(f.fd) != 0) {
        const int err = errno;
        ::unlink(temp.c_str());
        return fail(Error::Code::Io, "cannot write signing key: " + errnoText(err), where, err);
    }
    if (::link(temp.c_str(), file.c_str()) != 0 && errno != EEXIST) {
        const int err = errno;
        ::unlink(temp.c_str());
        return fail(Error::Code::Io, "cannot install signing key: " + errnoText(err), where, err);
    }
    ::unlink(temp.c_str());
    if (Fd d{::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)}; d.fd >= 0) ::fsync(d.fd);
    return {};
}

void putString(std::vector<std::uint8_t>& out, std::string_view s) {
    out.push_back(static_cast<std::uint8_t>(s.size()));
    out.insert(out.end(), s.begin(), s.end());
}

}  // namespace

std::string_view decisionName(CodeDecision d) {
    switch (d) {
        case CodeDecision::Cleared: return "cleared";
        case CodeDecision::Referred: return "referred";
        case CodeDecision::RegularLane: return "regular-lane";
        case CodeDecision::DocumentRefused: return "document-refused";
    }
    return "?";
}

std::string normalisedDocument(const DocumentIdentity& doc) {
    const auto norm = [](std::string_view s) {
        std::string out;
        for (const char c : s) {
            if (c == '<' || c == ' ') continue;
            out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        }
        return out;
    };
    return norm(doc.issuingState) + "|" + norm(doc.documentNumber) + "|" + norm(doc.birthDate);
}

Result<DocumentHash> documentHash(const DocumentIdentity& doc, std::span<const std::uint8_t> hashKey) {
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", "documentHash");
    if (!hashKey.empty() &&
        (hashKey.size() < crypto_generichash_blake2b_KEYBYTES_MIN || hashKey.size() > crypto_generichash_blake2b_KEYBYTES_MAX))
        return fail(Error::Code::InvalidInput, "document hash key must be 16..64 bytes", "documentHash");
    const std::string text = normalisedDocument(doc);
    DocumentHash out{};
    std::array<unsigned char, crypto_generichash_blake2b_PERSONALBYTES> personal{};
    constexpr std::string_view kPersonal = "kiosk-doc-v1";
    std::copy(kPersonal.begin(), kPersonal.end(), personal.begin());
    crypto_generichash_blake2b_salt_personal(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()),
                                             text.size(), hashKey.empty() ? nullptr : hashKey.data(), hashKey.size(),
                                             nullptr, personal.data());
    return out;
}

KeyId keyIdOf(const PublicKey& publicKey) {
    std::array<std::uint8_t, 16> h{};
    (void)sodiumReady();
    crypto_generichash(h.data(), h.size(), publicKey.data(), publicKey.size(), nullptr, 0);
    return {h[0], h[1], h[2], h[3]};
}

// --- ReceiptSigner ---------------------------------------------------------------------------------

ReceiptSigner::ReceiptSigner(ReceiptSigner&& other) noexcept : secret_(other.secret_) {
    sodium_memzero(other.secret_.data(), other.secret_.size());
}
ReceiptSigner& ReceiptSigner::operator=(ReceiptSigner&& other) noexcept {
    if (this != &other) {
        secret_ = other.secret_;
        sodium_memzero(other.secret_.data(), other.secret_.size());
    }
    return *this;
}
ReceiptSigner::~ReceiptSigner() { sodium_memzero(secret_.data(), secret_.size()); }

Result<ReceiptSigner> ReceiptSigner::load(const std::filesystem::path& dataDir) {
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", dataDir.string());
    auto sk = readKeyFile(dataDir / kSigningKeyFileName);
    if (!sk) return std::unexpected(sk.error());
    ReceiptSigner s;
    s.secret_ = *sk;
    sodium_memzero(sk->data(), sk->size());
    return s;
}

Result<ReceiptSigner> ReceiptSigner::loadOrCreate(const std::filesystem::path& dataDir) {
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", dataDir.string());
    std::error_code ec;
    if (!std::filesystem::is_directory(dataDir, ec))
        return fail(Error::Code::Io, "data folder does not exist", dataDir.string());
    auto loaded = load(dataDir);
    if (loaded || loaded.error().code != Error::Code::NotFound) return loaded;
    if (auto created = createKeyFile(dataDir / kSigningKeyFileName); !created) return std::unexpected(created.error());
    return load(dataDir);
}

Result<ReceiptSigner> ReceiptSigner::generate() {
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", "ReceiptSigner");
    ReceiptSigner s;
    std::array<std::uint8_t, kPublicKeyBytes> pk{};
    crypto_sign_keypair(pk.data(), s.secret_.data());
    return s;
}

PublicKey ReceiptSigner::publicKey() const {
    PublicKey pk{};
    std::copy(secret_.begin() + 32, secret_.end(), pk.begin());  // libsodium: seed || public key
    return pk;
}

KeyId ReceiptSigner::keyId() const { return keyIdOf(publicKey()); }

Result<std::string> ReceiptSigner::sign(const ReceiptClaims& c) const {
    const auto bad = [](std::string m) { return fail(Error::Code::InvalidInput, std::move(m), "receipt code"); };
    if (c.transactionNumber.size() > kMaxTransaction || !printableAscii(c.transactionNumber))
        return bad("transaction number must be printable ASCII, at most 40 characters");
    if (c.kioskId.size() > kMaxKiosk || !printableAscii(c.kioskId))
        return bad("kiosk id must be printable ASCII, at most 24 characters");
    if (c.reasonCode.size() > kMaxReason ||
        !std::all_of(c.reasonCode.begin(), c.reasonCode.end(), [](char ch) { return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'); }))
        return bad("reason code must be A-Z 0-9, at most 8 characters");
    if (c.unixTime < 0 || c.unixTime > 0xFFFFFFFFLL) return bad("time out of the 32-bit unix range");
    std::vector<std::uint8_t> body;
    body.reserve(128);
    body.push_back(kCodeFormatVersion);
    body.push_back(static_cast<std::uint8_t>(static_cast<unsigned>(c.decision) | (c.documentHashKeyed ? 0x80U : 0U)));
    const KeyId id = keyId();
    body.insert(body.end(), id.begin(), id.end());
    const auto t = static_cast<std::uint32_t>(c.unixTime);
    for (int shift = 24; shift >= 0; shift -= 8) body.push_back(static_cast<std::uint8_t>(t >> shift));
    putString(body, c.transactionNumber);
    putString(body, c.kioskId);
    putString(body, c.reasonCode);
    body.insert(body.end(), c.documentHash.begin(), c.documentHash.end());
    const std::vector<std::uint8_t> message = signedMessage(body);
    std::array<std::uint8_t, kSignatureBytes> sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_.data());
    body.insert(body.end(), sig.begin(), sig.end());
    return std::string(kCodePrefix) + base45Encode(body);
}

// --- parsing and verification ----------------------------------------------------------------------

Result<VerifiedCode> parseReceiptCode(std::string_view text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    if (!text.starts_with(kCodePrefix)) {
        if (text.size() >= 4 && text.starts_with("KR") && text[2] >= '0' && text[2] <= '9' && text[3] == ':')
            return codeFail(CodeFailure::UnsupportedVersion,
                            "kiosk receipt code of format " + std::string(text.substr(0, 3)) + ", this program reads KR1");
        return codeFail(CodeFailure::NotKioskCode, "not a kiosk receipt code (it does not start with KR1:)");
    }
    auto bytes = base45Decode(text.substr(kCodePrefix.size()));
    if (!bytes) return codeFail(CodeFailure::Truncated, "damaged or truncated receipt code: " + bytes.error().message);
    const std::vector<std::uint8_t>& b = *bytes;
    if (b.empty()) return codeFail(CodeFailure::Truncated, "truncated receipt code: no data after KR1:");
    // The shortest possible code (empty strings): anything shorter lost its end. Checked first, so the
    // garbage byte a cut inside a base45 triple leaves can never be mistaken for a field.
    constexpr std::size_t kMinBytes = kFixedHead + 3 + std::tuple_size_v<DocumentHash> + kSignatureBytes;
    if (b.size() < kMinBytes)
        return codeFail(CodeFailure::Truncated, "truncated receipt code (" + std::to_string(b.size()) + " bytes, at least " +
                                                    std::to_string(kMinBytes) + " expected)");
    if (b[0] != kCodeFormatVersion)
        return codeFail(CodeFailure::UnsupportedVersion, "receipt code format version " + std::to_string(b[0]) + ", expected 1");
    VerifiedCode v;
    if ((b[1] & 0x7C) != 0) return codeFail(CodeFailure::Malformed, "receipt code has unknown flag bits");
    v.claims.decision = static_cast<CodeDecision>(b[1] & 0x03);
    v.claims.documentHashKeyed = (b[1] & 0x80) != 0;
    std::copy(b.begin() + 2, b.begin() + 6, v.keyId.begin());
    v.claims.unixTime = (std::int64_t{b[6]} << 24) | (std::int64_t{b[7]} << 16) | (std::int64_t{b[8]} << 8) | b[9];
    std::size_t at = kFixedHead;
    const auto takeString = [&](std::string& out, std::size_t max, const char* what) -> Result<void> {
        if (at >= b.size()) return codeFail(CodeFailure::Truncated, std::string("truncated receipt code (at the ") + what + ")");
        const std::size_t n = b[at];
        if (n > max) return codeFail(CodeFailure::Malformed, std::string("receipt code ") + what + " too long");
        if (b.size() - at - 1 < n) return codeFail(CodeFailure::Truncated, std::string("truncated receipt code (in the ") + what + ")");
        out.assign(b.begin() + static_cast<std::ptrdiff_t>(at + 1), b.begin() + static_cast<std::ptrdiff_t>(at + 1 + n));
        at += 1 + n;
        if (!printableAscii(out)) return codeFail(CodeFailure::Malformed, std::string("receipt code ") + what + " is not ASCII");
        return {};
    };
    if (auto r = takeString(v.claims.transactionNumber, kMaxTransaction, "transaction number"); !r) return std::unexpected(r.error());
    if (auto r = takeString(v.claims.kioskId, kMaxKiosk, "kiosk id"); !r) return std::unexpected(r.error());
    if (auto r = takeString(v.claims.reasonCode, kMaxReason, "reason code"); !r) return std::unexpected(r.error());
    if (b.size() - at < v.claims.documentHash.size() + kSignatureBytes)
        return codeFail(CodeFailure::Truncated, "truncated receipt code: " + std::to_string(b.size()) + " bytes, the hash and signature need " +
                                                    std::to_string(at + v.claims.documentHash.size() + kSignatureBytes));
    std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(at), v.claims.documentHash.size(), v.claims.documentHash.begin());
    at += v.claims.documentHash.size();
    if (b.size() - at != kSignatureBytes)
        return codeFail(CodeFailure::Malformed, "receipt code has " + std::to_string(b.size() - at - kSignatureBytes) + " bytes too many");
    return v;
}

Result<VerifiedCode> verifyReceiptCode(std::string_view text, const PublicKey& publicKey) {
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", "receipt code");
    auto parsed = parseReceiptCode(text);
    if (!parsed) return parsed;
    const KeyId expected = keyIdOf(publicKey);
    if (parsed->keyId != expected)
        return codeFail(CodeFailure::WrongKey, "signed by another kiosk key (key id " + toHex(parsed->keyId) + ", expected " +
                                                   toHex(expected) + ")");
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    const auto bytes = base45Decode(text.substr(kCodePrefix.size()));  // decoded fine above
    const std::span<const std::uint8_t> all(*bytes);
    const auto body = all.first(all.size() - kSignatureBytes);
    const auto sig = all.last(kSignatureBytes);
    const std::vector<std::uint8_t> message = signedMessage(body);
    if (crypto_sign_verify_detached(sig.data(), message.data(), message.size(), publicKey.data()) != 0)
        return codeFail(CodeFailure::BadSignature, "bad signature: the code was altered or damaged after signing");
    return parsed;
}

// --- base45 (RFC 9285) and hex ---------------------------------------------------------------------

std::string base45Encode(std::span<const std::uint8_t> bytes) {
    std::string out;
    out.reserve(bytes.size() / 2 * 3 + 2);
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256U + bytes[i + 1];
        for (int k = 0; k < 3; ++k, n /= 45) out += kBase45[n % 45];
    }
    if (i < bytes.size()) {
        unsigned n = bytes[i];
        for (int k = 0; k < 2; ++k, n /= 45) out += kBase45[n % 45];
    }
    return out;
}

Result<std::vector<std::uint8_t>> base45Decode(std::string_view text) {
    if (text.size() % 3 == 1) return fail(Error::Code::InvalidInput, "base45 length " + std::to_string(text.size()) + " is impossible");
    std::vector<std::uint8_t> out;
    out.reserve(text.size() / 3 * 2 + 1);
    const auto value = [](char c) -> int {
        const auto p = kBase45.find(c);
        return p == std::string_view::npos ? -1 : static_cast<int>(p);
    };
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, text.size() - i);
        unsigned v = 0;
        unsigned weight = 1;
        for (std::size_t k = 0; k < n; ++k, weight *= 45) {
            const int d = value(text[i + k]);
            if (d < 0) return fail(Error::Code::InvalidInput, "character outside base45 at position " + std::to_string(i + k));
            v += static_cast<unsigned>(d) * weight;
        }
        if (n == 3) {
            if (v > 0xFFFF) return fail(Error::Code::InvalidInput, "base45 triple out of range");
            out.push_back(static_cast<std::uint8_t>(v >> 8));
            out.push_back(static_cast<std::uint8_t>(v & 0xFF));
        } else {
            if (v > 0xFF) return fail(Error::Code::InvalidInput, "base45 pair out of range");
            out.push_back(static_cast<std::uint8_t>(v));
        }
    }
    return out;
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (const std::uint8_t b : bytes) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out;
}

Result<std::vector<std::uint8_t>> fromHex(std::string_view hex) {
    if (hex.size() % 2 != 0) return fail(Error::Code::InvalidInput, "hex text has an odd number of digits");
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::vector<std::uint8_t> out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int h = nibble(hex[i]);
        const int l = nibble(hex[i + 1]);
        if (h < 0 || l < 0) return fail(Error::Code::InvalidInput, "not a hex digit at position " + std::to_string(h < 0 ? i : i + 1));
        out.push_back(static_cast<std::uint8_t>(h * 16 + l));
    }
    return out;
}

}  // namespace kiosk::receipt

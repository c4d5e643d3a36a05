#include "app/members/sync/bundle_format.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

namespace kiosk::members {

namespace {
constexpr std::string_view kKeyIdDomain{"kiosk.members.publisher.v1\0", 27};

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
// Versions 1 and 2: the verify pass's content digest (BLAKE2b, ~930 MB/s here) on a thread of its own,
// beside the signature's SHA-512 (~474 MB/s) on the caller's, so the pass takes as long as the SHA-512
// alone on two cores instead of both in a row. update() hands a chunk over and returns at once; wait()
// returns when the chunk is hashed, before its buffer is reused.
class DigestThread {
public:
    explicit DigestThread(crypto_generichash_state& state) : state_(state), thread_([this] { run(); }) {}
    DigestThread(const DigestThread&) = delete;
    DigestThread& operator=(const DigestThread&) = delete;
    ~DigestThread() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    void update(const std::uint8_t* data, std::size_t size) {
        {
            std::lock_guard lock(mutex_);
            data_ = data, size_ = size, pending_ = true;
        }
        wake_.notify_one();
    }
    void wait() {
        std::unique_lock lock(mutex_);
        done_.wait(lock, [this] { return !pending_; });
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return pending_ || stop_; });
            if (pending_) {
                lock.unlock();
                crypto_generichash_update(&state_, data_, size_);
                lock.lock();
                pending_ = false;
                done_.notify_one();
            } else if (stop_) {
                return;
            }
        }
    }

    crypto_generichash_state& state_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
    bool pending_ = false, stop_ = false;
    std::thread thread_;  // last: started once every member above is ready
};

}  // namespace

const char* bundleKindName(BundleKind kind) { return kind == BundleKind::Delta ? "delta" : "snapshot"; }

std::string toHex(const std::uint8_t* data, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out.push_back(kDigits[data[i] >> 4]);
        out.push_back(kDigits[data[i] & 15]);
    }
    return out;
}

PublisherKey::Id PublisherKey::id() const {
    Id out{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, out.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(kKeyIdDomain.data()), kKeyIdDomain.size());
    crypto_generichash_update(&state, bytes.data(), bytes.size());
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

std::string PublisherKey::idHex() const {
    const auto i = id();
    return toHex(i.data(), i.size());
}

kiosk::Result<PublisherKey> loadPublisherKey(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Error::Code::Io, "cannot open the publisher key file", file.string());
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return fail(Error::Code::Io, "cannot read the publisher key file", file.string());
    PublisherKey key;
    if (content.size() == PublisherKey::kSize) {
        std::memcpy(key.bytes.data(), content.data(), PublisherKey::kSize);
        return key;
    }
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r' || content.back() == ' '))
        content.pop_back();
    if (content.size() != 2 * PublisherKey::kSize)
        return fail(Error::Code::InvalidInput, "a publisher key is 64 hex digits or 32 bytes", file.string());
    for (std::size_t i = 0; i < PublisherKey::kSize; ++i) {
        const int hi = hexValue(content[2 * i]), lo = hexValue(content[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return fail(Error::Code::InvalidInput, "a publisher key is 64 hex digits or 32 bytes", file.string());
        key.bytes[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return key;
}

}  // namespace kiosk::members

namespace kiosk::members::detail {

namespace {

void putU16(std::uint8_t* p, std::uint16_t v) {
    p[0] = static_cast<std::uint8_t>(v), p[1] = static_cast<std::uint8_t>(v >> 8);
}
void putU32(std::uint8_t* p, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void putU64(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void appendU8(std::vector<std::uint8_t>& out, std::size_t v) { out.push_back(static_cast<std::uint8_t>(v)); }
void appendU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    std::uint8_t b[4];
    putU32(b, v);
    out.insert(out.end(), b, b + 4);
}
void appendBytes(std::vector<std::uint8_t>& out, const void* data, std::size_t n) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out.insert(out.end(), p, p + n);
}

bool isRefChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == ':';
}
bool isCodeChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// A bounds-checked cursor over one record body.
class Cursor {
public:
    Cursor(std::span<const std::uint8_t> b, std::uint64_t index, const std::string& where)
        : b_(b), context_(where + " record " + std::to_string(index)) {}
    bool u8(std::size_t& v) {
        if (pos_ + 1 > b_.size()) return false;
        v = b_[pos_++];
        return true;
    }
    bool u32(std::uint32_t& v) {
        if (pos_ + 4 > b_.size()) return false;
        v = loadU32(b_.data() + pos_);
        pos_ += 4;
        return true;
    }
    bool bytes(void* out, std::size_t n) {
        if (pos_ + n > b_.size()) return false;
        std::memcpy(out, b_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    bool string(std::string& out, std::size_t n) {
        if (pos_ + n > b_.size()) return false;
        out.assign(reinterpret_cast<const char*>(b_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    [[nodiscard]] bool atEnd() const { return pos_ == b_.size(); }
    [[nodiscard]] std::unexpected<Error> bad(const std::string& field, const std::string& message) const {
        return fail(Error::Code::InvalidInput, message, context_ + (field.empty() ? "" : " (" + field + ")"));
    }

private:
    std::span<const std::uint8_t> b_;
    std::size_t pos_ = 0;
    std::string context_;
};

}  // namespace

std::uint32_t loadU32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint64_t loadU64(const std::uint8_t* p) {
    return static_cast<std::uint64_t>(loadU32(p)) | static_cast<std::uint64_t>(loadU32(p + 4)) << 32;
}

void encodeHeader(const BundleHeader& h, std::array<std::uint8_t, kHeaderSize>& out) {
    out.fill(0);
    std::memcpy(out.data(), kBundleMagic.data(), kBundleMagic.size());
    putU16(out.data() + 8, h.formatVersion);
    out[10] = static_cast<std::uint8_t>(h.kind);
    putU32(out.data() + 12, static_cast<std::uint32_t>(kHeaderSize));
    putU64(out.data() + 16, h.sequence);
    putU64(out.data() + 24, h.baseSequence);
    putU64(out.data() + 32, static_cast<std::uint64_t>(h.createdUnix));
    std::memcpy(out.data() + 40, h.keyId.data(), h.keyId.size());
    putU64(out.data() + 56, h.recordCount);
}

kiosk::Result<BundleHeader> decodeHeader(std::span<const std::uint8_t, kHeaderSize> in, const std::string& where) {
    if (!std::equal(kBundleMagic.begin(), kBundleMagic.end(), in.begin()))
        return fail(Error::Code::InvalidInput, "not a member bundle (bad magic)", where);
    const std::uint16_t version = static_cast<std::uint16_t>(in[8] | in[9] << 8);
    if (version < kOldestBundleVersion || version > kBundleVersion)
        return fail(Error::Code::Unsupported,
                    "bundle format version " + std::to_string(version) + " (this build reads versions " +
                        std::to_string(kOldestBundleVersion) + " to " + std::to_string(kBundleVersion) + ")",
                    where);
    if (loadU32(in.data() + 12) != kHeaderSize || in[11] != 0)
        return fail(Error::Code::InvalidInput, "malformed bundle header", where);
    BundleHeader h;
    h.formatVersion = version;
    if (in[10] != 1 && in[10] != 2)
        return fail(Error::Code::InvalidInput, "unknown bundle kind " + std::to_string(in[10]), where);
    h.kind = static_cast<BundleKind>(in[10]);
    h.sequence = loadU64(in.data() + 16);
    h.baseSequence = loadU64(in.data() + 24);
    h.createdUnix = static_cast<std::int64_t>(loadU64(in.data() + 32));
    std::memcpy(h.keyId.data(), in.data() + 40, h.keyId.size());
    h.recordCount = loadU64(in.data() + 56);
    constexpr std::uint64_t kMaxSequence = std::uint64_t{1} << 62;
    if (h.sequence < 1 || h.sequence > kMaxSequence)
        return fail(Error::Code::InvalidInput, "bundle sequence out of range", where);
    if (h.kind == BundleKind::Snapshot && h.baseSequence != 0)
        return fail(Error::Code::InvalidInput, "a snapshot bundle must have base sequence 0", where);
    if (h.kind == BundleKind::Delta && (h.baseSequence < 1 || h.baseSequence >= h.sequence))
        return fail(Error::Code::InvalidInput, "a delta's base sequence must be at least 1 and below its sequence",
                    where);
    if (h.createdUnix < 0) return fail(Error::Code::InvalidInput, "bundle creation time out of range", where);
    return h;
}

void encodeRecord(const BundleMember& m, std::vector<std::uint8_t>& out, std::uint16_t version) {
    const std::size_t start = out.size();
    out.resize(start + 4);
    appendU8(out, static_cast<std::size_t>(m.type));
    appendU8(out, m.ref.size());
    appendBytes(out, m.ref.data(), m.ref.size());
    if (m.type != RecordType::Remove) {
        appendU8(out, m.programs.size());
        for (const auto& p : m.programs) {
            appendU8(out, p.code.size());
            appendBytes(out, p.code.data(), p.code.size());
            appendU8(out, p.status);
            appendU32(out, static_cast<std::uint32_t>(p.expiresDays));
        }
        appendU8(out, m.documents.size());
        for (const auto& d : m.documents) {
            appendBytes(out, d.lookupKey.data(), d.lookupKey.size());
            appendU8(out, d.fingers.size());
            for (const auto& f : d.fingers) {
                appendU8(out, static_cast<std::size_t>(f.position));
                appendU8(out, static_cast<std::size_t>(f.quality));
                appendBytes(out, f.nonce.data(), f.nonce.size());
                appendU32(out, static_cast<std::uint32_t>(f.ciphertext.size()));
                appendBytes(out, f.ciphertext.data(), f.ciphertext.size());
            }
        }
        if (version >= 2) appendU8(out, m.lookout ? kRecordFlagLookout : 0u);
    }
    putU32(out.data() + start, static_cast<std::uint32_t>(out.size() - start - 4));
}

kiosk::Result<void> decodeRecord(std::span<const std::uint8_t> body, std::uint64_t index, const std::string& where,
                                 BundleMember& out, std::uint16_t version) {
    Cursor c(body, index, where);
    out.lookout = false;
    if (version < kOldestBundleVersion || version > kBundleVersion)
        return c.bad("", "bundle format version " + std::to_string(version) + " has no record layout here");
    std::size_t type = 0, n = 0;
    if (!c.u8(type) || type < 1 || type > 4) return c.bad("type", "unknown record type");
    out.type = static_cast<RecordType>(type);
    if (!c.u8(n) || n < 1 || n > kMaxMemberRef || !c.string(out.ref, n) ||
        !std::all_of(out.ref.begin(), out.ref.end(), isRefChar))
        return c.bad("member_id", "must be 1-64 characters of A-Z a-z 0-9 - _ . :");
    out.programs.clear();
    if (out.type == RecordType::Remove) {
        out.documents.clear();
        if (!c.atEnd()) return c.bad("", "trailing bytes after a removal");
        return {};
    }
    if (!c.u8(n) || n < 1 || n > kMaxPrograms) return c.bad("programs", "a member has 1-16 programs");
    out.programs.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& p = out.programs[i];
        const std::string at = "programs[" + std::to_string(i) + "]";
        std::size_t len = 0, status = 0;
        std::uint32_t expires = 0;
        if (!c.u8(len) || len < 1 || len > kMaxProgramCode || !c.string(p.code, len) ||
            !std::all_of(p.code.begin(), p.code.end(), isCodeChar))
            return c.bad(at + ".program", "must be 1-32 characters of A-Z 0-9 _");
        if (!c.u8(status) || status > 2) return c.bad(at + ".status", "status must be 0-2");
        p.status = static_cast<std::uint8_t>(status);
        if (!c.u32(expires)) return c.bad(at + ".expires", "record ends inside the field");
        p.expiresDays = static_cast<std::int32_t>(expires);
        for (std::size_t j = 0; j < i; ++j)
            if (out.programs[j].code == p.code) return c.bad(at + ".program", "program listed twice");
    }
    if (!c.u8(n) || n < 1 || n > kMaxDocuments) return c.bad("documents", "a member has 1-16 documents");
    out.documents.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        auto& d = out.documents[i];
        const std::string at = "documents[" + std::to_string(i) + "]";
        std::size_t fingers = 0;
        if (!c.bytes(d.lookupKey.data(), d.lookupKey.size())) return c.bad(at, "record ends inside the lookup key");
        for (std::size_t j = 0; j < i; ++j)
            if (out.documents[j].lookupKey == d.lookupKey) return c.bad(at, "document listed twice");
        if (!c.u8(fingers) || fingers > kMaxFingers) return c.bad(at + ".fingers", "0-10 fingers per document");
        d.fingers.resize(fingers);
        unsigned seen = 0;
        for (std::size_t j = 0; j < fingers; ++j) {
            auto& f = d.fingers[j];
            const std::string fat = at + ".fingers[" + std::to_string(j) + "]";
            std::size_t position = 0, quality = 0;
            std::uint32_t size = 0;
            if (!c.u8(position) || position < 1 || position > 10 || (seen & (1u << position)))
                return c.bad(fat + ".position", "position 1-10, once per document");
            seen |= 1u << position;
            if (!c.u8(quality) || quality > 100) return c.bad(fat + ".quality", "quality 0-100");
            f.position = static_cast<int>(position);
            f.quality = static_cast<int>(quality);
            if (!c.bytes(f.nonce.data(), f.nonce.size())) return c.bad(fat + ".nonce", "record ends inside the nonce");
            if (!c.u32(size) || size <= kTagSize || size > kMaxCiphertext)
                return c.bad(fat + ".ciphertext", "sealed template must be 17 bytes to 64 KiB + 16");
            f.ciphertext.resize(size);
            if (!c.bytes(f.ciphertext.data(), size)) return c.bad(fat + ".ciphertext", "record ends inside the template");
        }
    }
    if (version >= 2) {
        std::size_t flags = 0;
        if (!c.u8(flags)) return c.bad("flags", "record ends before the flags byte");
        if ((flags & ~std::size_t{kRecordFlagsKnown}) != 0)
            return c.bad("flags", "unknown flag bits (only bit 0, lookout, is defined)");
        out.lookout = (flags & kRecordFlagLookout) != 0;
    }
    if (!c.atEnd()) return c.bad("", "trailing bytes after the member");
    return {};
}

BundleFile::~BundleFile() {
    if (fd_ >= 0) ::close(fd_);
}

kiosk::Result<void> BundleFile::open(const std::filesystem::path& file) {
    where_ = file.string();
    fd_ = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return fail(Error::Code::Io, std::string("cannot open the bundle: ") + std::strerror(errno), where_, errno);
    struct stat st{};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
        return fail(Error::Code::Io, "the bundle is not a regular file", where_);
    size_ = static_cast<std::uint64_t>(st.st_size);
    buffer_.resize(1u << 20);
    (void)::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    return {};
}

kiosk::Result<void> BundleFile::read(std::uint8_t* out, std::size_t n) {
    while (n > 0) {
        if (bufferPos_ == bufferEnd_) {
            const ssize_t got = ::read(fd_, buffer_.data(), buffer_.size());
            if (got < 0) {
                if (errno == EINTR) continue;
                return fail(Error::Code::Io, std::string("cannot read the bundle: ") + std::strerror(errno), where_, errno);
            }
            if (got == 0)
                return fail(Error::Code::InvalidInput, "truncated: the file ends inside the bundle", where_);
            bufferPos_ = 0;
            bufferEnd_ = static_cast<std::size_t>(got);
        }
        const std::size_t take = std::min(n, bufferEnd_ - bufferPos_);
        std::memcpy(out, buffer_.data() + bufferPos_, take);
        bufferPos_ += take, position_ += take, out += take, n -= take;
    }
    return {};
}

kiosk::Result<void> BundleFile::readAt(std::uint64_t offset, std::uint8_t* out, std::size_t n) const {
    std::size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return fail(Error::Code::Io, std::string("cannot read the bundle: ") + std::strerror(errno), where_, errno);
        if (got == 0) return fail(Error::Code::InvalidInput, "truncated: the file ends inside the bundle", where_);
        done += static_cast<std::size_t>(got);
    }
    return {};
}

}  // namespace kiosk::members::detail

namespace kiosk::members {

kiosk::Result<BundleHeader> readBundleHeader(const std::filesystem::path& file) {
    detail::BundleFile f;
    if (auto r = f.open(file); !r) return std::unexpected(r.error());
    std::array<std::uint8_t, detail::kHeaderSize> raw{};
    if (f.size() < detail::kHeaderSize)
        return fail(Error::Code::InvalidInput,
                    "truncated: " + std::to_string(f.size()) + " bytes, shorter than a bundle header", f.where());
    if (auto r = f.read(raw.data(), raw.size()); !r) return std::unexpected(r.error());
    return detail::decodeHeader(raw, f.where());
}

namespace detail {

std::array<std::uint8_t, kSignedDigestMessageSize> signedDigestMessage(std::span<const std::uint8_t, kDigestSize> digest) {
    static constexpr std::string_view kContext = "kiosk.members.bundle.v3";
    static_assert(kContext.size() < kSignedDigestMessageSize - kDigestSize);
    std::array<std::uint8_t, kSignedDigestMessageSize> message{};  // the context NUL-padded to 32 bytes
    std::copy(kContext.begin(), kContext.end(), message.begin());
    std::copy(digest.begin(), digest.end(), message.begin() + (kSignedDigestMessageSize - kDigestSize));
    return message;
}

void signContent(std::span<const std::uint8_t> content, std::uint16_t version, std::span<const std::uint8_t, 64> secret,
                 std::span<std::uint8_t, kSignatureSize> signature) {
    if (version >= kFirstDigestSignedVersion) {
        const auto message = signedDigestMessage(contentDigest(content));  // the digest imports record
        crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret.data());
        return;
    }
    crypto_sign_state state;
    crypto_sign_init(&state);
    crypto_sign_update(&state, content.data(), content.size());
    crypto_sign_final_create(&state, signature.data(), nullptr, secret.data());
}

}  // namespace detail

kiosk::Result<VerifiedBundle> verifyBundle(const std::filesystem::path& file, const PublisherKey& publisher) {
    using namespace detail;
    if (!sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise", file.string());
    BundleFile f;
    if (auto r = f.open(file); !r) return std::unexpected(r.error());
    if (f.size() < kMinBundleSize)
        return fail(Error::Code::InvalidInput,
                    "truncated: " + std::to_string(f.size()) + " bytes, a bundle has at least " +
                        std::to_string(kMinBundleSize),
                    f.where());
    VerifiedBundle out;
    out.fileSize = f.size();
    std::array<std::uint8_t, kHeaderSize> raw{};
    if (auto r = f.readAt(0, raw.data(), raw.size()); !r) return std::unexpected(r.error());
    auto header = decodeHeader(raw, f.where());
    if (!header) return std::unexpected(header.error());
    out.header = *header;
    if (header->keyId != publisher.id())
        return fail(Error::Code::Crypto,
                    "signed by another publisher key (key id " + toHex(header->keyId.data(), header->keyId.size()) +
                        ", this kiosk trusts " + publisher.idHex() + ")",
                    f.where());
    const std::uint64_t contentSize = f.size() - kSignatureSize;
    std::array<std::uint8_t, kTrailerSize + kSignatureSize> tail{};
    if (auto r = f.readAt(contentSize - kTrailerSize, tail.data(), tail.size()); !r) return std::unexpected(r.error());
    if (!std::equal(kTrailerMagic.begin(), kTrailerMagic.end(), tail.begin()) ||
        loadU64(tail.data() + 16) != contentSize)
        return fail(Error::Code::InvalidInput, "truncated or incomplete: no valid trailer at the end of the file",
                    f.where());
    if (loadU64(tail.data() + 8) != header->recordCount)
        return fail(Error::Code::InvalidInput, "trailer and header disagree on the record count", f.where());

    crypto_generichash_state digest;
    crypto_generichash_init(&digest, nullptr, 0, out.digest.size());
    std::vector<std::uint8_t> chunk(1u << 20);
    if (header->formatVersion >= kFirstDigestSignedVersion) {
        // One hash: the signature covers the digest.
        for (std::uint64_t left = contentSize; left > 0;) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
            if (auto r = f.read(chunk.data(), n); !r) return std::unexpected(r.error());
            crypto_generichash_update(&digest, chunk.data(), n);
            left -= n;
        }
        crypto_generichash_final(&digest, out.digest.data(), out.digest.size());
        const auto message = signedDigestMessage(out.digest);
        if (crypto_sign_verify_detached(tail.data() + kTrailerSize, message.data(), message.size(),
                                        publisher.bytes.data()) != 0)
            return fail(Error::Code::Crypto, "the signature does not verify: the bundle was altered or damaged",
                        f.where());
        return out;
    }
    // Versions 1 and 2: Ed25519ph over the content (its SHA-512 here, the digest on a second thread).
    crypto_sign_state sign;
    crypto_sign_init(&sign);
    {
        DigestThread digestThread(digest);
        for (std::uint64_t left = contentSize; left > 0;) {
            const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, chunk.size()));
            if (auto r = f.read(chunk.data(), n); !r) return std::unexpected(r.error());
            digestThread.update(chunk.data(), n);
            crypto_sign_update(&sign, chunk.data(), n);
            digestThread.wait();
            left -= n;
        }
    }
    crypto_generichash_final(&digest, out.digest.data(), out.digest.size());
    if (crypto_sign_final_verify(&sign, tail.data() + kTrailerSize, publisher.bytes.data()) != 0)
        return fail(Error::Code::Crypto, "the signature does not verify: the bundle was altered or damaged",
                    f.where());
    return out;
}

}  // namespace kiosk::members

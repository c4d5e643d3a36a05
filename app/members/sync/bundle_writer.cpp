#include "app/members/sync/bundle_writer.h"

#include "app/members/member_list.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kiosk::members {

namespace {
std::unexpected<Error> ioError(const std::string& what, const std::filesystem::path& file) {
    const int e = errno;
    return fail(Error::Code::Io, what + ": " + std::strerror(e), file.string(), e);
}

kiosk::Result<void> writeAll(int fd, const std::uint8_t* data, std::size_t n, const std::filesystem::path& file) {
    while (n > 0) {
        const ssize_t w = ::write(fd, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return ioError("cannot write", file);
        data += w, n -= static_cast<std::size_t>(w);
    }
    return {};
}

void putU64(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
}  // namespace

PublisherSecretKey PublisherSecretKey::generate() {
    (void)detail::sodiumReady();
    PublisherSecretKey k;
    std::array<std::uint8_t, 32> pk{};
    crypto_sign_keypair(pk.data(), k.bytes_.data());
    return k;
}

PublisherSecretKey PublisherSecretKey::fromSeed(std::span<const std::uint8_t, 32> seed) {
    (void)detail::sodiumReady();
    PublisherSecretKey k;
    std::array<std::uint8_t, 32> pk{};
    crypto_sign_seed_keypair(pk.data(), k.bytes_.data(), seed.data());
    return k;
}

kiosk::Result<PublisherSecretKey> PublisherSecretKey::load(const std::filesystem::path& file) {
    struct stat st{};
    if (::stat(file.c_str(), &st) != 0) return ioError("cannot open the publisher secret key", file);
    if ((st.st_mode & 077) != 0)
        return fail(Error::Code::Config, "publisher secret key file must be accessible by its owner only (chmod 600)",
                    file.string());
    std::ifstream in(file, std::ios::binary);
    std::vector<char> content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (content.size() != kSize)
        return fail(Error::Code::InvalidInput, "a publisher secret key file holds exactly 64 bytes", file.string());
    PublisherSecretKey k;
    std::memcpy(k.bytes_.data(), content.data(), kSize);
    sodium_memzero(content.data(), content.size());
    return k;
}

kiosk::Result<void> PublisherSecretKey::save(const std::filesystem::path& file) const {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return ioError("cannot create the publisher secret key (it is never overwritten)", file);
    auto r = writeAll(fd, bytes_.data(), bytes_.size(), file);
    if (r && ::fsync(fd) != 0) r = ioError("cannot sync", file);
    ::close(fd);
    return r;
}

PublisherSecretKey::PublisherSecretKey(PublisherSecretKey&& o) noexcept : bytes_(o.bytes_) {
    sodium_memzero(o.bytes_.data(), kSize);
}
PublisherSecretKey& PublisherSecretKey::operator=(PublisherSecretKey&& o) noexcept {
    if (this != &o) {
        bytes_ = o.bytes_;
        sodium_memzero(o.bytes_.data(), kSize);
    }
    return *this;
}
PublisherSecretKey::~PublisherSecretKey() { sodium_memzero(bytes_.data(), kSize); }

PublisherKey PublisherSecretKey::publicKey() const {
    PublisherKey k;
    crypto_sign_ed25519_sk_to_pk(k.bytes.data(), bytes_.data());
    return k;
}

kiosk::Result<void> savePublisherKey(const PublisherKey& key, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << toHex(key.bytes.data(), key.bytes.size()) << '\n';
    if (!out) return fail(Error::Code::Io, "cannot write the publisher key", file.string());
    return {};
}

struct BundleWriter::Impl {
    std::filesystem::path file, partial;
    int fd = -1;
    crypto_sign_state sign{};         // format versions 1 and 2: Ed25519ph over the content
    crypto_generichash_state digest{};  // version 3: BLAKE2b-256 of the content, then Ed25519 over it
    bool digestSigned = false;
    std::array<std::uint8_t, PublisherSecretKey::kSize> secret{};
    BundleHeader header;
    std::uint64_t written = 0, records = 0;
    std::vector<std::uint8_t> buffer, scratch;
    bool finished = false;

    ~Impl() {
        sodium_memzero(secret.data(), secret.size());
        sodium_memzero(&sign, sizeof sign);
        sodium_memzero(&digest, sizeof digest);
        if (fd >= 0) ::close(fd);
        if (!finished && !partial.empty()) ::unlink(partial.c_str());
    }
    kiosk::Result<void> flush() {
        if (buffer.empty()) return {};
        auto r = writeAll(fd, buffer.data(), buffer.size(), partial);
        buffer.clear();
        return r;
    }
    kiosk::Result<void> put(const std::uint8_t* data, std::size_t n) {
        if (digestSigned)
            crypto_generichash_update(&digest, data, n);
        else
            crypto_sign_update(&sign, data, n);
        written += n;
        buffer.insert(buffer.end(), data, data + n);
        if (buffer.size() >= (1u << 20)) return flush();
        return {};
    }
};

BundleWriter::BundleWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BundleWriter::BundleWriter(BundleWriter&&) noexcept = default;
BundleWriter& BundleWriter::operator=(BundleWriter&&) noexcept = default;
BundleWriter::~BundleWriter() = default;

kiosk::Result<BundleWriter> BundleWriter::create(const std::filesystem::path& file, BundleHeader header,
                                                 const PublisherSecretKey& key) {
    if (!detail::sodiumReady()) return fail(Error::Code::Crypto, "libsodium failed to initialise");
    if (header.formatVersion < detail::kOldestBundleVersion || header.formatVersion > detail::kBundleVersion)
        return fail(Error::Code::InvalidInput,
                    "bundle format version " + std::to_string(header.formatVersion) + " cannot be written",
                    file.string());
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    impl->partial = file;
    impl->partial += ".partial";
    impl->secret = key.bytes();
    header.keyId = key.publicKey().id();
    impl->header = header;
    impl->fd = ::open(impl->partial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (impl->fd < 0) {
        impl->partial.clear();
        return ioError("cannot create the bundle", file);
    }
    impl->digestSigned = header.formatVersion >= detail::kFirstDigestSignedVersion;
    crypto_sign_init(&impl->sign);
    crypto_generichash_init(&impl->digest, nullptr, 0, detail::kDigestSize);
    std::array<std::uint8_t, detail::kHeaderSize> raw{};
    detail::encodeHeader(header, raw);
    if (auto r = impl->put(raw.data(), raw.size()); !r) return std::unexpected(r.error());
    return BundleWriter(std::move(impl));
}

kiosk::Result<void> BundleWriter::add(const detail::BundleMember& member) {
    // The old layout has nowhere to put a lookout; dropping it silently would clear a member for an
    // officer's attention.
    if (member.lookout && impl_->header.formatVersion < 2)
        return fail(Error::Code::InvalidInput, "a version 1 bundle cannot carry a lookout", member.ref);
    impl_->scratch.clear();
    detail::encodeRecord(member, impl_->scratch, impl_->header.formatVersion);
    if (impl_->scratch.size() - 4 > detail::kMaxRecordSize)
        return fail(Error::Code::InvalidInput, "a member record exceeds 16 MiB", member.ref);
    ++impl_->records;
    return impl_->put(impl_->scratch.data(), impl_->scratch.size());
}

kiosk::Result<void> BundleWriter::addRaw(std::span<const std::uint8_t> record) {
    ++impl_->records;
    return impl_->put(record.data(), record.size());
}

kiosk::Result<std::uint64_t> BundleWriter::finish() {
    auto& d = *impl_;
    if (d.records != d.header.recordCount)
        return fail(Error::Code::Internal,
                    "the header announced " + std::to_string(d.header.recordCount) + " records, " +
                        std::to_string(d.records) + " were written",
                    d.file.string());
    std::array<std::uint8_t, detail::kTrailerSize> trailer{};
    std::memcpy(trailer.data(), detail::kTrailerMagic.data(), 8);
    putU64(trailer.data() + 8, d.records);
    putU64(trailer.data() + 16, d.written + detail::kTrailerSize);
    if (auto r = d.put(trailer.data(), trailer.size()); !r) return std::unexpected(r.error());
    std::array<std::uint8_t, detail::kSignatureSize> signature{};
    if (d.digestSigned) {
        std::array<std::uint8_t, detail::kDigestSize> digest{};
        crypto_generichash_final(&d.digest, digest.data(), digest.size());
        const auto message = detail::signedDigestMessage(digest);
        crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), d.secret.data());
    } else {
        crypto_sign_final_create(&d.sign, signature.data(), nullptr, d.secret.data());
    }
    d.buffer.insert(d.buffer.end(), signature.begin(), signature.end());
    if (auto r = d.flush(); !r) return std::unexpected(r.error());
    if (::fsync(d.fd) != 0) return ioError("cannot sync the bundle", d.partial);
    ::close(d.fd);
    d.fd = -1;
    if (::rename(d.partial.c_str(), d.file.c_str()) != 0) return ioError("cannot rename the bundle into place", d.file);
    d.finished = true;
    return d.written + signature.size();
}

kiosk::Result<std::uint64_t> writeSnapshotFromMemberList(const std::filesystem::path& list,
                                                         const std::filesystem::path& output, std::uint64_t sequence,
                                                         std::int64_t created, const DeploymentKey& deployment,
                                                         const PublisherSecretKey& secret) {
    auto parsed = detail::readMemberList(list, deployment);
    if (!parsed) return std::unexpected(parsed.error());
    BundleHeader h;
    h.sequence = sequence;
    h.createdUnix = created;
    h.recordCount = parsed->members.size();
    auto writer = BundleWriter::create(output, h, secret);
    if (!writer) return std::unexpected(writer.error());
    std::vector<std::vector<const detail::ListDocument*>> docs(parsed->members.size());
    for (const auto& d : parsed->documents) docs[d.member].push_back(&d);
    detail::BundleMember record;
    std::vector<detail::PlainFinger> plain;
    for (std::size_t i = 0; i < parsed->members.size(); ++i) {
        const auto& m = parsed->members[i];
        record.type = detail::RecordType::Member;
        record.ref = m.memberRef;
        record.lookout = m.lookout;
        record.programs.clear();
        for (const auto& p : m.programs)
            record.programs.push_back({p.program, static_cast<std::uint8_t>(p.status),
                                       static_cast<std::int32_t>(p.expires.daysSinceEpoch())});
        plain.clear();
        for (const auto& f : m.fingers) plain.push_back({f.position, f.quality, f.isoTemplate});
        record.documents.resize(docs[i].size());
        for (std::size_t d = 0; d < docs[i].size(); ++d) {
            record.documents[d].lookupKey = docs[i][d]->lookupKey;
            detail::sealFingers(docs[i][d]->sealKey, docs[i][d]->lookupKey, plain, record.documents[d].fingers);
        }
        if (auto r = writer->add(record); !r) return std::unexpected(r.error());
    }
    return writer->finish();
}

}  // namespace kiosk::members

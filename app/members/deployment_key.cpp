#include "app/members/deployment_key.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>

#include "app/members/member_crypto.h"

namespace kiosk::members {

namespace {

void requireSodium() {
    // Only a broken process (no entropy source at all) gets here; not a recoverable condition.
    if (!detail::sodiumReady()) throw std::runtime_error("libsodium failed to initialise");
}

std::string errnoText(int err) { return std::strerror(err); }

// Closes a descriptor on every path.
struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads exactly kSize bytes and checks there is nothing more.
kiosk::Result<DeploymentKey> readKey(const std::filesystem::path& file) {
    const std::string where = file.string();
    Fd f{::open(file.c_str(), O_RDONLY | O_CLOEXEC)};
    if (f.fd < 0) {
        const int err = errno;
        return fail(Error::Code::Io, "cannot open deployment key: " + errnoText(err), where, err);
    }
    struct stat st {};
    if (::fstat(f.fd, &st) != 0) {
        const int err = errno;
        return fail(Error::Code::Io, "cannot stat deployment key: " + errnoText(err), where, err);
    }
    if (!S_ISREG(st.st_mode))
        return fail(Error::Code::InvalidInput, "deployment key is not a regular file", where);
    if ((st.st_mode & 0077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return fail(Error::Code::Crypto,
                    std::string("deployment key is accessible to group or others (mode ") + mode +
                        "); it must be 0600",
                    where);
    }
    std::array<std::uint8_t, DeploymentKey::kSize + 1> buffer{};  // one extra byte detects long files
    std::size_t got = 0;
    while (got < buffer.size()) {
        const ssize_t n = ::read(f.fd, buffer.data() + got, buffer.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            detail::wipe(buffer.data(), buffer.size());
            return fail(Error::Code::Io, "cannot read deployment key: " + errnoText(err), where, err);
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got != DeploymentKey::kSize) {
        detail::wipe(buffer.data(), buffer.size());
        return fail(Error::Code::InvalidInput,
                    "deployment key must be exactly 32 bytes, the file holds " +
                        std::to_string(got > DeploymentKey::kSize ? static_cast<long long>(st.st_size)
                                                                  : static_cast<long long>(got)),
                    where);
    }
    auto key = DeploymentKey::fromBytes(std::span<const std::uint8_t, DeploymentKey::kSize>(
        buffer.data(), DeploymentKey::kSize));
    detail::wipe(buffer.data(), buffer.size());
    return key;
}

kiosk::Result<void> writeAll(int fd, const std::uint8_t* data, std::size_t size, const std::string& where) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            return fail(Error::Code::Io, "cannot write deployment key: " + errnoText(err), where, err);
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// Writes a fresh key to a private temporary file, then link()s it into place: link never replaces
// an existing file, so two processes racing to create the key agree on one (the loser reads it).
kiosk::Result<void> createKey(const std::filesystem::path& file) {
    const std::string where = file.string();
    std::filesystem::path temp = file;
    temp += ".tmp-" + std::to_string(::getpid());
    ::unlink(temp.c_str());  // a leftover of a crashed process that had our pid; never a live file
    Fd f{::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)};
    if (f.fd < 0) {
        const int err = errno;
        return fail(Error::Code::Io, "cannot create deployment key: " + errnoText(err), where, err);
    }
    auto cleanup = [&] { ::unlink(temp.c_str()); };
    ::fchmod(f.fd, 0600);  // the umask could only have narrowed it; be explicit anyway
    DeploymentKey key = DeploymentKey::generate();
    if (auto w = writeAll(f.fd, key.bytes().data(), key.bytes().size(), where); !w) {
        cleanup();
        return w;
    }
    if (::fsync(f.fd) != 0) {
        const int err = errno;
        cleanup();
        return fail(Error::Code::Io, "cannot sync deployment key: " + errnoText(err), where, err);
    }
    if (::link(temp.c_str(), file.c_str()) != 0) {
        const int err = errno;
        cleanup();
        if (err == EEXIST) return {};  // someone else created it first: theirs is read back
        return fail(Error::Code::Io, "cannot create deployment key: " + errnoText(err), where, err);
    }
    cleanup();
    // Make the new directory entry durable too.
    const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    if (Fd d{::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)}; d.fd >= 0) ::fsync(d.fd);
    return {};
}

}  // namespace

DeploymentKey DeploymentKey::generate() {
    requireSodium();
    DeploymentKey key;
    randombytes_buf(key.bytes_.data(), key.bytes_.size());
    key.valid_ = true;
    return key;
}

DeploymentKey DeploymentKey::fromBytes(std::span<const std::uint8_t, kSize> bytes) {
    requireSodium();
    DeploymentKey key;
    std::memcpy(key.bytes_.data(), bytes.data(), kSize);
    key.valid_ = true;
    return key;
}

DeploymentKey::DeploymentKey(DeploymentKey&& other) noexcept : bytes_(other.bytes_), valid_(other.valid_) {
    other.wipe();
}

DeploymentKey& DeploymentKey::operator=(DeploymentKey&& other) noexcept {
    if (this != &other) {
        bytes_ = other.bytes_;
        valid_ = other.valid_;
        other.wipe();
    }
    return *this;
}

DeploymentKey::~DeploymentKey() { wipe(); }

void DeploymentKey::wipe() noexcept {
    sodium_memzero(bytes_.data(), bytes_.size());
    valid_ = false;
}

kiosk::Result<DeploymentKey> loadOrCreateDeploymentKey(const std::filesystem::path& file) {
    if (!detail::sodiumReady())
        return fail(Error::Code::Crypto, "libsodium failed to initialise", file.string());
    std::error_code ec;
    const bool exists = std::filesystem::exists(std::filesystem::symlink_status(file, ec));
    if (!exists) {
        if (auto created = createKey(file); !created) return std::unexpected(created.error());
    }
    return readKey(file);
}

}  // namespace kiosk::members

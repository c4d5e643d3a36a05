#include "app/members/generations.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace kiosk::members::generations {

namespace {

namespace fs = std::filesystem;

std::string prefix(const fs::path& cache) { return cache.filename().string() + ".gen-"; }

fs::path directory(const fs::path& cache) {
    return cache.has_parent_path() ? cache.parent_path() : fs::path(".");
}

std::string randomHex(std::size_t bytes) {
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        static constexpr char kHex[] = "0123456789abcdef";
        const auto b = static_cast<unsigned>(randombytes_uniform(256));
        out += kHex[b >> 4];
        out += kHex[b & 15];
    }
    return out;
}

kiosk::Result<void> syncPath(const fs::path& path, int flags, const char* what) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return fail(Error::Code::Io, std::string("cannot open ") + what + ": " + std::strerror(errno), path.string(), errno);
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0) return fail(Error::Code::Io, std::string("cannot sync ") + what + ": " + std::strerror(error), path.string(), error);
    return {};
}

void removeQuietly(const fs::path& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

}  // namespace

std::string linkText(const fs::path& cache) {
    char buffer[4096];
    const auto n = ::readlink(cache.c_str(), buffer, sizeof buffer);
    if (n <= 0 || static_cast<std::size_t>(n) >= sizeof buffer) return {};
    return std::string(buffer, static_cast<std::size_t>(n));
}

fs::path resolve(const fs::path& cache, const std::string& linkText) {
    if (linkText.empty()) return cache;
    const fs::path target(linkText);
    return target.is_absolute() ? target : directory(cache) / target;
}

fs::path fresh(const fs::path& cache, std::uint64_t sequence) {
    return directory(cache) / (prefix(cache) + std::to_string(sequence) + "-" + randomHex(4));
}

kiosk::Result<void> publish(const fs::path& cache, const fs::path& generation) {
    const auto dir = directory(cache);
    // The link is relative, so the data directory can be moved or mounted elsewhere.
    const auto link = dir / (cache.filename().string() + ".link-" + randomHex(4));
    std::error_code ec;
    fs::create_symlink(generation.filename(), link, ec);
    if (ec) return fail(Error::Code::Io, "cannot link the new generation: " + ec.message(), link.string(), ec.value());
    if (!fs::exists(link, ec)) {  // never a link to nothing at the cache's path
        removeQuietly(link);
        return fail(Error::Code::Io, "the new generation is gone before its switch", generation.string());
    }
    fs::rename(link, cache, ec);  // rename(2): atomic, replaces the previous link or plain file
    if (ec) {
        removeQuietly(link);
        return fail(Error::Code::Io, "cannot switch to the new generation: " + ec.message(), cache.string(), ec.value());
    }
    return syncPath(dir, O_RDONLY | O_DIRECTORY, "the cache's directory");
}

void remove(const fs::path& generation) {
    for (const char* suffix : {"-wal", "-shm", ""}) removeQuietly(generation.string() + suffix);
}

void removeStale(const fs::path& cache, const fs::path& keep) {
    const auto dir = directory(cache);
    const auto keepName = keep.filename().string();
    const auto ours = prefix(cache), link = cache.filename().string() + ".link-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        const bool generation = name.starts_with(ours) || name.starts_with(link);
        const bool kept = name == keepName || name == keepName + "-wal" || name == keepName + "-shm";
        if (!generation || kept) continue;
        removeQuietly(entry.path());
    }
    removeReplacedPlainFile(cache);
}

void removeReplacedPlainFile(const fs::path& cache) {
    std::error_code ec;
    if (!fs::is_symlink(cache, ec)) return;  // still the plain file: its WAL is in use
    for (const char* suffix : {"-wal", "-shm"}) removeQuietly(cache.string() + suffix);
}

kiosk::Result<void> sync(const fs::path& file) { return syncPath(file, O_RDONLY, "the new generation"); }

}  // namespace kiosk::members::generations

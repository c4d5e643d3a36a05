#pragma once
// What the member cache's bundle benches share: their synthetic population's seed and keys, CPU clocks,
// percentiles, eviction from the page cache, publishing in a child process.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/members/member_cache.h"

namespace kiosk::members::bench {

using Clock = std::chrono::steady_clock;

inline constexpr std::uint64_t kSeed = 20261126;

// CPU seconds of the calling thread: with the shared 2 cores of this machine the wall figures move with
// other processes' load, this one much less (I/O waits are not in it).
inline double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// CPU seconds of the whole process (every thread): the apply's second thread (the bundle record
// reader) works outside the applying thread's figure, so both are reported.
inline double processCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

inline double micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }
inline double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

inline long statusKiB(const char* field) {  // VmHWM / VmRSS from /proc/self/status
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field, 0) == 0) return std::strtol(line.c_str() + std::strlen(field) + 1, nullptr, 10);
    return 0;
}

inline void resetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

inline DeploymentKey deploymentKey() {
    std::array<std::uint8_t, DeploymentKey::kSize> b{};
    b.fill(0x5a);
    return DeploymentKey::fromBytes(b);
}

inline PublisherSecretKey publisherKey() {
    std::array<std::uint8_t, 32> seed{};
    seed.fill(0x17);
    return PublisherSecretKey::fromSeed(seed);
}

// Publishing runs in a child process so its memory (the key-ordering index) is not the kiosk's.
template <class F>
inline bool inChild(F f) {
    const pid_t pid = fork();
    if (pid == 0) _exit(f() ? 0 : 1);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

inline int failed(const kiosk::Error& e) {
    std::fprintf(stderr, "%s\n", e.describe().c_str());
    return 1;
}

inline std::uintmax_t sizeOr0(const std::filesystem::path& p) {
    std::error_code ec;
    const auto s = std::filesystem::file_size(p, ec);
    return ec ? 0 : s;
}

// Evicts the file from the OS page cache (written back first: dirty pages cannot be dropped; nor can
// pages a live memory map of it holds, so close mapped connections first).
inline void dropFromPageCache(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    ::fdatasync(fd);
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    ::close(fd);
}

// Reads the whole file through the page cache (a kiosk that has been running: every page cached).
inline void readWholeFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<char> chunk(1 << 20);
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {}
}

}  // namespace kiosk::members::bench

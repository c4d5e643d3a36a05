#include "app/crash_report.h"

#include <execinfo.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <string>
#include <system_error>

namespace kiosk::app {
namespace {

// Everything the handler needs is prepared before a crash: only async-signal-safe calls inside.
char gDir[4096];
char gVersion[64];

void writeText(int fd, const char* text) {
    const auto n = std::strlen(text);
    if (write(fd, text, n) < 0) return;  // nothing to do about it inside a crash
}

// Decimal without printf (not async-signal-safe).
void writeNumber(int fd, long long value) {
    char buffer[24];
    int i = sizeof buffer;
    buffer[--i] = '\0';
    const bool negative = value < 0;
    unsigned long long v = negative ? static_cast<unsigned long long>(-value) : static_cast<unsigned long long>(value);
    do {
        buffer[--i] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0 && i > 1);
    if (negative && i > 0) buffer[--i] = '-';
    writeText(fd, buffer + i);
}

const char* signalName(int sig) {
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (invalid memory access)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGABRT: return "SIGABRT (abort)";
    default: return "signal";
    }
}

void onCrash(int sig) {
    char path[4096 + 64];
    char number[24];
    // path = dir + "/crash-<time>-<pid>.txt", built by hand.
    std::size_t at = 0;
    auto append = [&](const char* s) {
        for (; *s != '\0' && at + 1 < sizeof path; ++s) path[at++] = *s;
        path[at] = '\0';
    };
    auto numberText = [&](long long v) {
        int i = sizeof number;
        number[--i] = '\0';
        do {
            number[--i] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0 && i > 0);
        return number + i;
    };
    append(gDir);
    append("/crash-");
    append(numberText(static_cast<long long>(time(nullptr))));
    append("-");
    append(numberText(static_cast<long long>(getpid())));
    append(".txt");
    const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
        writeText(fd, "clearance-kiosk crash report\nversion: ");
        writeText(fd, gVersion);
        writeText(fd, "\nsignal: ");
        writeText(fd, signalName(sig));
        writeText(fd, "\nunix time: ");
        writeNumber(fd, static_cast<long long>(time(nullptr)));
        writeText(fd, "\nstack (return addresses and symbols; no memory contents):\n");
        void* frames[64];
        const int n = backtrace(frames, 64);
        backtrace_symbols_fd(frames, n, fd);
        close(fd);
    }
    // Default action: the process dies of the same signal, as if no handler had been there.
    signal(sig, SIG_DFL);
    raise(sig);
}

}  // namespace

void installCrashReporter(const std::filesystem::path& dir, const char* version) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    std::strncpy(gDir, dir.c_str(), sizeof gDir - 1);
    std::strncpy(gVersion, version, sizeof gVersion - 1);
    // backtrace() loads libgcc on first use, which allocates: do it now, not inside a crash.
    void* warmUp[2];
    (void)backtrace(warmUp, 2);
    struct sigaction action {};
    action.sa_handler = onCrash;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) sigaction(sig, &action, nullptr);
}

std::optional<std::filesystem::path> takeUnseenCrashReport(const std::filesystem::path& dir) {
    std::error_code ec;
    std::optional<std::filesystem::path> newest;
    std::filesystem::file_time_type newestTime{};
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const auto name = entry.path().filename().string();
        if (!name.starts_with("crash-") || entry.path().extension() != ".txt") continue;
        const auto t = entry.last_write_time(ec);
        if (!newest || t > newestTime) {
            newest = entry.path();
            newestTime = t;
        }
        auto seen = entry.path();
        seen += ".seen";
        std::filesystem::rename(entry.path(), seen, ec);
        if (newest == entry.path()) newest = seen;
    }
    return newest;
}

}  // namespace kiosk::app

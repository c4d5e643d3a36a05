#include "app/watchdog/sd_notify.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kiosk::watchdog {

namespace {

std::optional<std::uint64_t> envNumber(const char* name) {
    const char* text = std::getenv(name);
    if (text == nullptr || *text == '\0') return std::nullopt;
    std::uint64_t value = 0;
    const char* end = text + std::strlen(text);
    const auto [ptr, ec] = std::from_chars(text, end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

}  // namespace

Result<bool> notify(std::string_view state) {
    const char* socketName = std::getenv("NOTIFY_SOCKET");
    if (socketName == nullptr || *socketName == '\0') return false;
    const std::string_view name(socketName);

    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    // '@' names an abstract socket: sun_path starts with a NUL and the length counts exactly the
    // name's bytes; a path needs its terminating NUL to fit.
    const bool abstract = name.front() == '@';
    if (!abstract && name.front() != '/')
        return fail(Error::Code::Unsupported, "NOTIFY_SOCKET is neither a path nor an abstract name", "sd_notify");
    if (name.size() >= sizeof address.sun_path)
        return fail(Error::Code::InvalidInput, "NOTIFY_SOCKET is too long", "sd_notify");
    std::memcpy(address.sun_path, name.data(), name.size());
    if (abstract) address.sun_path[0] = '\0';
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size() + (abstract ? 0 : 1));

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(Error::Code::Io, "cannot create a socket", "sd_notify", errno);
    ssize_t sent = -1;
    do {
        sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address),
                        length);
    } while (sent < 0 && errno == EINTR);
    const int error = errno;
    ::close(fd);
    if (sent < 0) return fail(Error::Code::Io, std::string("cannot send: ") + std::strerror(error), "sd_notify", error);
    if (static_cast<std::size_t>(sent) != state.size())
        return fail(Error::Code::Io, "the message was cut short", "sd_notify");
    return true;
}

Result<bool> notifyReady() { return notify("READY=1"); }
Result<bool> notifyWatchdog() { return notify("WATCHDOG=1"); }
Result<bool> notifyStopping() { return notify("STOPPING=1"); }

Result<bool> notifyStatus(std::string_view text) {
    std::string message = "STATUS=";
    for (const char c : text) message += (c == '\n' || c == '\r') ? ' ' : c;
    return notify(message);
}

std::optional<std::chrono::microseconds> watchdogInterval() {
    const auto usec = envNumber("WATCHDOG_USEC");
    if (!usec || *usec == 0 || *usec > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    if (std::getenv("WATCHDOG_PID") != nullptr) {
        const auto pid = envNumber("WATCHDOG_PID");
        if (!pid || *pid != static_cast<std::uint64_t>(::getpid())) return std::nullopt;
    }
    return std::chrono::microseconds(static_cast<std::int64_t>(*usec));
}

}  // namespace kiosk::watchdog

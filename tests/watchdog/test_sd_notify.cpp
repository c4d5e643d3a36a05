// The sd_notify protocol against the test's own AF_UNIX datagram socket, standing in for systemd,
// and the event-loop heartbeat: it beats while the loop turns and stops while the loop is blocked.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QTimer>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "app/watchdog/event_loop_watchdog.h"
#include "app/watchdog/sd_notify.h"

using namespace kiosk::watchdog;
using namespace std::chrono_literals;

namespace {

// systemd's end of the protocol: a bound datagram socket, read without blocking.
class FakeSystemd {
public:
    // name: a path, or "@name" for the abstract namespace (as NOTIFY_SOCKET spells it).
    explicit FakeSystemd(std::string name) : name_(std::move(name)) {
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(name_.size() < sizeof address.sun_path);
        std::memcpy(address.sun_path, name_.data(), name_.size());
        const bool abstract = name_.front() == '@';
        if (abstract) address.sun_path[0] = '\0';
        const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name_.size() + (abstract ? 0 : 1));
        REQUIRE(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), length) == 0);
        ::setenv("NOTIFY_SOCKET", name_.c_str(), 1);
    }
    FakeSystemd(const FakeSystemd&) = delete;
    FakeSystemd& operator=(const FakeSystemd&) = delete;
    ~FakeSystemd() {
        ::close(fd_);
        if (name_.front() == '/') ::unlink(name_.c_str());
        ::unsetenv("NOTIFY_SOCKET");
    }

    // Every datagram queued so far.
    std::vector<std::string> drain() const {
        std::vector<std::string> messages;
        char buffer[4096];
        while (true) {
            const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n < 0) break;
            messages.emplace_back(buffer, static_cast<std::size_t>(n));
        }
        return messages;
    }

private:
    std::string name_;
    int fd_ = -1;
};

std::string socketPath() {
    return (std::filesystem::temp_directory_path() / ("kiosk-notify-" + std::to_string(::getpid()) + ".sock")).string();
}

long count(const std::vector<std::string>& messages, const std::string& message) {
    return std::count(messages.begin(), messages.end(), message);
}

void clearWatchdogEnvironment() {
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
}

}  // namespace

TEST_CASE("READY, STATUS and STOPPING reach a socket named by path") {
    const FakeSystemd systemd(socketPath());
    CHECK(notifyReady().value());
    CHECK(notifyStatus("member list 2 h old\nsecond line").value());
    CHECK(notifyStopping().value());
    const auto messages = systemd.drain();
    CHECK(messages == std::vector<std::string>{"READY=1", "STATUS=member list 2 h old second line", "STOPPING=1"});
}

TEST_CASE("an abstract-namespace socket ('@' prefix) works too") {
    const FakeSystemd systemd("@kiosk-notify-test-" + std::to_string(::getpid()));
    CHECK(notifyWatchdog().value());
    CHECK(notify("READY=1\nSTATUS=up").value());
    CHECK(systemd.drain() == std::vector<std::string>{"WATCHDOG=1", "READY=1\nSTATUS=up"});
}

TEST_CASE("without NOTIFY_SOCKET every notification is a quiet no-op") {
    ::unsetenv("NOTIFY_SOCKET");
    const auto sent = notifyReady();
    REQUIRE(sent.has_value());
    CHECK_FALSE(*sent);
    ::setenv("NOTIFY_SOCKET", "", 1);
    CHECK_FALSE(notifyWatchdog().value());
    ::unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("a NOTIFY_SOCKET that cannot be used is an error") {
    ::setenv("NOTIFY_SOCKET", "relative/socket", 1);
    CHECK_FALSE(notifyReady().has_value());
    ::setenv("NOTIFY_SOCKET", "/nonexistent-folder/notify.sock", 1);
    const auto missing = notifyReady();
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().native == ENOENT);
    ::setenv("NOTIFY_SOCKET", ("/" + std::string(200, 'x')).c_str(), 1);
    CHECK_FALSE(notifyReady().has_value());
    ::unsetenv("NOTIFY_SOCKET");
}

TEST_CASE("watchdogInterval reads WATCHDOG_USEC, for this process only") {
    clearWatchdogEnvironment();
    CHECK_FALSE(watchdogInterval().has_value());
    ::setenv("WATCHDOG_USEC", "10000000", 1);
    REQUIRE(watchdogInterval().has_value());
    CHECK(*watchdogInterval() == 10s);
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    CHECK(watchdogInterval() == std::optional<std::chrono::microseconds>(10s));
    ::setenv("WATCHDOG_PID", std::to_string(::getpid() + 1).c_str(), 1);
    CHECK_FALSE(watchdogInterval().has_value());
    ::unsetenv("WATCHDOG_PID");
    for (const char* bad : {"0", "", "ten", "-5", "10s"}) {
        INFO(bad);
        ::setenv("WATCHDOG_USEC", bad, 1);
        CHECK_FALSE(watchdogInterval().has_value());
    }
    clearWatchdogEnvironment();
}

TEST_CASE("EventLoopWatchdog stays off without a watchdog interval") {
    clearWatchdogEnvironment();
    int argc = 1;
    char name[] = "test_watchdog";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    EventLoopWatchdog watchdog;
    CHECK_FALSE(watchdog.start());
    CHECK_FALSE(watchdog.active());
}

TEST_CASE("EventLoopWatchdog beats from the event loop and falls silent while it is blocked") {
    const FakeSystemd systemd(socketPath());
    clearWatchdogEnvironment();
    ::setenv("WATCHDOG_USEC", "200000", 1);  // 200 ms: a heartbeat every 100 ms
    ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    int argc = 1;
    char name[] = "test_watchdog";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);

    EventLoopWatchdog watchdog;
    REQUIRE(watchdog.start());
    CHECK(watchdog.heartbeatInterval() == 100ms);
    REQUIRE(notifyReady().value());

    std::vector<std::string> beforeBlock;
    std::vector<std::string> duringBlock;
    // A frozen UI: the slot holds the event loop for three watchdog half-intervals' worth and more.
    QTimer::singleShot(550ms, &app, [&] {
        beforeBlock = systemd.drain();
        std::this_thread::sleep_for(600ms);
        duringBlock = systemd.drain();
    });
    QTimer::singleShot(1500ms, &app, &QCoreApplication::quit);
    app.exec();
    const auto afterBlock = systemd.drain();

    INFO("before " << beforeBlock.size() << ", during " << duringBlock.size() << ", after " << afterBlock.size());
    CHECK(count(beforeBlock, "READY=1") == 1);
    CHECK(count(beforeBlock, "WATCHDOG=1") >= 3);  // at 0, 100, ... 500 ms on an idle machine
    CHECK(duringBlock.empty());                    // nothing beats for a frozen loop
    CHECK(count(afterBlock, "WATCHDOG=1") >= 2);   // and it resumes once the loop turns again
    REQUIRE_FALSE(afterBlock.empty());
    CHECK(afterBlock.back() == "STOPPING=1");      // sent on aboutToQuit
    clearWatchdogEnvironment();
}

#pragma once
// systemd's service notification protocol, written out so the kiosk needs no libsystemd: each
// message is one AF_UNIX datagram of newline-separated VAR=value lines sent to the socket named by
// $NOTIFY_SOCKET (a path, or '@name' for the abstract namespace). See sd_notify(3) and
// systemd.service(5), Type=notify and WatchdogSec=. Qt-free.
#include <chrono>
#include <optional>
#include <string_view>

#include "app/core/error.h"

namespace kiosk::watchdog {

// Sends state ("READY=1", "WATCHDOG=1\nSTATUS=..."). true: sent; false: not run by systemd
// (no NOTIFY_SOCKET), nothing to do. An error: the socket is named but unreachable.
[[nodiscard]] Result<bool> notify(std::string_view state);

[[nodiscard]] Result<bool> notifyReady();     // start-up finished (Type=notify waits for it)
[[nodiscard]] Result<bool> notifyWatchdog();  // the heartbeat WatchdogSec= expects
[[nodiscard]] Result<bool> notifyStopping();  // shutting down on purpose
// Free text for `systemctl status`; newlines become spaces (they would start a new variable).
// Technician-facing words only, never personal data.
[[nodiscard]] Result<bool> notifyStatus(std::string_view text);

// $WATCHDOG_USEC when it is meant for this process ($WATCHDOG_PID unset or ours); nullopt when
// the watchdog is off or the variables are malformed.
[[nodiscard]] std::optional<std::chrono::microseconds> watchdogInterval();

}  // namespace kiosk::watchdog

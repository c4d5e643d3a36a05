#pragma once
// A crash leaves a short report for the technician: which signal, when, which version, and the
// stack's return addresses with symbol names. Nothing from the process's memory is written, so a
// report can never hold a traveler's data (unlike a core dump, which the unit disables).
#include <filesystem>
#include <optional>

namespace kiosk::app {

// Installs handlers for SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT that write
// <dir>/crash-<unix time>-<pid>.txt and then let the signal take its default course (core dumps and
// systemd's restart still see it). dir is created now, not in the handler.
void installCrashReporter(const std::filesystem::path& dir, const char* version);

// The newest report written since the last call, renamed to *.seen so it is reported once; for
// the "restarted after a crash" alert at start.
[[nodiscard]] std::optional<std::filesystem::path> takeUnseenCrashReport(const std::filesystem::path& dir);

}  // namespace kiosk::app

#pragma once
// Frames the text a passport reader sends into documents of MRZ lines. Shared by the keyboard
// (HID) and serial (CDC-ACM) readers. Pure: the caller passes the time, so tests control the clock.
//
// Facts:
// - A machine-readable zone has 3 lines of 30 characters (TD1), 2 of 36 (TD2) or 2 of 44 (TD3,
//   passports), drawn from A-Z, 0-9 and '<'. ICAO Doc 9303 parts 4-6.
// - Readers end each line with CR, LF or CR LF (configurable on the readers we know; all three are
//   accepted here) and send nothing between documents; an idle gap therefore ends a document when
//   the line lengths do not already say it is complete.
// Lower-case letters are folded to upper case: the MRZ alphabet has none, and a keyboard-wedge
// reader's case depends on the host's Caps Lock, which a boot keyboard cannot see.
#include <chrono>
#include <deque>
#include <string>
#include <vector>

#include "app/core/error.h"

namespace kiosk::devices {

class MrzFramer {
public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kDefaultIdleGap{300};
    static constexpr std::size_t kMaxLineLength = 64;  // longer: not an MRZ line (untrusted input)
    static constexpr std::size_t kMaxLines = 3;

    explicit MrzFramer(std::chrono::milliseconds idleGap = kDefaultIdleGap) : idleGap_(idleGap) {}

    // One character as typed or received. CR, LF and CR LF end a line; other control characters and
    // anything outside printable ASCII are dropped.
    void addChar(char c, Clock::time_point now);
    void addText(std::string_view text, Clock::time_point now);
    void endLine(Clock::time_point now);
    // The sender says the document is complete (ETX on serial readers).
    void endDocument();
    // Ends a document whose sender went quiet for the idle gap.
    void poll(Clock::time_point now);

    // Documents framed so far, oldest first: MRZ lines, or why the text was not a document.
    [[nodiscard]] std::vector<Result<std::vector<std::string>>> takeDocuments();
    [[nodiscard]] bool idle() const { return lines_.empty() && current_.empty(); }

private:
    void finishDocument();
    void completeIfFull();

    std::chrono::milliseconds idleGap_;
    std::vector<std::string> lines_;
    std::string current_;
    bool lastWasCr_ = false;
    bool overlong_ = false;
    Clock::time_point lastActivity_{};
    std::deque<Result<std::vector<std::string>>> done_;
};

}  // namespace kiosk::devices

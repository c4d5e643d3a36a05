#include "devices/passport/mrz_framer.h"

namespace kiosk::devices {

void MrzFramer::addChar(char c, Clock::time_point now) {
    lastActivity_ = now;
    if (c == '\r') {
        endLine(now);
        lastWasCr_ = true;
        return;
    }
    if (c == '\n') {
        if (!lastWasCr_) endLine(now);
        lastWasCr_ = false;
        return;
    }
    lastWasCr_ = false;
    if (c < 0x20 || c > 0x7E) return;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (current_.size() >= kMaxLineLength) {
        overlong_ = true;
        return;
    }
    current_ += c;
}

void MrzFramer::addText(std::string_view text, Clock::time_point now) {
    for (char c : text) addChar(c, now);
}

void MrzFramer::endLine(Clock::time_point now) {
    lastActivity_ = now;
    if (current_.empty() && !overlong_) return;  // blank lines between documents
    lines_.push_back(std::move(current_));
    current_.clear();
    completeIfFull();
}

void MrzFramer::completeIfFull() {
    // The line lengths say when a document is complete: 2 lines of 44 or 36, 3 lines of 30.
    const std::size_t n = lines_.size();
    const std::size_t len = n ? lines_.front().size() : 0;
    if ((n == 2 && (len == 44 || len == 36)) || n >= kMaxLines) finishDocument();
}

void MrzFramer::endDocument() {
    if (!current_.empty()) {
        lines_.push_back(std::move(current_));
        current_.clear();
    }
    if (!lines_.empty() || overlong_) finishDocument();
}

void MrzFramer::poll(Clock::time_point now) {
    if (idle() && !overlong_) return;
    if (now - lastActivity_ >= idleGap_) endDocument();
}

void MrzFramer::finishDocument() {
    if (overlong_) {
        done_.push_back(fail(Error::Code::InvalidInput, "reader sent a line longer than any MRZ line", "passport reader"));
    } else if (lines_.size() < 2) {
        done_.push_back(fail(Error::Code::InvalidInput,
                             "reader sent " + std::to_string(lines_.size()) + " line; an MRZ has 2 or 3",
                             "passport reader"));
    } else {
        done_.push_back(std::move(lines_));
    }
    lines_.clear();
    current_.clear();
    overlong_ = false;
    lastWasCr_ = false;
}

std::vector<Result<std::vector<std::string>>> MrzFramer::takeDocuments() {
    std::vector<Result<std::vector<std::string>>> out(std::make_move_iterator(done_.begin()),
                                                      std::make_move_iterator(done_.end()));
    done_.clear();
    return out;
}

}  // namespace kiosk::devices

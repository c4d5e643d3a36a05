#include "devices/passport/page_presence_detector.h"

#include <cmath>

namespace kiosk::devices {

void PagePresenceDetector::reset() {
    state_ = State::Empty;
    background_.clear();
    previous_.clear();
    width_ = height_ = 0;
    stillCount_ = emptyCount_ = 0;
}

double PagePresenceDetector::shareDiffering(const std::vector<float>& reference, const GreyImage& frame) const {
    std::size_t differing = 0;
    const auto threshold = static_cast<float>(options_.pixelThreshold);
    for (std::size_t i = 0; i < frame.pixels.size(); ++i)
        if (std::fabs(static_cast<float>(frame.pixels[i]) - reference[i]) > threshold) ++differing;
    return static_cast<double>(differing) / static_cast<double>(frame.pixels.size());
}

PagePresenceDetector::Event PagePresenceDetector::feed(const GreyImage& frame) {
    if (!frame.isValid()) return Event::None;
    if (frame.width != width_ || frame.height != height_ || background_.empty()) {
        reset();
        width_ = frame.width;
        height_ = frame.height;
        background_.assign(frame.pixels.begin(), frame.pixels.end());
        previous_ = background_;
        return Event::None;
    }
    const double fromBackground = shareDiffering(background_, frame);
    const bool still = shareDiffering(previous_, frame) < options_.stillShare;
    previous_.assign(frame.pixels.begin(), frame.pixels.end());
    stillCount_ = still ? stillCount_ + 1 : 0;

    switch (state_) {
    case State::Empty:
        if (fromBackground >= options_.placedShare) {
            state_ = State::Placed;
            stillCount_ = 0;  // stillness counts from the moment the page is there
        } else if (still) {
            const auto w = static_cast<float>(options_.backgroundFollow);
            for (std::size_t i = 0; i < background_.size(); ++i)
                background_[i] += w * (static_cast<float>(frame.pixels[i]) - background_[i]);
        }
        return Event::None;
    case State::Placed:
        if (fromBackground < options_.removedShare) {  // a hand passed over the glass, nothing stayed
            state_ = State::Empty;
            return Event::None;
        }
        if (stillCount_ >= options_.stillFrames) {
            state_ = State::Read;
            emptyCount_ = 0;
            return Event::PageStill;
        }
        return Event::None;
    case State::Read:
        emptyCount_ = fromBackground < options_.removedShare ? emptyCount_ + 1 : 0;
        if (emptyCount_ >= options_.stillFrames) {
            state_ = State::Empty;
            return Event::PageRemoved;
        }
        return Event::None;
    }
    return Event::None;
}

}  // namespace kiosk::devices

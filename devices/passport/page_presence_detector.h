#pragma once
// Decides, frame by frame, when a camera-based page reader has a page to read: something was placed
// on the empty glass and has stopped moving. Pure (no OpenCV, no clock): the camera reader feeds it
// small blurred grey copies of its frames, and tests feed it whatever they like.
//
//   Empty   the background is the empty glass (the first frame seen). While it stays empty and
//           still, the background follows slow changes of the light.
//   Placed  more than placedShare of the pixels differ from the background by more than
//           pixelThreshold grey levels: something lies on the glass. Once fewer than stillShare of
//           the pixels changed between consecutive frames for stillFrames frames, the page is still:
//           feed() says PageStill, once.
//   Read    nothing more is said about this page until the glass is back to the background (fewer
//           than removedShare of the pixels differ) for stillFrames frames: PageRemoved.
// The reader therefore never reads the same page twice, however long it lies there.
#include <vector>

#include "app/core/grey_image.h"

namespace kiosk::devices {

struct PagePresenceOptions {
    int pixelThreshold = 24;     // grey levels: less is sensor noise or flicker
    double placedShare = 0.08;   // of the frame: a passport page covers far more on a reader's glass
    double removedShare = 0.03;  // below placedShare, so a page at the threshold does not flicker
    double stillShare = 0.01;    // changed between two frames: hands and moving pages change more
    int stillFrames = 5;         // about 170 ms at 30 frames per second
    double backgroundFollow = 0.1;  // weight of a new empty, still frame in the background
};

class PagePresenceDetector {
public:
    enum class Event { None, PageStill, PageRemoved };
    enum class State { Empty, Placed, Read };

    explicit PagePresenceDetector(PagePresenceOptions options = {}) : options_(options) {}

    // frame: the same size every time (a different size starts over with it as the background).
    Event feed(const GreyImage& frame);
    // Forget everything: the next frame is the empty glass (after the camera was reopened).
    void reset();

    [[nodiscard]] State state() const { return state_; }
    [[nodiscard]] bool pagePresent() const { return state_ != State::Empty; }

private:
    [[nodiscard]] double shareDiffering(const std::vector<float>& reference, const GreyImage& frame) const;

    PagePresenceOptions options_;
    State state_ = State::Empty;
    std::vector<float> background_;
    std::vector<float> previous_;
    int width_ = 0, height_ = 0;
    int stillCount_ = 0;
    int emptyCount_ = 0;
};

}  // namespace kiosk::devices

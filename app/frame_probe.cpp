#include "app/frame_probe.h"

#include <algorithm>

namespace kiosk::app {
namespace {
constexpr int kTickMs = 5;
}

FrameProbe::FrameProbe(QObject* parent) : QObject(parent) {
    timer_.setInterval(kTickMs);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &FrameProbe::tick);
}

void FrameProbe::start() {
    clock_.start();
    lastNs_ = -1;
    timer_.start();
}

void FrameProbe::pause() { paused_ = true; }

void FrameProbe::resume() {
    paused_ = false;
    lastNs_ = -1;  // the paused stretch does not count
}

void FrameProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    if (!paused_ && lastNs_ >= 0) longestNs_ = std::max(longestNs_, now - lastNs_);
    lastNs_ = now;
}

double FrameProbe::longestStallMs() const {
    return std::max(0.0, static_cast<double>(longestNs_) / 1e6 - kTickMs);
}

void FrameProbe::reset() { longestNs_ = 0; }

}  // namespace kiosk::app

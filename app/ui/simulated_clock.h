#pragma once
// The simulator's clock: real time plus an offset the developer moves forward (to make the member
// list stale, say), or a fixed instant for tests. The workflow only ever sees a now() function, so
// simulating time needs no special case inside it.
#include <QDateTime>

#include <atomic>

namespace kiosk::ui {

class SimulatedClock {
public:
    SimulatedClock() = default;
    explicit SimulatedClock(QDateTime fixed) : fixed_(std::move(fixed)) {}

    [[nodiscard]] QDateTime now() const {
        const auto base = fixed_.isValid() ? fixed_ : QDateTime::currentDateTime();
        return base.addSecs(offsetSeconds_.load());
    }
    void advance(qint64 seconds) { offsetSeconds_ += seconds; }
    void reset() { offsetSeconds_ = 0; }
    [[nodiscard]] qint64 offsetSeconds() const { return offsetSeconds_.load(); }

private:
    QDateTime fixed_;
    std::atomic<qint64> offsetSeconds_{0};
};

}  // namespace kiosk::ui

#pragma once
// The frame-time probe: how long the UI thread went without running its event loop. A frame can
// only be produced between two turns of the loop, so the longest gap bounds the longest frame a
// traveler could have seen; work that belongs on a worker thread shows up here at once.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace kiosk::app {

class FrameProbe : public QObject {
    Q_OBJECT
public:
    explicit FrameProbe(QObject* parent = nullptr);

    void start();
    // Around work the caller does on the UI thread on purpose (the scenario player's screenshots),
    // which a traveler never sees.
    void pause();
    void resume();
    // Longest gap since the last reset, in milliseconds, less the tick interval itself.
    [[nodiscard]] double longestStallMs() const;
    void reset();

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastNs_ = -1;
    qint64 longestNs_ = 0;
    bool paused_ = false;
};

}  // namespace kiosk::app

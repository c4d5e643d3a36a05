#pragma once
// The kiosk's heartbeat to systemd's watchdog, sent from the event loop of the thread this object
// lives on (the UI thread). If that loop freezes, the heartbeats stop and systemd restarts the
// kiosk (WatchdogSec= in kiosk-config/clearance-kiosk.service). Also sends STOPPING=1 when the
// application quits.
#include <QObject>
#include <QTimer>
#include <chrono>

namespace kiosk::watchdog {

class EventLoopWatchdog : public QObject {
    Q_OBJECT
public:
    explicit EventLoopWatchdog(QObject* parent = nullptr);

    // Starts the heartbeat at half of $WATCHDOG_USEC when systemd asked for one; false (and
    // nothing runs) otherwise. Sends the first heartbeat at once.
    bool start();
    [[nodiscard]] bool active() const { return timer_.isActive(); }
    [[nodiscard]] std::chrono::milliseconds heartbeatInterval() const { return timer_.intervalAsDuration(); }

private:
    void beat();

    QTimer timer_;
    bool reportedFailure_ = false;
};

}  // namespace kiosk::watchdog

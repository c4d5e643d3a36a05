#include "app/watchdog/event_loop_watchdog.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <algorithm>

#include "app/watchdog/sd_notify.h"

namespace kiosk::watchdog {

namespace {
Q_LOGGING_CATEGORY(lcWatchdog, "kiosk.watchdog")
}

EventLoopWatchdog::EventLoopWatchdog(QObject* parent) : QObject(parent), timer_(this) {
    timer_.setTimerType(Qt::PreciseTimer);  // a coarse timer may drift 5 %, eating into the margin
    connect(&timer_, &QTimer::timeout, this, &EventLoopWatchdog::beat);
    if (auto* app = QCoreApplication::instance()) {
        connect(app, &QCoreApplication::aboutToQuit, this, [] {
            if (auto sent = notifyStopping(); !sent)
                qCWarning(lcWatchdog) << "STOPPING=1 not sent:" << sent.error().describe().c_str();
        });
    }
}

bool EventLoopWatchdog::start() {
    const auto interval = watchdogInterval();
    if (!interval) return false;
    // Half the interval, as sd_watchdog_enabled(3) recommends: one late tick is not yet a restart.
    const auto half = std::chrono::duration_cast<std::chrono::milliseconds>(*interval / 2);
    timer_.start(std::max(half, std::chrono::milliseconds(1)));
    qCInfo(lcWatchdog) << "heartbeat every" << timer_.interval() << "ms";
    beat();
    return true;
}

void EventLoopWatchdog::beat() {
    auto sent = notifyWatchdog();
    // Say it once, not every tick: a missing socket would otherwise flood the journal.
    if (!sent && !reportedFailure_) {
        reportedFailure_ = true;
        qCWarning(lcWatchdog) << "WATCHDOG=1 not sent:" << sent.error().describe().c_str();
    } else if (sent) {
        reportedFailure_ = false;
    }
}

}  // namespace kiosk::watchdog

#pragma once
// Touch only: no keyboard shortcut leaves the kiosk or drives its screens. Key events addressed to
// the kiosk window are dropped (a stray USB keyboard, a wedge reader that a driver did not claim),
// and closing the window is refused unless the technician allowed it (the console's "exit", behind
// the PIN). The developer's simulator window may stay closable.
#include <QObject>
#include <QPointer>

class QWindow;

namespace kiosk::app {

class KioskLockdown final : public QObject {
    Q_OBJECT
public:
    // allowClose: the window may be closed (the simulator on a developer's desktop).
    KioskLockdown(QWindow* window, bool allowClose, QObject* parent = nullptr);

    // The technician console asks for an exit, after the PIN: the next close goes through.
    Q_INVOKABLE void allowExit();
    [[nodiscard]] int droppedKeys() const { return droppedKeys_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<QWindow> window_;  // the window may go before the filter
    bool allowClose_;
    int droppedKeys_ = 0;
};

}  // namespace kiosk::app

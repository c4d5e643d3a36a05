#include "app/kiosk_lockdown.h"

#include <QEvent>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QWindow>

Q_LOGGING_CATEGORY(lcLockdown, "kiosk.lockdown")

namespace kiosk::app {

KioskLockdown::KioskLockdown(QWindow* window, bool allowClose, QObject* parent)
    : QObject(parent), window_(window), allowClose_(allowClose) {
    // On the application, not the window: shortcut overrides and key events reach QGuiApplication's
    // filters before any item in the window sees them.
    QGuiApplication::instance()->installEventFilter(this);
}

void KioskLockdown::allowExit() {
    qCInfo(lcLockdown) << "exit allowed by the technician";
    allowClose_ = true;
}

bool KioskLockdown::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
    case QEvent::Shortcut:
        if (window_ && (watched == window_ || watched->parent() == window_ || watched == window_->focusObject())) {
            if (event->type() == QEvent::KeyPress) ++droppedKeys_;
            return true;
        }
        break;
    case QEvent::Close:
        if (window_ && watched == window_ && !allowClose_) {
            qCInfo(lcLockdown) << "window close refused: the kiosk leaves only from technician mode";
            event->ignore();
            return true;
        }
        break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace kiosk::app

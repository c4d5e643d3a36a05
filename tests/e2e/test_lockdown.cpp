// Touch only: the real kiosk window, rendered offscreen, ignores every keyboard shortcut and refuses
// to close until the technician allows an exit.
#include <catch2/catch.hpp>

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include "app/kiosk_lockdown.h"
#include "tests/support/simulated_kiosk.h"

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)

using Screen = kiosk::ui::KioskWorkflow::Screen;

namespace {

QGuiApplication& app() {
    static int argc = 1;
    static char name[] = "test_lockdown";
    static char* argv[] = {name, nullptr};
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    // Never destroyed: QTest's fake keyboard and pointer devices are the application's children, and
    // destroying a function-static application after Qt's own statics crashes at exit.
    static auto* instance = new QGuiApplication(argc, argv);
    return *instance;
}

}  // namespace

TEST_CASE("no keyboard shortcut leaves the kiosk or moves its screens; only the technician's exit closes it") {
    app();
    kiosk::test::SimulatedKiosk kiosk;
    REQUIRE(kiosk.setupProblem.isEmpty());
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("workflow"), QVariant::fromValue(kiosk.workflow.get())}});
    engine.load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    REQUIRE_FALSE(engine.rootObjects().isEmpty());
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    REQUIRE(window);
    window->show();
    REQUIRE(QTest::qWaitForWindowExposed(window));

    kiosk::app::KioskLockdown lockdown(window, false);
    kiosk.workflow->start();
    REQUIRE(kiosk.workflow->screen() == Screen::Language);

    // What people try on a public kiosk: quit, close, escape, tab away, enter, reload.
    const std::pair<Qt::Key, Qt::KeyboardModifiers> attempts[] = {
        {Qt::Key_F4, Qt::AltModifier},      {Qt::Key_Q, Qt::ControlModifier}, {Qt::Key_W, Qt::ControlModifier},
        {Qt::Key_Escape, Qt::NoModifier},   {Qt::Key_Tab, Qt::AltModifier},   {Qt::Key_Return, Qt::NoModifier},
        {Qt::Key_Space, Qt::NoModifier},    {Qt::Key_F5, Qt::NoModifier},     {Qt::Key_Back, Qt::NoModifier},
    };
    for (const auto& [key, modifiers] : attempts) QTest::keyClick(window, key, modifiers);
    QTest::qWait(50);
    CHECK(lockdown.droppedKeys() >= static_cast<int>(std::size(attempts)));
    CHECK(window->isVisible());
    CHECK(kiosk.workflow->screen() == Screen::Language);

    CHECK_FALSE(window->close());  // what a window manager's close (Alt+F4 outside Qt) asks
    CHECK(window->isVisible());

    lockdown.allowExit();
    CHECK(window->close());
    CHECK_FALSE(window->isVisible());
}

// Qt Quick Test runner for the kiosk's QML. The screens are exercised against a whole simulated
// kiosk (tests/support), published to the tests as the singleton Kiosk.Testing/TestKiosk.
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include "tests/support/simulated_kiosk.h"

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)

class Setup : public QObject {
    Q_OBJECT
public slots:
    void qmlEngineAvailable(QQmlEngine* engine) {
        engine->addImportPath(QStringLiteral("qrc:/"));
        kiosk_ = std::make_unique<kiosk::test::SimulatedKiosk>();
        if (!kiosk_->setupProblem.isEmpty()) qFatal("simulated kiosk: %s", qPrintable(kiosk_->setupProblem));
        qmlRegisterSingletonInstance("Kiosk.Testing", 1, 0, "TestKiosk", kiosk_.get());
    }
    void cleanupTestCase() { kiosk_.reset(); }

private:
    std::unique_ptr<kiosk::test::SimulatedKiosk> kiosk_;
};

QUICK_TEST_MAIN_WITH_SETUP(kiosk_qml, Setup)

#include "main.moc"

// Renders every screen of the kiosk in every language through the real UI, saves each as a PNG,
// and fails when any text is wider than its own box or spills out of its container: the check a
// translator's long German or Russian sentence needs. Usage: screen_gallery OUT_DIR [--docs DIR]
// (--docs also writes small English and Korean copies for docs/ux.md).
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

#include "app/ui/languages.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "tests/support/simulated_kiosk.h"

Q_IMPORT_QML_PLUGIN(KioskBackendPlugin)
Q_IMPORT_QML_PLUGIN(KioskQmlPlugin)

using kiosk::ui::KioskWorkflow;
using Screen = KioskWorkflow::Screen;

namespace {

int failures = 0;

void complain(const QString& what) {
    ++failures;
    std::fprintf(stderr, "FAIL %s\n", qPrintable(what));
}

// Every visible text must fit its own box (wrapping makes that true unless one word is too long)
// and stay inside the item that contains it.
void checkTexts(QQuickItem* item, const QString& where) {
    if (!item || !item->isVisible() || item->opacity() == 0) return;
    if (qstrcmp(item->metaObject()->className(), "QQuickText") == 0 && !item->property("text").toString().isEmpty()) {
        const double contentWidth = item->property("contentWidth").toDouble();
        const auto text = item->property("text").toString().left(40);
        // An elided label hides its meaning from the traveler: as bad as an overflowing one.
        if (item->property("truncated").toBool())
            complain(QStringLiteral("%1: text \"%2\" is cut short").arg(where, text));
        else if (contentWidth > item->width() + 1.5)
            complain(QStringLiteral("%1: text \"%2\" is %3 px wide in a %4 px box")
                         .arg(where, text).arg(contentWidth).arg(item->width()));
        if (auto* parent = item->parentItem(); parent && parent->width() > 0) {
            const auto mine = item->mapRectToScene(QRectF(0, 0, std::min(contentWidth, item->width()), item->height()));
            const auto box = parent->mapRectToScene(QRectF(0, 0, parent->width(), parent->height()));
            if (mine.left() < box.left() - 1.5 || mine.right() > box.right() + 1.5)
                complain(QStringLiteral("%1: text \"%2\" spills out of its container").arg(where, text));
        }
    }
    for (auto* child : item->childItems()) checkTexts(child, where);
}

class Gallery {
public:
    Gallery(QQuickWindow* window, kiosk::test::SimulatedKiosk& kiosk, QDir out, QDir docs)
        : window_(window), kiosk_(kiosk), out_(out), docs_(docs) {}

    void shoot(const QString& language, const QString& name) {
        QTest::qWait(30);  // one frame for the loader and bindings
        const auto image = window_->grabWindow();
        out_.mkpath(language);
        image.save(out_.filePath(language + "/" + name + ".png"));
        if (docs_.path() != QLatin1String(".") && (language == "en" || language == "ko"))
            image.scaledToWidth(360, Qt::SmoothTransformation).save(docs_.filePath(name + "-" + language + ".png"));
        checkTexts(window_->contentItem(), language + "/" + name);
        ++shots_;
    }
    bool waitFor(Screen s) {
        auto& wf = *kiosk_.workflow;
        return QTest::qWaitFor([&] { return wf.screen() == s && !wf.busy(); }, 30000);
    }
    bool arrive(const QString& language, const char* traveler) {
        auto& wf = *kiosk_.workflow;
        wf.start();
        if (wf.screen() != Screen::Language) return false;
        wf.chooseLanguage(language);
        kiosk_.panel->setTraveler(QString::fromLatin1(traveler));
        return wf.screen() == Screen::Passport;
    }
    void finishResult() {
        kiosk_.workflow->finish();
        kiosk_.panel->takeItems();
        kiosk_.workflow->cancel();
    }

    void everyScreen(const QString& lang) {
        auto& wf = *kiosk_.workflow;
        auto& panel = *kiosk_.panel;
        // A member, step by step, with each hint the screens can show.
        wf.start();
        shoot(lang, "02-language");
        wf.chooseLanguage(lang);
        panel.setTraveler(QStringLiteral("kim-minji"));
        shoot(lang, "03-passport");
        panel.presentPassport(QStringLiteral("bad-check-digit"));
        if (!QTest::qWaitFor([&] { return wf.passportHint() == KioskWorkflow::PassportHint::Misread; }, 10000)) complain(lang + ": timed out waiting at line " + QString::number(__LINE__));
        shoot(lang, "04-passport-misread");
        QMetaObject::invokeMethod(&wf, "onIdle");
        shoot(lang, "05-idle-prompt");
        wf.moreTime();
        panel.presentPassport(QStringLiteral("clean"));
        if (!waitFor(Screen::Fingerprint)) return complain(lang + ": no fingerprint screen");
        shoot(lang, "06-fingerprint");
        panel.presentFinger(QStringLiteral("impostor"));
        if (!QTest::qWaitFor([&] { return wf.fingerAttempt() == 1 && !wf.busy(); }, 30000)) complain(lang + ": timed out waiting at line " + QString::number(__LINE__));
        shoot(lang, "07-fingerprint-retry");
        panel.presentFinger(QStringLiteral("genuine"));
        if (!waitFor(Screen::Customs)) return complain(lang + ": no customs screen");
        shoot(lang, "08-customs");
        while (wf.screen() == Screen::Customs) wf.answerCustoms(false);
        if (!waitFor(Screen::Result)) return complain(lang + ": no result");
        if (!QTest::qWaitFor([&] { return wf.receiptState() == KioskWorkflow::ReceiptState::Printed; }, 20000)) complain(lang + ": timed out waiting at line " + QString::number(__LINE__));
        shoot(lang, "09-result-cleared");
        wf.finish();
        if (wf.screen() != Screen::TakeItems) return complain(lang + ": no take-your-things screen");
        shoot(lang, "09b-take-items");
        finishResult();

        // The other outcomes.
        if (!arrive(lang, "claire-martin")) return complain(lang + ": could not start");
        panel.presentPassport(QStringLiteral("clean"));
        if (!waitFor(Screen::Result)) return complain(lang + ": no regular-lane result");
        shoot(lang, "10-result-regular-lane");
        finishResult();
        if (!arrive(lang, "liam-obrien")) return complain(lang + ": could not start");
        panel.presentPassport(QStringLiteral("clean"));
        if (!waitFor(Screen::Result)) return complain(lang + ": no expired result");
        shoot(lang, "11-result-expired");
        finishResult();
        // A referral whose receipt cannot be printed: the transaction number is the traveler's proof.
        if (!arrive(lang, "sofia-garcia")) return complain(lang + ": could not start");
        panel.presentPassport(QStringLiteral("clean"));
        if (!waitFor(Screen::Fingerprint)) return complain(lang + ": no fingerprint screen");
        panel.presentFinger(QStringLiteral("genuine"));
        if (!waitFor(Screen::Customs)) return complain(lang + ": no customs screen");
        panel.setPrinterFault(QStringLiteral("paper-out"));  // mid-transaction: the traveler stays
        wf.answerCustoms(true);
        if (!waitFor(Screen::Result)) return complain(lang + ": no referred result");
        if (!QTest::qWaitFor([&] { return wf.receiptState() == KioskWorkflow::ReceiptState::Failed; }, 20000)) complain(lang + ": timed out waiting at line " + QString::number(__LINE__));
        shoot(lang, "12-result-officer-no-receipt");
        finishResult();
        panel.setPrinterFault(QStringLiteral("none"));
    }

    int shots() const { return shots_; }

private:
    QQuickWindow* window_;
    kiosk::test::SimulatedKiosk& kiosk_;
    QDir out_;
    QDir docs_;
    int shots_ = 0;
};

}  // namespace

int main(int argc, char* argv[]) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_QUICK_BACKEND", "software");
    QGuiApplication app(argc, argv);
    const auto args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: screen_gallery OUT_DIR [--docs DIR]\n");
        return 2;
    }
    QDir out(args[1]);
    out.removeRecursively();
    out.mkpath(QStringLiteral("."));
    QDir docs(QStringLiteral("."));
    if (const auto i = args.indexOf(QStringLiteral("--docs")); i > 0 && i + 1 < args.size()) {
        docs = QDir(args[i + 1]);
        docs.mkpath(QStringLiteral("."));
    }

    kiosk::test::SimulatedKiosk kiosk;
    if (!kiosk.setupProblem.isEmpty()) {
        std::fprintf(stderr, "simulated kiosk: %s\n", qPrintable(kiosk.setupProblem));
        return 1;
    }
    QQmlApplicationEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("workflow"), QVariant::fromValue(kiosk.workflow.get())}});
    engine.load(QUrl(QStringLiteral("qrc:/Kiosk/Main.qml")));
    auto* window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (!window) return 1;

    Gallery gallery(window, kiosk, out, docs);
    gallery.shoot(QStringLiteral("all"), QStringLiteral("01-attract"));
    for (const auto& language : kiosk::ui::languageCodes()) gallery.everyScreen(language);
    kiosk.panel->setDeviceConnected(QStringLiteral("fingerprint"), false);
    gallery.shoot(QStringLiteral("all"), QStringLiteral("13-out-of-service"));
    kiosk.panel->setDeviceConnected(QStringLiteral("fingerprint"), true);

    std::printf("%d screens in %s, %d text problems\n", gallery.shots(), qPrintable(out.absolutePath()), failures);
    return failures == 0 ? 0 : 1;
}

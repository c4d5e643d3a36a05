#include "app/scenario_player.h"

#include <QMetaEnum>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

#include <cstdio>

#include "app/ui/kiosk_workflow.h"
#include "app/ui/simulator_panel.h"

namespace kiosk::app {
namespace {

constexpr int kStepMs = 60;            // how often the player looks at the screen
constexpr int kVisitTimeoutMs = 90000;  // a visit that takes longer is a failure, not a hang

QQuickItem* findItem(QQuickItem* root, const QString& name) {
    if (!root) return nullptr;
    if (root->objectName() == name && root->isVisible()) return root;
    for (auto* child : root->childItems())
        if (auto* found = findItem(child, name)) return found;
    return nullptr;
}

QString screenName(ui::KioskWorkflow::Screen s) {
    return QString::fromLatin1(QMetaEnum::fromType<ui::KioskWorkflow::Screen>().valueToKey(static_cast<int>(s))).toLower();
}

}  // namespace

ScenarioPlayer::ScenarioPlayer(QQuickWindow* window, ui::KioskWorkflow* workflow, ui::SimulatorPanel* panel,
                               Scenario scenario, std::filesystem::path outDir, QObject* parent)
    : QObject(parent),
      window_(window),
      workflow_(workflow),
      panel_(panel),
      scenario_(std::move(scenario)),
      outDir_(std::move(outDir)) {
    stepTimer_.setInterval(kStepMs);
    connect(&stepTimer_, &QTimer::timeout, this, &ScenarioPlayer::step);
    visitGuard_.setSingleShot(true);
    visitGuard_.setInterval(kVisitTimeoutMs);
    connect(&visitGuard_, &QTimer::timeout, this, [this] {
        endVisit(false, QStringLiteral("timed out on the %1 screen").arg(screenName(workflow_->screen())));
    });
    connect(workflow_, &ui::KioskWorkflow::decided, this, [this](const QString& outcome, const QString&, double seconds) {
        outcome_ = outcome;
        seconds_ = seconds;
    });
    connect(workflow_, &ui::KioskWorkflow::receiptPrinted, this, [this](bool) { receiptSettled_ = true; });
}

void ScenarioPlayer::start() {
    std::error_code ec;
    std::filesystem::create_directories(outDir_, ec);
    visit_ = 0;
    visitGuard_.start();
    stepTimer_.start();
    probe_.start();
}

void ScenarioPlayer::snapshot(const QString& what) {
    probe_.pause();  // the screenshot is the player's own work on the UI thread, not the kiosk's
    const auto image = window_->grabWindow();
    probe_.resume();
    const auto name = QStringLiteral("screen-%1-%2.png").arg(++screenshots_, 3, 10, QLatin1Char('0')).arg(what);
    const auto path = outDir_ / name.toStdString();
    if (image.isNull() || !image.save(QString::fromStdString(path.string())))
        std::fprintf(stderr, "could not save %s\n", path.string().c_str());
}

bool ScenarioPlayer::tap(const QString& objectName) {
    auto* item = findItem(window_->contentItem(), objectName);
    if (!item) return false;
    const auto centre = item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    QTest::mouseClick(window_, Qt::LeftButton, Qt::NoModifier, centre);
    return true;
}

void ScenarioPlayer::step() {
    if (visit_ >= scenario_.visits.size()) return;
    const auto& visit = scenario_.visits[visit_];
    using Screen = ui::KioskWorkflow::Screen;
    const auto screen = workflow_->screen();
    if (workflow_->busy()) return;  // let the kiosk finish what it is doing

    switch (screen) {
    case Screen::OutOfService:
        endVisit(false, QStringLiteral("the kiosk is out of service: %1").arg(workflow_->outOfServiceReason()));
        return;
    case Screen::Attract:
        if (resultShown_) {  // the previous visit has ended and the kiosk is ready again
            const bool ok = outcome_ == visit.expect;
            endVisit(ok, ok ? QString() : QStringLiteral("expected %1, the kiosk decided %2").arg(visit.expect, outcome_));
            return;
        }
        panel_->setTraveler(visit.traveler);
        snapshot(QStringLiteral("attract"));
        if (!tap(QStringLiteral("startButton"))) endVisit(false, QStringLiteral("no start button"));
        return;
    case Screen::Language:
        if (!languageChosen_) {
            languageChosen_ = true;
            snapshot(QStringLiteral("language"));
            if (!tap(QStringLiteral("language_") + visit.language))
                endVisit(false, QStringLiteral("no button for language %1").arg(visit.language));
        }
        return;
    case Screen::Passport:
        if (!passportPresented_) {
            snapshot(QStringLiteral("passport"));
            passportPresented_ = panel_->presentPassport(visit.passport);
            if (!passportPresented_) endVisit(false, QStringLiteral("could not present the passport"));
        }
        return;
    case Screen::Fingerprint:
        // One finger per capture the kiosk asks for: it has consumed every finger presented so far.
        if (fingersPresented_ == workflow_->fingerAttempt()) {
            snapshot(QStringLiteral("fingerprint"));
            ++fingersPresented_;
            if (!panel_->presentFinger(visit.finger)) endVisit(false, QStringLiteral("could not present a finger"));
        }
        return;
    case Screen::Customs:
        if (lastQuestionShown_ != workflow_->customsIndex()) {
            lastQuestionShown_ = workflow_->customsIndex();
            snapshot(QStringLiteral("customs-") + workflow_->customsQuestion());
            const bool yes = visit.declare.contains(workflow_->customsQuestion());
            tap(yes ? QStringLiteral("answerYes") : QStringLiteral("answerNo"));
        }
        return;
    case Screen::TakeItems:
        // The traveler picks up the passport and the receipt; the kiosk then returns to attract.
        if (!itemsTaken_) {
            itemsTaken_ = true;
            snapshot(QStringLiteral("take-items"));
        }
        panel_->takeItems();  // again on each look: a receipt may land after the passport is taken
        return;
    case Screen::Result: {
        const bool waitsForReceipt = workflow_->receiptState() == ui::KioskWorkflow::ReceiptState::Printing;
        if (resultShown_ || waitsForReceipt) return;
        // A member's receipt is printing or printed; show the screen as the traveler sees it then.
        if (!receiptSettled_ && (outcome_ == QLatin1String("cleared") || outcome_ == QLatin1String("referred"))) return;
        resultShown_ = true;
        snapshot(QStringLiteral("result-") + outcome_);
        tap(QStringLiteral("doneButton"));
        return;
    }
    }
}

void ScenarioPlayer::endVisit(bool ok, const QString& why) {
    const auto& visit = scenario_.visits[visit_];
    if (!ok) {
        ++failures_;
        std::fprintf(stderr, "FAILED %s: %s\n", qPrintable(visit.traveler), qPrintable(why));
        workflow_->cancel();
    }
    emit visitDone(visit.traveler, outcome_.isEmpty() ? QStringLiteral("none") : outcome_, seconds_, ok,
                   probe_.longestStallMs());
    probe_.reset();
    ++visit_;
    passportPresented_ = false;
    languageChosen_ = false;
    itemsTaken_ = false;
    resultShown_ = false;
    receiptSettled_ = false;
    fingersPresented_ = 0;
    lastQuestionShown_ = -1;
    outcome_.clear();
    seconds_ = 0;
    if (visit_ >= scenario_.visits.size()) {
        stepTimer_.stop();
        visitGuard_.stop();
        emit finished(failures_);
        return;
    }
    visitGuard_.start();
}

}  // namespace kiosk::app

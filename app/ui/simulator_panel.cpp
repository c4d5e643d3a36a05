#include "app/ui/simulator_panel.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThreadPool>
#include <QUrl>

#include "app/ui/kiosk_workflow.h"
#include "app/ui/presentation.h"
#include "app/ui/simulated_clock.h"
#include "devices/sim/simulator_hands.h"
#include "devices/sim/synthetic_world.h"

namespace kiosk::ui {

SimulatorPanel::SimulatorPanel(std::shared_ptr<const sim::SyntheticWorld> world,
                               std::shared_ptr<sim::SimulatorHands> hands, KioskWorkflow* workflow, std::shared_ptr<SimulatedClock> clock,
                               QObject* parent)
    : QObject(parent),
      world_(std::move(world)),
      hands_(std::move(hands)),
      workflow_(workflow),
      clock_(std::move(clock)),
      pool_(std::make_unique<QThreadPool>()) {
    pool_->setMaxThreadCount(1);
    if (!world_->travelers().empty()) traveler_ = QString::fromStdString(world_->travelers().front().id);
    // The recorder: what was presented, what was declared, and what the kiosk decided.
    connect(workflow_, &KioskWorkflow::customsAnswered, this, [this](const QString& question, bool yes) {
        if (yes) declared_ << question;
    });
    connect(workflow_, &KioskWorkflow::decided, this, [this](const QString& outcome, const QString&, double) {
        QJsonObject visit{{"traveler", traveler_},
                          {"language", Presentation::instance() ? Presentation::instance()->language() : QStringLiteral("en")},
                          {"passport", lastPassport_},
                          {"expect", outcome}};
        if (workflow_->fingerAttempt() > 0) visit.insert("finger", lastFinger_);
        visit.insert("declare", QJsonArray::fromStringList(declared_));
        recording_.append(visit);
        declared_.clear();
        emit recordingChanged();
    });
    hands_->setPageHandler([this](const std::filesystem::path& path) {
        const auto file = QString::fromStdString(path.string());
        QMetaObject::invokeMethod(this, [this, file] {
            lastReceipt_ = QUrl::fromLocalFile(file).toString();
            ++receiptsPrinted_;
            emit receiptSaved(file);
        }, Qt::QueuedConnection);
    });
}

SimulatorPanel::~SimulatorPanel() {
    hands_->setPageHandler(nullptr);
    pool_->waitForDone();
}

QStringList SimulatorPanel::travelers() const {
    QStringList ids;
    for (const auto& t : world_->travelers()) ids << QString::fromStdString(t.id);
    return ids;
}

void SimulatorPanel::setTraveler(const QString& id) {
    if (id == traveler_ || !world_->find(id.toStdString())) return;
    traveler_ = id;
    fingerAttempts_ = 0;
    emit travelerChanged();
}

bool SimulatorPanel::presentPassport(const QString& how) {
    const auto* t = world_->find(traveler_.toStdString());
    if (!t) return false;
    auto lines = world_->mrzLines(*t);
    if (!lines) {
        emit problem(QString::fromStdString(lines.error().describe()));
        return false;
    }
    lastPassport_ = how;
    if (how == QLatin1String("smudged")) {
        hands_->presentUnreadable("no machine readable zone found");
        return true;
    }
    if (how == QLatin1String("misaligned")) {
        // Placed askew: the reader's OCR window catches only part of each line.
        for (auto& line : *lines) line.resize(line.size() - 6);
    } else if (how == QLatin1String("bad-check-digit")) {
        // The document number's first digit, changed: the check digit no longer agrees.
        auto& line = (*lines)[1];
        for (char& c : line)
            if (c >= '0' && c <= '9') {
                c = c == '9' ? '0' : static_cast<char>(c + 1);
                break;
            }
    } else if (how != QLatin1String("clean")) {
        emit problem(QStringLiteral("unknown passport presentation: %1").arg(how));
        return false;
    }
    fingerAttempts_ = 0;
    hands_->presentMrz(std::move(*lines));
    return true;
}

bool SimulatorPanel::presentFinger(const QString& how) {
    const auto* t = world_->find(traveler_.toStdString());
    if (!t) return false;
    sim::FingerPresentation presentation;
    if (how == QLatin1String("genuine")) presentation = sim::FingerPresentation::Genuine;
    else if (how == QLatin1String("impostor")) presentation = sim::FingerPresentation::Impostor;
    else if (how == QLatin1String("poor")) presentation = sim::FingerPresentation::Poor;
    else if (how == QLatin1String("partial")) presentation = sim::FingerPresentation::Partial;
    else if (how == QLatin1String("none")) presentation = sim::FingerPresentation::None;
    else {
        emit problem(QStringLiteral("unknown finger presentation: %1").arg(how));
        return false;
    }
    // The finger the kiosk asks for; before it asks, the traveler's first finger.
    auto position = static_cast<FingerPosition>(workflow_->requestedFinger());
    if (position == FingerPosition::Unknown && !t->fingers.empty()) position = t->fingers.front().position;
    const int attempt = ++fingerAttempts_;
    lastFinger_ = how;
    pool_->start([world = world_, hands = hands_, traveler = *t, position, presentation, attempt] {
        hands->placeFinger(world->impression(traveler, position, presentation, attempt));
    });
    return true;
}

void SimulatorPanel::setDeviceConnected(const QString& device, bool connected) {
    if (device == QLatin1String("passport")) hands_->setConnected(sim::SimDevice::PassportReader, connected);
    else if (device == QLatin1String("fingerprint")) hands_->setConnected(sim::SimDevice::FingerprintScanner, connected);
    else if (device == QLatin1String("printer")) hands_->setConnected(sim::SimDevice::ReceiptPrinter, connected);
    workflow_->checkHealth();
}

void SimulatorPanel::takeItems() { hands_->takeItems(); }

bool SimulatorPanel::setPlatenCondition(const QString& condition) {
    return hands_->setPlatenCondition(condition.toStdString());
}

void SimulatorPanel::wipePlaten() { hands_->wipePlaten(); }

void SimulatorPanel::showTestTarget(bool shown) { hands_->showTestTarget(shown); }

void SimulatorPanel::setPrinterFault(const QString& fault) {
    devices::PrinterStatus s;
    s.online = fault != QLatin1String("offline");
    s.cutterError = fault == QLatin1String("cutter-error");
    s.paperOut = fault == QLatin1String("paper-out");
    s.coverOpen = fault == QLatin1String("cover-open");
    s.paperNearEnd = fault == QLatin1String("paper-near-end");
    hands_->setPrinterStatus(s);
    workflow_->checkHealth();
}

}  // namespace kiosk::ui

namespace kiosk::ui {

int SimulatorPanel::clockOffsetHours() const {
    return clock_ ? static_cast<int>(clock_->offsetSeconds() / 3600) : 0;
}

void SimulatorPanel::advanceClock(int hours) {
    if (!clock_) return;
    clock_->advance(static_cast<qint64>(hours) * 3600);
    emit clockChanged();
}

void SimulatorPanel::resetClock() {
    if (!clock_) return;
    clock_->reset();
    emit clockChanged();
}

QString SimulatorPanel::saveRecording(const QString& path) {
    const QJsonObject scenario{{"format", "kiosk-scenario"},
                               {"version", 1},
                               {"comment", "Recorded with the simulator's control panel"},
                               {"visits", recording_}};
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        f.write(QJsonDocument(scenario).toJson(QJsonDocument::Indented)) < 0) {
        emit problem(QStringLiteral("cannot write %1: %2").arg(path, f.errorString()));
        return {};
    }
    recording_ = QJsonArray();
    emit recordingChanged();
    return path;
}

}  // namespace kiosk::ui

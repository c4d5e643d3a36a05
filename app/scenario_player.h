#pragma once
// Plays a scenario file through the real UI: it taps the same buttons a traveler taps (by their
// objectName), presents passports and fingers through the simulator panel, saves a PNG of every
// screen shown, and checks each decision against the scenario's expectation. The expectation is
// only compared, never used to decide.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <filesystem>
#include <vector>

#include "app/core/error.h"
#include "app/frame_probe.h"
#include "app/scenario_file.h"

class QQuickWindow;

namespace kiosk::ui {
class KioskWorkflow;
class SimulatorPanel;
}  // namespace kiosk::ui

namespace kiosk::app {

// Scenario, ScenarioVisit, parseScenario and loadScenario: app/scenario_file.h.

class ScenarioPlayer : public QObject {
    Q_OBJECT
public:
    ScenarioPlayer(QQuickWindow* window, ui::KioskWorkflow* workflow, ui::SimulatorPanel* panel,
                   Scenario scenario, std::filesystem::path outDir, QObject* parent = nullptr);

    void start();
    [[nodiscard]] int failures() const { return failures_; }

signals:
    // One line per traveler: id, decision, seconds; then finished.
    // longestStallMs: the frame-time probe's figure for the visit (see FrameProbe).
    void visitDone(const QString& traveler, const QString& outcome, double seconds, bool asExpected,
                   double longestStallMs);
    void finished(int failures);

private:
    void step();
    void snapshot(const QString& what);
    bool tap(const QString& objectName);
    void endVisit(bool ok, const QString& why);

    QQuickWindow* window_;
    ui::KioskWorkflow* workflow_;
    ui::SimulatorPanel* panel_;
    Scenario scenario_;
    std::filesystem::path outDir_;
    std::size_t visit_ = 0;
    int screenshots_ = 0;
    int failures_ = 0;
    int fingersPresented_ = 0;
    int lastQuestionShown_ = -1;
    bool passportPresented_ = false;
    bool languageChosen_ = false;
    bool itemsTaken_ = false;
    bool resultShown_ = false;
    bool receiptSettled_ = false;
    QString outcome_;
    double seconds_ = 0;
    QTimer stepTimer_;
    FrameProbe probe_;
    QTimer visitGuard_;
};

}  // namespace kiosk::app

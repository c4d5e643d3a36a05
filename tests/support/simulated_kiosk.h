#pragma once
// A whole kiosk in simulator mode for tests: the bundled simulator configuration, a real member
// cache in a fresh temporary data folder (filled from the demo member list), the synthetic world's
// devices, the workflow and the simulator panel. Only the clock and the random seed are pinned.
#include <QDateTime>
#include <QObject>

#include <filesystem>
#include <memory>
#include <optional>

#include "app/config/kiosk_config.h"
#include "app/kiosk_setup.h"
#include "app/ui/kiosk_workflow.h"
#include "app/ui/presentation.h"
#include "app/ui/simulated_clock.h"
#include "app/ui/simulator_panel.h"

namespace kiosk::test {

class SimulatedKiosk : public QObject {
    Q_OBJECT
    Q_PROPERTY(kiosk::ui::KioskWorkflow* workflow READ workflowObject CONSTANT)
    Q_PROPERTY(kiosk::ui::SimulatorPanel* panel READ panelObject CONSTANT)

public:
    struct Options {
        std::optional<QDateTime> now;  // unset: the real clock (the member list is imported "now")
        bool withMembers = true;
        std::vector<std::string> customsQuestions = {"food", "currency"};
        int idleTimeoutSeconds = 0;  // 0: the configuration's; tests of the idle prompt use 1
        int idleWarningSeconds = 0;
        ui::AuditSink audit;  // unset: no audit trail
        int receiptRetractSeconds = -1;  // -1: the configuration's
        bool damagedMemberCache = false;  // members.sqlite is garbage before the kiosk starts
        bool damagedCacheIsGeneration = false;  // ... and a link to a generation file (members/generations.h)
        std::function<void(GreyImage&)> preparePage;  // WorkflowServices::preparePage
    };
    SimulatedKiosk();
    explicit SimulatedKiosk(Options options);
    ~SimulatedKiosk() override;

    [[nodiscard]] ui::KioskWorkflow* workflowObject() const { return workflow.get(); }
    [[nodiscard]] ui::SimulatorPanel* panelObject() const { return panel.get(); }

    std::filesystem::path dir;
    config::KioskConfig config;
    app::SimulatedDevices devices;
    std::shared_ptr<ui::SimulatedClock> clock;
    std::unique_ptr<ui::Presentation> presentation;
    std::unique_ptr<ui::KioskWorkflow> workflow;
    std::unique_ptr<ui::SimulatorPanel> panel;
    QString setupProblem;  // empty when the kiosk was assembled
    // With damagedMemberCache: false until the test says a good list (a sync) has arrived.
    std::shared_ptr<bool> goodListArrived;
};

}  // namespace kiosk::test

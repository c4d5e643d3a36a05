#pragma once
// The developer's hand in simulator mode: picks a synthetic traveler, presents their passport and
// fingers to the devices, and injects faults, through sim::SimulatorHands (the simulated devices, or
// the real USB drivers' emulated devices with --emulated-usb). The control-panel window and the headless
// scenario player both act through it, so a recorded scenario does what a developer's clicks do.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <QJsonArray>

#include <memory>

class QThreadPool;

namespace kiosk::sim {
class SyntheticWorld;
class SimulatorHands;
}  // namespace kiosk::sim

namespace kiosk::ui {

class KioskWorkflow;
class SimulatedClock;

class SimulatorPanel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application creates the simulator panel")

    Q_PROPERTY(QStringList travelers READ travelers CONSTANT)
    Q_PROPERTY(QString traveler READ traveler WRITE setTraveler NOTIFY travelerChanged)
    Q_PROPERTY(QString lastReceipt READ lastReceipt NOTIFY receiptSaved)
    Q_PROPERTY(int receiptsPrinted READ receiptsPrinted NOTIFY receiptSaved)
    Q_PROPERTY(int clockOffsetHours READ clockOffsetHours NOTIFY clockChanged)
    Q_PROPERTY(int recordedVisits READ recordedVisits NOTIFY recordingChanged)

public:
    SimulatorPanel(std::shared_ptr<const sim::SyntheticWorld> world, std::shared_ptr<sim::SimulatorHands> hands,
                   KioskWorkflow* workflow, std::shared_ptr<SimulatedClock> clock,
                   QObject* parent = nullptr);
    ~SimulatorPanel() override;

    [[nodiscard]] QStringList travelers() const;
    [[nodiscard]] QString traveler() const { return traveler_; }
    void setTraveler(const QString& id);
    [[nodiscard]] QString lastReceipt() const { return lastReceipt_; }
    [[nodiscard]] int receiptsPrinted() const { return receiptsPrinted_; }
    [[nodiscard]] int clockOffsetHours() const;
    [[nodiscard]] int recordedVisits() const { return static_cast<int>(recording_.size()); }

    // passport: "clean", "bad-check-digit" (one digit of the document number altered), "smudged"
    // (the reader finds no MRZ), "misaligned" (the reader's lines come out cut short).
    Q_INVOKABLE bool presentPassport(const QString& how = QStringLiteral("clean"));
    // finger: "genuine", "impostor", "poor", "partial", "none"; the image is made off the UI thread.
    Q_INVOKABLE bool presentFinger(const QString& how);
    // device: "passport", "fingerprint", "printer"
    Q_INVOKABLE void setDeviceConnected(const QString& device, bool connected);
    // fault: "none", "paper-out", "cover-open", "cutter-error", "offline", "paper-near-end"
    Q_INVOKABLE void setPrinterFault(const QString& fault);
    // The fingerprint platen for the calibration wizard: "ideal", "worn", "dirty"; wiping it; the
    // test target on the platen.
    Q_INVOKABLE bool setPlatenCondition(const QString& condition);
    Q_INVOKABLE void wipePlaten();
    Q_INVOKABLE void showTestTarget(bool shown);
    // The traveler picks up the passport and takes the receipt from the presenter.
    Q_INVOKABLE void takeItems();
    // Moves the simulated clock: 25 hours ahead makes a 24-hour member list stale.
    Q_INVOKABLE void advanceClock(int hours);
    Q_INVOKABLE void resetClock();
    // Every visit that reached a decision since the last save, as a scenario the headless player
    // replays (--play FILE). Returns the path written, or an empty string.
    Q_INVOKABLE QString saveRecording(const QString& path);

signals:
    void travelerChanged();
    void receiptSaved(const QString& path);
    void problem(const QString& message);
    void clockChanged();
    void recordingChanged();

private:
    std::shared_ptr<const sim::SyntheticWorld> world_;
    std::shared_ptr<sim::SimulatorHands> hands_;
    KioskWorkflow* workflow_;
    QString traveler_;
    QString lastReceipt_;
    int receiptsPrinted_ = 0;
    int fingerAttempts_ = 0;
    std::shared_ptr<SimulatedClock> clock_;
    // What the developer did in the current visit, and the visits recorded so far.
    QString lastPassport_ = QStringLiteral("clean");
    QString lastFinger_ = QStringLiteral("genuine");
    QStringList declared_;
    QJsonArray recording_;
    std::unique_ptr<QThreadPool> pool_;
};

}  // namespace kiosk::ui

#pragma once
// The technician's console: the PIN prompt, the session (idle end, audited actions), the pages'
// navigation, and the facts the overview, member-list and kiosk pages show. The device pages have
// their own controllers (fingerprint, passport, printer), owned here; calibration wizards are added
// by the kiosk's assembly (addWizard).
#include <QAbstractListModel>
#include <QObject>
#include <QQmlListProperty>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <chrono>
#include <optional>

#include "app/technician/console/calibration_wizard.h"
#include "app/technician/console/console_services.h"
#include "app/technician/console/fingerprint_diagnostics.h"
#include "app/technician/console/passport_diagnostics.h"
#include "app/technician/console/printer_diagnostics.h"

namespace kiosk::technician {

// One row per device: identity as reported ("not reported" for what it does not say), state,
// last error and counters.
class DeviceListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The console creates it")
public:
    enum Role { KindRole = Qt::UserRole + 1, NameRole, VendorRole, ModelRole, SerialRole, FirmwareRole,
                ConnectionRole, StateRole, UsableRole, LastErrorRole, CountersRole };
    struct Row {
        QString kind, name, vendor, model, serial, firmware, connection, state, lastError;
        bool usable = false;
        QStringList counters;  // "reads: 3 today, 41 since start"
    };
    using QAbstractListModel::QAbstractListModel;
    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    void setRows(QList<Row> rows);
    [[nodiscard]] const QList<Row>& rows() const { return rows_; }

private:
    QList<Row> rows_;
};

// In QML "ConsoleController": the view is TechnicianConsole.qml, in the same module.
class TechnicianConsole : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(ConsoleController)
    QML_UNCREATABLE("The kiosk creates the console")

    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(QString technician READ technician NOTIFY stageChanged)
    Q_PROPERTY(QString loginMessage READ loginMessage NOTIFY loginChanged)
    Q_PROPERTY(bool loginRejected READ loginRejected NOTIFY loginChanged)
    Q_PROPERTY(int lockedSecondsLeft READ lockedSecondsLeft NOTIFY loginChanged)
    Q_PROPERTY(Page page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(int idleSecondsLeft READ idleSecondsLeft NOTIFY idleChanged)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY idleChanged)
    Q_PROPERTY(DeviceListModel* devices READ devices CONSTANT)
    Q_PROPERTY(FingerprintDiagnostics* fingerprint READ fingerprint CONSTANT)
    Q_PROPERTY(PassportDiagnostics* passport READ passport CONSTANT)
    Q_PROPERTY(PrinterDiagnostics* printer READ printer CONSTANT)
    // Member list.
    Q_PROPERTY(bool membersAvailable READ membersAvailable NOTIFY membersChanged)
    Q_PROPERTY(qint64 memberCount READ memberCount NOTIFY membersChanged)
    Q_PROPERTY(qint64 memberDocuments READ memberDocuments NOTIFY membersChanged)
    Q_PROPERTY(qint64 memberSequence READ memberSequence NOTIFY membersChanged)
    Q_PROPERTY(QString memberAge READ memberAge NOTIFY membersChanged)
    Q_PROPERTY(bool memberListStale READ memberListStale NOTIFY membersChanged)
    Q_PROPERTY(QString lastSync READ lastSync NOTIFY membersChanged)
    Q_PROPERTY(QString lastSyncResult READ lastSyncResult NOTIFY membersChanged)
    Q_PROPERTY(QString nextSync READ nextSync NOTIFY membersChanged)
    Q_PROPERTY(bool syncAvailable READ syncAvailable CONSTANT)
    Q_PROPERTY(bool restartAvailable READ restartAvailable CONSTANT)
    Q_PROPERTY(bool syncing READ syncing NOTIFY membersChanged)
    // Kiosk.
    Q_PROPERTY(QString kioskId READ kioskId CONSTANT)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString configJson READ configJson CONSTANT)
    Q_PROPERTY(QString diskFree READ diskFree NOTIFY kioskChanged)
    Q_PROPERTY(QString memory READ memory NOTIFY kioskChanged)
    Q_PROPERTY(QString uptime READ uptime NOTIFY kioskChanged)
    Q_PROPERTY(QStringList auditEvents READ auditEvents NOTIFY kioskChanged)
    // Calibration.
    Q_PROPERTY(QQmlListProperty<kiosk::technician::CalibrationWizard> wizards READ wizards NOTIFY wizardsChanged)
    Q_PROPERTY(int wizardCount READ wizardCount NOTIFY wizardsChanged)
    Q_PROPERTY(CalibrationWizard* activeWizard READ activeWizard NOTIFY activeWizardChanged)

public:
    enum class Stage { Closed, PinPrompt, Session };
    Q_ENUM(Stage)
    enum class Page { Overview, Fingerprint, Passport, Printer, Members, Kiosk, Calibration };
    Q_ENUM(Page)

    explicit TechnicianConsole(ConsoleServices services, QObject* parent = nullptr);
    ~TechnicianConsole() override;

    // The hidden gesture or a technician card: show the PIN prompt. Ignored during a session.
    Q_INVOKABLE void requestEntry();
    Q_INVOKABLE void cancelEntry();
    // Checks the PIN (services.checkPin); the PIN is not kept. Refused locally during a lockout.
    Q_INVOKABLE void login(const QString& technicianId, const QString& pin);
    Q_INVOKABLE void logout();
    Q_INVOKABLE void touched();    // any touch in the console: the idle countdown starts again
    Q_INVOKABLE void refresh();    // devices, member list, kiosk facts
    Q_INVOKABLE void syncNow();
    // Leaves the kiosk software; under systemd it starts again (kiosk-config/clearance-kiosk.service).
    Q_INVOKABLE void restartKiosk();
    Q_INVOKABLE void openWizard(int index);
    Q_INVOKABLE void closeWizard();
    // Page names for QML and audit ("overview", "fingerprint", ...).
    Q_INVOKABLE static QString pageName(Page page);

    void addWizard(CalibrationWizard* wizard);  // the console takes ownership
    // The idle end and the lockout countdown, normally from a one-second timer; tests call it.
    void tick();

    [[nodiscard]] Stage stage() const { return stage_; }
    [[nodiscard]] QString technician() const { return technician_; }
    [[nodiscard]] QString loginMessage() const { return loginMessage_; }
    [[nodiscard]] bool loginRejected() const { return loginRejected_; }
    [[nodiscard]] int lockedSecondsLeft() const { return lockedSecondsLeft_; }
    [[nodiscard]] Page page() const { return page_; }
    void setPage(Page page);
    [[nodiscard]] int idleSecondsLeft() const { return idleSecondsLeft_; }
    [[nodiscard]] bool idleWarning() const;
    [[nodiscard]] DeviceListModel* devices() { return &devices_; }
    [[nodiscard]] FingerprintDiagnostics* fingerprint() { return &fingerprint_; }
    [[nodiscard]] PassportDiagnostics* passport() { return &passport_; }
    [[nodiscard]] PrinterDiagnostics* printer() { return &printer_; }
    [[nodiscard]] bool membersAvailable() const { return membersAvailable_; }
    [[nodiscard]] qint64 memberCount() const { return memberCount_; }
    [[nodiscard]] qint64 memberDocuments() const { return memberDocuments_; }
    [[nodiscard]] qint64 memberSequence() const { return memberSequence_; }
    [[nodiscard]] QString memberAge() const { return memberAge_; }
    [[nodiscard]] bool memberListStale() const { return memberListStale_; }
    [[nodiscard]] QString lastSync() const { return lastSync_; }
    [[nodiscard]] QString lastSyncResult() const { return lastSyncResult_; }
    [[nodiscard]] QString nextSync() const;
    [[nodiscard]] bool syncAvailable() const { return services_.sync != nullptr; }
    [[nodiscard]] bool restartAvailable() const { return static_cast<bool>(services_.restartKiosk); }
    [[nodiscard]] bool syncing() const { return syncing_; }
    [[nodiscard]] QString kioskId() const { return QString::fromStdString(services_.config.kioskId); }
    [[nodiscard]] QString version() const { return QString::fromStdString(services_.version); }
    [[nodiscard]] QString configJson() const { return configJson_; }
    [[nodiscard]] QString diskFree() const { return diskFree_; }
    [[nodiscard]] QString memory() const { return memory_; }
    [[nodiscard]] QString uptime() const { return uptime_; }
    [[nodiscard]] QStringList auditEvents() const { return auditEvents_; }
    [[nodiscard]] QQmlListProperty<CalibrationWizard> wizards();
    [[nodiscard]] int wizardCount() const { return static_cast<int>(wizards_.size()); }
    [[nodiscard]] CalibrationWizard* activeWizard() const { return activeWizard_; }

signals:
    void stageChanged();
    void loginChanged();
    void pageChanged();
    void idleChanged();
    void membersChanged();
    void kioskChanged();
    void wizardsChanged();
    void activeWizardChanged();
    // The session began (travelers must see "out of service") and ended ("logout", "idle").
    void sessionStarted();
    void sessionEnded(const QString& reason);

private:
    void record(const std::string& action) const;
    void endSession(const QString& reason);
    void refreshDevices();
    void refreshMembers();
    void refreshKiosk();
    void setLoginMessage(const QString& message, bool rejected);
    [[nodiscard]] std::chrono::system_clock::time_point now() const { return services_.now(); }

    ConsoleServices services_;
    DeviceListModel devices_;
    FingerprintDiagnostics fingerprint_;
    PassportDiagnostics passport_;
    PrinterDiagnostics printer_;
    QThreadPool memberPool_;  // member statistics and nothing else: SQLite may take a moment
    QTimer ticker_;
    QTimer refresher_;

    Stage stage_ = Stage::Closed;
    QString technician_;
    QString loginMessage_;
    bool loginRejected_ = false;
    std::optional<std::chrono::system_clock::time_point> lockedUntil_;
    int lockedSecondsLeft_ = 0;
    Page page_ = Page::Overview;
    std::chrono::system_clock::time_point lastTouch_{};
    int idleSecondsLeft_ = 0;

    bool membersAvailable_ = false;
    qint64 memberCount_ = 0, memberDocuments_ = 0, memberSequence_ = 0;
    QString memberAge_, lastSync_, lastSyncResult_;
    bool memberListStale_ = false;
    bool syncing_ = false;
    std::optional<std::chrono::system_clock::time_point> lastSyncAttempt_;

    QString configJson_;
    QString diskFree_, memory_, uptime_;
    QStringList auditEvents_;

    QList<CalibrationWizard*> wizards_;
    CalibrationWizard* activeWizard_ = nullptr;
};

}  // namespace kiosk::technician

#pragma once
// The clearance workflow: a state machine that owns one traveler's transaction at a time. It asks
// the policy what comes next, drives the devices, runs slow work (parsing, matching, lookups,
// receipts) off the UI thread, and exposes to QML only what the screens show.
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <chrono>
#include <functional>
#include <memory>
#include <random>

#include "app/config/kiosk_config.h"
#include "app/core/grey_image.h"
#include "app/ui/transaction.h"

class QThreadPool;

namespace kiosk::devices {
class PassportReader;
class FingerprintScanner;
class ReceiptPrinter;
struct PassportRead;
}  // namespace kiosk::devices
namespace kiosk::members {
class MemberCache;
}
namespace kiosk::receipt {
class ReceiptSigner;
}

namespace kiosk::ui {

// One step of the audit trail as the workflow reports it; app/main.cpp writes it to the audit log
// (app/audit). Never personal data: transaction numbers, short codes and numbers only.
struct AuditRecord {
    std::string transaction;  // the transaction number; empty for kiosk-level events
    std::string step;         // "document.read", "fingerprint.compare", "decision", ...
    std::string outcome;      // "valid", "match", "cleared", ...
    std::string detailsJson;  // {"score":61.2,"threshold":60.84}: numbers and codes
};
// Fails when the record could not be stored (disk full, I/O): the kiosk then clears nobody.
using AuditSink = std::function<Result<void>(const AuditRecord&)>;

// What the workflow needs from the outside world, injected so tests can substitute each part.
class Presentation;

struct WorkflowServices {
    config::KioskConfig config;
    std::shared_ptr<members::MemberCache> members;  // null: the kiosk is out of service
    QString membersProblem;                         // why members is null (technician words)
    // Tried between travelers while members is null (a damaged cache moved aside, a first sync
    // pending): the kiosk comes back into service by itself once a good list is there.
    std::function<Result<std::shared_ptr<members::MemberCache>>()> reopenMembers;
    std::shared_ptr<devices::PassportReader> passportReader;
    std::shared_ptr<devices::FingerprintScanner> fingerprintScanner;
    std::shared_ptr<devices::ReceiptPrinter> receiptPrinter;
    std::shared_ptr<const receipt::ReceiptSigner> receiptSigner;  // null: receipts print without a code
    AuditSink audit;  // null: no audit trail (unit tests); the kiosk always has one
    Presentation* presentation = nullptr;  // language, text size, contrast; reset per traveler
    // An image reader's page, just before the OCR, on the compute pool (the passport camera's stored
    // correction: app/kiosk_setup.h pageCorrectionFor). Null: pages are read as captured.
    std::function<void(GreyImage&)> preparePage;
    std::function<QDateTime()> now = [] { return QDateTime::currentDateTime(); };
    std::uint32_t randomSeed = std::random_device{}();
};

class KioskWorkflow : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The application creates the workflow")

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString outOfServiceReason READ outOfServiceReason NOTIFY screenChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString suggestedLanguage READ suggestedLanguage NOTIFY suggestedLanguageChanged)
    Q_PROPERTY(bool idleWarning READ idleWarning NOTIFY idleChanged)
    Q_PROPERTY(int idleSecondsLeft READ idleSecondsLeft NOTIFY idleChanged)
    Q_PROPERTY(PassportHint passportHint READ passportHint NOTIFY passportHintChanged)
    Q_PROPERTY(int requestedFinger READ requestedFinger NOTIFY fingerChanged)
    Q_PROPERTY(int fingerAttempt READ fingerAttempt NOTIFY fingerChanged)
    Q_PROPERTY(int maxFingerAttempts READ maxFingerAttempts CONSTANT)
    Q_PROPERTY(FingerHint fingerHint READ fingerHint NOTIFY fingerChanged)
    Q_PROPERTY(QString customsQuestion READ customsQuestion NOTIFY customsChanged)
    Q_PROPERTY(int customsIndex READ customsIndex NOTIFY customsChanged)
    Q_PROPERTY(int customsCount READ customsCount CONSTANT)
    Q_PROPERTY(ResultKind resultKind READ resultKind NOTIFY resultChanged)
    Q_PROPERTY(QString transactionNumber READ transactionNumber NOTIFY resultChanged)
    Q_PROPERTY(ReceiptState receiptState READ receiptState NOTIFY receiptStateChanged)
    Q_PROPERTY(bool passportLeft READ passportLeft NOTIFY itemsLeftChanged)
    Q_PROPERTY(bool receiptLeft READ receiptLeft NOTIFY itemsLeftChanged)
    Q_PROPERTY(bool technicianActive READ technicianActive NOTIFY technicianActiveChanged)
    Q_PROPERTY(int pendingReprints READ pendingReprints NOTIFY pendingReprintsChanged)
    Q_PROPERTY(bool technicianAccessAllowed READ technicianAccessAllowed NOTIFY screenChanged)

public:
    enum class Screen { Attract, Language, Passport, Fingerprint, Customs, Result, TakeItems, OutOfService };
    Q_ENUM(Screen)
    enum class PassportHint { None, Reading, Unreadable, Misread };
    Q_ENUM(PassportHint)
    enum class FingerHint { None, Checking, NoFinger, PressHarder, TooWet, Partial, NoMatch, DeviceProblem };
    Q_ENUM(FingerHint)
    enum class ResultKind { None, Cleared, SeeOfficer, RegularLane, DocumentExpired, DocumentInvalid };
    Q_ENUM(ResultKind)
    enum class ReceiptState { None, Printing, Printed, Failed };
    Q_ENUM(ReceiptState)

    explicit KioskWorkflow(WorkflowServices services, QObject* parent = nullptr);
    ~KioskWorkflow() override;

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] QString outOfServiceReason() const { return outOfServiceReason_; }
    [[nodiscard]] bool busy() const { return busy_; }
    [[nodiscard]] QString suggestedLanguage() const { return suggestedLanguage_; }
    [[nodiscard]] bool idleWarning() const { return idleWarning_; }
    [[nodiscard]] int idleSecondsLeft() const { return idleSecondsLeft_; }
    [[nodiscard]] PassportHint passportHint() const { return passportHint_; }
    [[nodiscard]] int requestedFinger() const { return static_cast<int>(tx_.requestedFinger); }
    [[nodiscard]] int fingerAttempt() const { return tx_.fingerAttempts; }
    [[nodiscard]] int maxFingerAttempts() const;
    [[nodiscard]] FingerHint fingerHint() const { return fingerHint_; }
    [[nodiscard]] QString customsQuestion() const;
    [[nodiscard]] int customsIndex() const { return static_cast<int>(tx_.customsIndex); }
    [[nodiscard]] int customsCount() const;
    [[nodiscard]] ResultKind resultKind() const { return resultKind_; }
    [[nodiscard]] QString transactionNumber() const { return transactionNumberShown_; }
    [[nodiscard]] ReceiptState receiptState() const { return receiptState_; }
    [[nodiscard]] bool passportLeft() const { return passportLeft_; }
    [[nodiscard]] bool receiptLeft() const { return receiptLeft_; }
    [[nodiscard]] bool technicianActive() const { return technicianActive_; }
    [[nodiscard]] int pendingReprints() const { return static_cast<int>(pendingReprints_.size()); }
    // Only between travelers: a traveler's transaction is never interrupted by the technician gesture.
    [[nodiscard]] bool technicianAccessAllowed() const {
        return screen_ == Screen::Attract || screen_ == Screen::OutOfService;
    }

    // The traveler's actions, from the screens.
    Q_INVOKABLE void start();
    Q_INVOKABLE void chooseLanguage(const QString& code);
    Q_INVOKABLE void moreTime();  // "yes, I need more time" on the idle prompt
    Q_INVOKABLE void answerCustoms(bool yes);
    Q_INVOKABLE void finish();   // "done" on the result screen
    Q_INVOKABLE void cancel();   // the traveler gives up; the transaction is wiped
    Q_INVOKABLE void touched();  // any touch: restarts the idle timer

    // Re-checks devices and the member list; leaves or enters out-of-service between travelers.
    Q_INVOKABLE void checkHealth();

    // A technician logged in (the console checked the PIN): travelers see "out of service" until
    // leaveTechnicianMode(), which returns to the attract screen when the kiosk is healthy.
    Q_INVOKABLE bool enterTechnicianMode();
    Q_INVOKABLE void leaveTechnicianMode();
    // Receipts that failed to print are kept in memory only, for kReprintKeepMinutes, so the
    // technician can reprint them once the printer is back; then they are wiped.
    Q_INVOKABLE void reprintPending();

signals:
    void screenChanged();
    void busyChanged();
    void passportHintChanged();
    void suggestedLanguageChanged();
    void idleChanged();
    void fingerChanged();
    void customsChanged();
    void resultChanged();
    void receiptStateChanged();
    void itemsLeftChanged();
    void remind();  // a passport or receipt is still in the kiosk: play the reminder sound
    // For the scenario player, the log and (later) the audit trail: no personal data.
    void decided(const QString& outcome, const QString& reasonCode, double seconds);
    void customsAnswered(const QString& question, bool yes);  // for the simulator's recorder
    void receiptPrinted(bool ok);
    void technicianActiveChanged();
    void pendingReprintsChanged();
    void reprinted(int printed, int failed);

private slots:
    // The idle timer fired: ask "need more time?" (a slot so tests can ask without waiting).
    void onIdle();

private:
    void setScreen(Screen screen);
    void setBusy(bool busy);
    void advance();
    void onPassportRead(std::uint64_t serial, kiosk::Result<devices::PassportRead> read);
    // The reader, or the OCR on an image reader's page, could not make out an MRZ: place it again.
    void passportUnreadable(const QString& why);
    void lookUpMember();
    void requestFinger();
    void onFingerCaptured(std::uint64_t serial, kiosk::Result<GreyImage> image);
    void decide(const clearance::Decision& decision);
    void printReceipt();
    void resetToAttract();
    void setIdleWarning(bool on);
    [[nodiscard]] bool updateItemsLeft();  // true while anything is left behind
    void checkItemsLeft();
    [[nodiscard]] bool memberListFresh() const;
    [[nodiscard]] QString unhealthyReason() const;
    // Writes one audit record; a failure marks the trail broken: nobody is cleared until it heals.
    void audit(const char* step, const QString& outcome, const QJsonObject& details = {}, bool kioskLevel = false);
    void endTransaction(const char* outcome);

    WorkflowServices services_;
    clearance::PolicySettings policy_;
    double matchThreshold_ = 0;
    std::mt19937 random_;
    Transaction tx_;
    std::uint64_t nextSerial_ = 1;

    Screen screen_ = Screen::Attract;
    QString outOfServiceReason_;
    bool busy_ = false;
    QString suggestedLanguage_ = QStringLiteral("en");
    bool idleWarning_ = false;
    int idleSecondsLeft_ = 0;
    PassportHint passportHint_ = PassportHint::None;
    FingerHint fingerHint_ = FingerHint::None;
    ResultKind resultKind_ = ResultKind::None;
    QString transactionNumberShown_;
    ReceiptState receiptState_ = ReceiptState::None;
    bool paperNearEndReported_ = false;
    bool passportLeft_ = false;
    bool receiptLeft_ = false;
    int reminderTicks_ = 0;
    bool technicianActive_ = false;
    bool auditBroken_ = false;
    QString auditProblem_;
    bool transactionOpen_ = false;  // "transaction.started" written, "transaction.ended" not yet
    bool receiptRetractAsked_ = false;
    struct PendingReprint {
        std::string transaction;
        std::chrono::steady_clock::time_point failedAt;
        std::vector<std::uint8_t> job;  // holds the traveler's name: RAM only, wiped on expiry
    };
    std::vector<PendingReprint> pendingReprints_;
    void keepForReprint(std::string transaction, std::vector<std::uint8_t> job);
    void expireReprints();
    void retractReceipt();

    QTimer idleTimer_;
    QTimer idleCountdown_;  // ticks once a second while the "more time?" prompt is shown
    QTimer resultTimer_;
    QTimer itemsTimer_;  // polls the reader and the presenter while things are left behind
    QTimer healthTimer_;
    // Slow work runs here; member lookups and printing each on their own single thread, because an
    // SQLite connection and a printer serve one caller at a time.
    std::unique_ptr<QThreadPool> computePool_;
    std::unique_ptr<QThreadPool> memberPool_;
    std::unique_ptr<QThreadPool> printerPool_;
    // The MRZ OCR for image readers' pages: built once, on the compute pool, when the first page
    // arrives (text readers never need it); MrzReader::read is const and thread-safe.
    struct PageOcr;
    std::shared_ptr<PageOcr> pageOcr_;
};

}  // namespace kiosk::ui

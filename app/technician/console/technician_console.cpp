#include "app/technician/console/technician_console.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMetaObject>

#include <algorithm>
#include <array>
#include <utility>

#include "app/members/member_cache.h"
#include "app/members/sync/bundle_sync.h"
#include "app/technician/console/kiosk_info.h"
#include "devices/fingerprint/fingerprint_scanner.h"
#include "devices/passport/passport_reader.h"
#include "devices/printer/receipt_printer.h"

namespace kiosk::technician {
namespace {

constexpr int kIdleWarningSeconds = 60;  // the countdown shows this long before the session ends
constexpr int kAuditEventsShown = 15;

QString orNotReported(const std::string& value) {
    return value.empty() ? QStringLiteral("not reported") : QString::fromStdString(value);
}

QString stateName(devices::DeviceHealth::State state) {
    switch (state) {
    case devices::DeviceHealth::State::Disconnected: return QStringLiteral("disconnected");
    case devices::DeviceHealth::State::Ready: return QStringLiteral("ready");
    case devices::DeviceHealth::State::Busy: return QStringLiteral("busy");
    case devices::DeviceHealth::State::Error: return QStringLiteral("error");
    }
    return QStringLiteral("?");
}

QString utcTime(std::chrono::system_clock::time_point t) {
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    return QDateTime::fromSecsSinceEpoch(secs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

DeviceListModel::Row deviceRow(QString kind, const std::string& name, const devices::DeviceIdentity& id,
                               const devices::DeviceHealth& health) {
    DeviceListModel::Row r;
    r.kind = std::move(kind);
    r.name = QString::fromStdString(name);
    r.vendor = orNotReported(id.vendor);
    r.model = orNotReported(id.model);
    r.serial = orNotReported(id.serial);
    r.firmware = orNotReported(id.firmware);
    r.connection = orNotReported(id.connection);
    r.state = stateName(health.state);
    r.usable = health.usable();
    r.lastError = health.usable() || health.detail.empty() ? (health.detail.empty() ? QStringLiteral("none")
                                                                                     : QString::fromStdString(health.detail))
                                                           : QString::fromStdString(health.detail);
    return r;
}

QStringList counterLines(const CounterSnapshot& s, CountedDevice device, std::initializer_list<DeviceCounter> which) {
    QStringList out;
    for (const auto c : which)
        out << QStringLiteral("%1: %2 today, %3 since start")
                   .arg(QString::fromUtf8(counterName(c).data(), static_cast<qsizetype>(counterName(c).size())))
                   .arg(s.ofToday(device, c))
                   .arg(s.total(device, c));
    return out;
}

}  // namespace

// ---- DeviceListModel ----

int DeviceListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

QVariant DeviceListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rows_.size()) return {};
    const Row& r = rows_[index.row()];
    switch (role) {
    case KindRole: return r.kind;
    case NameRole: return r.name;
    case VendorRole: return r.vendor;
    case ModelRole: return r.model;
    case SerialRole: return r.serial;
    case FirmwareRole: return r.firmware;
    case ConnectionRole: return r.connection;
    case StateRole: return r.state;
    case UsableRole: return r.usable;
    case LastErrorRole: return r.lastError;
    case CountersRole: return r.counters;
    default: return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const {
    return {{KindRole, "kind"},         {NameRole, "name"},     {VendorRole, "vendor"},
            {ModelRole, "model"},       {SerialRole, "serial"}, {FirmwareRole, "firmware"},
            {ConnectionRole, "connection"}, {StateRole, "state"}, {UsableRole, "usable"},
            {LastErrorRole, "lastError"}, {CountersRole, "counters"}};
}

void DeviceListModel::setRows(QList<Row> rows) {
    if (rows.size() == rows_.size()) {
        rows_ = std::move(rows);
        if (!rows_.isEmpty()) emit dataChanged(index(0), index(static_cast<int>(rows_.size()) - 1));
        return;
    }
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

// ---- TechnicianConsole ----

TechnicianConsole::TechnicianConsole(ConsoleServices services, QObject* parent)
    : QObject(parent),
      services_(std::move(services)),
      fingerprint_(services_.fingerprintScanner),
      passport_(services_.passportReader),
      printer_(services_.receiptPrinter, services_.config.kioskId) {
    memberPool_.setMaxThreadCount(1);
    printer_.setActionRecorder([this](std::string action) { record(action); });
    passport_.setActionRecorder([this](std::string action) { record(action); });
    configJson_ = QString::fromUtf8(
        QJsonDocument(maskSecrets(configToJson(services_.config))).toJson(QJsonDocument::Indented));
    if (services_.sync) {
        connect(services_.sync, &members::SyncService::synced, this, [this](qint64 sequence, int bundles) {
            syncing_ = false;
            lastSyncResult_ = QStringLiteral("OK at %1: %2 bundle(s) applied, sequence %3")
                                  .arg(utcTime(now())).arg(bundles).arg(sequence);
            refreshMembers();
        });
        connect(services_.sync, &members::SyncService::syncFailed, this, [this](const QString& reason) {
            syncing_ = false;
            lastSyncResult_ = QStringLiteral("failed at %1: %2").arg(utcTime(now()), reason);
            emit membersChanged();
        });
        lastSyncResult_ = QStringLiteral("none since the kiosk started");
    } else {
        lastSyncResult_ = QStringLiteral("no sync source configured");
    }
    ticker_.setInterval(1000);
    connect(&ticker_, &QTimer::timeout, this, &TechnicianConsole::tick);
    refresher_.setInterval(2000);
    connect(&refresher_, &QTimer::timeout, this, [this] {
        refreshDevices();
        refreshKiosk();
        if (page_ == Page::Printer) printer_.refresh();
    });
    refresh();
}

TechnicianConsole::~TechnicianConsole() {
    fingerprint_.stop();
    memberPool_.waitForDone();
}

QString TechnicianConsole::pageName(Page page) {
    switch (page) {
    case Page::Overview: return QStringLiteral("overview");
    case Page::Fingerprint: return QStringLiteral("fingerprint");
    case Page::Passport: return QStringLiteral("passport");
    case Page::Printer: return QStringLiteral("printer");
    case Page::Members: return QStringLiteral("members");
    case Page::Kiosk: return QStringLiteral("kiosk");
    case Page::Calibration: return QStringLiteral("calibration");
    }
    return QStringLiteral("?");
}

void TechnicianConsole::record(const std::string& action) const {
    if (services_.recordAction) services_.recordAction(action);
}

void TechnicianConsole::setLoginMessage(const QString& message, bool rejected) {
    loginMessage_ = message;
    loginRejected_ = rejected;
    emit loginChanged();
}

void TechnicianConsole::requestEntry() {
    if (stage_ != Stage::Closed) return;
    stage_ = Stage::PinPrompt;
    lastTouch_ = now();
    if (!lockedUntil_) setLoginMessage({}, false);
    ticker_.start();
    tick();
    emit stageChanged();
}

void TechnicianConsole::cancelEntry() {
    if (stage_ != Stage::PinPrompt) return;
    stage_ = Stage::Closed;
    if (!lockedUntil_) ticker_.stop();
    emit stageChanged();
}

void TechnicianConsole::login(const QString& technicianId, const QString& pin) {
    if (stage_ != Stage::PinPrompt) return;
    lastTouch_ = now();
    tick();
    if (lockedUntil_) {
        setLoginMessage(QStringLiteral("Too many wrong PINs. Try again in %1 s.").arg(lockedSecondsLeft_), true);
        return;
    }
    if (technicianId.isEmpty() || pin.isEmpty()) {
        setLoginMessage(QStringLiteral("Enter your technician id and your PIN."), true);
        return;
    }
    if (!services_.checkPin) {
        setLoginMessage(QStringLiteral("No PIN check is available on this kiosk."), true);
        return;
    }
    std::string pinText = pin.toStdString();
    const LoginOutcome outcome = services_.checkPin(technicianId.toStdString(), pinText);
    std::fill(pinText.begin(), pinText.end(), '\0');  // no copy of the PIN outlives the check
    switch (outcome.kind) {
    case LoginOutcome::Kind::Accepted:
        technician_ = technicianId;
        stage_ = Stage::Session;
        page_ = Page::Overview;
        lastTouch_ = now();
        setLoginMessage({}, false);
        refresh();
        refresher_.start();
        ticker_.start();
        tick();
        emit pageChanged();
        emit stageChanged();
        emit sessionStarted();
        return;
    case LoginOutcome::Kind::Rejected:
        setLoginMessage(outcome.attemptsLeft > 0
                            ? QStringLiteral("Wrong id or PIN. %1 attempt(s) left before the prompt locks.")
                                  .arg(outcome.attemptsLeft)
                            : QStringLiteral("Wrong id or PIN."),
                        true);
        return;
    case LoginOutcome::Kind::Locked:
        lockedUntil_ = now() + std::chrono::seconds(std::max(1, outcome.lockedSeconds));
        tick();
        setLoginMessage(QStringLiteral("Too many wrong PINs. Try again in %1 s.").arg(lockedSecondsLeft_), true);
        return;
    case LoginOutcome::Kind::Unavailable:
        setLoginMessage(QStringLiteral("The PIN cannot be checked: %1").arg(QString::fromStdString(outcome.problem)), true);
        return;
    }
}

void TechnicianConsole::logout() { endSession(QStringLiteral("logout")); }

void TechnicianConsole::endSession(const QString& reason) {
    if (stage_ != Stage::Session) return;
    fingerprint_.stop();
    if (activeWizard_) closeWizard();
    refresher_.stop();
    if (!lockedUntil_) ticker_.stop();
    stage_ = Stage::Closed;
    technician_.clear();
    page_ = Page::Overview;
    emit pageChanged();
    emit stageChanged();
    emit sessionEnded(reason);
}

void TechnicianConsole::touched() {
    if (stage_ == Stage::Closed) return;
    lastTouch_ = now();
    tick();
}

void TechnicianConsole::tick() {
    const auto t = now();
    if (lockedUntil_) {
        const auto left = std::chrono::ceil<std::chrono::seconds>(*lockedUntil_ - t).count();
        if (left <= 0) {
            lockedUntil_.reset();
            lockedSecondsLeft_ = 0;
            setLoginMessage(QStringLiteral("You may try again."), false);
        } else if (left != lockedSecondsLeft_) {
            lockedSecondsLeft_ = static_cast<int>(left);
            setLoginMessage(QStringLiteral("Too many wrong PINs. Try again in %1 s.").arg(lockedSecondsLeft_), true);
        }
    }
    if (stage_ == Stage::Closed) return;
    const auto timeout = std::chrono::seconds(services_.config.technician.idleTimeoutSeconds);
    const auto left = std::chrono::ceil<std::chrono::seconds>(lastTouch_ + timeout - t).count();
    const int clamped = static_cast<int>(std::max<std::int64_t>(0, left));
    if (clamped != idleSecondsLeft_) {
        idleSecondsLeft_ = clamped;
        emit idleChanged();
    }
    if (left > 0) return;
    if (stage_ == Stage::Session) {
        endSession(QStringLiteral("idle"));
    } else {
        stage_ = Stage::Closed;
        emit stageChanged();
    }
}

bool TechnicianConsole::idleWarning() const {
    return stage_ == Stage::Session && idleSecondsLeft_ <= kIdleWarningSeconds;
}

void TechnicianConsole::setPage(Page page) {
    if (stage_ != Stage::Session) return;
    touched();
    if (page == page_) return;
    page_ = page;
    // The live view runs only while it is seen: no scanner traffic and no CPU otherwise.
    if (page_ == Page::Fingerprint)
        fingerprint_.start();
    else
        fingerprint_.stop();
    if (page_ == Page::Members) refreshMembers();
    if (page_ == Page::Printer) printer_.refresh();
    if (page_ == Page::Kiosk) refreshKiosk();
    record("page." + pageName(page_).toStdString());
    emit pageChanged();
}

void TechnicianConsole::refresh() {
    refreshDevices();
    refreshMembers();
    refreshKiosk();
    printer_.refresh();
}

void TechnicianConsole::refreshDevices() {
    const CounterSnapshot counts = services_.counters ? services_.counters->snapshot() : CounterSnapshot{};
    QList<DeviceListModel::Row> rows;
    using C = DeviceCounter;
    if (const auto& d = services_.passportReader) {
        auto r = deviceRow(QStringLiteral("Passport reader"), d->name(), d->identity(), d->health());
        if (services_.counters) r.counters = counterLines(counts, CountedDevice::PassportReader, {C::Reads, C::Misreads, C::Retries});
        rows << r;
    }
    if (const auto& d = services_.fingerprintScanner) {
        auto r = deviceRow(QStringLiteral("Fingerprint scanner"), d->name(), d->identity(), d->health());
        if (services_.counters) r.counters = counterLines(counts, CountedDevice::FingerprintScanner, {C::Captures, C::Misreads, C::Retries});
        rows << r;
    }
    if (const auto& d = services_.receiptPrinter) {
        auto r = deviceRow(QStringLiteral("Receipt printer"), d->name(), d->identity(), d->health());
        if (services_.counters) r.counters = counterLines(counts, CountedDevice::ReceiptPrinter, {C::Prints, C::PrintFailures, C::Retries});
        rows << r;
    }
    devices_.setRows(std::move(rows));
}

void TechnicianConsole::refreshMembers() {
    if (!services_.members) {
        membersAvailable_ = false;
        memberAge_ = QStringLiteral("no member list: the kiosk is out of service");
        emit membersChanged();
        return;
    }
    memberPool_.start([this, cache = services_.members] {
        auto stats = cache->stats();
        QMetaObject::invokeMethod(this, [this, stats = std::move(stats)] {
            if (!stats) {
                membersAvailable_ = false;
                memberAge_ = QStringLiteral("cannot be read: ") + QString::fromStdString(stats.error().describe());
                emit membersChanged();
                return;
            }
            membersAvailable_ = true;
            memberCount_ = static_cast<qint64>(stats->members);
            memberDocuments_ = static_cast<qint64>(stats->documents);
            memberSequence_ = stats->sequence;
            if (stats->lastSyncUnixSeconds == 0) {
                memberAge_ = QStringLiteral("never synchronised");
                lastSync_ = QStringLiteral("never");
                memberListStale_ = true;
            } else {
                const auto synced = std::chrono::system_clock::time_point(std::chrono::seconds(stats->lastSyncUnixSeconds));
                const auto age = std::chrono::duration_cast<std::chrono::seconds>(now() - synced);
                memberAge_ = formatDuration(age);
                lastSync_ = utcTime(synced);
                memberListStale_ = age > std::chrono::hours(services_.config.memberList.maxAgeHours);
            }
            emit membersChanged();
        }, Qt::QueuedConnection);
    });
}

QString TechnicianConsole::nextSync() const {
    if (!services_.sync) return QStringLiteral("none (no sync source configured)");
    if (syncing_) return QStringLiteral("running now");
    const auto interval = std::chrono::seconds(services_.config.memberList.syncIntervalSeconds);
    const auto next = services_.sync->nextSyncAt();
    if (!next) return QStringLiteral("not scheduled yet (every %1)").arg(formatDuration(interval));
    return QStringLiteral("%1 (every %2)").arg(utcTime(*next), formatDuration(interval));
}

void TechnicianConsole::syncNow() {
    if (!services_.sync || syncing_) return;
    touched();
    syncing_ = true;
    lastSyncAttempt_ = now();
    lastSyncResult_ = QStringLiteral("running since %1").arg(utcTime(*lastSyncAttempt_));
    services_.sync->syncNow();
    record("members.sync_now");
    emit membersChanged();
}

void TechnicianConsole::restartKiosk() {
    if (stage_ != Stage::Session || !services_.restartKiosk) return;
    record("kiosk.restart");
    endSession(QStringLiteral("logout"));
    services_.restartKiosk();
}

void TechnicianConsole::refreshKiosk() {
    const auto disk = diskAvailableBytes(services_.dataDir);
    diskFree_ = disk ? formatBytes(*disk) + QStringLiteral(" free in ") + QString::fromStdString(services_.dataDir.string())
                     : QStringLiteral("unknown (data folder not readable)");
    const auto rss = residentMemory();
    memory_ = rss ? formatBytes(rss->anonymous) + QStringLiteral(" resident, ") + formatBytes(rss->mappedFiles) +
                        QStringLiteral(" of mapped files (member list, libraries)")
                  : QStringLiteral("unknown");
    uptime_ = formatDuration(std::chrono::duration_cast<std::chrono::seconds>(now() - services_.startTime));
    QStringList events;
    if (services_.recentAuditEvents) {
        const auto all = services_.recentAuditEvents();
        const auto first = all.size() > static_cast<std::size_t>(kAuditEventsShown) ? all.size() - kAuditEventsShown : 0;
        for (auto i = all.size(); i > first; --i) events << QString::fromStdString(all[i - 1]);  // newest first
    }
    auditEvents_ = events;
    emit kioskChanged();
}

QQmlListProperty<CalibrationWizard> TechnicianConsole::wizards() {
    return QQmlListProperty<CalibrationWizard>(this, &wizards_);
}

void TechnicianConsole::addWizard(CalibrationWizard* wizard) {
    if (!wizard) return;
    wizard->setParent(this);
    connect(wizard, &CalibrationWizard::finished, this, [this, wizard](bool passed) {
        record("calibration." + wizard->device().toStdString() + (passed ? ".passed" : ".failed"));
    });
    wizards_.append(wizard);
    emit wizardsChanged();
}

void TechnicianConsole::openWizard(int index) {
    if (stage_ != Stage::Session || index < 0 || index >= wizards_.size()) return;
    touched();
    activeWizard_ = wizards_[index];
    record("calibration." + activeWizard_->device().toStdString() + ".open");
    emit activeWizardChanged();
}

void TechnicianConsole::closeWizard() {
    if (!activeWizard_) return;
    if (activeWizard_->status() == CalibrationWizard::Status::Running) activeWizard_->cancel();
    activeWizard_ = nullptr;
    emit activeWizardChanged();
}

}  // namespace kiosk::technician

#include "app/audit_trail.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

#include <cmath>

#include "app/audit/audit_log.h"
#include "app/receipt/receipt_code.h"

Q_LOGGING_CATEGORY(lcAudit, "kiosk.audit")

namespace kiosk::app {

namespace {
void applyRetentionNow(audit::AuditLog& log) {
    const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
    if (auto kept = log.applyRetention(today); !kept)
        qCWarning(lcAudit).noquote() << "audit retention not applied:" << QString::fromStdString(kept.error().describe());
}
}  // namespace

Result<std::shared_ptr<audit::AuditLog>> openAuditTrail(const config::KioskConfig& config,
                                                       const std::filesystem::path& dataDir) {
    auto key = audit::readSecretKeyFile(dataDir / receipt::kSigningKeyFileName);
    if (!key) return std::unexpected(key.error());
    audit::AuditOptions options;
    options.kioskId = config.kioskId;
    options.retentionDays = config.audit.retentionDays;
    options.maxSegmentBytes = static_cast<std::int64_t>(config.audit.maxSegmentMegabytes) << 20;
    auto log = audit::AuditLog::open(dataDir / "audit", *key, options);
    std::fill(key->begin(), key->end(), std::uint8_t{0});
    if (!log) return std::unexpected(log.error());
    auto shared = std::make_shared<audit::AuditLog>(std::move(*log));
    auto recovered = shared->recoverInterrupted();
    if (!recovered) return std::unexpected(recovered.error());
    if (*recovered > 0)
        qCWarning(lcAudit) << "technician alert:" << *recovered
                           << "transaction(s) interrupted by a crash or power loss, recorded as abandoned";
    applyRetentionNow(*shared);
    return shared;
}

void scheduleAuditRetention(std::shared_ptr<audit::AuditLog> log, QObject* parent) {
    auto* timer = new QTimer(parent);
    timer->setInterval(std::chrono::hours(24));
    QObject::connect(timer, &QTimer::timeout, parent, [log] { applyRetentionNow(*log); });
    timer->start();
}

ui::AuditSink auditSinkFor(std::shared_ptr<audit::AuditLog> log) {
    return [log = std::move(log)](const ui::AuditRecord& record) -> Result<void> {
        audit::Entry entry;
        entry.transactionId = record.transaction;
        entry.step = record.step;
        entry.outcome = record.outcome;
        const auto details = QJsonDocument::fromJson(QByteArray::fromStdString(record.detailsJson)).object();
        for (auto it = details.begin(); it != details.end(); ++it) {
            const auto key = it.key().toStdString();
            const auto value = it.value();
            if (value.isBool()) {
                entry.details.flag(key, value.toBool());
            } else if (value.isDouble()) {
                const double d = value.toDouble();
                if (std::floor(d) == d && std::abs(d) < 9e15) entry.details.integer(key, static_cast<std::int64_t>(d));
                else entry.details.number(key, d);
            } else {
                entry.details.code(key, value.toString().toStdString());
            }
        }
        auto appended = log->append(entry);
        if (!appended) return std::unexpected(appended.error());
        return {};
    };
}

}  // namespace kiosk::app

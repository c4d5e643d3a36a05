#include "app/ui/kiosk_workflow.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QThreadPool>

#include <algorithm>
#include <mutex>
#include <optional>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/iso19794_2.h"
#include "app/biometrics/matcher.h"
#include "app/biometrics/quality.h"
#include "app/documents/mrz_parser.h"
#include "app/documents/ocr/mrz_reader.h"
#include "app/members/member_cache.h"
#include "app/receipt/receipt.h"
#include "app/receipt/receipt_code.h"
#include "app/ui/languages.h"
#include "app/ui/presentation.h"
#include "app/ui/program_names.h"
#include "devices/fingerprint/fingerprint_scanner.h"
#include "devices/passport/passport_reader.h"
#include "devices/printer/receipt_printer.h"

Q_LOGGING_CATEGORY(lcWorkflow, "kiosk.workflow")

namespace kiosk::ui {
namespace {

constexpr int kMaxPassportAttempts = 3;  // misreads before the document is refused
constexpr int kHealthCheckMs = 2000;
constexpr int kItemsPollMs = 500;
constexpr int kReminderEveryTicks = 10;  // a chime every 5 s while something is left behind
constexpr int kReminderGiveUpTicks = 120;  // after a minute the officer takes over
constexpr int kReprintKeepMinutes = 30;     // a failed receipt waits this long for the technician
constexpr std::size_t kMaxPendingReprints = 20;

CalendarDate toCalendarDate(const QDate& d) { return {d.year(), d.month(), d.day()}; }

// Moves a result produced on another thread onto the workflow's thread. Results travel in a
// shared_ptr because queued functors must be copyable.
template <class T, class Fn>
void postTo(QObject* context, T value, Fn fn) {
    auto shared = std::make_shared<T>(std::move(value));
    QMetaObject::invokeMethod(
        context, [shared, fn = std::move(fn)]() mutable { fn(std::move(*shared)); },
        Qt::QueuedConnection);
}

// The OCR's reasons name positions ("low confidence at line 2, column 14"), but a nested parser
// message may quote what was read (a state code, a check digit): only the outer reason is logged.
QString ocrFailureForLog(const Error& error) {
    std::string reason = error.message;
    const auto first = reason.find(": ");
    if (const auto second = first == std::string::npos ? first : reason.find(": ", first + 2); second != std::string::npos)
        reason.resize(second);
    if (const auto quote = reason.find_first_of("'\""); quote != std::string::npos) reason.resize(quote);
    return QString::fromStdString(error.context.empty() ? reason : error.context + ": " + reason);
}

void wipe(std::vector<std::string>& lines) {
    for (auto& l : lines) std::fill(l.begin(), l.end(), '\0');
}

void wipe(devices::PassportRead& read) {
    wipe(read.mrzLines);
    if (read.page) std::fill(read.page->pixels.begin(), read.page->pixels.end(), std::uint8_t{0});
}

// What the compute pool made of one read: the parsed document, or why an image reader's page could
// not be read at all (then nothing was parsed).
struct ParsedRead {
    std::optional<Result<documents::TravelDocument>> document;
    QString pageUnreadable;
};

}  // namespace

struct KioskWorkflow::PageOcr {
    std::once_flag built;
    std::optional<Result<documents::ocr::MrzReader>> reader;
};

KioskWorkflow::KioskWorkflow(WorkflowServices services, QObject* parent)
    : QObject(parent),
      services_(std::move(services)),
      random_(services_.randomSeed),
      computePool_(std::make_unique<QThreadPool>()),
      memberPool_(std::make_unique<QThreadPool>()),
      printerPool_(std::make_unique<QThreadPool>()),
      pageOcr_(std::make_shared<PageOcr>()) {
    memberPool_->setMaxThreadCount(1);
    printerPool_->setMaxThreadCount(1);
    policy_.acceptedPrograms = services_.config.acceptedPrograms;
    matchThreshold_ = biometrics::thresholdForFalseMatchRate(services_.config.biometrics.falseMatchRate);

    idleTimer_.setSingleShot(true);
    idleTimer_.setInterval(services_.config.idleTimeoutSeconds * 1000);
    connect(&idleTimer_, &QTimer::timeout, this, &KioskWorkflow::onIdle);
    idleCountdown_.setInterval(1000);
    connect(&idleCountdown_, &QTimer::timeout, this, [this] {
        if (--idleSecondsLeft_ > 0) {
            emit idleChanged();
            return;
        }
        qCInfo(lcWorkflow).noquote() << "transaction abandoned after idle timeout on screen" << screen_;
        endTransaction("abandoned_idle");
        cancel();
    });
    resultTimer_.setSingleShot(true);
    resultTimer_.setInterval(services_.config.resultSeconds * 1000);
    connect(&resultTimer_, &QTimer::timeout, this, &KioskWorkflow::finish);
    itemsTimer_.setInterval(kItemsPollMs);
    connect(&itemsTimer_, &QTimer::timeout, this, &KioskWorkflow::checkItemsLeft);
    healthTimer_.setInterval(kHealthCheckMs);
    connect(&healthTimer_, &QTimer::timeout, this, &KioskWorkflow::checkHealth);
    healthTimer_.start();

    if (services_.passportReader) {
        services_.passportReader->setReadHandler([this](Result<devices::PassportRead> read) {
            postTo(this, std::move(read), [this](Result<devices::PassportRead> r) {
                onPassportRead(tx_.serial, std::move(r));
            });
        });
    }
    checkHealth();
}

KioskWorkflow::~KioskWorkflow() {
    if (services_.passportReader) services_.passportReader->setReadHandler(nullptr);
    if (services_.fingerprintScanner) services_.fingerprintScanner->cancelCapture();
    tx_.wipe();
}

int KioskWorkflow::maxFingerAttempts() const { return services_.config.biometrics.maxAttempts; }

int KioskWorkflow::customsCount() const {
    return static_cast<int>(services_.config.customsQuestions.size());
}

QString KioskWorkflow::customsQuestion() const {
    const auto& q = services_.config.customsQuestions;
    return tx_.customsIndex < q.size() ? QString::fromStdString(q[tx_.customsIndex]) : QString{};
}

void KioskWorkflow::setScreen(Screen screen) {
    if (screen_ == screen) return;
    screen_ = screen;
    setIdleWarning(false);
    if (screen == Screen::Attract || screen == Screen::OutOfService) idleTimer_.stop();
    else idleTimer_.start();
    emit screenChanged();
}

void KioskWorkflow::setBusy(bool busy) {
    if (busy_ == busy) return;
    busy_ = busy;
    emit busyChanged();
}

void KioskWorkflow::touched() {
    if (idleTimer_.isActive()) idleTimer_.start();
}

// The ADA/DOT kiosk rule: before giving up on a traveler, ask whether they need more time and
// show how long they have to answer.
void KioskWorkflow::onIdle() {
    if (screen_ == Screen::Attract || screen_ == Screen::OutOfService) return;
    if (screen_ == Screen::Result) {  // nothing left to do: the result has been shown long enough
        finish();
        return;
    }
    if (screen_ == Screen::TakeItems) return;  // the reminder has its own patience
    idleSecondsLeft_ = services_.config.idleWarningSeconds;
    setIdleWarning(true);
    idleCountdown_.start();
}

void KioskWorkflow::moreTime() {
    if (!idleWarning_) return;
    setIdleWarning(false);
    idleTimer_.start();
}

void KioskWorkflow::setIdleWarning(bool on) {
    if (!on) idleCountdown_.stop();
    if (idleWarning_ == on) return;
    idleWarning_ = on;
    emit idleChanged();
}

bool KioskWorkflow::memberListFresh() const {
    if (!services_.members) return false;
    auto stats = services_.members->stats();
    if (!stats || stats->lastSyncUnixSeconds == 0) return false;
    const auto age = services_.now().toSecsSinceEpoch() - stats->lastSyncUnixSeconds;
    // A sync a little "in the future" is clock granularity or skew between processes; one far in
    // the future means the clock jumped back, and a list of unknown age is not trusted.
    constexpr qint64 kClockSkewSeconds = 300;
    return age >= -kClockSkewSeconds && age <= static_cast<qint64>(services_.config.memberList.maxAgeHours) * 3600;
}

QString KioskWorkflow::unhealthyReason() const {
    if (technicianActive_) return QStringLiteral("a technician is working on this kiosk");
    if (auditBroken_) return QStringLiteral("audit trail cannot be written: ") + auditProblem_;
    if (!services_.members) return services_.membersProblem;
    if (auto stats = services_.members->stats(); !stats)
        return QStringLiteral("member list unreadable: ") + QString::fromStdString(stats.error().message);
    else if (stats->members == 0)
        return QStringLiteral("member list is empty: waiting for the first sync");
    // The receipt is what the officer at the exit trusts: without a printer the kiosk cannot clear
    // anyone properly, so it stops taking travelers until the printer is back.
    const std::pair<const char*, devices::DeviceHealth> checks[] = {
        {"passport reader", services_.passportReader ? services_.passportReader->health() : devices::DeviceHealth{}},
        {"fingerprint scanner", services_.fingerprintScanner ? services_.fingerprintScanner->health() : devices::DeviceHealth{}},
        {"receipt printer", services_.receiptPrinter ? services_.receiptPrinter->health() : devices::DeviceHealth{}},
    };
    for (const auto& [what, health] : checks)
        if (!health.usable())
            return QStringLiteral("%1: %2").arg(QString::fromLatin1(what),
                                                QString::fromStdString(health.detail.empty() ? "not connected" : health.detail));
    return {};
}

void KioskWorkflow::audit(const char* step, const QString& outcome, const QJsonObject& details, bool kioskLevel) {
    if (!services_.audit) return;
    AuditRecord record{kioskLevel ? std::string() : tx_.number, step, outcome.toStdString(),
                       QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString()};
    auto written = services_.audit(record);
    if (written) return;
    if (!auditBroken_)
        qCCritical(lcWorkflow).noquote() << "technician alert: audit trail cannot be written:"
                                         << QString::fromStdString(written.error().describe());
    auditBroken_ = true;
    auditProblem_ = QString::fromStdString(written.error().message);
    tx_.facts.auditWritable = false;
}

void KioskWorkflow::endTransaction(const char* outcome) {
    if (!transactionOpen_) return;
    transactionOpen_ = false;
    audit("transaction.ended", QString::fromLatin1(outcome));
}

bool KioskWorkflow::enterTechnicianMode() {
    if (!technicianAccessAllowed()) return false;
    if (!technicianActive_) {
        technicianActive_ = true;
        emit technicianActiveChanged();
    }
    checkHealth();
    return true;
}

void KioskWorkflow::leaveTechnicianMode() {
    if (!technicianActive_) return;
    technicianActive_ = false;
    emit technicianActiveChanged();
    checkHealth();
}

void KioskWorkflow::checkHealth() {
    expireReprints();
    // A trail that failed is tried again between travelers: a freed disk heals the kiosk.
    if (auditBroken_ && technicianAccessAllowed() && services_.audit) {
        if (services_.audit({{}, "kiosk.audit", "restored", "{}"})) {
            qCInfo(lcWorkflow).noquote() << "audit trail writable again";
            auditBroken_ = false;
            auditProblem_.clear();
        }
    }
    // Paper near end: keep printing, tell the technician once.
    if (services_.receiptPrinter) {
        const bool nearEnd = services_.receiptPrinter->status().paperNearEnd;
        if (nearEnd && !paperNearEndReported_) qCWarning(lcWorkflow).noquote() << "technician alert: receipt paper near end";
        paperNearEndReported_ = nearEnd;
    }
    // A traveler waiting at the passport step for a reader that has gone would wait forever: nothing
    // of theirs has been read yet, so the transaction ends and the kiosk says it is out of service.
    if ((screen_ == Screen::Passport || screen_ == Screen::Language) && !busy_ && services_.passportReader &&
        tx_.facts.document == clearance::Facts::Document::NotRead && !services_.passportReader->health().usable()) {
        qCWarning(lcWorkflow).noquote() << "passport reader lost during transaction" << tx_.serial;
        audit("device.error", QStringLiteral("passport_reader_lost"));
        endTransaction("abandoned_device");
        resetToAttract();  // its health check takes the kiosk out of service
        return;
    }
    // Otherwise only between travelers: a traveler in the middle of a transaction is never thrown
    // out by a health check; a failing device fails their step, which handles it.
    if (screen_ != Screen::Attract && screen_ != Screen::OutOfService) return;
    if (!services_.members && services_.reopenMembers) {
        if (auto reopened = services_.reopenMembers()) {
            qCInfo(lcWorkflow).noquote() << "member list available again";
            services_.members = std::move(*reopened);
            services_.membersProblem.clear();
        }
    }
    const auto reason = unhealthyReason();
    if (!reason.isEmpty()) {
        if (outOfServiceReason_ != reason) {
            qCWarning(lcWorkflow).noquote() << "out of service:" << reason;
            // The audit says which part failed, not the driver's words (those are in the log).
            audit("kiosk.out_of_service", technicianActive_ ? QStringLiteral("technician") : QStringLiteral("fault"),
                  {{"reason", reason.left(reason.indexOf(QLatin1Char(':'))).left(48)}}, true);
        }
        outOfServiceReason_ = reason;
        setScreen(Screen::OutOfService);
        emit screenChanged();
    } else if (screen_ == Screen::OutOfService) {
        qCInfo(lcWorkflow).noquote() << "back in service";
        audit("kiosk.in_service", QStringLiteral("ok"), {}, true);
        outOfServiceReason_.clear();
        setScreen(Screen::Attract);
    }
}

void KioskWorkflow::start() {
    if (screen_ != Screen::Attract) return;
    tx_.wipe();
    tx_.serial = nextSerial_++;
    tx_.started = std::chrono::steady_clock::now();
    const auto now = services_.now();
    tx_.facts.today = toCalendarDate(now.date());
    tx_.facts.memberListFresh = memberListFresh();
    tx_.number = QStringLiteral("%1-%2-%3")
                     .arg(QString::fromStdString(services_.config.kioskId), now.toString(QStringLiteral("yyMMdd-HHmmss")))
                     .arg(std::uniform_int_distribution<int>(0, 9999)(random_), 4, 10, QLatin1Char('0'))
                     .toStdString();
    passportHint_ = PassportHint::None;
    fingerHint_ = FingerHint::None;
    resultKind_ = ResultKind::None;
    receiptState_ = ReceiptState::None;
    transactionNumberShown_.clear();
    suggestedLanguage_ = services_.presentation ? services_.presentation->language() : QStringLiteral("en");
    emit suggestedLanguageChanged();
    emit passportHintChanged();
    emit fingerChanged();
    emit customsChanged();
    emit resultChanged();
    emit receiptStateChanged();
    qCInfo(lcWorkflow).noquote() << "transaction" << tx_.serial << "started";
    tx_.facts.auditWritable = !auditBroken_;
    transactionOpen_ = true;
    audit("transaction.started", QStringLiteral("started"));
    advance();
}

void KioskWorkflow::chooseLanguage(const QString& code) {
    if (screen_ != Screen::Language || busy_) return;
    touched();
    if (services_.presentation && !services_.presentation->setLanguage(code)) {
        qCWarning(lcWorkflow).noquote() << "no translations for language" << code;
        return;
    }
    tx_.languageChosen = true;
    advance();
}

void KioskWorkflow::advance() {
    // The traveler chooses a language before anything is asked of them; a passport placed on the
    // attract screen is read meanwhile and only preselects the likely language.
    if (!tx_.languageChosen) {
        setScreen(Screen::Language);
        return;
    }
    const auto verdict = clearance::evaluate(tx_.facts, policy_);
    switch (verdict.next) {
    case clearance::Step::ReadPassport: setScreen(Screen::Passport); break;
    case clearance::Step::LookUpMember: lookUpMember(); break;
    case clearance::Step::VerifyFingerprint: requestFinger(); break;
    case clearance::Step::AnswerCustoms:
        tx_.customsIndex = 0;
        emit customsChanged();
        if (services_.config.customsQuestions.empty()) {
            tx_.facts.declaredGoods = false;
            advance();
            return;
        }
        setScreen(Screen::Customs);
        break;
    case clearance::Step::Decided: decide(*verdict.decision); break;
    }
}

void KioskWorkflow::onPassportRead(std::uint64_t serial, Result<devices::PassportRead> read) {
    // A passport placed on the attract screen starts the transaction.
    if (screen_ == Screen::Attract) {
        start();
        serial = tx_.serial;
    }
    const bool expecting = screen_ == Screen::Passport ||
                           (screen_ == Screen::Language && tx_.facts.document == clearance::Facts::Document::NotRead);
    if (!expecting || serial != tx_.serial || busy_) {
        if (read) wipe(*read);
        return;
    }
    touched();
    if (!read) {
        passportUnreadable(QString::fromStdString(read.error().message));
        return;
    }
    setBusy(true);
    passportHint_ = PassportHint::Reading;
    emit passportHintChanged();
    documents::ParseOptions options;
    options.today = tx_.facts.today;
    // Text readers hand over lines; image readers a page, which the OCR turns into lines first. A
    // reader that did its own OCR and also sent the page is taken at its word (the lines).
    auto lines = std::make_shared<std::vector<std::string>>(std::move(read->mrzLines));
    std::shared_ptr<GreyImage> page;
    if (lines->empty() && read->page) page = std::make_shared<GreyImage>(std::move(*read->page));
    wipe(*read);
    computePool_->start([this, serial, lines, page, options, ocr = pageOcr_, prepare = services_.preparePage] {
        ParsedRead out;
        if (page) {
            if (prepare) prepare(*page);
            std::call_once(ocr->built, [&] { ocr->reader = documents::ocr::MrzReader::create(); });
            auto ocrRead = *ocr->reader ? (*ocr->reader)->read(*page, options)
                                        : Result<documents::ocr::OcrResult>(std::unexpected(ocr->reader->error()));
            std::fill(page->pixels.begin(), page->pixels.end(), std::uint8_t{0});
            if (ocrRead) {
                *lines = std::move(ocrRead->lines);
            } else {
                out.pageUnreadable = ocrFailureForLog(ocrRead.error());
                if (out.pageUnreadable.isEmpty()) out.pageUnreadable = QStringLiteral("page unreadable");
            }
        }
        if (out.pageUnreadable.isEmpty()) out.document = documents::parseMrz(*lines, options);
        wipe(*lines);
        postTo(this, std::move(out), [this, serial](ParsedRead r) {
            setBusy(false);
            if (serial != tx_.serial) return;
            if (!r.document) {
                passportUnreadable(r.pageUnreadable);
                return;
            }
            auto& doc = *r.document;
            ++tx_.passportAttempts;
            if (!doc) {
                // The error names line, columns and field; it holds no document data.
                qCInfo(lcWorkflow).noquote() << "MRZ rejected:" << QString::fromStdString(doc.error().describe());
                audit("document.read", QStringLiteral("invalid"), {{"attempt", tx_.passportAttempts}});
                if (tx_.passportAttempts < kMaxPassportAttempts) {
                    passportHint_ = PassportHint::Misread;
                    emit passportHintChanged();
                    return;
                }
                tx_.facts.document = clearance::Facts::Document::Invalid;
            } else {
                tx_.facts.document = clearance::Facts::Document::Valid;
                audit("document.read", QStringLiteral("valid"),
                      {{"attempt", tx_.passportAttempts}, {"format", QString::fromLatin1(documents::formatName(doc->format))}});
                tx_.facts.documentExpiry = doc->expiryDate;
                suggestedLanguage_ = languageForNationality(QString::fromStdString(doc->nationality));
                emit suggestedLanguageChanged();
                tx_.document = std::move(*doc);
            }
            passportHint_ = PassportHint::None;
            emit passportHintChanged();
            advance();
        });
    });
}

void KioskWorkflow::passportUnreadable(const QString& why) {
    // Not an attempt: nothing was read, so the traveler's tries with a readable document are not used up.
    qCInfo(lcWorkflow).noquote() << "passport reader:" << why;
    audit("document.read", QStringLiteral("unreadable"), {{"attempt", tx_.passportAttempts + 1}});
    passportHint_ = PassportHint::Unreadable;
    emit passportHintChanged();
}

void KioskWorkflow::lookUpMember() {
    setBusy(true);
    const auto serial = tx_.serial;
    const auto& d = *tx_.document;
    if (!d.birthDate) {
        // Doc 9303 allows an unknown birth date; the member list cannot key such a document.
        tx_.facts.member = clearance::Facts::Member::NotFound;
        audit("member.lookup", QStringLiteral("no_birth_date"));
        setBusy(false);
        advance();
        return;
    }
    members::DocumentKey key{d.issuingState, d.documentNumber, *d.birthDate};
    memberPool_->start([this, serial, key = std::move(key)]() mutable {
        auto found = services_.members->lookup(key);
        std::fill(key.documentNumber.begin(), key.documentNumber.end(), '\0');
        postTo(this, std::move(found), [this, serial](Result<std::optional<members::MemberRecord>> r) {
            setBusy(false);
            if (serial != tx_.serial) return;
            if (!r) {
                // A cache that cannot answer cannot clear anyone: refer, and tell the technician.
                qCWarning(lcWorkflow).noquote() << "member lookup failed:" << QString::fromStdString(r.error().describe());
                audit("member.lookup", QStringLiteral("error"));
                tx_.facts.memberListFresh = false;
            } else if (!*r) {
                audit("member.lookup", QStringLiteral("not_found"));
                tx_.facts.member = clearance::Facts::Member::NotFound;
            } else {
                audit("member.lookup", QStringLiteral("found"), {{"fingers", static_cast<int>((*r)->fingers.size())}});
                tx_.facts.member = clearance::Facts::Member::Found;
                tx_.facts.lookout = (*r)->lookout;  // not audited apart: the decision's reason says it
                for (const auto& p : (*r)->programs)
                    tx_.facts.programs.push_back({p.program, p.status == members::ProgramStatus::Active, p.expires});
                tx_.member = std::move(**r);
            }
            advance();
        });
    });
}

void KioskWorkflow::requestFinger() {
    if (!tx_.member || tx_.member->fingers.empty()) {
        tx_.facts.biometric = clearance::Facts::Biometric::NoEnrolledFinger;
        advance();
        return;
    }
    // The member's best enrolled finger is the one asked for.
    const auto best = std::max_element(tx_.member->fingers.begin(), tx_.member->fingers.end(),
                                       [](const auto& a, const auto& b) { return a.quality < b.quality; });
    tx_.requestedFinger = best->position;
    setScreen(Screen::Fingerprint);
    emit fingerChanged();
    const auto serial = tx_.serial;
    services_.fingerprintScanner->startCapture([this, serial](Result<GreyImage> image) {
        postTo(this, std::move(image), [this, serial](Result<GreyImage> i) { onFingerCaptured(serial, std::move(i)); });
    });
}

void KioskWorkflow::onFingerCaptured(std::uint64_t serial, Result<GreyImage> image) {
    if (serial != tx_.serial || screen_ != Screen::Fingerprint) return;
    touched();
    if (!image) {
        qCWarning(lcWorkflow).noquote() << "fingerprint capture failed:" << QString::fromStdString(image.error().describe());
        audit("fingerprint.capture", QStringLiteral("device_error"), {{"attempt", tx_.fingerAttempts + 1}});
        fingerHint_ = FingerHint::DeviceProblem;
        emit fingerChanged();
        // Without a working scanner the member cannot be verified: an officer takes over, told that
        // the device failed (not that the finger did not match).
        tx_.facts.biometric = clearance::Facts::Biometric::ScannerFailed;
        advance();
        return;
    }
    setBusy(true);
    fingerHint_ = FingerHint::Checking;
    emit fingerChanged();
    std::vector<std::vector<std::uint8_t>> enrolled;
    for (const auto& f : tx_.member->fingers)
        if (f.position == tx_.requestedFinger) enrolled.push_back(f.isoTemplate);

    struct Outcome {
        biometrics::QualityReport quality;
        bool extracted = false;
        double score = 0;
    };
    auto captured = std::make_shared<GreyImage>(std::move(*image));
    computePool_->start([this, serial, captured, enrolled = std::move(enrolled)] {
        Outcome out;
        out.quality = biometrics::assessQuality(*captured);
        if (auto probe = biometrics::extractTemplate(*captured)) {
            out.extracted = true;
            for (const auto& record : enrolled)
                if (auto reference = biometrics::decodeIso19794_2(record))
                    out.score = std::max(out.score, biometrics::compareTemplates(*probe, *reference));
        }
        std::fill(captured->pixels.begin(), captured->pixels.end(), 0);
        postTo(this, out, [this, serial](Outcome o) {
            setBusy(false);
            if (serial != tx_.serial) return;
            ++tx_.fingerAttempts;
            tx_.bestScore = std::max(tx_.bestScore, o.score);
            const bool matched = o.extracted && o.score >= matchThreshold_;
            qCInfo(lcWorkflow).noquote().nospace() << "finger attempt " << tx_.fingerAttempts << ": quality " << o.quality.score
                                         << ", score " << o.score << ", threshold " << matchThreshold_
                                         << (matched ? " (match)" : " (no match)");
            audit("fingerprint.compare", matched ? QStringLiteral("match") : QStringLiteral("no_match"),
                  {{"attempt", tx_.fingerAttempts}, {"finger", static_cast<int>(tx_.requestedFinger)},
                   {"score", o.score}, {"threshold", matchThreshold_}, {"quality", o.quality.score},
                   {"quality_flags", static_cast<int>(o.quality.flags)}, {"extracted", o.extracted}});
            if (matched) {
                tx_.facts.biometric = clearance::Facts::Biometric::Matched;
                fingerHint_ = FingerHint::None;
                emit fingerChanged();
                advance();
                return;
            }
            if (tx_.fingerAttempts >= services_.config.biometrics.maxAttempts) {
                tx_.facts.biometric = clearance::Facts::Biometric::NotMatched;
                advance();
                return;
            }
            using biometrics::QualityFlag;
            const auto& q = o.quality;
            fingerHint_ = biometrics::hasFlag(q, QualityFlag::NoFinger)  ? FingerHint::NoFinger
                          : biometrics::hasFlag(q, QualityFlag::TooLight) ? FingerHint::PressHarder
                          : biometrics::hasFlag(q, QualityFlag::TooDark)  ? FingerHint::TooWet
                          : biometrics::hasFlag(q, QualityFlag::Partial)  ? FingerHint::Partial
                                                                          : FingerHint::NoMatch;
            emit fingerChanged();
            requestFinger();
        });
    });
}

void KioskWorkflow::answerCustoms(bool yes) {
    if (screen_ != Screen::Customs) return;
    touched();
    emit customsAnswered(customsQuestion(), yes);
    audit("customs.answered", yes ? QStringLiteral("yes") : QStringLiteral("no"), {{"question", customsQuestion()}});
    if (yes) {
        // One declarable item is enough for an officer to see the traveler.
        tx_.facts.declaredGoods = true;
        advance();
        return;
    }
    ++tx_.customsIndex;
    if (tx_.customsIndex < services_.config.customsQuestions.size()) {
        emit customsChanged();
        return;
    }
    tx_.facts.declaredGoods = false;
    tx_.facts.randomlySelected =
        std::uniform_real_distribution<double>(0.0, 1.0)(random_) < services_.config.randomReferralRate;
    advance();
}

void KioskWorkflow::decide(const clearance::Decision& proposed) {
    auto decision = proposed;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - tx_.started).count();
    audit("decision", QString::fromLatin1(clearance::outcomeName(decision.outcome)),
          {{"reason", QString::fromLatin1(clearance::reasonCode(decision.reason))},
           {"program", QString::fromStdString(decision.program)}, {"seconds", seconds}});
    if (auditBroken_ && decision.outcome == clearance::Outcome::Cleared) {
        // The clearance could not be recorded: it is not given. The officer decides instead.
        tx_.facts.auditWritable = false;
        decision = clearance::evaluate(tx_.facts, policy_).decision.value_or(
            clearance::Decision{clearance::Outcome::Referred, clearance::Reason::AuditUnavailable, decision.program});
    }
    tx_.decision = decision;
    using clearance::Outcome;
    switch (decision.outcome) {
    case Outcome::Cleared: resultKind_ = ResultKind::Cleared; break;
    case Outcome::Referred: resultKind_ = ResultKind::SeeOfficer; break;
    case Outcome::RegularLane: resultKind_ = ResultKind::RegularLane; break;
    case Outcome::DocumentRefused:
        resultKind_ = decision.reason == clearance::Reason::DocumentExpired ? ResultKind::DocumentExpired
                                                                            : ResultKind::DocumentInvalid;
        break;
    }
    transactionNumberShown_ = QString::fromStdString(tx_.number);
    const auto outcome = QString::fromLatin1(clearance::outcomeName(decision.outcome));
    const auto reason = QString::fromLatin1(clearance::reasonCode(decision.reason));
    qCInfo(lcWorkflow).noquote().nospace() << "transaction " << tx_.serial << " decided: " << outcome
                                 << (reason.isEmpty() ? QString() : " (" + reason + ")") << " in " << seconds << " s";
    emit resultChanged();
    setScreen(Screen::Result);
    resultTimer_.start();
    emit decided(outcome, reason, seconds);
    // Members who reached a decision take a receipt to the officer at the exit.
    if (decision.outcome == Outcome::Cleared || decision.outcome == Outcome::Referred) printReceipt();
}

void KioskWorkflow::printReceipt() {
    if (!services_.receiptPrinter || !tx_.document) {
        receiptState_ = ReceiptState::Failed;
        emit receiptStateChanged();
        emit receiptPrinted(false);
        return;
    }
    receipt::ReceiptContent content;
    content.portOfEntry = QString::fromStdString(services_.config.portOfEntry);
    content.kioskId = QString::fromStdString(services_.config.kioskId);
    content.localTime = services_.now();
    content.travelerName = QString::fromStdString(tx_.document->displayName());
    const auto& number = tx_.document->documentNumber;
    content.documentLast4 = QString::fromStdString(number.size() > 4 ? number.substr(number.size() - 4) : number);
    content.programName = programDisplayName(QString::fromStdString(tx_.decision->program));
    content.outcome = tx_.decision->outcome == clearance::Outcome::Cleared ? receipt::Outcome::Cleared
                                                                            : receipt::Outcome::Referred;
    content.reasonCode = QString::fromLatin1(clearance::reasonCode(tx_.decision->reason));
    content.transactionNumber = QString::fromStdString(tx_.number);
    content.languageCode = services_.presentation ? services_.presentation->language() : QStringLiteral("en");
    // The signed code an officer scans: the decision and a hash of the document, not the document.
    receipt::ReceiptClaims claims;
    claims.transactionNumber = tx_.number;
    claims.kioskId = services_.config.kioskId;
    claims.unixTime = content.localTime.toSecsSinceEpoch();
    claims.decision = tx_.decision->outcome == clearance::Outcome::Cleared ? receipt::CodeDecision::Cleared
                                                                           : receipt::CodeDecision::Referred;
    claims.reasonCode = std::string(clearance::reasonCode(tx_.decision->reason));
    const auto& d = *tx_.document;
    auto hash = receipt::documentHash({d.issuingState, d.documentNumber, d.birthDate ? d.birthDate->iso() : ""});
    if (hash) claims.documentHash = *hash;

    receiptState_ = ReceiptState::Printing;
    emit receiptStateChanged();
    const auto serial = tx_.serial;
    const int dots = services_.receiptPrinter->dotsPerLine();
    printerPool_->start([this, serial, content, claims, dots, printer = services_.receiptPrinter,
                         signer = services_.receiptSigner]() mutable {
        if (signer) {
            if (auto code = signer->sign(claims)) content.signedCode = QString::fromStdString(*code);
            else qCWarning(lcWorkflow).noquote() << "receipt not signed:" << QString::fromStdString(code.error().describe());
        }
        auto job = receipt::encodeReceiptJob(receipt::composeReceipt(content, dots));
        auto printed = printer->print(job);
        if (!printed) {
            auto kept = std::make_shared<std::vector<std::uint8_t>>(std::move(job));
            QMetaObject::invokeMethod(this, [this, kept, number = claims.transactionNumber]() mutable {
                keepForReprint(std::move(number), std::move(*kept));
            }, Qt::QueuedConnection);
        } else {
            std::fill(job.begin(), job.end(), std::uint8_t{0});
        }
        postTo(this, std::move(printed), [this, serial](Result<void> r) {
            if (!r) qCWarning(lcWorkflow).noquote() << "receipt not printed:" << QString::fromStdString(r.error().describe());
            // Printer faults are device words ("paper out"), never the receipt's content.
            if (serial == tx_.serial)
                audit("receipt.printed", r ? QStringLiteral("printed") : QStringLiteral("failed"),
                      r ? QJsonObject{} : QJsonObject{{"error", QString::fromStdString(r.error().message).left(48)}});
            if (serial == tx_.serial) {
                receiptState_ = r ? ReceiptState::Printed : ReceiptState::Failed;
                emit receiptStateChanged();
            }
            emit receiptPrinted(r.has_value());
        });
    });
}

void KioskWorkflow::keepForReprint(std::string transaction, std::vector<std::uint8_t> job) {
    if (pendingReprints_.size() >= kMaxPendingReprints) {
        auto& oldest = pendingReprints_.front().job;
        std::fill(oldest.begin(), oldest.end(), std::uint8_t{0});
        pendingReprints_.erase(pendingReprints_.begin());
    }
    pendingReprints_.push_back({std::move(transaction), std::chrono::steady_clock::now(), std::move(job)});
    emit pendingReprintsChanged();
}

void KioskWorkflow::expireReprints() {
    const auto limit = std::chrono::steady_clock::now() - std::chrono::minutes(kReprintKeepMinutes);
    const auto before = pendingReprints_.size();
    std::erase_if(pendingReprints_, [&](PendingReprint& p) {
        if (p.failedAt > limit) return false;
        std::fill(p.job.begin(), p.job.end(), std::uint8_t{0});
        audit("receipt.reprint_expired", QStringLiteral("wiped"), {{"transaction", QString::fromStdString(p.transaction)}}, true);
        return true;
    });
    if (pendingReprints_.size() != before) emit pendingReprintsChanged();
}

void KioskWorkflow::reprintPending() {
    if (!services_.receiptPrinter || pendingReprints_.empty()) return;
    auto jobs = std::make_shared<std::vector<PendingReprint>>(std::move(pendingReprints_));
    pendingReprints_.clear();
    emit pendingReprintsChanged();
    printerPool_->start([this, jobs, printer = services_.receiptPrinter] {
        struct Outcome {
            std::vector<PendingReprint> failed;
            std::vector<std::string> printed;
        } out;
        for (auto& p : *jobs) {
            if (printer->print(p.job)) {
                std::fill(p.job.begin(), p.job.end(), std::uint8_t{0});
                out.printed.push_back(p.transaction);
            } else {
                out.failed.push_back(std::move(p));
            }
        }
        postTo(this, std::move(out), [this](Outcome o) {
            for (const auto& t : o.printed) audit("receipt.reprinted", QStringLiteral("printed"), {{"transaction", QString::fromStdString(t)}}, true);
            const int failed = static_cast<int>(o.failed.size());
            for (auto& p : o.failed) keepForReprint(std::move(p.transaction), std::move(p.job));
            emit reprinted(static_cast<int>(o.printed.size()), failed);
        });
    });
}

void KioskWorkflow::retractReceipt() {
    if (receiptRetractAsked_ || !services_.receiptPrinter) return;
    receiptRetractAsked_ = true;
    printerPool_->start([this, printer = services_.receiptPrinter, number = tx_.number] {
        auto r = printer->retractTicket();
        postTo(this, std::move(r), [this, number](Result<void> done) {
            // Said once, without the receipt's content: the officer can ask the technician for it.
            qCWarning(lcWorkflow).noquote() << "technician alert: a receipt left in the presenter was"
                                            << (done ? "retracted" : "not retracted:")
                                            << (done ? QString() : QString::fromStdString(done.error().message));
            if (services_.audit)
                (void)services_.audit({number, "receipt.retracted", done ? "retracted" : "failed", "{}"});
        });
    });
}

void KioskWorkflow::finish() {
    if (screen_ != Screen::Result) return;
    resultTimer_.stop();
    // Nobody leaves a passport behind unnoticed: the kiosk asks for it, with sound, before it is
    // ready for the next traveler.
    if (!updateItemsLeft()) {
        resetToAttract();
        return;
    }
    reminderTicks_ = 0;
    receiptRetractAsked_ = false;
    setScreen(Screen::TakeItems);
    emit remind();
    itemsTimer_.start();
}

bool KioskWorkflow::updateItemsLeft() {
    const bool passport = services_.passportReader && services_.passportReader->documentPresent();
    // A receipt still printing will land in the presenter: it counts as left behind already.
    const bool receipt = receiptState_ == ReceiptState::Printing ||
                         (services_.receiptPrinter && services_.receiptPrinter->status().ticketInPresenter);
    if (passport != passportLeft_ || receipt != receiptLeft_) {
        passportLeft_ = passport;
        receiptLeft_ = receipt;
        emit itemsLeftChanged();
    }
    return passport || receipt;
}

void KioskWorkflow::checkItemsLeft() {
    if (screen_ != Screen::TakeItems) {
        itemsTimer_.stop();
        return;
    }
    if (!updateItemsLeft()) {
        resetToAttract();
        return;
    }
    ++reminderTicks_;
    const int retractTicks = services_.config.receiptRetractSeconds * 1000 / kItemsPollMs;
    // A forgotten receipt names the traveler: it goes back into the printer, not to the next person.
    if (receiptLeft_ && retractTicks > 0 && reminderTicks_ >= retractTicks) retractReceipt();
    if (reminderTicks_ >= std::max(kReminderGiveUpTicks, receiptLeft_ ? retractTicks : 0)) {
        // No personal data: the officer knows which kiosk and what was left.
        qCWarning(lcWorkflow).noquote() << "technician alert:" << (passportLeft_ ? "passport" : "")
                                        << (receiptLeft_ ? "receipt" : "") << "left in the kiosk";
        resetToAttract();
        return;
    }
    if (reminderTicks_ % kReminderEveryTicks == 0) emit remind();
}

void KioskWorkflow::cancel() {
    if (screen_ == Screen::Attract || screen_ == Screen::OutOfService) return;
    if (services_.fingerprintScanner) services_.fingerprintScanner->cancelCapture();
    qCInfo(lcWorkflow).noquote() << "transaction" << tx_.serial << "abandoned";
    endTransaction("abandoned");
    resetToAttract();
}

void KioskWorkflow::resetToAttract() {
    endTransaction(tx_.decision ? "completed" : "abandoned");
    resultTimer_.stop();
    itemsTimer_.stop();
    setIdleWarning(false);
    tx_.wipe();
    if (services_.presentation) services_.presentation->reset();
    setBusy(false);
    transactionNumberShown_.clear();
    resultKind_ = ResultKind::None;
    emit resultChanged();
    setScreen(Screen::Attract);
    checkHealth();
}

}  // namespace kiosk::ui

#include "app/kiosk_setup.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "app/calibration/passport/stored_page_correction.h"
#include "app/members/deployment_key.h"
#include "app/members/generations.h"
#include "app/members/member_cache.h"
#include "app/members/sync/bundle_sync.h"
#include "app/receipt/receipt_code.h"
#include "devices/sim/simulated_fingerprint_scanner.h"
#include "devices/sim/simulated_passport_reader.h"
#include "devices/sim/simulated_receipt_printer.h"
#include "devices/sim/synthetic_world.h"

Q_LOGGING_CATEGORY(lcSetup, "kiosk.setup")

namespace kiosk::app {
namespace fs = std::filesystem;

Result<fs::path> prepareDataDir(const config::KioskConfig& config, const fs::path& override) {
    fs::path dir = override;
    if (dir.empty()) dir = config.dataDir;
    if (dir.empty()) {
        const auto base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        if (base.isEmpty()) return fail(Error::Code::Io, "no writable data folder for this user");
        dir = fs::path(base.toStdString()) / "clearance-kiosk" / config.kioskId;
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the data folder: " + ec.message(), dir.string());
    dir = fs::canonical(dir, ec);
    // The checkout holds kiosk-config/; a data folder under it would put member data in git's way.
    const auto sourceRoot = fs::weakly_canonical(config.sourceFile.parent_path().parent_path(), ec);
    if (fs::exists(sourceRoot / ".git") || fs::exists(sourceRoot / "kiosk-config")) {
        const auto rel = dir.lexically_relative(sourceRoot);
        if (!rel.empty() && *rel.begin() != "..")
            return fail(Error::Code::Config, "the data folder must not be inside the source tree", dir.string());
    }
    return dir;
}

namespace {

// SQLite's primary result codes for a file that is not (or no longer) a database: SQLITE_CORRUPT and
// SQLITE_NOTADB (sqlite3.h stays inside app/members). Locked or unreadable files are not "damaged".
bool damagedDatabase(const Error& e) {
    constexpr int kSqliteCorrupt = 11;
    constexpr int kSqliteNotADb = 26;
    const int primary = e.native & 0xFF;
    return e.code == Error::Code::Database && (primary == kSqliteCorrupt || primary == kSqliteNotADb);
}

// Moves a damaged cache (and its WAL and shared-memory files) aside, so the next sync or seed builds a
// fresh one and a technician can still look at the old one. Returns the new name. When the cache's path
// is a link to a generation (members/generations.h), the generation itself is moved and the link
// removed: a generation file left under its own name would be deleted as stale by the next apply.
Result<fs::path> quarantine(const fs::path& file) {
    const auto stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toStdString();
    const auto damaged = members::generations::resolve(file, members::generations::linkText(file));
    fs::path moved = file;
    moved += ".damaged-" + stamp;
    std::error_code ec;
    fs::rename(damaged, moved, ec);
    if (ec) return fail(Error::Code::Io, "cannot move the damaged member cache aside: " + ec.message(), file.string());
    if (damaged != file) fs::remove(file, ec);
    for (const char* suffix : {"-wal", "-shm"}) {
        fs::path side = damaged;
        side += suffix;
        fs::path sideMoved = moved;
        sideMoved += suffix;
        if (fs::exists(side, ec)) fs::rename(side, sideMoved, ec);
    }
    return moved;
}

}  // namespace

Result<std::shared_ptr<members::MemberCache>> openMemberCache(const config::KioskConfig& config,
                                                              const fs::path& dataDir) {
    auto key = members::loadOrCreateDeploymentKey(dataDir / "deployment.key");
    if (!key) return std::unexpected(key.error());
    const auto file = dataDir / "members.sqlite";
    // The lookup connection: pages through a memory map (members::kLookupMmapBytes, docs/members.md).
    auto cache = members::MemberCache::open(file, std::move(*key),
                                            members::OpenOptions{.mmapBytes = members::kLookupMmapBytes});
    if (!cache && damagedDatabase(cache.error())) {
        // The kiosk stays out of service until a good sync (or, in the simulator, the seed list) has
        // built a fresh cache; the damaged file is kept for the technician, never repaired in place.
        qCCritical(lcSetup).noquote() << "technician alert: member cache damaged:"
                                      << QString::fromStdString(cache.error().describe());
        auto moved = quarantine(file);
        if (!moved) return std::unexpected(moved.error());
        return fail(Error::Code::Database,
                    "the member cache was damaged and has been moved aside (" + moved->filename().string() +
                        "); waiting for a good sync",
                    file.filename().string(), cache.error().native);
    }
    if (!cache) return std::unexpected(cache.error());
    auto shared = std::make_shared<members::MemberCache>(std::move(*cache));

    // With a sync source the list comes only from signed bundles; the demo list stands in otherwise.
    if (config.simulator && config.memberList.syncSource.empty()) {
        auto stats = shared->stats();
        if (!stats) return std::unexpected(stats.error());
        const auto age = QDateTime::currentSecsSinceEpoch() - stats->lastSyncUnixSeconds;
        const bool stale = stats->lastSyncUnixSeconds == 0 || age > config.memberList.maxAgeHours * 3600LL;
        // A demo list edited or regenerated since the last import (e.g. templates re-extracted after an
        // extractor change, then pulled by git) replaces the cached one at once, not a day later.
        std::error_code ec;
        const auto written = std::filesystem::last_write_time(config.memberList.seedFile, ec);
        const bool listNewer =
            !ec && std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::file_clock::to_sys(written).time_since_epoch()).count() > stats->lastSyncUnixSeconds;
        if (stats->members == 0 || stale || listNewer) {
            // The simulator has no sync service: the demo member list plays its part.
            auto imported = shared->importMemberList(config.memberList.seedFile);
            if (!imported) return std::unexpected(imported.error());
            qCInfo(lcSetup) << "member cache filled from the demo member list:" << imported->members << "members";
        }
    }
    return shared;
}

Result<std::unique_ptr<members::SyncService>> startMemberSync(const config::KioskConfig& config,
                                                               const fs::path& dataDir) {
    if (config.memberList.syncSource.empty()) return std::unique_ptr<members::SyncService>{};
    auto publisher = members::loadPublisherKey(config.memberList.publisherKeyFile);
    if (!publisher) return std::unexpected(publisher.error());
    members::SyncServiceOptions options;
    options.cacheFile = dataDir / "members.sqlite";
    options.deploymentKeyFile = dataDir / "deployment.key";
    options.publisher = *publisher;
    options.settings.source = config.memberList.syncSource;
    options.settings.spoolDir = dataDir / "spool";
    options.interval = std::chrono::seconds(config.memberList.syncIntervalSeconds);
    auto service = std::make_unique<members::SyncService>(std::move(options));
    QObject::connect(service.get(), &members::SyncService::syncFailed, [](const QString& reason) {
        qCWarning(lcSetup).noquote() << "technician alert: member list sync failed:" << reason;
    });
    QObject::connect(service.get(), &members::SyncService::synced, [](qint64 sequence, int applied) {
        if (applied > 0) qCInfo(lcSetup) << "member list synced to sequence" << sequence << "(" << applied << "bundles)";
    });
    service->start();
    return service;
}

Result<std::shared_ptr<const receipt::ReceiptSigner>> openReceiptSigner(const fs::path& dataDir) {
    auto signer = receipt::ReceiptSigner::loadOrCreate(dataDir);
    if (!signer) return std::unexpected(signer.error());
    return std::make_shared<const receipt::ReceiptSigner>(std::move(*signer));
}

std::function<void(GreyImage&)> pageCorrectionFor(const config::KioskConfig& config) {
    namespace pc = calibration::passport;
    struct State {
        explicit State(fs::path file) : correction(std::move(file)) {}
        pc::StoredPageCorrection correction;
        std::mutex mutex;
        std::string lastProblem;  // alert once per new problem, not once per traveler
    };
    auto state = std::make_shared<State>(config.calibrationDir / pc::kCorrectionFileName);
    return [state](GreyImage& page) {
        const auto outcome = state->correction.apply(page);
        std::lock_guard lock(state->mutex);
        if (outcome.problem == state->lastProblem) return;
        state->lastProblem = outcome.problem;
        // File names, sizes and format faults only: nothing of the page.
        if (!outcome.problem.empty()) qCWarning(lcSetup).noquote() << "technician alert:" << QString::fromStdString(outcome.problem);
        else if (outcome.corrected) qCInfo(lcSetup) << "passport camera correction in use again";
    };
}

Result<SimulatedDevices> makeSimulatedDevices(const config::KioskConfig& config, const fs::path& receiptsDir) {
    auto world = sim::SyntheticWorld::load(config.simulation.travelersFile);
    if (!world) return std::unexpected(world.error());
    SimulatedDevices d;
    d.world = std::make_shared<const sim::SyntheticWorld>(std::move(*world));
    d.passportReader = std::make_shared<sim::SimulatedPassportReader>();
    d.fingerprintScanner = std::make_shared<sim::SimulatedFingerprintScanner>();
    d.receiptPrinter = std::make_shared<sim::SimulatedReceiptPrinter>(receiptsDir, config.printerDotsPerLine);
    return d;
}

}  // namespace kiosk::app

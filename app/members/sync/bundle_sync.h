#pragma once
// Fetching and applying signed bundles from a folder (a USB stick) or an HTTP(S) server.
//
// A source offers bundles: a folder holds *.kmb files (their headers are read to plan); a URL serves
// <url>/index.json (written by `kioskctl members publish`) and the files it names. The index is not
// trusted: every bundle is verified against the publisher key before anything is applied, so a
// hostile index or server can only withhold bundles — which the freshness rule (max age without a
// successful sync -> every traveler referred) turns into a safe failure.
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/members/member_cache.h"
#include "app/members/sync/bundle.h"

namespace kiosk::members {

struct SyncResult {
    std::uint64_t sequenceBefore = 0;
    std::uint64_t sequenceAfter = 0;
    std::vector<BundleApplyStats> applied;  // in order; empty when the cache was already current
};

struct SyncSettings {
    std::string source;                      // a folder, or an http:// or https:// URL (the index's folder)
    std::filesystem::path spoolDir;          // downloads land here (same file system as the cache), removed after
    std::chrono::seconds httpTimeout{120};   // no byte for this long -> Timeout
    std::uint64_t maxBundleBytes = std::uint64_t{64} << 30;
};

// Plans from the source's catalogue and applies, in order, the delta based on the cache's sequence
// (repeatedly), else the newest snapshot above it. Stops at the first failure (what was applied before
// stays applied: each bundle is its own transaction). An error names the bundle and the reason; a
// source whose bundles are all old is not an error. HTTP needs a QCoreApplication in the process; the
// call blocks (a local event loop), so run it off the UI thread.
[[nodiscard]] kiosk::Result<SyncResult> syncOnce(MemberCache& cache, const PublisherKey& publisher,
                                                 const SyncSettings& settings);

// Writes <dir>/index.json listing the *.kmb bundles of a folder (publisher side; the HTTP source reads it).
[[nodiscard]] kiosk::Result<std::size_t> writeBundleIndex(const std::filesystem::path& dir);

class SyncWorker;

struct SyncServiceOptions {
    std::filesystem::path cacheFile;          // the kiosk's members.sqlite
    std::filesystem::path deploymentKeyFile;  // its deployment.key
    PublisherKey publisher;
    SyncSettings settings;
    std::chrono::seconds interval{900};
};

// Polls a source on its own thread with its own MemberCache connection, so the kiosk's lookups keep
// answering (WAL readers) while a bundle is applied. Lives in the thread that creates it; signals are
// delivered there.
class SyncService : public QObject {
    Q_OBJECT
public:
    explicit SyncService(SyncServiceOptions options, QObject* parent = nullptr);
    ~SyncService() override;  // waits for a running apply to finish (an interrupted one rolls back anyway)

    void start();    // a first sync at once, then one every interval
    void syncNow();  // an extra sync (e.g. a technician plugged a USB stick)
    // When the next scheduled sync starts (an extra syncNow() does not move it); nullopt before start().
    // Safe from any thread.
    [[nodiscard]] std::optional<std::chrono::system_clock::time_point> nextSyncAt() const;

signals:
    void synced(qint64 sequence, int bundlesApplied);
    void syncFailed(const QString& reason);

private:
    SyncServiceOptions options_;
    QThread thread_;
    SyncWorker* worker_ = nullptr;  // lives in thread_
    std::atomic<std::int64_t> nextSyncMs_{0};  // system_clock milliseconds; 0 = not scheduled
};

}  // namespace kiosk::members

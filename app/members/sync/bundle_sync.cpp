#include "app/members/sync/bundle_sync.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <optional>

namespace kiosk::members {

namespace {

struct Offer {
    std::string name;  // file name in the folder / relative URL
    BundleHeader header;
    std::uint64_t size = 0;
};

bool isUrl(const std::string& s) { return s.starts_with("http://") || s.starts_with("https://"); }

kiosk::Result<std::vector<Offer>> scanFolder(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return fail(Error::Code::Io, "the bundle folder does not exist or is not a folder", dir.string());
    std::vector<Offer> offers;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".kmb" || !entry.is_regular_file()) continue;
        auto h = readBundleHeader(entry.path());
        if (!h) continue;  // not a bundle: nothing to plan with; a file named like one is ignored
        offers.push_back({entry.path().filename().string(), *h, static_cast<std::uint64_t>(entry.file_size())});
    }
    if (ec) return fail(Error::Code::Io, "cannot list the bundle folder: " + ec.message(), dir.string());
    return offers;
}

// One HTTP GET, streamed to `sink` (a QIODevice) or collected; bounded by maxBytes.
kiosk::Result<QByteArray> httpGet(const QUrl& url, std::chrono::seconds timeout, std::uint64_t maxBytes,
                                  QIODevice* sink) {
    if (QCoreApplication::instance() == nullptr)
        return fail(Error::Code::Internal, "HTTP sync needs a QCoreApplication", url.toString().toStdString());
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setTransferTimeout(static_cast<int>(std::chrono::milliseconds(timeout).count()));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    QNetworkReply* reply = manager.get(request);
    QByteArray body;
    std::uint64_t received = 0;
    std::optional<Error> failure;
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        const QByteArray chunk = reply->readAll();
        received += static_cast<std::uint64_t>(chunk.size());
        if (received > maxBytes) {
            failure = Error{Error::Code::InvalidInput, "the server sends more than announced; download abandoned",
                            url.toString().toStdString(), 0};
            reply->abort();
            return;
        }
        if (sink) {
            if (sink->write(chunk) != chunk.size()) {
                failure = Error{Error::Code::Io, "cannot write the download", url.toString().toStdString(), 0};
                reply->abort();
            }
        } else {
            body += chunk;
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const auto status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto error = reply->error();
    const auto errorText = reply->errorString().toStdString();
    reply->deleteLater();
    if (failure) return std::unexpected(*failure);
    if (error == QNetworkReply::OperationCanceledError || error == QNetworkReply::TimeoutError)
        return fail(Error::Code::Timeout, "no answer within " + std::to_string(timeout.count()) + " s",
                    url.toString().toStdString());
    if (status != 0 && status != 200)
        return fail(Error::Code::Io, "the server answered HTTP " + std::to_string(status),
                    url.toString().toStdString(), status);
    if (error != QNetworkReply::NoError)
        return fail(Error::Code::Io, "download failed: " + errorText, url.toString().toStdString(),
                    static_cast<int>(error));
    if (status != 200)
        return fail(Error::Code::Io, "the server answered HTTP " + std::to_string(status),
                    url.toString().toStdString(), status);
    return body;
}

QUrl childUrl(const std::string& base, const std::string& name) {
    QString b = QString::fromStdString(base);
    if (!b.endsWith('/')) b += '/';
    return QUrl(b).resolved(QUrl(QString::fromStdString(name)));
}

kiosk::Result<std::vector<Offer>> readIndex(const SyncSettings& s) {
    const QUrl url = childUrl(s.source, "index.json");
    auto body = httpGet(url, s.httpTimeout, 4u << 20, nullptr);
    if (!body) return std::unexpected(body.error());
    const auto root = QJsonDocument::fromJson(*body).object();
    const std::string where = url.toString().toStdString();
    if (root.value("format").toString() != "kiosk-member-bundles")
        return fail(Error::Code::InvalidInput, "not a bundle index", where);
    std::vector<Offer> offers;
    for (const auto& v : root.value("bundles").toArray()) {
        const auto o = v.toObject();
        Offer offer;
        offer.name = o.value("file").toString().toStdString();
        if (offer.name.empty() || offer.name.find('/') != std::string::npos || offer.name.starts_with("."))
            return fail(Error::Code::InvalidInput, "a bundle index entry has no plain file name", where);
        offer.header.kind = o.value("kind").toString() == "delta" ? BundleKind::Delta : BundleKind::Snapshot;
        offer.header.sequence = static_cast<std::uint64_t>(o.value("sequence").toInteger(0));
        offer.header.baseSequence = static_cast<std::uint64_t>(o.value("base").toInteger(0));
        offer.size = static_cast<std::uint64_t>(o.value("size").toInteger(0));
        offers.push_back(std::move(offer));
    }
    return offers;
}

// The next bundle to apply on `current`: the longest-reaching delta based on it, else the newest
// snapshot above it.
std::optional<Offer> next(const std::vector<Offer>& offers, std::uint64_t current) {
    std::optional<Offer> best;
    for (const auto& o : offers)
        if (current > 0 && o.header.kind == BundleKind::Delta && o.header.baseSequence == current &&
            o.header.sequence > current && (!best || o.header.sequence > best->header.sequence))
            best = o;
    if (best) return best;
    for (const auto& o : offers)
        if (o.header.kind == BundleKind::Snapshot && o.header.sequence > current &&
            (!best || o.header.sequence > best->header.sequence))
            best = o;
    return best;
}

}  // namespace

kiosk::Result<SyncResult> syncOnce(MemberCache& cache, const PublisherKey& publisher, const SyncSettings& settings) {
    auto before = cache.stats();
    if (!before) return std::unexpected(before.error());
    SyncResult result;
    result.sequenceBefore = result.sequenceAfter = static_cast<std::uint64_t>(before->sequence);
    const bool http = isUrl(settings.source);
    auto offers = http ? readIndex(settings) : scanFolder(settings.source);
    if (!offers) return std::unexpected(offers.error());

    for (;;) {
        const auto offer = next(*offers, result.sequenceAfter);
        if (!offer) break;
        std::filesystem::path file = std::filesystem::path(settings.source) / offer->name;
        struct RemoveSpool {
            std::filesystem::path path;
            ~RemoveSpool() {
                std::error_code ec;
                if (!path.empty()) std::filesystem::remove(path, ec);
            }
        } spool;
        if (http) {
            if (offer->size > settings.maxBundleBytes)
                return fail(Error::Code::InvalidInput, "bundle larger than this kiosk accepts", offer->name);
            std::error_code ec;
            std::filesystem::create_directories(settings.spoolDir, ec);
            file = settings.spoolDir / (offer->name + ".download");
            spool.path = file;
            QFile out(QString::fromStdString(file.string()));
            if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return fail(Error::Code::Io, "cannot write the download", file.string());
            auto got = httpGet(childUrl(settings.source, offer->name), settings.httpTimeout,
                               offer->size ? offer->size : settings.maxBundleBytes, &out);
            out.close();
            if (!got) return std::unexpected(got.error());
        }
        auto applied = cache.applyBundle(file, publisher);
        if (!applied) return std::unexpected(applied.error());
        result.sequenceAfter = applied->sequence;
        result.applied.push_back(*applied);
    }
    // Nothing applicable although the source offers newer bundles: say what is missing.
    if (result.applied.empty()) {
        std::uint64_t newest = 0;
        for (const auto& o : *offers) newest = std::max(newest, o.header.sequence);
        if (newest > result.sequenceAfter)
            return fail(Error::Code::InvalidInput,
                        "gap: the source offers bundles up to sequence " + std::to_string(newest) +
                            " but no snapshot above " + std::to_string(result.sequenceAfter) +
                            " and no delta based on it",
                        settings.source);
    }
    return result;
}

kiosk::Result<std::size_t> writeBundleIndex(const std::filesystem::path& dir) {
    auto offers = scanFolder(dir);
    if (!offers) return std::unexpected(offers.error());
    std::sort(offers->begin(), offers->end(),
              [](const Offer& a, const Offer& b) { return a.header.sequence < b.header.sequence; });
    QJsonArray bundles;
    for (const auto& o : *offers)
        bundles.append(QJsonObject{{"file", QString::fromStdString(o.name)},
                                   {"kind", bundleKindName(o.header.kind)},
                                   {"sequence", static_cast<qint64>(o.header.sequence)},
                                   {"base", static_cast<qint64>(o.header.baseSequence)},
                                   {"size", static_cast<qint64>(o.size)}});
    QSaveFile f(QString::fromStdString((dir / "index.json").string()));
    const auto bytes = QJsonDocument(QJsonObject{{"format", "kiosk-member-bundles"}, {"bundles", bundles}}).toJson();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return fail(Error::Code::Io, "cannot write the bundle index", (dir / "index.json").string());
    return offers->size();
}

// The sync thread's state: its own cache connection (opened on the first run) and the poll timer.
class SyncWorker : public QObject {
public:
    std::optional<MemberCache> cache;
    std::function<void()> run;
};

SyncService::SyncService(SyncServiceOptions options, QObject* parent) : QObject(parent), options_(std::move(options)) {
    thread_.setObjectName("member-sync");
}

SyncService::~SyncService() {
    thread_.quit();
    thread_.wait();
}

void SyncService::start() {
    if (worker_) return;
    worker_ = new SyncWorker;
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
    // Everything below runs in the sync thread.
    QMetaObject::invokeMethod(worker_, [this, w = worker_] {
        w->run = [this, w] {
            if (!w->cache) {
                auto key = loadOrCreateDeploymentKey(options_.deploymentKeyFile);
                if (!key) return emit syncFailed(QString::fromStdString(key.error().describe()));
                // The kiosk checked the file when it opened it; this second connection does not repeat it.
                auto opened = MemberCache::open(options_.cacheFile, std::move(*key),
                                                OpenOptions{OpenOptions::Integrity::None});
                if (!opened) return emit syncFailed(QString::fromStdString(opened.error().describe()));
                w->cache.emplace(std::move(*opened));
            }
            auto r = syncOnce(*w->cache, options_.publisher, options_.settings);
            if (!r) return emit syncFailed(QString::fromStdString(r.error().describe()));
            emit synced(static_cast<qint64>(r->sequenceAfter), static_cast<int>(r->applied.size()));
        };
        auto* timer = new QTimer(w);
        timer->setInterval(std::chrono::milliseconds(options_.interval));
        const auto schedule = [this] {
            const auto next = std::chrono::system_clock::now() + std::chrono::milliseconds(options_.interval);
            nextSyncMs_ = std::chrono::duration_cast<std::chrono::milliseconds>(next.time_since_epoch()).count();
        };
        QObject::connect(timer, &QTimer::timeout, w, [w, schedule] {
            schedule();
            w->run();
        });
        timer->start();
        schedule();
        w->run();
    });
}

std::optional<std::chrono::system_clock::time_point> SyncService::nextSyncAt() const {
    const auto ms = nextSyncMs_.load();
    if (ms == 0) return std::nullopt;
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms));
}
void SyncService::syncNow() {
    if (!worker_) return start();
    QMetaObject::invokeMethod(worker_, [w = worker_] {
        if (w->run) w->run();
    });
}

}  // namespace kiosk::members

// Folder and HTTP sync (a tiny HTTP server on 127.0.0.1 started by the test), the polling service,
// and lookups answering while another connection applies a bundle.
#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

#include <atomic>
#include <thread>

#include "app/members/sync/bundle_sync.h"
#include "tests/members/bundle_test_support.h"

using namespace kiosk::members;
using namespace kiosk::members::test;
using kiosk::Error;

namespace {

QCoreApplication& app() {
    static int argc = 1;
    static char name[] = "test_members_sync";
    static char* argv[] = {name, nullptr};
    static QCoreApplication instance(argc, argv);
    return instance;
}

// Serves files of one folder over HTTP/1.0 on 127.0.0.1 (GET only); counts requests per path.
class TinyHttpServer {
public:
    explicit TinyHttpServer(std::filesystem::path root) : root_(std::move(root)) {
        REQUIRE(server_.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&server_, &QTcpServer::newConnection, &server_, [this] {
            while (QTcpSocket* s = server_.nextPendingConnection()) {
                QObject::connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] { serve(s); });
            }
        });
    }
    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(server_.serverPort()) + "/feed"; }
    int requests = 0;

private:
    void serve(QTcpSocket* s) {
        auto& buffer = pending_[s];
        buffer += s->readAll();
        if (!buffer.contains("\r\n\r\n")) return;
        ++requests;
        const auto line = buffer.left(buffer.indexOf("\r\n")).split(' ');
        pending_.remove(s);
        QByteArray path = line.size() > 1 ? line[1] : QByteArray();
        QFile f;
        if (path.startsWith("/feed/") && !path.contains("..")) f.setFileName(QString::fromStdString((root_ / path.mid(6).toStdString()).string()));
        if (f.fileName().isEmpty() || !f.open(QIODevice::ReadOnly)) {
            s->write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        } else {
            const QByteArray body = f.readAll();
            s->write("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n");
            s->write(body);
        }
        s->disconnectFromHost();
    }
    std::filesystem::path root_;
    QTcpServer server_;
    QHash<QTcpSocket*, QByteArray> pending_;
};

synthetic::DeltaSpec deltaSpec(std::uint64_t sequence, std::uint64_t base, synthetic::Range change, std::uint32_t revision) {
    synthetic::DeltaSpec d;
    d.sequence = sequence, d.baseSequence = base, d.change = change, d.revision = revision;
    return d;
}

}  // namespace

TEST_CASE("a folder sync applies the snapshot then the chain of deltas, and is idempotent", "[members][sync]") {
    TempDir dir;
    const auto publisher = publisherKey();
    std::filesystem::create_directories(dir / "usb");
    snapshot(dir / "usb" / "snapshot-1.kmb", {0, 50}, 0, 1, publisher);
    delta(dir / "usb" / "delta-2.kmb", deltaSpec(2, 1, {0, 10}, 1), publisher);
    delta(dir / "usb" / "delta-3.kmb", deltaSpec(3, 2, {5, 15}, 2), publisher);
    std::ofstream(dir / "usb" / "notes.kmb") << "not a bundle";

    auto cache = openCacheFile(dir / "members.sqlite");
    SyncSettings settings{(dir / "usb").string(), dir / "spool"};
    auto r = syncOnce(cache, publisher.publicKey(), settings);
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.has_value());
    REQUIRE(r->applied.size() == 3);
    CHECK(r->applied[0].kind == BundleKind::Snapshot);
    CHECK(r->sequenceAfter == 3);
    expectMember(cache, 0, 1);
    expectMember(cache, 7, 2);
    expectMember(cache, 20, 0);

    auto again = syncOnce(cache, publisher.publicKey(), settings);
    REQUIRE(again.has_value());
    CHECK(again->applied.empty());
    CHECK(again->sequenceAfter == 3);

    // A delta that does not follow: the gap is reported, the cache stays at 3.
    delta(dir / "usb" / "delta-6.kmb", deltaSpec(6, 5, {0, 3}, 3), publisher);
    auto gap = syncOnce(cache, publisher.publicKey(), settings);
    REQUIRE_FALSE(gap.has_value());
    CHECK(gap.error().message.find("gap") != std::string::npos);
    CHECK(cache.stats()->sequence == 3);

    // A newer snapshot closes the gap; the delta based on it follows.
    snapshot(dir / "usb" / "snapshot-5.kmb", {0, 50}, 4, 5, publisher);
    auto closed = syncOnce(cache, publisher.publicKey(), settings);
    INFO((closed ? std::string() : closed.error().describe()));
    REQUIRE(closed.has_value());
    CHECK(closed->applied.size() == 2);
    CHECK(cache.stats()->sequence == 6);
    expectMember(cache, 1, 3);
    expectMember(cache, 30, 4);

    auto missing = syncOnce(cache, publisher.publicKey(), SyncSettings{(dir / "nowhere").string(), dir / "spool"});
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == Error::Code::Io);
}

TEST_CASE("an HTTP sync downloads from the index and verifies before applying", "[members][sync]") {
    app();
    TempDir dir;
    const auto publisher = publisherKey();
    const auto feed = dir / "feed";
    std::filesystem::create_directories(feed);
    snapshot(feed / "snapshot-1.kmb", {0, 60}, 0, 1, publisher);
    delta(feed / "delta-2.kmb", deltaSpec(2, 1, {0, 10}, 1), publisher);
    REQUIRE(writeBundleIndex(feed).value_or(0) == 2);
    TinyHttpServer server(feed);

    auto cache = openCacheFile(dir / "members.sqlite");
    SyncSettings settings{server.url(), dir / "spool", std::chrono::seconds(10)};
    auto r = syncOnce(cache, publisher.publicKey(), settings);
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.has_value());
    CHECK(r->applied.size() == 2);
    CHECK(cache.stats()->sequence == 2);
    expectMember(cache, 3, 1);
    expectMember(cache, 30, 0);
    CHECK(server.requests == 3);
    CHECK(std::filesystem::is_empty(dir / "spool"));  // downloads are removed after the apply

    // A bundle altered on the server (or in transit) is refused; the cache stays at 2.
    delta(feed / "delta-3.kmb", deltaSpec(3, 2, {0, 10}, 2), publisher);
    {
        auto bytes = readBytes(feed / "delta-3.kmb");
        bytes[bytes.size() / 2] ^= 0x40;
        std::ofstream(feed / "delta-3.kmb", std::ios::binary)
            .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    REQUIRE(writeBundleIndex(feed).has_value());
    auto tampered = syncOnce(cache, publisher.publicKey(), settings);
    REQUIRE_FALSE(tampered.has_value());
    CHECK(tampered.error().code == Error::Code::Crypto);
    CHECK(cache.stats()->sequence == 2);
    expectMember(cache, 3, 1);

    // A bundle of another publisher, offered as the next delta: refused by key id.
    delta(feed / "delta-3.kmb", deltaSpec(3, 2, {0, 10}, 2), publisherKey(0x55));
    REQUIRE(writeBundleIndex(feed).has_value());
    auto foreign = syncOnce(cache, publisher.publicKey(), settings);
    REQUIRE_FALSE(foreign.has_value());
    CHECK(foreign.error().message.find("another publisher key") != std::string::npos);

    // A server without an index: a clear I/O error naming the URL.
    std::filesystem::remove(feed / "index.json");
    auto noIndex = syncOnce(cache, publisher.publicKey(), settings);
    REQUIRE_FALSE(noIndex.has_value());
    CHECK(noIndex.error().message.find("404") != std::string::npos);
    CHECK(noIndex.error().context.find("index.json") != std::string::npos);

    // Nobody listening: an error, not a hang.
    auto closed = syncOnce(cache, publisher.publicKey(), SyncSettings{"http://127.0.0.1:1/feed", dir / "spool", std::chrono::seconds(5)});
    REQUIRE_FALSE(closed.has_value());
}

TEST_CASE("the sync service polls its source on its own thread", "[members][sync]") {
    app();
    TempDir dir;
    const auto publisher = publisherKey();
    std::filesystem::create_directories(dir / "usb");
    snapshot(dir / "usb" / "snapshot-1.kmb", {0, 30}, 0, 1, publisher);
    {
        std::ofstream key(dir / "deployment.key", std::ios::binary);
        const std::array<char, 32> bytes = [] { std::array<char, 32> b{}; b.fill(0x42); return b; }();
        key.write(bytes.data(), bytes.size());
    }
    std::filesystem::permissions(dir / "deployment.key", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto kioskCache = openCacheFile(dir / "members.sqlite");  // the kiosk's own connection

    SyncServiceOptions options{dir / "members.sqlite", dir / "deployment.key", publisher.publicKey(),
                               SyncSettings{(dir / "usb").string(), dir / "spool"}, std::chrono::seconds(1)};
    options.interval = std::chrono::seconds(1);
    SyncService service(options);
    QSignalSpy synced(&service, &SyncService::synced);
    QSignalSpy failed(&service, &SyncService::syncFailed);
    CHECK_FALSE(service.nextSyncAt().has_value());
    const auto started = std::chrono::system_clock::now();
    service.start();
    REQUIRE(synced.wait(10000));
    // The next scheduled sync is one interval after the timer last fired (or the start).
    const auto next = service.nextSyncAt();
    REQUIRE(next.has_value());
    CHECK(*next >= started + std::chrono::milliseconds(990));  // stored to the millisecond
    CHECK(*next <= std::chrono::system_clock::now() + std::chrono::seconds(1));
    CHECK(synced.takeFirst().at(0).toLongLong() == 1);
    expectMember(kioskCache, 4, 0);

    delta(dir / "usb" / "delta-2.kmb", deltaSpec(2, 1, {0, 10}, 1), publisher);
    QElapsedTimer t;
    t.start();
    while (kioskCache.stats()->sequence != 2 && t.elapsed() < 10000) synced.wait(500);
    CHECK(kioskCache.stats()->sequence == 2);
    expectMember(kioskCache, 4, 1);
    CHECK(failed.isEmpty());
}

TEST_CASE("lookups keep answering, old or new, while another connection applies a bundle", "[members][sync]") {
    TempDir dir;
    const auto publisher = publisherKey();
    snapshot(dir / "s1.kmb", {0, 3000}, 0, 1, publisher);
    synthetic::DeltaSpec spec = deltaSpec(2, 1, {0, 3000}, 1);
    delta(dir / "d2.kmb", spec, publisher);
    auto writer = openCacheFile(dir / "members.sqlite");
    REQUIRE(writer.applyBundle(dir / "s1.kmb", publisher.publicKey()).has_value());
    auto reader = openCacheFile(dir / "members.sqlite");

    const auto old7 = synthetic::expectedRecord(synthetic::member(kSeed, 7, 0));
    const auto new7 = synthetic::expectedRecord(synthetic::member(kSeed, 7, 1));
    const auto doc7 = synthetic::documentsOf(kSeed, 7)[0];
    std::atomic<bool> done{false};
    std::atomic<int> answered{0}, wrong{0}, sawNew{0};
    std::thread lookups([&] {
        while (!done) {
            auto r = reader.lookup(doc7);
            if (!r || !r->has_value() || (**r != old7 && **r != new7)) ++wrong;
            else if (**r == new7) ++sawNew;
            ++answered;
        }
    });
    auto applied = writer.applyBundle(dir / "d2.kmb", publisher.publicKey());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = true;
    lookups.join();
    REQUIRE(applied.has_value());
    CHECK(wrong == 0);
    CHECK(answered > 100);
    CHECK(sawNew > 0);
}

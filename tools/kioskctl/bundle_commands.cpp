// kioskctl members generate / publish / verify / sync / lookup / stats: signed bundles from the
// command line (docs/members.md). `members import` (members_commands.cpp) takes bundles too.
#include <QCoreApplication>
#include <QDateTime>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "app/config/kiosk_config.h"
#include "app/documents/mrz_parser.h"
#include "app/documents/mrz_writer.h"
#include "app/kiosk_setup.h"
#include "app/members/member_cache.h"
#include "app/members/sync/bundle_sync.h"
#include "app/members/sync/bundle_writer.h"
#include "app/members/sync/synthetic_population.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

namespace {

namespace fs = std::filesystem;
using namespace kiosk::members;

int failWith(const Error& e, const char* prefix = "") {
    std::fprintf(stderr, "kioskctl: %s%s\n", prefix, e.describe().c_str());
    return 1;
}

bool parseUnsigned(const std::string& s, std::uint64_t& out) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return false;
    out = std::stoull(s);
    return true;
}

bool parseRange(const std::string& s, synthetic::Range& out) {
    if (s.empty()) return true;
    const auto colon = s.find(':');
    return colon != std::string::npos && parseUnsigned(s.substr(0, colon), out.first) &&
           parseUnsigned(s.substr(colon + 1), out.last) && out.first <= out.last;
}

// The kiosk's cache as --config/--data-dir describe it (the same as the kiosk opens).
struct KioskFiles {
    fs::path dataDir;
    fs::path cache() const { return dataDir / "members.sqlite"; }
    fs::path deploymentKey() const { return dataDir / "deployment.key"; }
    fs::path publisherKey() const { return dataDir / "publisher.pub"; }
};

Result<KioskFiles> kioskFiles(Args& args) {
    const auto configFile = takeOption(args, "--config", "kiosk-config/simulator.json");
    const auto dataDirOption = takeOption(args, "--data-dir");
    auto config = config::loadConfig(configFile);
    if (!config) return std::unexpected(config.error());
    auto dataDir = app::prepareDataDir(*config, dataDirOption);
    if (!dataDir) return std::unexpected(dataDir.error());
    return KioskFiles{*dataDir};
}

Result<MemberCache> openKioskCache(const KioskFiles& files) {
    auto key = loadOrCreateDeploymentKey(files.deploymentKey());
    if (!key) return std::unexpected(key.error());
    return MemberCache::open(files.cache(), std::move(*key));
}

void printApplied(const BundleApplyStats& s) {
    std::printf("applied %s %llu (on %llu): +%zu ~%zu -%zu members, %zu document rows written; now %zu members, "
                "%zu documents, %zu fingers (verify %.2f s, apply %.2f s)\n",
                bundleKindName(s.kind), static_cast<unsigned long long>(s.sequence),
                static_cast<unsigned long long>(s.previousSequence), s.added, s.changed, s.removed,
                s.documentsWritten, s.members, s.documents, s.fingers, s.verifySeconds, s.applySeconds);
}

}  // namespace

int applyBundleFile(const std::string& bundle, const std::string& dataDir, const std::string& publisherKeyOption) {
    const KioskFiles files{fs::path(dataDir)};
    auto publisher = loadPublisherKey(publisherKeyOption.empty() ? files.publisherKey() : fs::path(publisherKeyOption));
    if (!publisher) return failWith(publisher.error());
    auto cache = openKioskCache(files);
    if (!cache) return failWith(cache.error());
    auto applied = cache->applyBundle(bundle, *publisher);
    if (!applied) return failWith(applied.error(), "bundle refused, the cache is unchanged: ");
    printApplied(*applied);
    return 0;
}

int membersGenerate(const Args& input) {
    const std::string usage =
        "kioskctl members generate --count N [--seed S] --out DIR\n"
        "  A synthetic population for the publisher side: DIR/population.json (count, seed: member i is a\n"
        "  pure function of them), a new publisher key pair (DIR/publisher.key 0600, DIR/publisher.pub hex),\n"
        "  DIR/deployment.key (created if absent) and DIR/sample-mrz.txt (TD3 MRZs of the first members).";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    synthetic::Population p;
    const auto count = takeOption(args, "--count");
    const auto seed = takeOption(args, "--seed", "1");
    const fs::path out = takeOption(args, "--out");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    if (!parseUnsigned(count, p.count) || p.count == 0) return usageError(usage, "--count must be a positive integer");
    if (!parseUnsigned(seed, p.seed)) return usageError(usage, "--seed must be a non-negative integer");
    if (out.empty()) return usageError(usage, "give --out DIR");
    std::error_code ec;
    fs::create_directories(out, ec);
    if (auto r = synthetic::savePopulation(p, out / "population.json"); !r) return failWith(r.error());
    if (!fs::exists(out / "publisher.key")) {
        const auto key = PublisherSecretKey::generate();
        if (auto r = key.save(out / "publisher.key"); !r) return failWith(r.error());
        if (auto r = savePublisherKey(key.publicKey(), out / "publisher.pub"); !r) return failWith(r.error());
    }
    if (auto key = loadOrCreateDeploymentKey(out / "deployment.key"); !key) return failWith(key.error());
    std::FILE* mrz = std::fopen((out / "sample-mrz.txt").c_str(), "w");
    if (mrz == nullptr) return failWith(Error{Error::Code::Io, "cannot write", (out / "sample-mrz.txt").string(), 0});
    for (std::uint64_t i = 0; i < std::min<std::uint64_t>(p.count, 5); ++i) {
        const auto d = synthetic::documentsOf(p.seed, i).back();
        documents::TravelDocument doc;
        doc.documentCode = "P";
        doc.issuingState = d.issuingState == "D" ? "D" : d.issuingState;
        doc.nationality = doc.issuingState;
        doc.primaryIdentifier = "MEMBER";
        doc.secondaryIdentifier = "SYNTHETIC";
        doc.documentNumber = d.documentNumber;
        doc.birthDate = d.birthDate;
        doc.sex = 'X';
        doc.expiryDate = CalendarDate{2034, 1, 31};
        auto lines = documents::writeTd3(doc);
        if (!lines) continue;
        std::fprintf(mrz, "%s\n%s\n\n", (*lines)[0].c_str(), (*lines)[1].c_str());
    }
    std::fclose(mrz);
    std::printf("population of %llu members (seed %llu) in %s; publisher key id %s\n",
                static_cast<unsigned long long>(p.count), static_cast<unsigned long long>(p.seed), out.c_str(),
                loadPublisherKey(out / "publisher.pub").value_or(PublisherKey{}).idHex().c_str());
    return 0;
}

int membersPublish(const Args& input) {
    const std::string usage =
        "kioskctl members publish --population DIR --sequence N -o FILE.kmb\n"
        "        [--base M [--change A:B] [--remove A:B] [--add A:B]] [--revision R] [--keep-fingers E] [--created UNIX]\n"
        "        [--list members.json]\n"
        "  Writes a signed bundle (publisher key DIR/publisher.key, deployment key DIR/deployment.key) and\n"
        "  refreshes index.json in FILE's folder (what an HTTP sync source serves).\n"
        "  Without --base: a snapshot of every member at --revision (default 0), or of the JSON member\n"
        "  list given by --list. With --base: a delta on sequence M changing, removing and adding the\n"
        "  member index ranges given (changed and added members take --revision, default 1; with\n"
        "  --keep-fingers E changed members keep the fingers of revision E: a delta of status changes).";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const fs::path dir = takeOption(args, "--population");
    const auto sequenceText = takeOption(args, "--sequence");
    const auto baseText = takeOption(args, "--base");
    const auto change = takeOption(args, "--change"), remove = takeOption(args, "--remove"), add = takeOption(args, "--add");
    const auto revisionText = takeOption(args, "--revision", baseText.empty() ? "0" : "1");
    const auto keepFingersText = takeOption(args, "--keep-fingers");
    const auto createdText = takeOption(args, "--created");
    const fs::path list = takeOption(args, "--list");
    const fs::path output = takeOption(args, "-o");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    std::uint64_t sequence = 0, base = 0, revision = 0, created = 0;
    if (dir.empty() || output.empty()) return usageError(usage, "give --population DIR and -o FILE");
    if (!parseUnsigned(sequenceText, sequence) || sequence == 0) return usageError(usage, "--sequence must be >= 1");
    if (!baseText.empty() && (!parseUnsigned(baseText, base) || base == 0 || base >= sequence))
        return usageError(usage, "--base must be >= 1 and below --sequence");
    if (!parseUnsigned(revisionText, revision) || revision > 0xffffffffULL) return usageError(usage, "bad --revision");
    std::uint64_t keepFingers = 0;
    if (!keepFingersText.empty() &&
        (baseText.empty() || !parseUnsigned(keepFingersText, keepFingers) || keepFingers > 0xffffffffULL))
        return usageError(usage, "--keep-fingers takes a revision, and only with --base");
    created = static_cast<std::uint64_t>(QDateTime::currentSecsSinceEpoch());
    if (!createdText.empty() && !parseUnsigned(createdText, created)) return usageError(usage, "bad --created");

    auto secret = PublisherSecretKey::load(dir / "publisher.key");
    if (!secret) return failWith(secret.error());
    auto deployment = loadOrCreateDeploymentKey(dir / "deployment.key");
    if (!deployment) return failWith(deployment.error());
    const synthetic::PublishKeys keys{*deployment, *secret};
    Result<std::uint64_t> size = 0;
    if (!list.empty()) {
        if (!baseText.empty()) return usageError(usage, "--list makes snapshots only");
        size = writeSnapshotFromMemberList(list, output, sequence, static_cast<std::int64_t>(created), *deployment, *secret);
    } else {
        auto population = synthetic::loadPopulation(dir / "population.json");
        if (!population) return failWith(population.error());
        if (baseText.empty()) {
            size = synthetic::writeSnapshot(output, population->seed, {0, population->count},
                                            static_cast<std::uint32_t>(revision), sequence,
                                            static_cast<std::int64_t>(created), keys);
        } else {
            synthetic::DeltaSpec spec;
            spec.sequence = sequence, spec.baseSequence = base, spec.createdUnix = static_cast<std::int64_t>(created);
            spec.revision = static_cast<std::uint32_t>(revision);
            if (!keepFingersText.empty()) spec.enrolment = static_cast<std::uint32_t>(keepFingers);
            if (!parseRange(change, spec.change) || !parseRange(remove, spec.remove) || !parseRange(add, spec.add))
                return usageError(usage, "ranges are FIRST:LAST (member indices, LAST excluded)");
            size = synthetic::writeDelta(output, population->seed, spec, keys);
        }
    }
    if (!size) return failWith(size.error());
    const auto folder = output.has_parent_path() ? output.parent_path() : fs::path(".");
    if (auto r = writeBundleIndex(folder); !r) return failWith(r.error());
    std::printf("wrote %s (%s sequence %llu, %llu bytes) and %s\n", output.c_str(),
                baseText.empty() ? "snapshot" : "delta", static_cast<unsigned long long>(sequence),
                static_cast<unsigned long long>(*size), (folder / "index.json").c_str());
    return 0;
}

int membersVerify(const Args& input) {
    const std::string usage =
        "kioskctl members verify BUNDLE [--publisher-key FILE] [--config ...] [--data-dir DIR]\n"
        "  Verifies a bundle's signature (streaming) and prints its header as JSON; applies nothing.\n"
        "  The key defaults to the kiosk's <data-dir>/publisher.pub.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    auto keyFile = takeOption(args, "--publisher-key");
    if (keyFile.empty()) {
        auto files = kioskFiles(args);
        if (!files) return usageError(usage, files.error().describe());
        keyFile = files->publisherKey().string();
    }
    if (args.size() != 1) return usageError(usage, "give exactly one BUNDLE");
    auto publisher = loadPublisherKey(keyFile);
    if (!publisher) return failWith(publisher.error());
    auto v = verifyBundle(args[0], *publisher);
    if (!v) return failWith(v.error(), "NOT valid: ");
    const auto& h = v->header;
    std::printf("{\"valid\":true,\"format_version\":%u,\"kind\":\"%s\",\"sequence\":%llu,\"base\":%llu,\"created\":%lld,\"records\":%llu,"
                "\"bytes\":%llu,\"publisher_key_id\":\"%s\",\"digest\":\"%s\"}\n",
                static_cast<unsigned>(h.formatVersion), bundleKindName(h.kind), static_cast<unsigned long long>(h.sequence),
                static_cast<unsigned long long>(h.baseSequence), static_cast<long long>(h.createdUnix),
                static_cast<unsigned long long>(h.recordCount), static_cast<unsigned long long>(v->fileSize),
                toHex(h.keyId.data(), h.keyId.size()).c_str(), toHex(v->digest.data(), v->digest.size()).c_str());
    return 0;
}

int membersSync(const Args& input) {
    const std::string usage =
        "kioskctl members sync --source DIR|URL [--publisher-key FILE] [--interval SECONDS]\n"
        "        [--config ...] [--data-dir DIR]\n"
        "  Applies what the source offers (a folder of *.kmb, or an HTTP(S) URL serving index.json): the\n"
        "  deltas following the cache's sequence, else the newest snapshot. Once, or every --interval.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const auto source = takeOption(args, "--source");
    const auto keyFile = takeOption(args, "--publisher-key");
    const auto intervalText = takeOption(args, "--interval", "0");
    auto files = kioskFiles(args);
    if (!files) return usageError(usage, files.error().describe());
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    std::uint64_t interval = 0;
    if (source.empty() || !parseUnsigned(intervalText, interval)) return usageError(usage, "give --source");
    int argc = 1;
    char name[] = "kioskctl";
    char* argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);  // Qt Network needs one
    auto publisher = loadPublisherKey(keyFile.empty() ? files->publisherKey() : fs::path(keyFile));
    if (!publisher) return failWith(publisher.error());
    auto cache = openKioskCache(*files);
    if (!cache) return failWith(cache.error());
    for (;;) {
        auto r = syncOnce(*cache, *publisher, SyncSettings{source, files->dataDir / "spool"});
        if (!r) {
            failWith(r.error(), "sync failed: ");
            if (interval == 0) return 1;
        } else {
            for (const auto& s : r->applied) printApplied(s);
            if (r->applied.empty())
                std::printf("up to date at sequence %llu\n", static_cast<unsigned long long>(r->sequenceAfter));
        }
        if (interval == 0) return 0;
        std::this_thread::sleep_for(std::chrono::seconds(interval));
    }
}

int membersLookup(const Args& input) {
    const std::string usage =
        "kioskctl members lookup [--config ...] [--data-dir DIR] < mrz.txt\n"
        "  Reads an MRZ (2 or 3 lines) on stdin and prints the member record as JSON (template sizes, not\n"
        "  their bytes, and \"lookout\": true|false), or {\"member\":null}.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    auto files = kioskFiles(args);
    if (!files) return usageError(usage, files.error().describe());
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    std::vector<std::string> lines;
    for (std::string line; std::getline(std::cin, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty()) {
            if (!lines.empty()) break;
            continue;
        }
        lines.push_back(line);
    }
    const QDate today = QDate::currentDate();
    auto doc = documents::parseMrz(lines, {CalendarDate{today.year(), today.month(), today.day()}, false});
    if (!doc) return failWith(doc.error(), "MRZ: ");
    if (!doc->birthDate) return failWith(Error{Error::Code::InvalidInput, "the MRZ has no full birth date", "MRZ", 0});
    auto cache = openKioskCache(*files);
    if (!cache) return failWith(cache.error());
    const auto t0 = std::chrono::steady_clock::now();
    auto found = cache->lookup({doc->issuingState, doc->documentNumber, *doc->birthDate});
    const auto us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    if (!found) return failWith(found.error());
    if (!*found) return std::printf("{\"member\":null,\"lookup_us\":%.0f}\n", us), 0;
    std::string out = "{\"member\":\"" + (*found)->memberId + "\",\"programs\":[";
    for (std::size_t i = 0; i < (*found)->programs.size(); ++i) {
        const auto& p = (*found)->programs[i];
        out += (i ? "," : "") + std::string("{\"program\":\"") + p.program + "\",\"status\":\"" +
               std::string(programStatusName(p.status)) + "\",\"expires\":\"" + p.expires.iso() + "\"}";
    }
    out += "],\"fingers\":[";
    for (std::size_t i = 0; i < (*found)->fingers.size(); ++i) {
        const auto& f = (*found)->fingers[i];
        out += (i ? "," : "") + std::string("{\"position\":") + std::to_string(static_cast<int>(f.position)) +
               ",\"quality\":" + std::to_string(f.quality) + ",\"template_bytes\":" + std::to_string(f.isoTemplate.size()) + "}";
    }
    out += std::string("],\"lookout\":") + ((*found)->lookout ? "true" : "false");
    std::printf("%s,\"lookup_us\":%.0f}\n", out.c_str(), us);
    return 0;
}

int membersStats(const Args& input) {
    const std::string usage = "kioskctl members stats [--config ...] [--data-dir DIR]\n"
                              "  The member cache's counts, sequence and last successful sync, as JSON.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    auto files = kioskFiles(args);
    if (!files) return usageError(usage, files.error().describe());
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    auto cache = openKioskCache(*files);
    if (!cache) return failWith(cache.error());
    auto s = cache->stats();
    if (!s) return failWith(s.error());
    std::error_code ec;
    const auto bytes = fs::file_size(files->cache(), ec);
    std::printf("{\"members\":%zu,\"documents\":%zu,\"fingers\":%zu,\"sequence\":%lld,\"last_sync_unix\":%lld,"
                "\"schema_version\":%d,\"file_bytes\":%llu}\n",
                s->members, s->documents, s->fingers, static_cast<long long>(s->sequence),
                static_cast<long long>(s->lastSyncUnixSeconds), s->schemaVersion,
                static_cast<unsigned long long>(ec ? 0 : bytes));
    return 0;
}

}  // namespace kiosk::ctl

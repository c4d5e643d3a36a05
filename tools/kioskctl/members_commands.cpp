// kioskctl members ...: the member cache from the command line.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/iso19794_2.h"
#include "app/biometrics/quality.h"
#include "app/config/kiosk_config.h"
#include "app/kiosk_setup.h"
#include "app/members/deployment_key.h"
#include "app/members/member_cache.h"
#include "devices/sim/synthetic_world.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

int membersImport(const Args& input) {
    const std::string usage =
        "kioskctl members import FILE [--publisher-key FILE] [--config kiosk-config/simulator.json] [--data-dir DIR]\n"
        "  Imports a member list (JSON) or applies a signed bundle (.kmb: verified against the publisher\n"
        "  key, default <data-dir>/publisher.pub) into the member cache of the kiosk the configuration\n"
        "  describes, in one transaction: on any error the cache keeps its previous contents.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const auto configFile = takeOption(args, "--config", "kiosk-config/simulator.json");
    const auto dataDirOption = takeOption(args, "--data-dir");
    const auto publisherKey = takeOption(args, "--publisher-key");
    if (args.size() != 1) return usageError(usage, "give exactly one member list or bundle FILE");

    auto config = config::loadConfig(configFile);
    if (!config) return usageError(usage, config.error().describe());
    auto dataDir = app::prepareDataDir(*config, dataDirOption);
    if (!dataDir) return usageError(usage, dataDir.error().describe());
    if (members::readBundleHeader(args[0]).has_value() || args[0].ends_with(".kmb"))
        return applyBundleFile(args[0], dataDir->string(), publisherKey);
    auto key = members::loadOrCreateDeploymentKey(*dataDir / "deployment.key");
    if (!key) return usageError(usage, key.error().describe());
    auto cache = members::MemberCache::open(*dataDir / "members.sqlite", std::move(*key));
    if (!cache) {
        std::fprintf(stderr, "kioskctl: %s\n", cache.error().describe().c_str());
        return 1;
    }
    auto stats = cache->importMemberList(args[0]);
    if (!stats) {
        std::fprintf(stderr, "kioskctl: import refused, the cache is unchanged: %s\n", stats.error().describe().c_str());
        return 1;
    }
    std::printf("imported %zu members (%zu documents, %zu fingers), sequence %lld, into %s\n", stats->members,
                stats->documents, stats->fingers, static_cast<long long>(stats->sequence),
                (*dataDir / "members.sqlite").c_str());
    return 0;
}

int membersDemoList(const Args& input) {
    const std::string usage =
        "kioskctl members demo-list [--travelers assets/scenarios/travelers.json] [-o FILE]\n"
        "  Enrols the synthetic travelers who are members: each listed finger is captured once\n"
        "  (the enrolment impression), its template extracted and written as ISO/IEC 19794-2.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const auto travelersFile = takeOption(args, "--travelers", "assets/scenarios/travelers.json");
    const auto output = takeOption(args, "-o");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");

    auto world = sim::SyntheticWorld::load(travelersFile);
    if (!world) return usageError(usage, world.error().describe());

    QJsonArray membersJson;
    for (const auto& t : world->travelers()) {
        if (t.memberId.empty()) continue;
        QJsonArray programs;
        for (const auto& p : t.programs)
            programs.append(QJsonObject{{"program", QString::fromStdString(p.program)},
                                        {"status", QString::fromStdString(p.status)},
                                        {"expires", QString::fromStdString(p.expires)}});
        QJsonArray documents;
        documents.append(QJsonObject{{"issuing_state", QString::fromStdString(t.passport.issuingState)},
                                     {"number", QString::fromStdString(t.passport.documentNumber)},
                                     {"birth_date", QString::fromStdString(t.passport.birthDate->iso())}});
        QJsonArray fingers;
        for (const auto& f : t.fingers) {
            const auto image = world->enrolmentImpression(f);
            auto features = biometrics::extractTemplate(image);
            if (!features) {
                std::fprintf(stderr, "kioskctl: %s: enrolment failed: %s\n", t.id.c_str(), features.error().describe().c_str());
                return 1;
            }
            const auto record = biometrics::encodeIso19794_2(*features, f.position);
            const QByteArray bytes(reinterpret_cast<const char*>(record.data()), static_cast<qsizetype>(record.size()));
            fingers.append(QJsonObject{{"position", static_cast<int>(f.position)},
                                       {"quality", biometrics::assessQuality(image).score},
                                       {"iso19794_2", QString::fromLatin1(bytes.toBase64())}});
        }
        QJsonObject member{{"member_id", QString::fromStdString(t.memberId)},
                           {"programs", programs},
                           {"documents", documents},
                           {"fingers", fingers}};
        if (t.lookout) member.insert("lookout", true);  // optional field: written only where it is set
        membersJson.append(member);
    }
    const QJsonObject root{{"format", "kiosk-member-list"},
                           {"version", 1},
                           {"sequence", 1},
                           {"created", "2026-11-26T00:00:00Z"},
                           {"members", membersJson}};
    const auto json = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (output.empty()) {
        std::fwrite(json.constData(), 1, static_cast<std::size_t>(json.size()), stdout);
        return 0;
    }
    QFile f(QString::fromStdString(output));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(json) != json.size()) {
        std::fprintf(stderr, "kioskctl: cannot write %s\n", output.c_str());
        return 1;
    }
    std::printf("wrote %lld members to %s\n", static_cast<long long>(membersJson.size()), output.c_str());
    return 0;
}

}  // namespace kiosk::ctl

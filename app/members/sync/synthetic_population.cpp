#include "app/members/sync/synthetic_population.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

namespace kiosk::members::synthetic {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

struct Rng {
    std::uint64_t s;
    std::uint64_t next() { return s = mix(s); }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

constexpr const char* kIssuers[] = {"USA", "CAN", "MEX", "KOR", "D", "GBR", "FRA", "JPN"};
constexpr const char* kPrograms[] = {"GLOBAL_ENTRY", "NEXUS", "SENTRI", "KOREA_SES"};
constexpr ProgramStatus kStatus[] = {ProgramStatus::Active, ProgramStatus::Active, ProgramStatus::Active,
                                     ProgramStatus::Suspended, ProgramStatus::Revoked};

}  // namespace

kiosk::Result<Population> loadPopulation(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly)) return fail(Error::Code::Io, "cannot open the population file", file.string());
    const auto json = QJsonDocument::fromJson(f.readAll()).object();
    if (json.value("format").toString() != "kiosk-synthetic-population")
        return fail(Error::Code::InvalidInput, "not a synthetic population file", file.string());
    Population p;
    p.seed = static_cast<std::uint64_t>(json.value("seed").toInteger(-1));
    p.count = static_cast<std::uint64_t>(json.value("count").toInteger(-1));
    if (json.value("seed").toInteger(-1) < 0 || json.value("count").toInteger(-1) < 0)
        return fail(Error::Code::InvalidInput, "seed and count must be non-negative integers", file.string());
    return p;
}

kiosk::Result<void> savePopulation(const Population& p, const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    const QJsonObject o{{"format", "kiosk-synthetic-population"},
                        {"seed", static_cast<qint64>(p.seed)},
                        {"count", static_cast<qint64>(p.count)}};
    const auto bytes = QJsonDocument(o).toJson();
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        return fail(Error::Code::Io, "cannot write the population file", file.string());
    return {};
}

std::vector<DocumentKey> documentsOf(std::uint64_t seed, std::uint64_t index) {
    Rng rng{mix(seed * 0x2545F4914F6CDD1DULL ^ index)};
    const CalendarDate birth{static_cast<int>(1940 + rng.below(65)), static_cast<int>(1 + rng.below(12)),
                             static_cast<int>(1 + rng.below(28))};
    const char* issuer = kIssuers[rng.below(8)];
    std::vector<DocumentKey> out;
    const int n = index % 10 == 0 ? 2 : 1;
    char number[24];
    for (int d = 0; d < n; ++d) {
        std::snprintf(number, sizeof number, "%c%08llu", 'A' + d, static_cast<unsigned long long>(index % 100000000));
        // Beyond 10^8 members the issuer cycles so numbers stay 9 characters and unique per issuer.
        out.push_back(DocumentKey{index >= 100000000 ? kIssuers[(index / 100000000) % 8] : issuer, number, birth});
    }
    return out;
}

namespace {
// One revision's draws, in the order they were always made (programs, templates, lookout), so a member
// of a given revision is what earlier builds generated.
struct Draw {
    Rng rng;
    Draw(std::uint64_t seed, std::uint64_t index, std::uint32_t revision)
        : rng{mix(mix(seed ^ 0x5851F42D4C957F2DULL) ^ index * 0x9E3779B97F4A7C15ULL ^ revision)} {}

    std::vector<ProgramMembership> programs() {
        std::vector<ProgramMembership> out;
        const std::size_t count = 1 + rng.below(2);
        const std::size_t first = rng.below(4);
        for (std::size_t p = 0; p < count; ++p) {
            out.push_back(ProgramMembership{
                kPrograms[(first + p) % 4], kStatus[rng.below(5)],
                CalendarDate{static_cast<int>(2027 + rng.below(8)), static_cast<int>(1 + rng.below(12)),
                             static_cast<int>(1 + rng.below(28))}});
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.program < b.program; });
        return out;
    }

    std::vector<EnrolledFinger> fingers() {
        std::vector<EnrolledFinger> out;
        for (int f = 1; f <= 2; ++f) {
            EnrolledFinger finger;
            finger.position = static_cast<FingerPosition>(f);
            finger.quality = static_cast<int>(40 + rng.below(60));
            finger.isoTemplate.resize(300);
            for (std::size_t i = 0; i < finger.isoTemplate.size(); i += 8) {
                const std::uint64_t r = rng.next();
                for (std::size_t b = 0; b < 8 && i + b < finger.isoTemplate.size(); ++b)
                    finger.isoTemplate[i + b] = static_cast<std::uint8_t>(r >> (8 * b));
            }
            finger.isoTemplate[0] = 'F', finger.isoTemplate[1] = 'M', finger.isoTemplate[2] = 'R', finger.isoTemplate[3] = 0;
            out.push_back(std::move(finger));
        }
        return out;
    }
};
}  // namespace

Member member(std::uint64_t seed, std::uint64_t index, std::uint32_t revision) {
    return member(seed, index, revision, revision);
}

Member member(std::uint64_t seed, std::uint64_t index, std::uint32_t revision, std::uint32_t enrolment) {
    Member m;
    char ref[32];
    std::snprintf(ref, sizeof ref, "M%09llu", static_cast<unsigned long long>(index));
    m.ref = ref;
    m.documents = documentsOf(seed, index);
    Draw draw(seed, index, revision);
    m.programs = draw.programs();
    m.fingers = draw.fingers();  // drawn even when replaced below: the lookout comes after them
    if (enrolment != revision) {
        Draw enrolled(seed, index, enrolment);
        (void)enrolled.programs();  // the draws before that revision's templates
        m.fingers = enrolled.fingers();
    }
    // Drawn last so programs and templates stay what they were before lookouts existed.
    m.lookout = draw.rng.below(50) == 0;
    return m;
}

MemberRecord expectedRecord(const Member& m) { return MemberRecord{m.ref, m.programs, m.fingers, m.lookout}; }

void toBundle(const Member& m, const DeploymentKey& key, detail::RecordType type, detail::BundleMember& out) {
    out.type = type;
    out.ref = m.ref;
    out.lookout = type != detail::RecordType::Remove && m.lookout;
    out.programs.clear();
    out.documents.resize(type == detail::RecordType::Remove ? 0 : m.documents.size());
    if (type == detail::RecordType::Remove) return;
    for (const auto& p : m.programs)
        out.programs.push_back(detail::BundleProgram{p.program, static_cast<std::uint8_t>(p.status),
                                                     static_cast<std::int32_t>(p.expires.daysSinceEpoch())});
    std::vector<detail::PlainFinger> plain;
    for (const auto& f : m.fingers) plain.push_back({static_cast<int>(f.position), f.quality, f.isoTemplate});
    for (std::size_t d = 0; d < m.documents.size(); ++d) {
        auto canonical = canonicalDocument(m.documents[d]);
        detail::sealDocument(key, *canonical, plain, out.documents[d]);
        detail::wipe(canonical->data(), canonical->size());
    }
}

namespace {
// (first 8 bytes of the smallest lookup key, member index), to order records like the kiosk's B-tree.
std::vector<std::pair<std::uint64_t, std::uint64_t>> orderByLookupKey(std::uint64_t seed, const DeploymentKey& key,
                                                                      const std::vector<std::uint64_t>& indices) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> order;
    order.reserve(indices.size());
    detail::LookupKey lk{};
    for (const auto i : indices) {
        std::uint64_t best = ~std::uint64_t{0};
        for (const auto& d : documentsOf(seed, i)) {
            auto canonical = canonicalDocument(d);
            detail::deriveLookupKey(key, *canonical, lk);
            std::uint64_t prefix = 0;
            for (int b = 0; b < 8; ++b) prefix = prefix << 8 | lk[static_cast<std::size_t>(b)];
            best = std::min(best, prefix);
        }
        order.emplace_back(best, i);
    }
    std::sort(order.begin(), order.end());
    return order;
}
}  // namespace

kiosk::Result<std::uint64_t> writeSnapshot(const std::filesystem::path& file, std::uint64_t seed, Range members,
                                           std::uint32_t revision, std::uint64_t sequence, std::int64_t createdUnix,
                                           const PublishKeys& keys) {
    BundleHeader h;
    h.kind = BundleKind::Snapshot;
    h.sequence = sequence;
    h.createdUnix = createdUnix;
    h.recordCount = members.size();
    auto writer = BundleWriter::create(file, h, keys.publisher);
    if (!writer) return std::unexpected(writer.error());
    std::vector<std::uint64_t> indices;
    indices.reserve(members.size());
    for (auto i = members.first; i < members.last; ++i) indices.push_back(i);
    const auto order = orderByLookupKey(seed, keys.deployment, indices);
    indices = {};
    detail::BundleMember record;
    for (const auto& [prefix, i] : order) {
        toBundle(member(seed, i, revision), keys.deployment, detail::RecordType::Member, record);
        if (auto r = writer->add(record); !r) return std::unexpected(r.error());
    }
    return writer->finish();
}

kiosk::Result<std::uint64_t> writeDelta(const std::filesystem::path& file, std::uint64_t seed, const DeltaSpec& spec,
                                        const PublishKeys& keys) {
    BundleHeader h;
    h.kind = BundleKind::Delta;
    h.sequence = spec.sequence;
    h.baseSequence = spec.baseSequence;
    h.createdUnix = spec.createdUnix;
    h.recordCount = spec.change.size() + spec.remove.size() + spec.add.size();
    auto writer = BundleWriter::create(file, h, keys.publisher);
    if (!writer) return std::unexpected(writer.error());
    detail::BundleMember record;
    // Removals first (a document may move to an added member), then changes and additions in key order.
    for (auto i = spec.remove.first; i < spec.remove.last; ++i) {
        toBundle(member(seed, i, 0), keys.deployment, detail::RecordType::Remove, record);
        if (auto r = writer->add(record); !r) return std::unexpected(r.error());
    }
    std::vector<std::uint64_t> indices;
    for (auto i = spec.change.first; i < spec.change.last; ++i) indices.push_back(i);
    for (auto i = spec.add.first; i < spec.add.last; ++i) indices.push_back(i);
    for (const auto& [prefix, i] : orderByLookupKey(seed, keys.deployment, indices)) {
        const bool added = i >= spec.add.first && i < spec.add.last;
        // An added member is enrolled at this revision; a changed one keeps the fingers of spec.enrolment
        // when given (a status change), else is enrolled again.
        const std::uint32_t enrolment = added ? spec.revision : spec.enrolment.value_or(spec.revision);
        toBundle(member(seed, i, spec.revision, enrolment), keys.deployment,
                 added ? detail::RecordType::Add : detail::RecordType::Change, record);
        if (auto r = writer->add(record); !r) return std::unexpected(r.error());
    }
    return writer->finish();
}

}  // namespace kiosk::members::synthetic

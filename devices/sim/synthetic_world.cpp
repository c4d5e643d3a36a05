#include "devices/sim/synthetic_world.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <random>

#include "app/documents/mrz_writer.h"
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

namespace kiosk::sim {
namespace {

Result<CalendarDate> parseDate(const QJsonObject& o, const char* key, const std::string& where) {
    const auto text = o.value(QLatin1String(key)).toString().toStdString();
    CalendarDate d;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3 || !d.isValid())
        return fail(Error::Code::InvalidInput, std::string(key) + " must be a date YYYY-MM-DD", where);
    return d;
}

// Distinct, reproducible placements: the enrolment impression (attempt 0) differs from every
// capture at the kiosk (attempt >= 1), as a real enrolment and a real arrival do.
std::uint64_t impressionSeed(std::uint64_t fingerSeed, int attempt) {
    return fingerSeed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(attempt) * 7919U + 1U;
}

}  // namespace

Result<SyntheticWorld> SyntheticWorld::load(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::Code::Io, "cannot read the synthetic travelers", file.string());
    const auto doc = QJsonDocument::fromJson(f.readAll());
    const auto root = doc.object();
    if (root.value("format").toString() != "kiosk-synthetic-travelers")
        return fail(Error::Code::InvalidInput, "not a synthetic travelers file", file.string());

    SyntheticWorld world;
    const auto list = root.value("travelers").toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const auto o = list.at(i).toObject();
        const std::string where = file.filename().string() + ": travelers[" + std::to_string(i) + "]";
        SyntheticTraveler t;
        t.id = o.value("id").toString().toStdString();
        if (t.id.empty()) return fail(Error::Code::InvalidInput, "id is required", where);
        auto& p = t.passport;
        p.format = documents::DocumentFormat::TD3;
        p.documentCode = "P";
        p.issuingState = o.value("issuing_state").toString().toStdString();
        p.nationality = o.value("nationality").toString().toStdString();
        p.primaryIdentifier = o.value("surname").toString().toStdString();
        p.secondaryIdentifier = o.value("given_names").toString().toStdString();
        p.documentNumber = o.value("document_number").toString().toStdString();
        const auto sex = o.value("sex").toString().toStdString();
        p.sex = sex.size() == 1 ? sex[0] : '<';
        auto birth = parseDate(o, "birth_date", where);
        if (!birth) return std::unexpected(birth.error());
        p.birthDate = *birth;
        auto expiry = parseDate(o, "expiry_date", where);
        if (!expiry) return std::unexpected(expiry.error());
        p.expiryDate = *expiry;
        for (const auto& fv : o.value("fingers").toArray()) {
            const auto fo = fv.toObject();
            const int position = fo.value("position").toInt();
            if (position < 1 || position > 10)
                return fail(Error::Code::InvalidInput, "finger position must be 1 to 10", where);
            t.fingers.push_back({static_cast<FingerPosition>(position),
                                 static_cast<std::uint64_t>(fo.value("seed").toInteger())});
        }
        const auto member = o.value("member").toObject();
        t.memberId = member.value("member_id").toString().toStdString();
        const auto lookout = member.value("lookout");
        if (!lookout.isUndefined() && !lookout.isBool())
            return fail(Error::Code::InvalidInput, "member.lookout must be true or false", where);
        t.lookout = lookout.toBool(false);
        if (t.lookout && t.memberId.empty())
            return fail(Error::Code::InvalidInput, "member.lookout needs a member_id: only members have lookouts", where);
        for (const auto& pv : member.value("programs").toArray()) {
            const auto po = pv.toObject();
            t.programs.push_back({po.value("program").toString().toStdString(),
                                  po.value("status").toString().toStdString(),
                                  po.value("expires").toString().toStdString()});
        }
        if (auto lines = documents::writeTd3(p); !lines)
            return fail(Error::Code::InvalidInput, "passport cannot be written as an MRZ: " + lines.error().describe(), where);
        world.travelers_.push_back(std::move(t));
    }
    return world;
}

const SyntheticTraveler* SyntheticWorld::find(const std::string& id) const {
    for (const auto& t : travelers_)
        if (t.id == id) return &t;
    return nullptr;
}

Result<std::vector<std::string>> SyntheticWorld::mrzLines(const SyntheticTraveler& traveler) const {
    return documents::writeTd3(traveler.passport);
}

const GreyImage& SyntheticWorld::masterPrint(std::uint64_t seed) const {
    std::lock_guard lock(cache_->mutex);
    auto it = cache_->masters.find(seed);
    if (it == cache_->masters.end()) it = cache_->masters.emplace(seed, generateMasterPrint(seed)).first;
    return it->second;
}

std::uint64_t SyntheticWorld::fingerSeed(const SyntheticTraveler& traveler, FingerPosition position) const {
    for (const auto& f : traveler.fingers)
        if (f.position == position) return f.seed;
    // A finger the world did not list still exists: derive it, so it matches nothing enrolled.
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : traveler.id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h ^ static_cast<std::uint64_t>(position);
}

GreyImage SyntheticWorld::impression(const SyntheticTraveler& traveler, FingerPosition position,
                                     FingerPresentation how, int attempt) const {
    std::uint64_t seed = fingerSeed(traveler, position);
    ImpressionOptions options;
    if (how == FingerPresentation::Impostor) {
        // The next traveler's finger in the world: a real other person's print, not noise.
        const SyntheticTraveler* other = nullptr;
        for (std::size_t i = 0; i < travelers_.size(); ++i)
            if (travelers_[i].id == traveler.id) other = &travelers_[(i + 1) % travelers_.size()];
        seed = other && other != &traveler && !other->fingers.empty() ? other->fingers.front().seed
                                                                      : seed ^ 0x5DEECE66DULL;
    } else if (how == FingerPresentation::Poor) {
        options.pressure = -0.9;
        options.noise = 2.0;
    } else if (how == FingerPresentation::Partial) {
        options.contact = 0.4;
    } else if (how == FingerPresentation::None) {
        // An empty platen: the sensor's background with its noise, no ridges.
        GreyImage empty = masterPrint(seed);
        std::mt19937 noise(static_cast<std::uint32_t>(seed + static_cast<std::uint64_t>(attempt)));
        std::uniform_int_distribution<int> grain(236, 250);
        for (auto& p : empty.pixels) p = static_cast<std::uint8_t>(grain(noise));
        return empty;
    }
    options.seed = impressionSeed(seed, attempt);
    return generateImpression(masterPrint(seed), options);
}

GreyImage SyntheticWorld::enrolmentImpression(const SyntheticFinger& finger) const {
    ImpressionOptions options;
    options.seed = impressionSeed(finger.seed, 0);
    options.maxRotationDeg = 5;  // enrolment is supervised: the finger sits well
    options.maxShiftPx = 8;
    return generateImpression(masterPrint(finger.seed), options);
}

}  // namespace kiosk::sim

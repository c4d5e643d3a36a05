#include "app/config/kiosk_config.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace kiosk::config {
namespace {

// Reads fields of one JSON object, remembering the path ("biometrics.false_match_rate") for errors
// and which keys were consumed, so a misspelt key is reported instead of silently ignored.
class Fields {
public:
    Fields(const QJsonObject& object, std::string path, std::string file)
        : object_(object), path_(std::move(path)), file_(std::move(file)) {}

    [[nodiscard]] std::string name(const char* key) const {
        return path_.empty() ? key : path_ + "." + key;
    }
    [[nodiscard]] std::unexpected<Error> error(const char* key, const std::string& what) const {
        return fail(Error::Code::Config, what, file_ + ": " + name(key));
    }
    [[nodiscard]] bool has(const char* key) const { return object_.contains(QLatin1String(key)); }

    Result<std::string> string(const char* key, bool required) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (v.isUndefined()) {
            if (required) return error(key, "is required");
            return std::string{};
        }
        if (!v.isString()) return error(key, "must be a string");
        return v.toString().toStdString();
    }
    Result<double> number(const char* key, double fallback, double min, double max) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isDouble()) return error(key, "must be a number");
        const double d = v.toDouble();
        if (!(d >= min && d <= max))
            return error(key, "must be between " + trim(min) + " and " + trim(max) + ", got " + trim(d));
        return d;
    }
    Result<int> integer(const char* key, int fallback, int min, int max) {
        auto d = number(key, fallback, min, max);
        if (!d) return std::unexpected(d.error());
        if (std::floor(*d) != *d) return error(key, "must be a whole number");
        return static_cast<int>(*d);
    }
    Result<bool> boolean(const char* key, bool fallback) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (v.isUndefined()) return fallback;
        if (!v.isBool()) return error(key, "must be true or false");
        return v.toBool();
    }
    Result<std::vector<std::string>> stringsFrom(const char* key,
                                                 const std::vector<std::string>& allowed) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (!v.isArray()) return error(key, "must be a list of strings");
        std::vector<std::string> out;
        for (const auto& item : v.toArray()) {
            if (!item.isString()) return error(key, "must be a list of strings");
            auto s = item.toString().toStdString();
            if (std::find(allowed.begin(), allowed.end(), s) == allowed.end())
                return error(key, "'" + s + "' is not one of: " + join(allowed));
            if (std::find(out.begin(), out.end(), s) != out.end())
                return error(key, "'" + s + "' is listed twice");
            out.push_back(std::move(s));
        }
        return out;
    }
    Result<Fields> object(const char* key) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (v.isUndefined()) return Fields(QJsonObject{}, name(key), file_);
        if (!v.isObject()) return error(key, "must be an object");
        return Fields(v.toObject(), name(key), file_);
    }
    // Every key must have been read: a typo such as "idle_timout_seconds" is an error, not a default.
    Result<void> rejectUnknown() const {
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            const auto key = it.key().toStdString();
            if (!seen_.contains(key))
                return fail(Error::Code::Config, "is not a known setting", file_ + ": " + name(key.c_str()));
        }
        return {};
    }

private:
    static std::string trim(double d) {
        auto s = std::to_string(d);
        if (s.find('.') != std::string::npos) {
            s.erase(s.find_last_not_of('0') + 1);
            if (s.back() == '.') s.pop_back();
        }
        return s;
    }
    static std::string join(const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
        return s;
    }

    QJsonObject object_;
    std::string path_;
    std::string file_;
    std::set<std::string> seen_;
};

#define KIOSK_TRY(var, expr)                                 \
    auto var##_result = (expr);                              \
    if (!var##_result) return std::unexpected(var##_result.error()); \
    auto var = std::move(*var##_result)

Result<DeviceSource> deviceSource(Fields& f, const char* key) {
    KIOSK_TRY(s, f.string(key, false));
    if (s.empty() || s == "simulated") return DeviceSource::Simulated;
    return f.error(key, "'" + s + "' is not a supported device (supported: simulated)");
}

}  // namespace

Result<KioskConfig> parseConfig(const std::string& json, const std::filesystem::path& sourceFile) {
    const std::string file = sourceFile.string();
    QJsonParseError parseError{};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(Error::Code::Config,
                    "is not valid JSON: " + parseError.errorString().toStdString() + " at byte " +
                        std::to_string(parseError.offset),
                    file);
    if (!doc.isObject()) return fail(Error::Code::Config, "must hold a JSON object", file);

    KioskConfig c;
    c.sourceFile = sourceFile;
    const auto base = sourceFile.parent_path();
    auto resolve = [&](const std::string& p) -> std::filesystem::path {
        if (p.empty()) return {};
        std::filesystem::path path(p);
        return path.is_absolute() ? path : (base / path).lexically_normal();
    };

    Fields top(doc.object(), "", file);
    KIOSK_TRY(kioskId, top.string("kiosk_id", true));
    if (kioskId.empty() || kioskId.size() > 16) return top.error("kiosk_id", "must be 1 to 16 characters");
    c.kioskId = kioskId;
    KIOSK_TRY(port, top.string("port_of_entry", true));
    c.portOfEntry = port;
    KIOSK_TRY(mode, top.string("mode", true));
    if (mode != "simulator")
        return top.error("mode", "'" + mode + "' is not supported yet (supported: simulator)");
    c.simulator = true;
    KIOSK_TRY(dataDir, top.string("data_dir", false));
    c.dataDir = resolve(dataDir);
    KIOSK_TRY(programs, top.stringsFrom("accepted_programs", kKnownPrograms));
    if (programs.empty()) return top.error("accepted_programs", "must name at least one program");
    c.acceptedPrograms = programs;
    KIOSK_TRY(questions, top.stringsFrom("customs_questions", kKnownCustomsQuestions));
    c.customsQuestions = questions;
    KIOSK_TRY(rate, top.number("random_referral_rate", 0.0, 0.0, 1.0));
    c.randomReferralRate = rate;
    KIOSK_TRY(idle, top.integer("idle_timeout_seconds", 45, 10, 600));
    c.idleTimeoutSeconds = idle;
    KIOSK_TRY(idleWarning, top.integer("idle_warning_seconds", 20, 5, 120));
    c.idleWarningSeconds = idleWarning;
    KIOSK_TRY(result, top.integer("result_seconds", 10, 1, 120));
    c.resultSeconds = result;

    KIOSK_TRY(members, top.object("member_list"));
    KIOSK_TRY(seed, members.string("seed_file", false));
    c.memberList.seedFile = resolve(seed);
    KIOSK_TRY(maxAge, members.integer("max_age_hours", 24, 1, 24 * 365));
    c.memberList.maxAgeHours = maxAge;
    if (auto r = members.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(bio, top.object("biometrics"));
    KIOSK_TRY(fmr, bio.number("false_match_rate", 1e-4, 1e-7, 1e-2));
    c.biometrics.falseMatchRate = fmr;
    KIOSK_TRY(attempts, bio.integer("max_attempts", 3, 1, 5));
    c.biometrics.maxAttempts = attempts;
    if (auto r = bio.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(printer, top.object("printer"));
    KIOSK_TRY(dots, printer.integer("dots_per_line", 576, 384, 832));
    if (dots % 8 != 0) return printer.error("dots_per_line", "must be a multiple of 8");
    c.printerDotsPerLine = dots;
    if (auto r = printer.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(simulatorFields, top.object("simulator"));
    KIOSK_TRY(travelers, simulatorFields.string("travelers_file", false));
    c.simulation.travelersFile = resolve(travelers);
    if (auto r = simulatorFields.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(devices, top.object("devices"));
    KIOSK_TRY(pr, deviceSource(devices, "passport_reader"));
    KIOSK_TRY(fs, deviceSource(devices, "fingerprint_scanner"));
    KIOSK_TRY(rp, deviceSource(devices, "receipt_printer"));
    c.passportReader = pr;
    c.fingerprintScanner = fs;
    c.receiptPrinter = rp;
    if (auto r = devices.rejectUnknown(); !r) return std::unexpected(r.error());

    if (auto r = top.rejectUnknown(); !r) return std::unexpected(r.error());
    if (c.simulator && c.memberList.seedFile.empty())
        return top.error("member_list", "seed_file is required in simulator mode");
    if (c.simulator && c.simulation.travelersFile.empty())
        return top.error("simulator", "travelers_file is required in simulator mode");
    return c;
}

Result<KioskConfig> loadConfig(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return fail(Error::Code::Config, "cannot be read: " + f.errorString().toStdString(), file.string());
    if (f.size() > 1 << 20) return fail(Error::Code::Config, "is larger than 1 MiB", file.string());
    return parseConfig(f.readAll().toStdString(), std::filesystem::absolute(file));
}

}  // namespace kiosk::config

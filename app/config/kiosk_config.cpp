#include "app/config/kiosk_config.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <set>
#include <string_view>

namespace kiosk::config {
namespace {

// Reads fields of one JSON object, remembering the path ("biometrics.false_match_rate") for errors
// and which keys were consumed, so a misspelt key is reported instead of silently ignored.
#define KIOSK_TRY_IN_FIELDS(var, expr)                              \
    auto var##_result = (expr);                                      \
    if (!var##_result) return std::unexpected(var##_result.error()); \
    auto var = std::move(*var##_result)

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
    [[nodiscard]] bool isObject(const char* key) const { return object_.value(QLatin1String(key)).isObject(); }

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
    // A string, or a whole number >= 0 given as its decimal text (a camera's device index).
    Result<std::string> stringOrIndex(const char* key, bool required) {
        const auto v = object_.value(QLatin1String(key));
        if (!v.isDouble()) return string(key, required);
        seen_.insert(key);
        const double d = v.toDouble();
        if (d < 0 || d > 99 || std::floor(d) != d) return error(key, "must be a device index 0 to 99, or a string");
        return std::to_string(static_cast<int>(d));
    }
    Result<Fields> object(const char* key) {
        seen_.insert(key);
        const auto v = object_.value(QLatin1String(key));
        if (v.isUndefined()) return Fields(QJsonObject{}, name(key), file_);
        if (!v.isObject()) return error(key, "must be an object");
        return Fields(v.toObject(), name(key), file_);
    }
    // Unset (nullopt) when absent, so the driver keeps its own default.
    Result<std::optional<int>> optionalInteger(const char* key, int min, int max) {
        if (!has(key)) {
            seen_.insert(key);
            return std::optional<int>{};
        }
        auto i = integer(key, min, min, max);
        if (!i) return std::unexpected(i.error());
        return std::optional<int>(*i);
    }
    Result<std::optional<bool>> optionalBoolean(const char* key) {
        if (!has(key)) {
            seen_.insert(key);
            return std::optional<bool>{};
        }
        auto b = boolean(key, false);
        if (!b) return std::unexpected(b.error());
        return std::optional<bool>(*b);
    }
    // Endpoint addresses are written as USB documents write them ("0x81"): bit 7 is the direction,
    // and a decimal 129 would hide it.
    Result<std::optional<std::uint8_t>> optionalEndpoint(const char* key, bool in) {
        KIOSK_TRY_IN_FIELDS(text, string(key, false));
        if (text.empty()) return std::optional<std::uint8_t>{};
        const auto value = parseHex(text, 2, true);
        if (!value || (*value & 0x70) != 0 || (*value & 0x0F) == 0)
            return error(key, "must be an endpoint address such as \"" + std::string(in ? "0x81" : "0x01") + "\"");
        if (((*value & 0x80) != 0) != in)
            return error(key, std::string("must be an ") + (in ? "IN endpoint (bit 7 set, e.g. \"0x81\")"
                                                              : "OUT endpoint (bit 7 clear, e.g. \"0x01\")"));
        return std::optional<std::uint8_t>(static_cast<std::uint8_t>(*value));
    }
    // Every key must have been read: a typo such as "idle_timout_seconds" is an error, not a default.
    Result<void> rejectUnknown(const std::string& what = "is not a known setting") const {
        for (auto it = object_.begin(); it != object_.end(); ++it) {
            const auto key = it.key().toStdString();
            if (!seen_.contains(key))
                return fail(Error::Code::Config, what, file_ + ": " + name(key.c_str()));
        }
        return {};
    }

    // "81", "0x81", "10c4": hexadecimal digits only (at most maxDigits), optionally after "0x".
    static std::optional<std::uint32_t> parseHex(std::string_view text, std::size_t maxDigits, bool allowPrefix) {
        if (allowPrefix && (text.starts_with("0x") || text.starts_with("0X"))) text.remove_prefix(2);
        if (text.empty() || text.size() > maxDigits) return std::nullopt;
        std::uint32_t v = 0;
        for (char ch : text) {
            int digit = -1;
            if (ch >= '0' && ch <= '9') digit = ch - '0';
            else if (ch >= 'a' && ch <= 'f') digit = ch - 'a' + 10;
            else if (ch >= 'A' && ch <= 'F') digit = ch - 'A' + 10;
            if (digit < 0) return std::nullopt;
            v = v * 16 + static_cast<std::uint32_t>(digit);
        }
        return v;
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

struct DriverName {
    const char* name;
    UsbDriver driver;
};
constexpr DriverName kDrivers[] = {{"hid-keyboard", UsbDriver::HidKeyboard},
                                   {"cdc-acm", UsbDriver::CdcAcm},
                                   {"r30x-cp210x", UsbDriver::R30xCp210x},
                                   {"usb-printer", UsbDriver::UsbPrinter}};

// "1-4.2": bus number, dash, the chain of port numbers (1..255, at most 7 hubs deep, USB 2.0 4.1.1),
// as libusb_get_port_numbers and Linux sysfs name it.
bool validBusPath(const std::string& path) {
    const auto dash = path.find('-');
    if (dash == std::string::npos || dash == 0) return false;
    auto number = [](std::string_view digits, int max) {
        if (digits.empty() || digits.size() > 3 || digits.front() == '0') return false;
        int v = 0;
        for (char ch : digits) {
            if (ch < '0' || ch > '9') return false;
            v = v * 10 + (ch - '0');
        }
        return v >= 1 && v <= max;
    };
    if (!number(std::string_view(path).substr(0, dash), 255)) return false;
    std::string_view ports = std::string_view(path).substr(dash + 1);
    int depth = 0;
    while (true) {
        const auto dot = ports.find('.');
        if (!number(ports.substr(0, dot), 255) || ++depth > 7) return false;
        if (dot == std::string_view::npos) return true;
        ports.remove_prefix(dot + 1);
    }
}

// The settings each driver takes; any other key in the object is reported as not a setting of it.
Result<void> driverSettings(Fields& o, UsbDeviceSettings& u) {
    switch (u.driver) {
    case UsbDriver::HidKeyboard: {
        KIOSK_TRY(iface, o.optionalInteger("interface", 0, 31));
        KIOSK_TRY(ep, o.optionalEndpoint("interrupt_endpoint", true));
        KIOSK_TRY(gap, o.optionalInteger("idle_gap_ms", 50, 5000));
        u.interfaceNumber = iface;
        u.inEndpoint = ep;
        u.idleGapMs = gap;
        return {};
    }
    case UsbDriver::CdcAcm: {
        KIOSK_TRY(comm, o.optionalInteger("communications_interface", 0, 31));
        KIOSK_TRY(data, o.optionalInteger("data_interface", 0, 31));
        KIOSK_TRY(ep, o.optionalEndpoint("bulk_in_endpoint", true));
        KIOSK_TRY(gap, o.optionalInteger("idle_gap_ms", 50, 5000));
        KIOSK_TRY(baud, o.optionalInteger("baud", 300, 921600));
        KIOSK_TRY(bits, o.optionalInteger("data_bits", 5, 8));
        KIOSK_TRY(stop, o.optionalInteger("stop_bits", 1, 2));
        KIOSK_TRY(parity, o.string("parity", false));
        if (comm && data && *comm == *data)
            return o.error("data_interface", "must differ from communications_interface");
        u.communicationsInterface = comm;
        u.dataInterface = data;
        u.inEndpoint = ep;
        u.idleGapMs = gap;
        if (baud) u.baud = static_cast<std::uint32_t>(*baud);
        u.dataBits = bits;
        // bCharFormat (CDC PSTN 1.2, 6.3.11): 0 = 1 stop bit, 2 = 2 stop bits.
        if (stop) u.stopBits = *stop == 2 ? 2 : 0;
        if (parity == "none") u.parity = 0;
        else if (parity == "odd") u.parity = 1;
        else if (parity == "even") u.parity = 2;
        else if (!parity.empty()) return o.error("parity", "'" + parity + "' is not one of: none, odd, even");
        return {};
    }
    case UsbDriver::R30xCp210x: {
        KIOSK_TRY(address, o.string("address", false));
        KIOSK_TRY(baud, o.optionalInteger("baud", 9600, 115200));
        KIOSK_TRY(led, o.optionalBoolean("has_led"));
        KIOSK_TRY(timeout, o.optionalInteger("capture_timeout_ms", 1000, 120000));
        KIOSK_TRY(poll, o.optionalInteger("finger_poll_ms", 10, 1000));
        KIOSK_TRY(dpi, o.optionalInteger("dpi", 250, 1000));
        if (!address.empty()) {
            std::string_view digits(address);
            if (digits.starts_with("0x") || digits.starts_with("0X")) digits.remove_prefix(2);
            const auto a = digits.size() == 8 ? Fields::parseHex(digits, 8, false) : std::nullopt;
            if (!a) return o.error("address", "must be 8 hexadecimal digits such as \"FFFFFFFF\"");
            u.moduleAddress = *a;
        }
        // The module's UART runs at N x 9600 baud, N = 1..12 (R30x datasheets, SetSysPara).
        if (baud && *baud % 9600 != 0) return o.error("baud", "must be a multiple of 9600 (the module's rates)");
        if (baud) u.baud = static_cast<std::uint32_t>(*baud);
        u.hasLed = led;
        u.captureTimeoutMs = timeout;
        u.fingerPollMs = poll;
        u.dpi = dpi;
        return {};
    }
    case UsbDriver::UsbPrinter: {
        KIOSK_TRY(iface, o.optionalInteger("interface", 0, 31));
        KIOSK_TRY(out, o.optionalEndpoint("bulk_out_endpoint", false));
        KIOSK_TRY(in, o.optionalEndpoint("bulk_in_endpoint", true));
        KIOSK_TRY(full, o.optionalBoolean("full_status"));
        u.interfaceNumber = iface;
        u.outEndpoint = out;
        u.inEndpoint = in;
        u.fullStatus = full;
        return {};
    }
    }
    return {};
}

// {"driver": "camera", "camera_source": ...}: the UVC page camera. A device index, a device path and
// a URL are taken as written; anything else is a recording, relative to the configuration file.
Result<DeviceSettings> cameraSettings(Fields& o, const std::filesystem::path& base) {
    DeviceSettings d;
    d.source = DeviceSource::Camera;
    KIOSK_TRY(source, o.stringOrIndex("camera_source", true));
    if (source.empty())
        return o.error("camera_source", "must name the camera: a device index such as 0, a device path such as "
                                        "\"/dev/video0\", a stream URL, or a video file or image sequence");
    const bool asWritten = std::all_of(source.begin(), source.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                           source.starts_with("/") || source.find("://") != std::string::npos;
    d.cameraSource = asWritten ? source : (base / source).lexically_normal().string();
    if (auto r = o.rejectUnknown("is not a setting of the camera driver"); !r) return std::unexpected(r.error());
    return d;
}

// devices.<role>: "simulated", or an object naming a USB driver and the device it drives. With
// imageReaders (the passport reader) also "simulated_page" and the "camera" driver.
Result<DeviceSettings> deviceSettings(Fields& f, const char* key, std::initializer_list<UsbDriver> allowed,
                                      const std::filesystem::path& base, bool imageReaders = false) {
    std::string supported;
    for (const auto& d : kDrivers)
        if (std::find(allowed.begin(), allowed.end(), d.driver) != allowed.end())
            supported += std::string(supported.empty() ? "" : ", ") + d.name;
    if (imageReaders) supported += ", camera";
    const std::string alsoPage = imageReaders ? ", or \"simulated_page\"" : "";
    if (!f.isObject(key)) {
        if (f.has(key) && !f.isObject(key)) {
            auto s = f.string(key, false);
            if (!s) return f.error(key, "must be \"simulated\" or an object {\"driver\", \"usb\", ...}" + alsoPage);
            if (imageReaders && *s == "simulated_page") return DeviceSettings{DeviceSource::SimulatedPage, {}, {}};
            if (*s != "simulated")
                return f.error(key, "'" + *s + "' is not a supported device (\"simulated\"" + alsoPage +
                                    ", or an object with \"driver\": " + supported + ")");
        } else {
            (void)f.string(key, false);  // marks it read
        }
        return DeviceSettings{};
    }
    KIOSK_TRY(o, f.object(key));
    DeviceSettings d;
    d.source = DeviceSource::Usb;
    KIOSK_TRY(driver, o.string("driver", true));
    if (imageReaders && driver == "camera") return cameraSettings(o, base);
    bool known = false;
    for (const auto& candidate : kDrivers)
        if (driver == candidate.name && std::find(allowed.begin(), allowed.end(), candidate.driver) != allowed.end()) {
            d.usb.driver = candidate.driver;
            known = true;
        }
    if (!known) return o.error("driver", "'" + driver + "' is not a driver for this device (supported: " + supported + ")");

    KIOSK_TRY(ids, o.string("usb", true));
    const auto colon = ids.find(':');
    const auto vendor = colon == 4 ? Fields::parseHex(std::string_view(ids).substr(0, 4), 4, false) : std::nullopt;
    const auto product = colon == 4 ? Fields::parseHex(std::string_view(ids).substr(5), 4, false) : std::nullopt;
    if (!vendor || !product || ids.size() != 9)
        return o.error("usb", "must be vendor:product as 4 hexadecimal digits each, such as \"10c4:ea60\", got '" + ids + "'");
    if (*vendor == 0) return o.error("usb", "vendor 0000 is not a USB vendor ID");
    d.usb.vendorId = static_cast<std::uint16_t>(*vendor);
    d.usb.productId = static_cast<std::uint16_t>(*product);

    KIOSK_TRY(serial, o.string("serial", false));
    if (o.has("serial") && serial.empty()) return o.error("serial", "must not be empty (leave it out to accept any)");
    if (serial.size() > 126) return o.error("serial", "is longer than a USB string descriptor can hold (126 characters)");
    d.usb.serial = serial;
    KIOSK_TRY(busPath, o.string("bus_path", false));
    if (o.has("bus_path") && !validBusPath(busPath))
        return o.error("bus_path", "must be bus-port[.port...] such as \"1-4.2\", got '" + busPath + "'");
    d.usb.busPath = busPath;

    if (auto r = driverSettings(o, d.usb); !r) return std::unexpected(r.error());
    if (auto r = o.rejectUnknown("is not a setting of the " + driver + " driver"); !r) return std::unexpected(r.error());
    return d;
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
    KIOSK_TRY(source, members.string("sync_source", false));
    const bool url = source.starts_with("http://") || source.starts_with("https://");
    c.memberList.syncSource = url ? source : resolve(source).string();
    KIOSK_TRY(publisherKey, members.string("publisher_key_file", false));
    c.memberList.publisherKeyFile = resolve(publisherKey);
    if (!source.empty() && publisherKey.empty())
        return members.error("publisher_key_file", "is required with a sync_source: bundles are verified against it");
    KIOSK_TRY(syncInterval, members.integer("sync_interval_seconds", 900, 10, 86400));
    c.memberList.syncIntervalSeconds = syncInterval;
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
    KIOSK_TRY(retract, printer.integer("retract_after_seconds", 60, 0, 600));
    c.receiptRetractSeconds = retract;
    if (auto r = printer.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(simulatorFields, top.object("simulator"));
    KIOSK_TRY(travelers, simulatorFields.string("travelers_file", false));
    c.simulation.travelersFile = resolve(travelers);
    KIOSK_TRY(platen, simulatorFields.string("fingerprint_platen", false));
    if (!platen.empty() && platen != "ideal" && platen != "worn" && platen != "dirty")
        return simulatorFields.error("fingerprint_platen", "must be \"ideal\", \"worn\" or \"dirty\"");
    if (!platen.empty()) c.simulation.fingerprintPlaten = platen;
    if (auto r = simulatorFields.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(audit, top.object("audit"));
    KIOSK_TRY(retention, audit.integer("retention_days", 90, 1, 3650));
    c.audit.retentionDays = retention;
    KIOSK_TRY(segmentMb, audit.integer("max_segment_megabytes", 64, 1, 4096));
    c.audit.maxSegmentMegabytes = segmentMb;
    if (auto r = audit.rejectUnknown(); !r) return std::unexpected(r.error());

    KIOSK_TRY(technician, top.object("technician"));
    KIOSK_TRY(pinFile, technician.string("pin_file", false));
    c.technician.pinFile = resolve(pinFile);
    KIOSK_TRY(techIdle, technician.integer("idle_timeout_seconds", 300, 30, 3600));
    c.technician.idleTimeoutSeconds = techIdle;
    KIOSK_TRY(maxFailed, technician.integer("max_failed_pins", 5, 3, 10));
    c.technician.maxFailedPins = maxFailed;
    if (auto r = technician.rejectUnknown(); !r) return std::unexpected(r.error());

    // Corrections written by the calibration wizards live beside the configuration they belong to.
    KIOSK_TRY(calibration, top.string("calibration_dir", false));
    c.calibrationDir = calibration.empty() ? resolve("calibration") : resolve(calibration);

    KIOSK_TRY(devices, top.object("devices"));
    KIOSK_TRY(pr, deviceSettings(devices, "passport_reader", {UsbDriver::HidKeyboard, UsbDriver::CdcAcm}, base, true));
    KIOSK_TRY(fs, deviceSettings(devices, "fingerprint_scanner", {UsbDriver::R30xCp210x}, base));
    KIOSK_TRY(rp, deviceSettings(devices, "receipt_printer", {UsbDriver::UsbPrinter}, base));
    c.passportReader = pr;
    c.fingerprintScanner = fs;
    c.receiptPrinter = rp;
    if (auto r = devices.rejectUnknown(); !r) return std::unexpected(r.error());

    if (auto r = top.rejectUnknown(); !r) return std::unexpected(r.error());
    if (c.simulator && c.memberList.seedFile.empty() && c.memberList.syncSource.empty())
        return top.error("member_list", "a seed_file or a sync_source is required in simulator mode");
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

#include "app/technician/console/kiosk_info.h"

#include <QJsonArray>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <system_error>

namespace kiosk::technician {
namespace {

QString path(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

QJsonArray strings(const std::vector<std::string>& values) {
    QJsonArray out;
    for (const auto& v : values) out.append(QString::fromStdString(v));
    return out;
}

QString driverName(config::UsbDriver driver) {
    switch (driver) {
    case config::UsbDriver::HidKeyboard: return QStringLiteral("hid-keyboard");
    case config::UsbDriver::CdcAcm: return QStringLiteral("cdc-acm");
    case config::UsbDriver::R30xCp210x: return QStringLiteral("r30x-cp210x");
    case config::UsbDriver::UsbPrinter: return QStringLiteral("usb-printer");
    }
    return QStringLiteral("?");
}

QString hex4(unsigned value) { return QStringLiteral("0x%1").arg(value, 4, 16, QLatin1Char('0')); }

// Only what is set: unset optionals are the driver's defaults and say nothing about this site.
QJsonValue device(const config::DeviceSettings& d) {
    if (d.source == config::DeviceSource::Simulated) return QStringLiteral("simulated");
    if (d.source == config::DeviceSource::SimulatedPage) return QStringLiteral("simulated_page");
    if (d.source == config::DeviceSource::Camera)
        return QJsonObject{{QStringLiteral("driver"), QStringLiteral("camera")},
                           {QStringLiteral("camera_source"), QString::fromStdString(d.cameraSource)}};
    const auto& u = d.usb;
    QJsonObject usb{{QStringLiteral("driver"), driverName(u.driver)},
                    {QStringLiteral("vendor_id"), hex4(u.vendorId)},
                    {QStringLiteral("product_id"), hex4(u.productId)}};
    if (!u.serial.empty()) usb[QStringLiteral("serial")] = QString::fromStdString(u.serial);
    if (!u.busPath.empty()) usb[QStringLiteral("bus_path")] = QString::fromStdString(u.busPath);
    const auto put = [&usb](const char* name, const auto& value) {
        if (value) usb[QLatin1String(name)] = static_cast<double>(*value);
    };
    put("interface", u.interfaceNumber);
    put("communications_interface", u.communicationsInterface);
    put("data_interface", u.dataInterface);
    put("in_endpoint", u.inEndpoint);
    put("out_endpoint", u.outEndpoint);
    put("idle_gap_ms", u.idleGapMs);
    put("baud", u.baud);
    put("data_bits", u.dataBits);
    put("parity", u.parity);
    put("stop_bits", u.stopBits);
    put("address", u.moduleAddress);
    put("capture_timeout_ms", u.captureTimeoutMs);
    put("finger_poll_ms", u.fingerPollMs);
    put("dpi", u.dpi);
    if (u.hasLed) usb[QStringLiteral("has_led")] = *u.hasLed;
    if (u.fullStatus) usb[QStringLiteral("full_status")] = *u.fullStatus;
    return QJsonObject{{QStringLiteral("usb"), usb}};
}

}  // namespace

QJsonObject configToJson(const config::KioskConfig& c) {
    QJsonObject o;
    o[QStringLiteral("source_file")] = path(c.sourceFile);
    o[QStringLiteral("kiosk_id")] = QString::fromStdString(c.kioskId);
    o[QStringLiteral("port_of_entry")] = QString::fromStdString(c.portOfEntry);
    o[QStringLiteral("mode")] = c.simulator ? QStringLiteral("simulator") : QStringLiteral("production");
    o[QStringLiteral("data_dir")] = path(c.dataDir);
    o[QStringLiteral("accepted_programs")] = strings(c.acceptedPrograms);
    o[QStringLiteral("customs_questions")] = strings(c.customsQuestions);
    o[QStringLiteral("random_referral_rate")] = c.randomReferralRate;
    o[QStringLiteral("idle_timeout_seconds")] = c.idleTimeoutSeconds;
    o[QStringLiteral("idle_warning_seconds")] = c.idleWarningSeconds;
    o[QStringLiteral("result_seconds")] = c.resultSeconds;
    o[QStringLiteral("member_list")] = QJsonObject{
        {QStringLiteral("seed_file"), path(c.memberList.seedFile)},
        {QStringLiteral("sync_source"), QString::fromStdString(c.memberList.syncSource)},
        {QStringLiteral("publisher_key_file"), path(c.memberList.publisherKeyFile)},
        {QStringLiteral("sync_interval_seconds"), c.memberList.syncIntervalSeconds},
        {QStringLiteral("max_age_hours"), c.memberList.maxAgeHours}};
    o[QStringLiteral("biometrics")] = QJsonObject{{QStringLiteral("false_match_rate"), c.biometrics.falseMatchRate},
                                                  {QStringLiteral("max_attempts"), c.biometrics.maxAttempts}};
    o[QStringLiteral("printer")] = QJsonObject{{QStringLiteral("dots_per_line"), c.printerDotsPerLine},
                                               {QStringLiteral("retract_after_seconds"), c.receiptRetractSeconds}};
    o[QStringLiteral("simulator")] = QJsonObject{{QStringLiteral("travelers_file"), path(c.simulation.travelersFile)}};
    o[QStringLiteral("audit")] = QJsonObject{{QStringLiteral("retention_days"), c.audit.retentionDays},
                                             {QStringLiteral("max_segment_megabytes"), c.audit.maxSegmentMegabytes}};
    o[QStringLiteral("technician")] = QJsonObject{{QStringLiteral("pin_file"), path(c.technician.pinFile)},
                                                  {QStringLiteral("idle_timeout_seconds"), c.technician.idleTimeoutSeconds},
                                                  {QStringLiteral("max_failed_pins"), c.technician.maxFailedPins}};
    o[QStringLiteral("calibration_dir")] = path(c.calibrationDir);
    o[QStringLiteral("devices")] = QJsonObject{{QStringLiteral("passport_reader"), device(c.passportReader)},
                                               {QStringLiteral("fingerprint_scanner"), device(c.fingerprintScanner)},
                                               {QStringLiteral("receipt_printer"), device(c.receiptPrinter)}};
    return o;
}

bool isSecretKey(const QString& key) {
    for (const char* word : {"key", "secret", "pin", "token"})
        if (key.contains(QLatin1String(word), Qt::CaseInsensitive)) return true;
    return false;
}

namespace {
QJsonValue maskValue(const QJsonValue& value);

QJsonArray maskArray(const QJsonArray& array) {
    QJsonArray out;
    for (const auto& v : array) out.append(maskValue(v));
    return out;
}

QJsonValue maskValue(const QJsonValue& value) {
    if (value.isObject()) return maskSecrets(value.toObject());
    if (value.isArray()) return maskArray(value.toArray());
    return value;
}
}  // namespace

QJsonObject maskSecrets(const QJsonObject& object) {
    QJsonObject out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out[it.key()] = isSecretKey(it.key()) ? QJsonValue(QStringLiteral("********")) : maskValue(it.value());
    return out;
}

std::optional<ResidentMemory> residentMemory() {
    std::ifstream status("/proc/self/status");
    if (!status) return std::nullopt;
    ResidentMemory memory;
    bool found = false;
    std::string line;
    while (std::getline(status, line)) {
        unsigned long long kib = 0;
        if (std::sscanf(line.c_str(), "RssAnon: %llu kB", &kib) == 1 || std::sscanf(line.c_str(), "RssShmem: %llu kB", &kib) == 1)
            memory.anonymous += std::uint64_t{kib} * 1024U, found = true;
        else if (std::sscanf(line.c_str(), "RssFile: %llu kB", &kib) == 1)
            memory.mappedFiles += std::uint64_t{kib} * 1024U, found = true;
    }
    if (!found) return std::nullopt;
    return memory;
}

std::optional<std::uint64_t> diskAvailableBytes(const std::filesystem::path& folder) {
    std::error_code ec;
    const auto space = std::filesystem::space(folder, ec);
    if (ec) return std::nullopt;
    return static_cast<std::uint64_t>(space.available);
}

QString formatBytes(std::uint64_t bytes) {
    const double b = static_cast<double>(bytes);
    if (b >= 1e9) return QStringLiteral("%1 GB").arg(b / 1e9, 0, 'f', 1);
    if (b >= 1e6) return QStringLiteral("%1 MB").arg(b / 1e6, 0, 'f', 0);
    if (b >= 1e3) return QStringLiteral("%1 kB").arg(b / 1e3, 0, 'f', 0);
    return QStringLiteral("%1 B").arg(bytes);
}

QString formatDuration(std::chrono::seconds span) {
    const auto s = std::max<std::int64_t>(0, span.count());
    const auto days = s / 86400, hours = (s % 86400) / 3600, minutes = (s % 3600) / 60;
    if (days > 0) return QStringLiteral("%1 d %2 h").arg(days).arg(hours);
    if (hours > 0) return QStringLiteral("%1 h %2 min").arg(hours).arg(minutes, 2, 10, QLatin1Char('0'));
    if (minutes > 0) return QStringLiteral("%1 min %2 s").arg(minutes).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(s);
}

}  // namespace kiosk::technician

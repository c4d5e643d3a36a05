#pragma once
// The site's configuration (kiosk-config/*.json), validated at start: a bad field stops the kiosk
// with a message that names the field and what was wrong.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error.h"

namespace kiosk::config {

// Simulated and Usb serve every role; the passport reader may also be an image reader: SimulatedPage
// (the simulator photographs the synthetic passport) or Camera (a UVC page camera, camera_source).
enum class DeviceSource { Simulated, Usb, SimulatedPage, Camera };

// The USB drivers the kiosk has (docs/devices.md), as kiosk-config names them.
enum class UsbDriver {
    HidKeyboard,  // "hid-keyboard": MRZ reader as a HID boot keyboard (passport_reader)
    CdcAcm,       // "cdc-acm": MRZ reader as a USB serial device (passport_reader)
    R30xCp210x,   // "r30x-cp210x": R30x fingerprint module behind a CP210x bridge (fingerprint_scanner)
    UsbPrinter,   // "usb-printer": USB printer class, ESC/POS status (receipt_printer)
};

// One USB device and its driver's settings. The configuration module knows no driver types (it
// depends on core only), so the per-driver settings are plain values; unset means the driver's own
// default (the Options structs in devices/), and app/device_factory.cpp maps them.
struct UsbDeviceSettings {
    UsbDriver driver = UsbDriver::HidKeyboard;
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::string serial;   // empty: any
    std::string busPath;  // "1-4.2"; empty: any

    std::optional<int> interfaceNumber;          // hid-keyboard, usb-printer: "interface"
    std::optional<int> communicationsInterface;  // cdc-acm
    std::optional<int> dataInterface;            // cdc-acm
    std::optional<std::uint8_t> inEndpoint;      // hid-keyboard: interrupt IN; cdc-acm, usb-printer: bulk IN
    std::optional<std::uint8_t> outEndpoint;     // usb-printer: bulk OUT
    std::optional<int> idleGapMs;                // hid-keyboard, cdc-acm: ends a document without line count
    std::optional<std::uint32_t> baud;           // cdc-acm (line coding), r30x-cp210x (module UART)
    std::optional<int> dataBits;                 // cdc-acm: 5, 6, 7, 8
    std::optional<int> parity;                   // cdc-acm: bParityType 0 none, 1 odd, 2 even
    std::optional<int> stopBits;                 // cdc-acm: bCharFormat 0 = 1 stop bit, 2 = 2
    std::optional<std::uint32_t> moduleAddress;  // r30x-cp210x
    std::optional<bool> hasLed;                  // r30x-cp210x
    std::optional<int> captureTimeoutMs;         // r30x-cp210x
    std::optional<int> fingerPollMs;             // r30x-cp210x
    std::optional<int> dpi;                      // r30x-cp210x
    std::optional<bool> fullStatus;              // usb-printer: answers DLE EOT 20
};

struct DeviceSettings {
    DeviceSource source = DeviceSource::Simulated;
    UsbDeviceSettings usb;  // when source == Usb
    // When source == Camera: a device index ("0"), a device path ("/dev/video0"), a stream URL, or a
    // recording (video file, image sequence "frames/%03d.png"; relative to the configuration file).
    std::string cameraSource;
};

struct BiometricSettings {
    double falseMatchRate = 1e-4;  // the threshold is stated as an FMR, converted by biometrics
    int maxAttempts = 3;           // captures per traveler before a mismatch is final
};

struct MemberListSettings {
    std::filesystem::path seedFile;  // simulator without a sync source: imported when empty, stale or older than the file
    std::string syncSource;          // a folder (a USB stick) or an http(s):// URL of signed bundles
    std::filesystem::path publisherKeyFile;  // the publisher's Ed25519 public key (hex), required with a source
    int syncIntervalSeconds = 900;
    int maxAgeHours = 24;            // past this without a sync every traveler is referred
};

struct SimulatorSettings {
    std::filesystem::path travelersFile;  // the synthetic world (assets/scenarios/travelers.json)
    std::string fingerprintPlaten = "ideal";  // "ideal", "worn", "dirty": what calibration has to fix
};

// The audit trail (app/audit): segment files in the data folder's audit/ folder.
struct AuditSettings {
    int retentionDays = 90;        // whole days' segments older than this are deleted (after export)
    int maxSegmentMegabytes = 64;  // a day's segment rolls over early past this size
};

// Technician access (app/technician): PIN hashes, lockout and the session's idle end.
struct TechnicianSettings {
    std::filesystem::path pinFile;  // empty: technician-pins.json in the data folder
    int idleTimeoutSeconds = 300;   // a technician session without a touch ends (and is audited)
    int maxFailedPins = 5;          // then the PIN prompt locks for a growing delay
};

struct KioskConfig {
    std::filesystem::path sourceFile;  // where it was read from; relative paths resolve against it
    std::string kioskId;
    std::string portOfEntry;
    bool simulator = false;
    std::filesystem::path dataDir;  // empty: the platform's per-user data folder
    std::vector<std::string> acceptedPrograms;
    MemberListSettings memberList;
    BiometricSettings biometrics;
    std::vector<std::string> customsQuestions;  // ids known to the app (kKnownCustomsQuestions)
    double randomReferralRate = 0.0;            // 0..1, share of cleared travelers sent to an officer
    int idleTimeoutSeconds = 45;   // without a touch, then the "need more time?" prompt
    int idleWarningSeconds = 20;   // the prompt's countdown before the transaction is wiped
    int resultSeconds = 10;
    int printerDotsPerLine = 576;
    int receiptRetractSeconds = 60;  // a receipt left in the presenter this long is pulled back; 0: never
    SimulatorSettings simulation;
    AuditSettings audit;
    TechnicianSettings technician;
    std::filesystem::path calibrationDir;  // device corrections; default kiosk-config/calibration/
    DeviceSettings passportReader;
    DeviceSettings fingerprintScanner;
    DeviceSettings receiptPrinter;
};

// Customs questions the kiosk can ask; each is declarable (a "yes" refers the traveler).
inline const std::vector<std::string> kKnownCustomsQuestions = {"food", "currency", "commercial",
                                                                "farm"};
// Programs the kiosk knows, as the member list names them.
inline const std::vector<std::string> kKnownPrograms = {"GLOBAL_ENTRY", "NEXUS", "SENTRI",
                                                        "KOREA_SES"};

[[nodiscard]] Result<KioskConfig> parseConfig(const std::string& json,
                                              const std::filesystem::path& sourceFile);
[[nodiscard]] Result<KioskConfig> loadConfig(const std::filesystem::path& file);

}  // namespace kiosk::config

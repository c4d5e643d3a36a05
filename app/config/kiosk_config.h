#pragma once
// The site's configuration (kiosk-config/*.json), validated at start: a bad field stops the kiosk
// with a message that names the field and what was wrong.
#include <filesystem>
#include <string>
#include <vector>

#include "app/core/error.h"

namespace kiosk::config {

enum class DeviceSource { Simulated };  // real USB drivers join with the devices issue

struct BiometricSettings {
    double falseMatchRate = 1e-4;  // the threshold is stated as an FMR, converted by biometrics
    int maxAttempts = 3;           // captures per traveler before a mismatch is final
};

struct MemberListSettings {
    std::filesystem::path seedFile;  // simulator only: imported when the cache is empty or stale
    int maxAgeHours = 24;            // past this without a sync every traveler is referred
};

struct SimulatorSettings {
    std::filesystem::path travelersFile;  // the synthetic world (assets/scenarios/travelers.json)
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
    SimulatorSettings simulation;
    DeviceSource passportReader = DeviceSource::Simulated;
    DeviceSource fingerprintScanner = DeviceSource::Simulated;
    DeviceSource receiptPrinter = DeviceSource::Simulated;
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

#pragma once
// Puts a kiosk together from its configuration: the data folder, the member cache (seeded from the
// demo member list in simulator mode), and the devices. Shared by the kiosk and its tests.
#include <QString>

#include <filesystem>
#include <functional>
#include <memory>

#include "app/config/kiosk_config.h"
#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::members {
class MemberCache;
}
namespace kiosk::receipt {
class ReceiptSigner;
}
namespace kiosk::members {
class SyncService;
}
namespace kiosk::sim {
class SyntheticWorld;
class SimulatedPassportReader;
class SimulatedFingerprintScanner;
class SimulatedReceiptPrinter;
}  // namespace kiosk::sim

namespace kiosk::app {

struct SimulatedDevices {
    std::shared_ptr<const sim::SyntheticWorld> world;
    std::shared_ptr<sim::SimulatedPassportReader> passportReader;
    std::shared_ptr<sim::SimulatedFingerprintScanner> fingerprintScanner;
    std::shared_ptr<sim::SimulatedReceiptPrinter> receiptPrinter;
};

// The data folder: --data-dir, else the configuration's data_dir, else the user's data folder.
// Created if missing. Refuses a folder inside the source tree (personal data never goes there).
[[nodiscard]] Result<std::filesystem::path> prepareDataDir(const config::KioskConfig& config,
                                                           const std::filesystem::path& override);

// Opens members.sqlite in the data folder with the deployment key kept beside it. In simulator
// mode an empty or stale cache is (re)filled from the demo member list, standing in for the sync
// service. Errors say why the kiosk must stay out of service.
[[nodiscard]] Result<std::shared_ptr<members::MemberCache>> openMemberCache(
    const config::KioskConfig& config, const std::filesystem::path& dataDir);

// The member list's sync service, polling member_list.sync_source on its own thread and connection;
// null when the configuration names no source.
[[nodiscard]] Result<std::unique_ptr<members::SyncService>> startMemberSync(const config::KioskConfig& config,
                                                                          const std::filesystem::path& dataDir);

// The kiosk's receipt-signing key (receipt-signing.key in the data folder, created on first start).
[[nodiscard]] Result<std::shared_ptr<const receipt::ReceiptSigner>> openReceiptSigner(
    const std::filesystem::path& dataDir);

// For a camera page reader: applies calibration_dir/passport-camera.cal (the passport camera
// wizard's correction) to each page before the OCR, re-read when a technician recalibrates. A damaged
// or unfitting file leaves pages uncorrected and raises a technician alert once per new problem.
[[nodiscard]] std::function<void(GreyImage&)> pageCorrectionFor(const config::KioskConfig& config);

[[nodiscard]] Result<SimulatedDevices> makeSimulatedDevices(const config::KioskConfig& config,
                                                            const std::filesystem::path& receiptsDir);

}  // namespace kiosk::app

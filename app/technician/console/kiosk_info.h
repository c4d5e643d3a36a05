#pragma once
// The kiosk page's facts: the configuration in force (secrets masked), disk, memory, uptime.
#include <QJsonObject>
#include <QString>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>

#include "app/config/kiosk_config.h"

namespace kiosk::technician {

// The configuration as the kiosk runs it (after validation and defaults), in kiosk-config's names.
[[nodiscard]] QJsonObject configToJson(const config::KioskConfig& config);

// Replaces the value of every key whose name contains "key", "secret", "pin" or "token" (any case,
// at any depth) by "********": a screen photographed by a passer-by must not leak one.
[[nodiscard]] QJsonObject maskSecrets(const QJsonObject& object);
[[nodiscard]] bool isSecretKey(const QString& key);

// This process's resident memory from /proc/self/status, in two parts: `anonymous` (RssAnon + RssShmem:
// heap, stacks, shared memory) is what the kiosk allocated; `mappedFiles` (RssFile) is pages of mapped
// files, i.e. the member list's memory map (docs/members.md) and the libraries, clean pages the kernel
// reclaims like page cache. VmRSS, their sum, would read 9 GB on a kiosk with 10 M members and send a
// technician after a leak that is not there. nullopt where there is no such file.
struct ResidentMemory {
    std::uint64_t anonymous = 0;
    std::uint64_t mappedFiles = 0;
};
[[nodiscard]] std::optional<ResidentMemory> residentMemory();
[[nodiscard]] std::optional<std::uint64_t> diskAvailableBytes(const std::filesystem::path& folder);

[[nodiscard]] QString formatBytes(std::uint64_t bytes);            // "1.2 GB", "350 MB"
[[nodiscard]] QString formatDuration(std::chrono::seconds span);   // "3 d 4 h", "2 h 05 min", "45 s"

}  // namespace kiosk::technician

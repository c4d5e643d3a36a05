#pragma once
// The per-deployment secret every member-cache key derives from. Whoever holds the cache file but
// not this key can neither find a traveler by passport nor open a template.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

#include "app/core/error.h"

namespace kiosk::members {

class DeploymentKey {
public:
    static constexpr std::size_t kSize = 32;

    // A fresh random key (libsodium's CSPRNG).
    [[nodiscard]] static DeploymentKey generate();
    [[nodiscard]] static DeploymentKey fromBytes(std::span<const std::uint8_t, kSize> bytes);

    DeploymentKey(const DeploymentKey&) = delete;
    DeploymentKey& operator=(const DeploymentKey&) = delete;
    // Moving leaves the source wiped and invalid.
    DeploymentKey(DeploymentKey&& other) noexcept;
    DeploymentKey& operator=(DeploymentKey&& other) noexcept;
    ~DeploymentKey();  // sodium_memzero

    [[nodiscard]] bool isValid() const { return valid_; }
    [[nodiscard]] std::span<const std::uint8_t, kSize> bytes() const { return bytes_; }

private:
    DeploymentKey() = default;
    void wipe() noexcept;

    std::array<std::uint8_t, kSize> bytes_{};
    bool valid_ = false;
};

// Reads a 32-byte key file; creates it (random, mode 0600, atomically: a concurrent creator wins and
// its key is read back) if absent. Rejects a file of any other size and one that group or others can
// access (as ssh does). Errors name the file, never show key bytes.
[[nodiscard]] kiosk::Result<DeploymentKey> loadOrCreateDeploymentKey(const std::filesystem::path& file);

}  // namespace kiosk::members

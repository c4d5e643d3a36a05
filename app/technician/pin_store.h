#pragma once
// Technician PINs as Argon2id hashes (libsodium's crypto_pwhash_str), with a lockout that survives
// a restart. Qt-free. Two files in one folder, both written atomically with mode 0600:
//   technician-pins.json     {"<technician id>": "$argon2id$v=19$m=...", ...}
//   technician-lockout.json  {"consecutive_failures": N, "locked_until_unix": T}
// The failure count is global, not per id: the attacker at the kiosk can try any id.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <variant>

#include "app/core/error.h"

namespace kiosk::technician {

using Clock = std::chrono::system_clock;

// How costly each hash is. Production uses Interactive (libsodium's OPSLIMIT/MEMLIMIT_INTERACTIVE:
// 2 passes over 64 MiB, about 0.1 s); Minimum (1 pass over 8 KiB) exists so tests stay fast.
enum class HashCost { Interactive, Minimum };

struct PinStoreOptions {
    int maxFailedPins = 5;                     // consecutive failures before the first lockout
    std::chrono::seconds firstLockout{30};     // then each further failure doubles it
    std::chrono::seconds maxLockout{3600};
    HashCost hashCost = HashCost::Interactive;
};

struct Accepted {};
struct Rejected {
    int attemptsLeft = 0;  // before the lockout starts
};
struct LockedOut {
    Clock::time_point until;
};
using VerifyOutcome = std::variant<Accepted, Rejected, LockedOut>;

struct LockoutState {
    int consecutiveFailures = 0;
    Clock::time_point lockedUntil{};  // epoch: not locked
};

class PinStore {
public:
    // pinFile: technician-pins.json (need not exist yet); the lockout file sits beside it. Creates
    // the folder when missing. A lockout file that cannot be read starts the kiosk locked
    // (fail closed) instead of forgetting the failures.
    [[nodiscard]] static Result<std::unique_ptr<PinStore>> open(const std::filesystem::path& pinFile,
                                                               PinStoreOptions options = {},
                                                               Clock::time_point now = Clock::now());

    // Checks the PIN rules and the id, hashes, and rewrites the PIN file. The caller wipes its copy
    // of the PIN (wipePin).
    [[nodiscard]] Result<void> setPin(std::string_view technicianId, std::string_view pin);

    // During a lockout refuses without looking at the PIN. An unknown id costs one hash, like a wrong
    // PIN, and gives the same Rejected. On success, a hash made with weaker parameters than
    // the current ones is replaced. Re-reads the PIN file each time, so `kioskctl technician
    // set-pin` takes effect without a restart.
    [[nodiscard]] Result<VerifyOutcome> verify(std::string_view technicianId, std::string_view pin,
                                               Clock::time_point now);

    [[nodiscard]] LockoutState lockoutState() const;
    [[nodiscard]] Result<bool> hasPin(std::string_view technicianId) const;

    [[nodiscard]] const std::filesystem::path& pinFile() const { return pinFile_; }
    [[nodiscard]] const std::filesystem::path& lockoutFile() const { return lockoutFile_; }

private:
    PinStore(std::filesystem::path pinFile, PinStoreOptions options);
    [[nodiscard]] Result<void> recordFailure(Clock::time_point now);
    [[nodiscard]] Result<void> saveLockout() const;
    [[nodiscard]] Clock::duration lockoutFor(int failures) const;

    std::filesystem::path pinFile_;
    std::filesystem::path lockoutFile_;
    PinStoreOptions options_;
    std::uint64_t opsLimit_ = 0;
    std::size_t memLimit_ = 0;
    std::string dummyHash_;  // verified against for unknown ids, so they take as long as known ones
    LockoutState lockout_;
    mutable std::mutex mutex_;
};

// Overwrites a PIN buffer (sodium_memzero: not optimised away) and empties it.
void wipePin(std::string& pin);

// The file names inside the data folder.
inline constexpr std::string_view kPinFileName = "technician-pins.json";
inline constexpr std::string_view kLockoutFileName = "technician-lockout.json";

}  // namespace kiosk::technician

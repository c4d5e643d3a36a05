#pragma once
// Per-device counters for the technician's overview: reads, misreads, captures, prints, print
// failures and retries, since the kiosk started and since local midnight. Plain C++ and thread-safe:
// the workflow counts from whichever thread sees the event, the console reads a snapshot.
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string_view>

namespace kiosk::technician {

enum class CountedDevice { PassportReader, FingerprintScanner, ReceiptPrinter };
enum class DeviceCounter { Reads, Misreads, Captures, Prints, PrintFailures, Retries };

inline constexpr std::size_t kCountedDevices = 3;
inline constexpr std::size_t kDeviceCounters = 6;

[[nodiscard]] std::string_view counterName(DeviceCounter counter);  // "reads", "print failures", ...

struct CounterSnapshot {
    using Table = std::array<std::array<std::uint64_t, kDeviceCounters>, kCountedDevices>;
    Table sinceStart{};
    Table today{};
    std::int64_t day = 0;  // the local day "today" counts, as days since 1970-01-01

    [[nodiscard]] std::uint64_t total(CountedDevice d, DeviceCounter c) const {
        return sinceStart[static_cast<std::size_t>(d)][static_cast<std::size_t>(c)];
    }
    [[nodiscard]] std::uint64_t ofToday(CountedDevice d, DeviceCounter c) const {
        return today[static_cast<std::size_t>(d)][static_cast<std::size_t>(c)];
    }
};

class DeviceCounters {
public:
    // The local day number now; injected so tests can cross midnight without waiting for it.
    using DayClock = std::function<std::int64_t()>;

    DeviceCounters();  // the system clock in the kiosk's local time zone
    explicit DeviceCounters(DayClock currentDay);

    void increment(CountedDevice device, DeviceCounter counter, std::uint64_t by = 1);
    // "Today" as of now: a new day starts from zero the first time anyone looks or counts.
    [[nodiscard]] CounterSnapshot snapshot() const;

    [[nodiscard]] static std::int64_t localDayNow();

private:
    void rollOverLocked(std::int64_t day) const;

    DayClock currentDay_;
    mutable std::mutex mutex_;
    mutable CounterSnapshot counts_;
};

}  // namespace kiosk::technician

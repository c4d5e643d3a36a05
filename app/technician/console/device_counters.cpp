#include "app/technician/console/device_counters.h"

#include <ctime>
#include <utility>

namespace kiosk::technician {

std::string_view counterName(DeviceCounter counter) {
    switch (counter) {
    case DeviceCounter::Reads: return "reads";
    case DeviceCounter::Misreads: return "misreads";
    case DeviceCounter::Captures: return "captures";
    case DeviceCounter::Prints: return "prints";
    case DeviceCounter::PrintFailures: return "print failures";
    case DeviceCounter::Retries: return "retries";
    }
    return "?";
}

std::int64_t DeviceCounters::localDayNow() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    // Days since the epoch of the local calendar date (tm_gmtoff moves UTC to local time).
    return static_cast<std::int64_t>((now + local.tm_gmtoff) / 86400);
}

DeviceCounters::DeviceCounters() : DeviceCounters(&DeviceCounters::localDayNow) {}

DeviceCounters::DeviceCounters(DayClock currentDay) : currentDay_(std::move(currentDay)) {
    counts_.day = currentDay_();
}

void DeviceCounters::rollOverLocked(std::int64_t day) const {
    if (day == counts_.day) return;
    // Any change of date starts a new "today", also a clock set back (a new day as far as anyone sees).
    counts_.today = {};
    counts_.day = day;
}

void DeviceCounters::increment(CountedDevice device, DeviceCounter counter, std::uint64_t by) {
    const std::int64_t day = currentDay_();
    std::lock_guard lock(mutex_);
    rollOverLocked(day);
    const auto d = static_cast<std::size_t>(device), c = static_cast<std::size_t>(counter);
    counts_.sinceStart[d][c] += by;
    counts_.today[d][c] += by;
}

CounterSnapshot DeviceCounters::snapshot() const {
    const std::int64_t day = currentDay_();
    std::lock_guard lock(mutex_);
    rollOverLocked(day);
    return counts_;
}

}  // namespace kiosk::technician

#pragma once
// What every driver reports about itself, for the out-of-service logic and the technician screen.
#include <string>

namespace kiosk::devices {

struct DeviceHealth {
    enum class State { Disconnected, Ready, Busy, Error };
    State state = State::Disconnected;
    std::string detail;  // "paper out", "no answer to handshake": never personal data

    [[nodiscard]] bool usable() const { return state == State::Ready || state == State::Busy; }
};

}  // namespace kiosk::devices

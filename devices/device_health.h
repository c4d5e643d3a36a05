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

// Who the device says it is, for the technician's overview; empty fields were not reported.
struct DeviceIdentity {
    std::string vendor;
    std::string model;
    std::string serial;
    std::string firmware;
    std::string connection;  // "USB 1-4.2 (0x2109:0x7638)", "simulated"
};

}  // namespace kiosk::devices

#include "devices/sim/simulated_passport_reader.h"

namespace kiosk::sim {

void SimulatedPassportReader::setReadHandler(ReadHandler handler) {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
}

devices::DeviceHealth SimulatedPassportReader::health() const {
    std::lock_guard lock(mutex_);
    if (!connected_) return {devices::DeviceHealth::State::Disconnected, "unplugged (simulated)"};
    return {devices::DeviceHealth::State::Ready, {}};
}

void SimulatedPassportReader::setConnected(bool connected) {
    std::lock_guard lock(mutex_);
    connected_ = connected;
}

bool SimulatedPassportReader::documentPresent() const {
    std::lock_guard lock(mutex_);
    return present_;
}

void SimulatedPassportReader::takeDocument() {
    std::lock_guard lock(mutex_);
    present_ = false;
}

void SimulatedPassportReader::present(std::vector<std::string> mrzLines) {
    {
        std::lock_guard lock(mutex_);
        present_ = connected_;
    }
    deliver(devices::PassportRead{std::move(mrzLines), std::nullopt});
}

void SimulatedPassportReader::presentUnreadable(const std::string& reason) {
    deliver(fail(Error::Code::Device, reason, name()));
}

void SimulatedPassportReader::deliver(Result<devices::PassportRead> read) {
    ReadHandler handler;
    {
        std::lock_guard lock(mutex_);
        if (!connected_) return;  // an unplugged reader reads nothing
        handler = handler_;
    }
    if (handler) handler(std::move(read));
}

}  // namespace kiosk::sim

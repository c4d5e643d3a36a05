#pragma once
// A passport reader the simulator (control panel, scenario player) presents documents to.
#include <mutex>

#include "devices/passport/passport_reader.h"

namespace kiosk::sim {

class SimulatedPassportReader final : public devices::PassportReader {
public:
    void setReadHandler(ReadHandler handler) override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "simulated passport reader"; }
    [[nodiscard]] devices::DeviceIdentity identity() const override {
        return {"Kiosk simulator", "simulated MRZ reader", "SIM-0001", "sim-1", "simulated"};
    }

    // The reader framed these lines; the handler runs on the caller's thread.
    void present(std::vector<std::string> mrzLines);
    // The reader saw a document but could not read it (no MRZ, glare).
    void presentUnreadable(const std::string& reason);
    void setConnected(bool connected);
    [[nodiscard]] bool documentPresent() const override;
    void takeDocument();  // the traveler picks the passport up

private:
    void deliver(Result<devices::PassportRead> read);

    mutable std::mutex mutex_;
    ReadHandler handler_;
    bool connected_ = true;
    bool present_ = false;
};

}  // namespace kiosk::sim

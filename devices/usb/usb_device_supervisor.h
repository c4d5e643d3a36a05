#pragma once
// Keeps one configured USB device in service for a driver. On its own thread it opens the device
// named by the selector, runs the driver's session on it until the session fails, reports health,
// and opens the device again when it comes back, so a driver recovers by itself after an unplug.
//
// Removal is noticed two ways: the session's transfers fail with NoDevice (always works), and a
// libusb hotplug "left" event (where the system delivers them). Arrival is noticed by the hotplug
// "arrived" event and, as a fallback, by trying to open the device every kReopenInterval; so
// recovery takes at most kReopenInterval plus the driver's set-up after the device is back.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "devices/device_health.h"
#include "devices/usb/usb_context.h"

namespace kiosk::usb {

class UsbDeviceSupervisor {
public:
    static constexpr Milliseconds kReopenInterval{400};
    static constexpr Milliseconds kRetryAfterError{300};

    // The session runs on the supervisor's thread with the opened device; it returns when the device
    // failed (the error says why) or when stopping() is true. It reports Ready itself once set up.
    using Session = std::function<Result<void>(UsbDevice&)>;

    UsbDeviceSupervisor(std::shared_ptr<UsbContext> context, UsbDeviceSelector selector, Session session);
    ~UsbDeviceSupervisor();  // stop()
    UsbDeviceSupervisor(const UsbDeviceSupervisor&) = delete;
    UsbDeviceSupervisor& operator=(const UsbDeviceSupervisor&) = delete;

    void start();
    void stop();  // cancels the transfer in flight and joins the thread

    [[nodiscard]] devices::DeviceHealth health() const;
    void setHealth(devices::DeviceHealth::State state, std::string detail = {});
    [[nodiscard]] bool stopping() const { return stopping_; }
    // Cancelled when stopping: pass it to every transfer of the session.
    [[nodiscard]] CancelToken& stopToken() { return stopToken_; }
    [[nodiscard]] const UsbDeviceSelector& selector() const { return selector_; }
    // Sleeps up to `d`, returning early (true) when stopping.
    bool sleepFor(Milliseconds d);
    // How many times the device was opened (1 after the first connection): tests watch recovery.
    [[nodiscard]] int connections() const { return connections_; }

private:
    void run();

    std::shared_ptr<UsbContext> context_;
    UsbDeviceSelector selector_;
    Session session_;
    CancelToken stopToken_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool arrivalSeen_ = false;
    devices::DeviceHealth health_;
    HotplugRegistration hotplug_;
    std::thread thread_;
};

}  // namespace kiosk::usb

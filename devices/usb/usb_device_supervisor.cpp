#include "devices/usb/usb_device_supervisor.h"

namespace kiosk::usb {

UsbDeviceSupervisor::UsbDeviceSupervisor(std::shared_ptr<UsbContext> context, UsbDeviceSelector selector,
                                         Session session)
    : context_(std::move(context)), selector_(std::move(selector)), session_(std::move(session)) {
    health_.detail = "not connected yet";
}

UsbDeviceSupervisor::~UsbDeviceSupervisor() { stop(); }

void UsbDeviceSupervisor::start() {
    if (thread_.joinable()) return;
    auto reg = context_->watch(selector_.vendorId, selector_.productId, [this](HotplugEvent e, const UsbDeviceInfo&) {
        if (e != HotplugEvent::Arrived) return;  // removals surface as NoDevice on the next transfer
        {
            std::lock_guard lock(mutex_);
            arrivalSeen_ = true;
        }
        wake_.notify_all();
    });
    if (reg) hotplug_ = std::move(*reg);  // without hotplug, reopening on a timer does the job
    thread_ = std::thread([this] { run(); });
}

void UsbDeviceSupervisor::stop() {
    stopping_ = true;
    stopToken_.cancel();
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    hotplug_ = HotplugRegistration();
}

devices::DeviceHealth UsbDeviceSupervisor::health() const {
    std::lock_guard lock(mutex_);
    return health_;
}

void UsbDeviceSupervisor::setHealth(devices::DeviceHealth::State state, std::string detail) {
    std::lock_guard lock(mutex_);
    health_.state = state;
    health_.detail = std::move(detail);
}

bool UsbDeviceSupervisor::sleepFor(Milliseconds d) {
    std::unique_lock lock(mutex_);
    return wake_.wait_for(lock, d, [this] { return stopping_.load(); });
}

void UsbDeviceSupervisor::run() {
    using State = devices::DeviceHealth::State;
    while (!stopping_) {
        auto device = context_->open(selector_);
        if (!device) {
            if (device.error().code == Error::Code::NotFound)
                setHealth(State::Disconnected, "not present (" + selector_.describe() + ")");
            else
                setHealth(State::Error, device.error().describe());
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kReopenInterval, [this] { return stopping_ || arrivalSeen_; });
            arrivalSeen_ = false;
            continue;
        }
        ++connections_;
        setHealth(State::Busy, "setting up");
        auto result = session_(*device);
        if (stopping_) break;
        if (!result) {
            if (isNoDevice(result.error()))
                setHealth(State::Disconnected, "unplugged (" + selector_.describe() + ")");
            else
                setHealth(State::Error, result.error().describe());
        }
        // Close the handle before waiting, so a replugged device can be opened afresh.
        { UsbDevice closing = std::move(*device); }
        sleepFor(kRetryAfterError);
    }
    setHealth(State::Disconnected, "stopped");
}

}  // namespace kiosk::usb

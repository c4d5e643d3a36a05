#pragma once
// RAII ownership of libusb: one UsbContext owns the libusb_context and the single thread that runs
// libusb's event loop (transfer completions, timeouts, hotplug). UsbDevice owns an open device
// handle and the interfaces it claimed. No libusb pointer leaves devices/usb: the public types
// hold opaque implementation objects only.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "devices/usb/usb_error.h"

namespace kiosk::usb {

// Which device to open, as kiosk-config names it. vendorId:productId is required; the serial
// number (iSerialNumber string) and the bus path ("1-4.2": bus, then the port chain) pick one of
// several identical devices.
struct UsbDeviceSelector {
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::string serial;   // empty: any
    std::string busPath;  // empty: any

    [[nodiscard]] std::string describe() const;  // "0483:5750 serial ABC at 1-4.2"
};

struct UsbDeviceInfo {
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    int bus = 0;
    int address = 0;
    std::string busPath;  // "1-4.2"
    std::string serial;   // filled when asked for and readable
    std::string product;  // iProduct string, same

    [[nodiscard]] std::string describe() const;  // "0483:5750 at 1-4.2 (bus 1 address 7)"
};

// A CancelToken lets another thread abort the transfer a driver is waiting on (the traveler walked
// away, the driver is being stopped). cancel() is sticky until reset().
class CancelToken {
public:
    void cancel();
    void reset();
    [[nodiscard]] bool cancelled() const;

    // For devices/usb only: the transfer in flight registers how to cancel it.
    void arm(std::function<void()> canceller);
    void disarm();

private:
    mutable std::mutex mutex_;
    bool cancelled_ = false;
    std::function<void()> canceller_;
};

// The 8 bytes of a USB SETUP packet except wLength, which the transfer functions derive
// (USB 2.0 specification, 9.3).
struct ControlSetup {
    std::uint8_t requestType = 0;  // bmRequestType
    std::uint8_t request = 0;      // bRequest
    std::uint16_t value = 0;       // wValue
    std::uint16_t index = 0;       // wIndex
};

using Milliseconds = std::chrono::milliseconds;

class UsbContext;

class UsbDevice {
public:
    UsbDevice(UsbDevice&&) noexcept;
    UsbDevice& operator=(UsbDevice&&) noexcept;
    UsbDevice(const UsbDevice&) = delete;
    UsbDevice& operator=(const UsbDevice&) = delete;
    ~UsbDevice();  // releases claimed interfaces, gives detached interfaces back to their kernel driver

    [[nodiscard]] const UsbDeviceInfo& info() const;

    // Claims an interface; if a kernel driver (usbhid, usblp, cp210x, cdc_acm) holds it, detaches that
    // driver first and reattaches it when the interface is released. Returns whether one was detached.
    [[nodiscard]] Result<bool> claimInterface(int interfaceNumber);
    [[nodiscard]] Result<void> releaseInterface(int interfaceNumber);

    [[nodiscard]] Result<std::vector<std::uint8_t>> controlIn(ControlSetup setup, std::uint16_t length,
                                                              Milliseconds timeout, CancelToken* cancel = nullptr);
    [[nodiscard]] Result<void> controlOut(ControlSetup setup, std::span<const std::uint8_t> data,
                                          Milliseconds timeout, CancelToken* cancel = nullptr);
    [[nodiscard]] Result<std::vector<std::uint8_t>> bulkIn(std::uint8_t endpoint, std::size_t maxLength,
                                                           Milliseconds timeout, CancelToken* cancel = nullptr);
    // Sends everything or fails; a short write is an error.
    [[nodiscard]] Result<void> bulkOut(std::uint8_t endpoint, std::span<const std::uint8_t> data,
                                       Milliseconds timeout, CancelToken* cancel = nullptr);
    [[nodiscard]] Result<std::vector<std::uint8_t>> interruptIn(std::uint8_t endpoint, std::size_t maxLength,
                                                                Milliseconds timeout, CancelToken* cancel = nullptr);
    [[nodiscard]] Result<void> clearHalt(std::uint8_t endpoint);
    [[nodiscard]] Result<std::string> stringDescriptor(std::uint8_t index, Milliseconds timeout);

    struct Impl;

private:
    friend class UsbContext;
    explicit UsbDevice(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// Unregisters its hotplug callback when destroyed.
class HotplugRegistration {
public:
    HotplugRegistration();
    HotplugRegistration(HotplugRegistration&&) noexcept;
    HotplugRegistration& operator=(HotplugRegistration&&) noexcept;
    HotplugRegistration(const HotplugRegistration&) = delete;
    HotplugRegistration& operator=(const HotplugRegistration&) = delete;
    ~HotplugRegistration();

    struct Impl;

private:
    friend class UsbContext;
    explicit HotplugRegistration(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

enum class HotplugEvent { Arrived, Left };

class UsbContext {
public:
    // libusb_init and the event thread. Shared: every UsbDevice and registration keeps it alive.
    [[nodiscard]] static Result<std::shared_ptr<UsbContext>> create();
    ~UsbContext();  // stops the event thread, libusb_exit
    UsbContext(const UsbContext&) = delete;
    UsbContext& operator=(const UsbContext&) = delete;

    // Devices present now. With readStrings, opens each device briefly to read serial and product.
    [[nodiscard]] Result<std::vector<UsbDeviceInfo>> list(bool readStrings = false);
    // The first present device that matches; NotFound when none.
    [[nodiscard]] Result<UsbDevice> open(const UsbDeviceSelector& selector);

    [[nodiscard]] bool hasHotplug() const;
    // The handler runs on the event thread: it must return quickly and must not do I/O (wake a driver
    // thread instead). Fails with Unsupported where libusb has no hotplug support.
    using HotplugHandler = std::function<void(HotplugEvent, const UsbDeviceInfo&)>;
    [[nodiscard]] Result<HotplugRegistration> watch(std::uint16_t vendorId, std::uint16_t productId,
                                                    HotplugHandler handler);

    struct Impl;

private:
    UsbContext();
    std::shared_ptr<Impl> impl_;
};

}  // namespace kiosk::usb

#pragma once
// The device side of a USB device, for emulation: descriptors, kernel driver bindings and answers
// to control, bulk and interrupt transfers. Pure C++ (no libusb, no GLib): the umockdev bus
// (umockdev_usb_bus.h) plays it to real libusb in tests and in the simulator's --emulated-usb mode.
// Models are called from the emulation thread and from the test or simulator thread (to present a
// document, place a finger, inject a fault): every model guards its state with its own mutex.
#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace kiosk::sim::usb {

struct SetupPacket {
    std::uint8_t requestType = 0;
    std::uint8_t request = 0;
    std::uint16_t value = 0;
    std::uint16_t index = 0;
    std::uint16_t length = 0;
};

struct ControlReply {
    bool stall = false;
    std::vector<std::uint8_t> data;  // IN: the answer (cut to wLength by the bus)
    static ControlReply ok(std::vector<std::uint8_t> d = {}) { return {false, std::move(d)}; }
    static ControlReply stalled() { return {true, {}}; }
};

struct InReply {
    enum class Kind { Data, Nak, Stall };
    Kind kind = Kind::Nak;
    std::vector<std::uint8_t> data;
    static InReply nak() { return {Kind::Nak, {}}; }
    static InReply stall() { return {Kind::Stall, {}}; }
    static InReply bytes(std::vector<std::uint8_t> d) { return {Kind::Data, std::move(d)}; }
};

struct EndpointDescription {
    std::uint8_t address = 0;     // bit 7 = IN
    std::uint8_t attributes = 2;  // 2 bulk, 3 interrupt
    std::uint16_t maxPacketSize = 64;
    std::uint8_t interval = 0;
};

struct InterfaceDescription {
    std::uint8_t number = 0;
    std::uint8_t interfaceClass = 0;
    std::uint8_t subClass = 0;
    std::uint8_t protocol = 0;
    std::vector<std::uint8_t> classDescriptors;  // e.g. the HID descriptor, CDC functional descriptors
    std::vector<EndpointDescription> endpoints;
    std::string kernelDriver;  // "usbhid", "cdc_acm", "cp210x", "usblp": bound until detached
};

struct DeviceDescription {
    std::uint16_t vendorId = 0;
    std::uint16_t productId = 0;
    std::uint8_t deviceClass = 0;
    std::string manufacturer;
    std::string product;
    std::string serial;
    std::vector<InterfaceDescription> interfaces;
};

// Device descriptor followed by the configuration descriptor with all its interfaces and endpoints,
// as Linux exposes them in sysfs "descriptors" (USB 2.0, 9.6.1-9.6.6).
[[nodiscard]] std::vector<std::uint8_t> buildDescriptors(const DeviceDescription& device);

class UsbDeviceModel {
public:
    virtual ~UsbDeviceModel() = default;

    [[nodiscard]] virtual const DeviceDescription& description() const = 0;
    // Standard requests (GET_DESCRIPTOR for strings, SET_CONFIGURATION...) are answered here; the rest
    // goes to classControl.
    [[nodiscard]] ControlReply control(const SetupPacket& setup, std::span<const std::uint8_t> dataOut);
    // OUT data on a bulk or interrupt endpoint; false stalls it.
    [[nodiscard]] virtual bool out(std::uint8_t endpoint, std::span<const std::uint8_t> data) = 0;
    // An IN token on a bulk or interrupt endpoint: data, NAK (nothing yet) or STALL.
    [[nodiscard]] virtual InReply in(std::uint8_t endpoint, std::size_t maxLength) = 0;

protected:
    [[nodiscard]] virtual ControlReply classControl(const SetupPacket& setup, std::span<const std::uint8_t> dataOut) = 0;
};

}  // namespace kiosk::sim::usb

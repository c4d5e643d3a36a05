#pragma once
// Emulated USB devices for real libusb, through umockdev: a testbed holds each device's sysfs entry
// (descriptors, busnum, devnum) and an ioctl handler on its /dev/bus/usb/BBB/DDD node answers the
// usbdevfs ioctls (SUBMITURB, REAPURBNDELAY, DISCARDURB, CLAIMINTERFACE, GETDRIVER, IOCTL...) from a
// UsbDeviceModel. Drivers run unmodified: libusb enumerates, opens, claims and transfers as on
// hardware. Unplugging fails the URBs in flight with ESHUTDOWN, answers ENODEV from then on and
// sends a "remove" uevent (libusb's udev hotplug monitor sees it); replugging sends "add".
//
// The process must run with libumockdev-preload (umockdev-wrapper, or reexecUnderPreload()).
// GLib and umockdev stay inside umockdev_usb_bus.cpp.
#include <memory>
#include <string>

#include "app/core/error.h"
#include "devices/sim/usb/usb_device_model.h"

namespace kiosk::sim::usb {

class UmockdevUsbBus {
public:
    // Whether libumockdev-preload is loaded into this process.
    [[nodiscard]] static bool preloadActive();
    // Re-executes this program with LD_PRELOAD=libumockdev-preload.so.0 unless it is already loaded
    // (or a previous re-exec failed to load it). Returns only when no re-exec happened.
    static void reexecUnderPreload(char** argv);

    // A fresh testbed; fails (Unsupported) without the preload library. Create it before the
    // UsbContext: libusb reads the testbed's sysfs when it starts.
    [[nodiscard]] static Result<std::unique_ptr<UmockdevUsbBus>> create();
    ~UmockdevUsbBus();
    UmockdevUsbBus(const UmockdevUsbBus&) = delete;
    UmockdevUsbBus& operator=(const UmockdevUsbBus&) = delete;

    // Plugs the model into bus 1, port n+1 (n = devices added before), address n+2. Returns its id.
    [[nodiscard]] Result<int> add(std::shared_ptr<UsbDeviceModel> model);
    void unplug(int id);
    void replug(int id);
    [[nodiscard]] std::string busPath(int id) const;  // "1-2"

    struct Impl;

private:
    UmockdevUsbBus();
    std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::sim::usb

#include "devices/sim/usb/umockdev_usb_bus.h"

#include <umockdev.h>

#include <linux/usbdevice_fs.h>
#include <dlfcn.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <list>
#include <mutex>

namespace kiosk::sim::usb {

namespace {

// One URB submitted by libusb and not yet reaped. `urb` is umockdev's local copy of the client's
// struct usbdevfs_urb (its buffer resolved as a child); writing it and handing it back on REAPURB
// copies the changes into libusb's memory.
struct Urb {
    UMockdevIoctlData* data = nullptr;  // a reference we own
    bool done = false;                  // answer ready (OUT, control, discarded)
};

usbdevfs_urb* urbOf(UMockdevIoctlData* d) { return reinterpret_cast<usbdevfs_urb*>(d->data); }

struct Device {
    std::shared_ptr<UsbDeviceModel> model;
    std::string sysfsPath;  // "/sys/devices/usb1/1-2"
    std::string devnode;    // "/dev/bus/usb/001/002"
    std::string busPath;    // "1-2"
    UMockdevIoctlBase* handler = nullptr;
    std::mutex mutex;
    bool present = true;
    std::list<Urb> urbs;
    std::vector<bool> detached;  // per interface: the kernel driver was disconnected
};

void release(Urb& u) {
    if (u.data) umockdev_ioctl_data_unref(u.data);
    u.data = nullptr;
}

std::uint32_t capabilities() {
    return USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM | USBDEVFS_CAP_REAP_AFTER_DISCONNECT |
           USBDEVFS_CAP_ZERO_PACKET;
}

// Works out the answer to a control URB at submission (control transfers answer at once).
void answerControl(Device& dev, usbdevfs_urb* urb) {
    auto* buf = static_cast<std::uint8_t*>(urb->buffer);
    if (urb->buffer_length < 8) {
        urb->status = -EINVAL;
        return;
    }
    SetupPacket s;
    s.requestType = buf[0];
    s.request = buf[1];
    s.value = static_cast<std::uint16_t>(buf[2] | buf[3] << 8);
    s.index = static_cast<std::uint16_t>(buf[4] | buf[5] << 8);
    s.length = static_cast<std::uint16_t>(buf[6] | buf[7] << 8);
    const std::size_t room = static_cast<std::size_t>(urb->buffer_length) - 8;
    const bool in = (s.requestType & 0x80) != 0;
    std::span<const std::uint8_t> out;
    if (!in) out = {buf + 8, std::min<std::size_t>(room, s.length)};
    ControlReply reply = dev.model->control(s, out);
    if (reply.stall) {
        urb->status = -EPIPE;
        urb->actual_length = 0;
        return;
    }
    urb->status = 0;
    if (in) {
        const std::size_t n = std::min({reply.data.size(), room, static_cast<std::size_t>(s.length)});
        std::memcpy(buf + 8, reply.data.data(), n);
        urb->actual_length = static_cast<int>(n);
    } else {
        urb->actual_length = static_cast<int>(out.size());
    }
}

gboolean onIoctl(UMockdevIoctlBase*, UMockdevIoctlClient* client, gpointer userData) {
    auto& dev = *static_cast<Device*>(userData);
    const gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData* arg = umockdev_ioctl_client_get_arg(client);
    std::lock_guard lock(dev.mutex);

    auto reapOne = [&](std::list<Urb>::iterator it) {
        UMockdevIoctlData* ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(void*), nullptr);
        umockdev_ioctl_data_set_ptr(ptr, 0, it->data);
        umockdev_ioctl_data_unref(ptr);
        release(*it);
        dev.urbs.erase(it);
        umockdev_ioctl_client_complete(client, 0, 0);
    };

    if (!dev.present) {
        if ((request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY) && !dev.urbs.empty()) {
            // The kernel completes the URBs of a vanished device with -ESHUTDOWN (REAP_AFTER_DISCONNECT).
            auto it = dev.urbs.begin();
            urbOf(it->data)->status = -ESHUTDOWN;
            urbOf(it->data)->actual_length = 0;
            reapOne(it);
            return TRUE;
        }
        if (request == USBDEVFS_GET_CAPABILITIES) {
            UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(std::uint32_t), nullptr);
            *reinterpret_cast<std::uint32_t*>(d->data) = capabilities();
            umockdev_ioctl_data_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        umockdev_ioctl_client_complete(client, -1, ENODEV);
        return TRUE;
    }

    switch (request) {
        case USBDEVFS_GET_CAPABILITIES: {
            UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(std::uint32_t), nullptr);
            *reinterpret_cast<std::uint32_t*>(d->data) = capabilities();
            umockdev_ioctl_data_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_CLAIMINTERFACE:
        case USBDEVFS_RELEASEINTERFACE:
        case USBDEVFS_SETINTERFACE:
        case USBDEVFS_SETCONFIGURATION:
        case USBDEVFS_CLEAR_HALT:
        case USBDEVFS_RESET:
        case USBDEVFS_RESETEP:
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        case USBDEVFS_GETDRIVER: {
            UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), nullptr);
            auto* g = reinterpret_cast<usbdevfs_getdriver*>(d->data);
            const auto& ifaces = dev.model->description().interfaces;
            std::string driver;
            for (const auto& i : ifaces)
                if (i.number == g->interface && !(g->interface < dev.detached.size() && dev.detached[g->interface]))
                    driver = i.kernelDriver;
            if (driver.empty()) {
                umockdev_ioctl_data_unref(d);
                umockdev_ioctl_client_complete(client, -1, ENODATA);
                return TRUE;
            }
            std::snprintf(g->driver, sizeof g->driver, "%s", driver.c_str());
            umockdev_ioctl_data_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_IOCTL: {
            UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_ioctl), nullptr);
            auto* c = reinterpret_cast<usbdevfs_ioctl*>(d->data);
            const auto ifno = static_cast<std::size_t>(c->ifno);
            if (dev.detached.size() <= ifno) dev.detached.resize(ifno + 1, false);
            if (static_cast<unsigned long>(c->ioctl_code) == USBDEVFS_DISCONNECT) dev.detached[ifno] = true;
            if (static_cast<unsigned long>(c->ioctl_code) == USBDEVFS_CONNECT) dev.detached[ifno] = false;
            umockdev_ioctl_data_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_DISCONNECT_CLAIM: {
            UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_disconnect_claim), nullptr);
            const auto ifno = reinterpret_cast<usbdevfs_disconnect_claim*>(d->data)->interface;
            if (dev.detached.size() <= ifno) dev.detached.resize(ifno + 1, false);
            dev.detached[ifno] = true;
            umockdev_ioctl_data_unref(d);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_SUBMITURB: {
            UMockdevIoctlData* urbData = umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_urb), nullptr);
            usbdevfs_urb* urb = urbOf(urbData);
            UMockdevIoctlData* buffer = umockdev_ioctl_data_resolve(
                urbData, offsetof(usbdevfs_urb, buffer), static_cast<gsize>(urb->buffer_length), nullptr);
            Urb u{umockdev_ioctl_data_ref(urbData), false};
            if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
                answerControl(dev, urb);
                u.done = true;
            } else if ((urb->endpoint & 0x80) == 0) {
                std::span<const std::uint8_t> bytes(static_cast<std::uint8_t*>(urb->buffer),
                                                    static_cast<std::size_t>(urb->buffer_length));
                const bool ok = dev.model->out(urb->endpoint, bytes);
                urb->status = ok ? 0 : -EPIPE;
                urb->actual_length = ok ? urb->buffer_length : 0;
                u.done = true;
            }
            dev.urbs.push_back(u);
            if (buffer) umockdev_ioctl_data_unref(buffer);
            umockdev_ioctl_data_unref(urbData);
            umockdev_ioctl_client_complete(client, 0, 0);
            return TRUE;
        }
        case USBDEVFS_REAPURB:
        case USBDEVFS_REAPURBNDELAY: {
            std::vector<std::uint8_t> askedEndpoints;
            for (auto it = dev.urbs.begin(); it != dev.urbs.end(); ++it) {
                usbdevfs_urb* urb = urbOf(it->data);
                if (!it->done) {
                    // An IN URB: one IN token per endpoint per reap, oldest URB first.
                    if (std::find(askedEndpoints.begin(), askedEndpoints.end(), urb->endpoint) != askedEndpoints.end())
                        continue;
                    askedEndpoints.push_back(urb->endpoint);
                    InReply r = dev.model->in(urb->endpoint, static_cast<std::size_t>(urb->buffer_length));
                    if (r.kind == InReply::Kind::Nak) continue;
                    if (r.kind == InReply::Kind::Stall) {
                        urb->status = -EPIPE;
                        urb->actual_length = 0;
                    } else {
                        const std::size_t n = std::min(r.data.size(), static_cast<std::size_t>(urb->buffer_length));
                        std::memcpy(urb->buffer, r.data.data(), n);
                        urb->status = 0;
                        urb->actual_length = static_cast<int>(n);
                    }
                }
                reapOne(it);
                return TRUE;
            }
            umockdev_ioctl_client_complete(client, -1, EAGAIN);
            return TRUE;
        }
        case USBDEVFS_DISCARDURB: {
            const auto address = *reinterpret_cast<gulong*>(arg->data);
            for (auto& u : dev.urbs) {
                if (u.data->client_addr != address) continue;
                urbOf(u.data)->status = -ENOENT;
                urbOf(u.data)->actual_length = 0;
                u.done = true;
                umockdev_ioctl_client_complete(client, 0, 0);
                return TRUE;
            }
            umockdev_ioctl_client_complete(client, -1, EINVAL);
            return TRUE;
        }
        default:
            umockdev_ioctl_client_complete(client, -1, ENOTTY);
            return TRUE;
    }
}

std::string hexString(const std::vector<std::uint8_t>& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s;
    for (auto b : bytes) {
        s += kHex[b >> 4];
        s += kHex[b & 0xF];
    }
    return s;
}

}  // namespace

struct UmockdevUsbBus::Impl {
    UMockdevTestbed* testbed = nullptr;
    std::vector<std::unique_ptr<Device>> devices;

    ~Impl() {
        for (auto& d : devices) {
            if (d->handler) {
                umockdev_testbed_detach_ioctl(testbed, d->devnode.c_str(), nullptr);
            }
        }
        for (auto& d : devices) {
            std::lock_guard lock(d->mutex);
            for (auto& u : d->urbs) release(u);
            d->urbs.clear();
        }
        if (testbed) g_object_unref(testbed);
        for (auto& d : devices)
            if (d->handler) g_object_unref(d->handler);
    }
};

UmockdevUsbBus::UmockdevUsbBus() : impl_(std::make_unique<Impl>()) {}
UmockdevUsbBus::~UmockdevUsbBus() = default;

bool UmockdevUsbBus::preloadActive() {
    // umockdev_in_mock_environment() only turns true once a testbed exists; ask the loader instead.
    void* preload = dlopen("libumockdev-preload.so.0", RTLD_NOW | RTLD_NOLOAD);
    if (!preload) return false;
    dlclose(preload);
    return true;
}

void UmockdevUsbBus::reexecUnderPreload(char** argv) {
    if (preloadActive() || std::getenv("KIOSK_UMOCKDEV_REEXEC")) return;
    std::string preload = "libumockdev-preload.so.0";
    if (const char* existing = std::getenv("LD_PRELOAD"); existing && *existing) preload += std::string(":") + existing;
    setenv("LD_PRELOAD", preload.c_str(), 1);
    setenv("KIOSK_UMOCKDEV_REEXEC", "1", 1);
    execv("/proc/self/exe", argv);
    std::perror("re-exec under libumockdev-preload");
}

Result<std::unique_ptr<UmockdevUsbBus>> UmockdevUsbBus::create() {
    if (!preloadActive())
        return fail(Error::Code::Unsupported,
                    "umockdev's preload library is not loaded (run under umockdev-wrapper)", "emulated USB");
    std::unique_ptr<UmockdevUsbBus> bus(new UmockdevUsbBus());
    bus->impl_->testbed = umockdev_testbed_new();
    if (!bus->impl_->testbed) return fail(Error::Code::Internal, "umockdev testbed could not be created", "emulated USB");
    return bus;
}

Result<int> UmockdevUsbBus::add(std::shared_ptr<UsbDeviceModel> model) {
    const int n = static_cast<int>(impl_->devices.size());
    const int port = n + 1;
    const int address = n + 2;
    auto dev = std::make_unique<Device>();
    dev->model = std::move(model);
    char devnode[64];
    std::snprintf(devnode, sizeof devnode, "/dev/bus/usb/001/%03d", address);
    dev->devnode = devnode;
    dev->busPath = "1-" + std::to_string(port);
    dev->sysfsPath = "/sys/devices/usb1/" + dev->busPath;

    // Attach the handler first, so the device answers as soon as libusb sees it.
    dev->handler = umockdev_ioctl_base_new();
    g_signal_connect_data(dev->handler, "handle-ioctl", reinterpret_cast<GCallback>(&onIoctl), dev.get(), nullptr,
                          G_CONNECT_AFTER);
    GError* error = nullptr;
    if (!umockdev_testbed_attach_ioctl(impl_->testbed, dev->devnode.c_str(), dev->handler, &error)) {
        std::string why = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return fail(Error::Code::Internal, "cannot attach the ioctl handler: " + why, dev->devnode);
    }
    const auto& d = dev->model->description();
    char text[4096];
    std::snprintf(text, sizeof text,
                  "P: /devices/usb1/%s\n"
                  "N: bus/usb/001/%03d\n"
                  "E: SUBSYSTEM=usb\n"
                  "E: DEVTYPE=usb_device\n"
                  "E: DRIVER=usb\n"
                  "E: BUSNUM=001\n"
                  "E: DEVNUM=%03d\n"
                  "E: DEVNAME=/dev/bus/usb/001/%03d\n"
                  "E: PRODUCT=%x/%x/100\n"
                  "A: busnum=1\\n\n"
                  "A: devnum=%d\\n\n"
                  "A: bConfigurationValue=1\\n\n"
                  "A: speed=12\\n\n"
                  "A: idVendor=%04x\\n\n"
                  "A: idProduct=%04x\\n\n"
                  "A: serial=%s\\n\n"
                  "H: descriptors=%s\n",
                  dev->busPath.c_str(), address, address, address, d.vendorId, d.productId, address, d.vendorId,
                  d.productId, d.serial.c_str(), hexString(buildDescriptors(d)).c_str());
    if (!umockdev_testbed_add_from_string(impl_->testbed, text, &error)) {
        std::string why = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return fail(Error::Code::Internal, "cannot add the emulated device: " + why, dev->devnode);
    }
    impl_->devices.push_back(std::move(dev));
    return n;
}

void UmockdevUsbBus::unplug(int id) {
    auto& dev = *impl_->devices.at(static_cast<std::size_t>(id));
    {
        std::lock_guard lock(dev.mutex);
        dev.present = false;
        dev.detached.clear();
    }
    umockdev_testbed_uevent(impl_->testbed, dev.sysfsPath.c_str(), "remove");
}

void UmockdevUsbBus::replug(int id) {
    auto& dev = *impl_->devices.at(static_cast<std::size_t>(id));
    {
        std::lock_guard lock(dev.mutex);
        for (auto& u : dev.urbs) release(u);
        dev.urbs.clear();
        dev.present = true;
    }
    umockdev_testbed_uevent(impl_->testbed, dev.sysfsPath.c_str(), "add");
}

std::string UmockdevUsbBus::busPath(int id) const { return impl_->devices.at(static_cast<std::size_t>(id))->busPath; }

}  // namespace kiosk::sim::usb

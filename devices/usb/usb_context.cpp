#include "devices/usb/usb_context.h"

#include <libusb.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <optional>
#include <thread>

namespace kiosk::usb {

// ---------------------------------------------------------------------------------------------
// Owners of the libusb handles: stateless deleters, never handed out.

namespace {

struct ContextDeleter {
    void operator()(libusb_context* c) const { libusb_exit(c); }
};
struct HandleDeleter {
    void operator()(libusb_device_handle* h) const { libusb_close(h); }
};
struct DeviceListDeleter {
    void operator()(libusb_device** list) const { libusb_free_device_list(list, 1); }
};

std::string hex4(std::uint16_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(v));
    return buf;
}

UsbDeviceInfo describeDevice(libusb_device* dev) {
    UsbDeviceInfo info;
    libusb_device_descriptor desc{};
    if (libusb_get_device_descriptor(dev, &desc) == 0) {
        info.vendorId = desc.idVendor;
        info.productId = desc.idProduct;
    }
    info.bus = libusb_get_bus_number(dev);
    info.address = libusb_get_device_address(dev);
    std::uint8_t ports[8];
    const int n = libusb_get_port_numbers(dev, ports, sizeof ports);
    info.busPath = std::to_string(info.bus);
    for (int i = 0; i < n; ++i) info.busPath += (i == 0 ? "-" : ".") + std::to_string(ports[i]);
    return info;
}

std::string readString(libusb_device_handle* h, std::uint8_t index) {
    if (index == 0) return {};
    unsigned char buf[256];
    const int n = libusb_get_string_descriptor_ascii(h, index, buf, sizeof buf);
    if (n <= 0) return {};
    return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace

std::string UsbDeviceSelector::describe() const {
    std::string s = hex4(vendorId) + ":" + hex4(productId);
    if (!serial.empty()) s += " serial " + serial;
    if (!busPath.empty()) s += " at " + busPath;
    return s;
}

std::string UsbDeviceInfo::describe() const {
    return hex4(vendorId) + ":" + hex4(productId) + " at " + busPath + " (bus " + std::to_string(bus) +
           " address " + std::to_string(address) + ")";
}

// ---------------------------------------------------------------------------------------------
// CancelToken

void CancelToken::cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    if (canceller_) canceller_();
}
void CancelToken::reset() {
    std::lock_guard lock(mutex_);
    cancelled_ = false;
}
bool CancelToken::cancelled() const {
    std::lock_guard lock(mutex_);
    return cancelled_;
}
void CancelToken::arm(std::function<void()> canceller) {
    std::lock_guard lock(mutex_);
    canceller_ = std::move(canceller);
    if (cancelled_) canceller_();
}
void CancelToken::disarm() {
    std::lock_guard lock(mutex_);
    canceller_ = nullptr;
}

// ---------------------------------------------------------------------------------------------
// The context and its single event thread.

struct HotplugSlot {
    std::mutex mutex;
    UsbContext::HotplugHandler handler;
};

struct UsbContext::Impl {
    std::unique_ptr<libusb_context, ContextDeleter> ctx;
    std::atomic<bool> stop{false};
    std::thread events;
    std::mutex slotsMutex;
    std::vector<std::shared_ptr<HotplugSlot>> slots;  // live until libusb_exit: callbacks may still run

    ~Impl() {
        if (events.joinable()) {
            stop = true;
            libusb_interrupt_event_handler(ctx.get());
            events.join();
        }
    }
};

UsbContext::UsbContext() : impl_(std::make_shared<Impl>()) {}
UsbContext::~UsbContext() = default;

Result<std::shared_ptr<UsbContext>> UsbContext::create() {
    libusb_context* raw = nullptr;
    if (const int r = libusb_init(&raw); r != 0) return std::unexpected(usbError(r, "libusb_init"));
    std::shared_ptr<UsbContext> context(new UsbContext());
    Impl& impl = *context->impl_;
    impl.ctx.reset(raw);
    impl.events = std::thread([&impl] {
        while (!impl.stop) {
            timeval tv{0, 200'000};
            libusb_handle_events_timeout_completed(impl.ctx.get(), &tv, nullptr);
        }
    });
    return context;
}

Result<std::vector<UsbDeviceInfo>> UsbContext::list(bool readStrings) {
    libusb_device** raw = nullptr;
    const ssize_t n = libusb_get_device_list(impl_->ctx.get(), &raw);
    if (n < 0) return std::unexpected(usbError(static_cast<int>(n), "list devices"));
    std::unique_ptr<libusb_device*, DeviceListDeleter> devices(raw);
    std::vector<UsbDeviceInfo> out;
    for (ssize_t i = 0; i < n; ++i) {
        UsbDeviceInfo info = describeDevice(raw[i]);
        if (readStrings) {
            libusb_device_descriptor desc{};
            libusb_device_handle* h = nullptr;
            if (libusb_get_device_descriptor(raw[i], &desc) == 0 && libusb_open(raw[i], &h) == 0) {
                std::unique_ptr<libusb_device_handle, HandleDeleter> handle(h);
                info.serial = readString(h, desc.iSerialNumber);
                info.product = readString(h, desc.iProduct);
            }
        }
        out.push_back(std::move(info));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// UsbDevice

struct UsbDevice::Impl {
    std::shared_ptr<UsbContext::Impl> context;  // declared first: destroyed last
    std::unique_ptr<libusb_device_handle, HandleDeleter> handle;
    UsbDeviceInfo info;
    struct Claim {
        int interfaceNumber;
        bool detachedKernelDriver;
    };
    std::vector<Claim> claims;

    ~Impl() {
        if (!handle) return;
        for (auto it = claims.rbegin(); it != claims.rend(); ++it) {
            libusb_release_interface(handle.get(), it->interfaceNumber);
            if (it->detachedKernelDriver) libusb_attach_kernel_driver(handle.get(), it->interfaceNumber);
        }
    }

    [[nodiscard]] std::string name() const { return info.describe(); }
};

UsbDevice::UsbDevice(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UsbDevice::UsbDevice(UsbDevice&&) noexcept = default;
UsbDevice& UsbDevice::operator=(UsbDevice&&) noexcept = default;
UsbDevice::~UsbDevice() = default;

const UsbDeviceInfo& UsbDevice::info() const { return impl_->info; }

Result<UsbDevice> UsbContext::open(const UsbDeviceSelector& selector) {
    libusb_device** raw = nullptr;
    const ssize_t n = libusb_get_device_list(impl_->ctx.get(), &raw);
    if (n < 0) return std::unexpected(usbError(static_cast<int>(n), "list devices", selector.describe()));
    std::unique_ptr<libusb_device*, DeviceListDeleter> devices(raw);
    std::optional<Error> lastFailure;
    for (ssize_t i = 0; i < n; ++i) {
        UsbDeviceInfo info = describeDevice(raw[i]);
        if (info.vendorId != selector.vendorId || info.productId != selector.productId) continue;
        if (!selector.busPath.empty() && info.busPath != selector.busPath) continue;
        libusb_device_handle* h = nullptr;
        if (const int r = libusb_open(raw[i], &h); r != 0) {
            lastFailure = usbError(r, "open", info.describe());
            continue;
        }
        std::unique_ptr<libusb_device_handle, HandleDeleter> handle(h);
        libusb_device_descriptor desc{};
        libusb_get_device_descriptor(raw[i], &desc);
        info.serial = readString(h, desc.iSerialNumber);
        info.product = readString(h, desc.iProduct);
        if (!selector.serial.empty() && info.serial != selector.serial) continue;
        auto impl = std::make_unique<UsbDevice::Impl>();
        impl->context = impl_;
        impl->handle = std::move(handle);
        impl->info = std::move(info);
        return UsbDevice(std::move(impl));
    }
    if (lastFailure) return std::unexpected(*lastFailure);
    return fail(Error::Code::NotFound, "device not present", selector.describe(),
                static_cast<int>(UsbFailure::NotFound));
}

Result<bool> UsbDevice::claimInterface(int interfaceNumber) {
    libusb_device_handle* h = impl_->handle.get();
    const std::string op = "claim interface " + std::to_string(interfaceNumber);
    bool detached = false;
    const int active = libusb_kernel_driver_active(h, interfaceNumber);
    if (active == 1) {
        if (const int r = libusb_detach_kernel_driver(h, interfaceNumber); r != 0 && r != LIBUSB_ERROR_NOT_FOUND)
            return std::unexpected(usbError(r, "detach kernel driver from interface " + std::to_string(interfaceNumber),
                                            impl_->name()));
        detached = true;
    } else if (active < 0 && active != LIBUSB_ERROR_NOT_SUPPORTED) {
        return std::unexpected(usbError(active, op, impl_->name()));
    }
    if (const int r = libusb_claim_interface(h, interfaceNumber); r != 0) {
        if (detached) libusb_attach_kernel_driver(h, interfaceNumber);
        return std::unexpected(usbError(r, op, impl_->name()));
    }
    impl_->claims.push_back({interfaceNumber, detached});
    return detached;
}

Result<void> UsbDevice::releaseInterface(int interfaceNumber) {
    auto& claims = impl_->claims;
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        if (it->interfaceNumber != interfaceNumber) continue;
        const bool detached = it->detachedKernelDriver;
        claims.erase(it);
        if (const int r = libusb_release_interface(impl_->handle.get(), interfaceNumber); r != 0)
            return std::unexpected(usbError(r, "release interface " + std::to_string(interfaceNumber), impl_->name()));
        if (detached) libusb_attach_kernel_driver(impl_->handle.get(), interfaceNumber);
        return {};
    }
    return fail(Error::Code::Internal, "interface was not claimed", impl_->name());
}

namespace {

// One asynchronous transfer waited on by the calling thread. The completion callback copies the
// result out and frees the libusb_transfer itself, so the waiter never touches it after completion;
// the shared state outlives an abandoned wait (the buffer stays valid for libusb).
struct Pending {
    std::mutex mutex;
    std::condition_variable done;
    bool completed = false;
    libusb_transfer* transfer = nullptr;  // null once completed
    int status = LIBUSB_TRANSFER_ERROR;
    int actualLength = 0;
    std::vector<std::uint8_t> buffer;
};

void LIBUSB_CALL onTransferComplete(libusb_transfer* t) {
    std::unique_ptr<std::shared_ptr<Pending>> keep(static_cast<std::shared_ptr<Pending>*>(t->user_data));
    Pending& p = **keep;
    {
        std::lock_guard lock(p.mutex);
        p.status = t->status;
        p.actualLength = t->actual_length;
        p.transfer = nullptr;
        p.completed = true;
        libusb_free_transfer(t);
    }
    p.done.notify_all();
}

enum class Kind { Control, Bulk, Interrupt };

struct Outcome {
    int status;
    int actualLength;
    std::vector<std::uint8_t> buffer;
};

Result<Outcome> runTransfer(libusb_device_handle* h, Kind kind, std::uint8_t endpoint, std::vector<std::uint8_t> buffer,
                            Milliseconds timeout, CancelToken* cancel, const std::string& op,
                            const std::string& device) {
    if (cancel && cancel->cancelled()) return std::unexpected(cancelledError(op, device));
    auto pending = std::make_shared<Pending>();
    pending->buffer = std::move(buffer);
    libusb_transfer* t = libusb_alloc_transfer(0);
    if (!t) return std::unexpected(usbError(LIBUSB_ERROR_NO_MEM, op, device));
    const auto timeoutMs = static_cast<unsigned>(std::max<Milliseconds::rep>(1, timeout.count()));
    auto* userData = new std::shared_ptr<Pending>(pending);
    unsigned char* data = pending->buffer.data();
    const int length = static_cast<int>(pending->buffer.size());
    switch (kind) {
        case Kind::Control: libusb_fill_control_transfer(t, h, data, onTransferComplete, userData, timeoutMs); break;
        case Kind::Bulk:
            libusb_fill_bulk_transfer(t, h, endpoint, data, length, onTransferComplete, userData, timeoutMs);
            break;
        case Kind::Interrupt:
            libusb_fill_interrupt_transfer(t, h, endpoint, data, length, onTransferComplete, userData, timeoutMs);
            break;
    }
    pending->transfer = t;
    if (const int r = libusb_submit_transfer(t); r != 0) {
        delete userData;
        libusb_free_transfer(t);
        return std::unexpected(usbError(r, op, device));
    }
    std::weak_ptr<Pending> weak = pending;
    if (cancel) {
        cancel->arm([weak] {
            if (auto p = weak.lock()) {
                std::lock_guard lock(p->mutex);
                if (p->transfer) libusb_cancel_transfer(p->transfer);
            }
        });
    }
    std::unique_lock lock(pending->mutex);
    // libusb times the transfer out itself; the extra wait only guards against a transfer libusb can
    // no longer complete (device gone while the kernel keeps the URB).
    const auto guard = timeout + Milliseconds(1500);
    if (!pending->done.wait_for(lock, guard, [&] { return pending->completed; })) {
        if (pending->transfer) libusb_cancel_transfer(pending->transfer);
        if (!pending->done.wait_for(lock, Milliseconds(1000), [&] { return pending->completed; })) {
            lock.unlock();
            if (cancel) cancel->disarm();
            return std::unexpected(usbError(LIBUSB_ERROR_NO_DEVICE, op + " (transfer never completed)", device));
        }
    }
    lock.unlock();
    if (cancel) cancel->disarm();
    return Outcome{pending->status, pending->actualLength, std::move(pending->buffer)};
}

std::string endpointName(const char* kind, std::uint8_t ep) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s 0x%02x", kind, static_cast<unsigned>(ep));
    return buf;
}

std::string controlName(ControlSetup s) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "control request %02x/%02x value %04x index %04x",
                  static_cast<unsigned>(s.requestType), static_cast<unsigned>(s.request),
                  static_cast<unsigned>(s.value), static_cast<unsigned>(s.index));
    return buf;
}

}  // namespace

Result<std::vector<std::uint8_t>> UsbDevice::controlIn(ControlSetup setup, std::uint16_t length, Milliseconds timeout,
                                                        CancelToken* cancel) {
    const std::string op = controlName(setup);
    std::vector<std::uint8_t> buffer(LIBUSB_CONTROL_SETUP_SIZE + length);
    libusb_fill_control_setup(buffer.data(), static_cast<std::uint8_t>(setup.requestType | LIBUSB_ENDPOINT_IN),
                              setup.request, setup.value, setup.index, length);
    auto r = runTransfer(impl_->handle.get(), Kind::Control, 0, std::move(buffer), timeout, cancel, op, impl_->name());
    if (!r) return std::unexpected(r.error());
    if (r->status != LIBUSB_TRANSFER_COMPLETED) return std::unexpected(transferError(r->status, op, impl_->name()));
    const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(0, r->actualLength)), length);
    return std::vector<std::uint8_t>(r->buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE,
                                     r->buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE + static_cast<std::ptrdiff_t>(n));
}

Result<void> UsbDevice::controlOut(ControlSetup setup, std::span<const std::uint8_t> data, Milliseconds timeout,
                                   CancelToken* cancel) {
    const std::string op = controlName(setup);
    std::vector<std::uint8_t> buffer(LIBUSB_CONTROL_SETUP_SIZE + data.size());
    libusb_fill_control_setup(buffer.data(), static_cast<std::uint8_t>(setup.requestType & ~LIBUSB_ENDPOINT_IN),
                              setup.request, setup.value, setup.index, static_cast<std::uint16_t>(data.size()));
    std::copy(data.begin(), data.end(), buffer.begin() + LIBUSB_CONTROL_SETUP_SIZE);
    auto r = runTransfer(impl_->handle.get(), Kind::Control, 0, std::move(buffer), timeout, cancel, op, impl_->name());
    if (!r) return std::unexpected(r.error());
    if (r->status != LIBUSB_TRANSFER_COMPLETED) return std::unexpected(transferError(r->status, op, impl_->name()));
    return {};
}

namespace {
Result<std::vector<std::uint8_t>> readIn(libusb_device_handle* h, Kind kind, const char* kindName,
                                         std::uint8_t endpoint, std::size_t maxLength, Milliseconds timeout,
                                         CancelToken* cancel, const std::string& device) {
    const std::string op = endpointName(kindName, endpoint);
    auto r = runTransfer(h, kind, static_cast<std::uint8_t>(endpoint | LIBUSB_ENDPOINT_IN),
                         std::vector<std::uint8_t>(maxLength), timeout, cancel, op, device);
    if (!r) return std::unexpected(r.error());
    if (r->status != LIBUSB_TRANSFER_COMPLETED) return std::unexpected(transferError(r->status, op, device));
    r->buffer.resize(std::min<std::size_t>(static_cast<std::size_t>(std::max(0, r->actualLength)), maxLength));
    return std::move(r->buffer);
}
}  // namespace

Result<std::vector<std::uint8_t>> UsbDevice::bulkIn(std::uint8_t endpoint, std::size_t maxLength, Milliseconds timeout,
                                                     CancelToken* cancel) {
    return readIn(impl_->handle.get(), Kind::Bulk, "bulk IN", endpoint, maxLength, timeout, cancel,
                  impl_->name());
}

Result<std::vector<std::uint8_t>> UsbDevice::interruptIn(std::uint8_t endpoint, std::size_t maxLength,
                                                          Milliseconds timeout, CancelToken* cancel) {
    return readIn(impl_->handle.get(), Kind::Interrupt, "interrupt IN", endpoint, maxLength, timeout, cancel,
                  impl_->name());
}

Result<void> UsbDevice::bulkOut(std::uint8_t endpoint, std::span<const std::uint8_t> data, Milliseconds timeout,
                                CancelToken* cancel) {
    const std::string op = endpointName("bulk OUT", endpoint);
    auto r = runTransfer(impl_->handle.get(), Kind::Bulk, static_cast<std::uint8_t>(endpoint & ~LIBUSB_ENDPOINT_IN),
                         std::vector<std::uint8_t>(data.begin(), data.end()), timeout, cancel, op, impl_->name());
    if (!r) return std::unexpected(r.error());
    if (r->status != LIBUSB_TRANSFER_COMPLETED) return std::unexpected(transferError(r->status, op, impl_->name()));
    if (static_cast<std::size_t>(r->actualLength) != data.size())
        return fail(Error::Code::Device,
                    "device took " + std::to_string(r->actualLength) + " of " + std::to_string(data.size()) + " bytes",
                    impl_->name() + ", " + op, static_cast<int>(UsbFailure::Io));
    return {};
}

Result<void> UsbDevice::clearHalt(std::uint8_t endpoint) {
    if (const int r = libusb_clear_halt(impl_->handle.get(), endpoint); r != 0)
        return std::unexpected(usbError(r, endpointName("clear halt", endpoint), impl_->name()));
    return {};
}

Result<std::string> UsbDevice::stringDescriptor(std::uint8_t index, Milliseconds timeout) {
    // GET_DESCRIPTOR(STRING) in US English (USB 2.0, 9.4.3 and 9.6.7), decoded as UTF-16LE -> ASCII.
    auto raw = controlIn({static_cast<std::uint8_t>(LIBUSB_ENDPOINT_IN) | static_cast<std::uint8_t>(LIBUSB_RECIPIENT_DEVICE),
                          LIBUSB_REQUEST_GET_DESCRIPTOR, static_cast<std::uint16_t>((LIBUSB_DT_STRING << 8) | index),
                          0x0409},
                         255, timeout);
    if (!raw) return std::unexpected(raw.error());
    if (raw->size() < 2 || (*raw)[1] != LIBUSB_DT_STRING)
        return fail(Error::Code::InvalidInput, "malformed string descriptor", impl_->name());
    std::string s;
    const std::size_t end = std::min<std::size_t>(raw->size(), (*raw)[0]);
    for (std::size_t i = 2; i + 1 < end; i += 2) s += ((*raw)[i + 1] == 0 && (*raw)[i] < 0x80) ? char((*raw)[i]) : '?';
    return s;
}

// ---------------------------------------------------------------------------------------------
// Hotplug

struct HotplugRegistration::Impl {
    std::shared_ptr<UsbContext::Impl> context;
    libusb_hotplug_callback_handle handle = 0;
    std::shared_ptr<HotplugSlot> slot;
    bool registered = false;

    ~Impl() {
        if (!registered) return;
        {
            std::lock_guard lock(slot->mutex);
            slot->handler = nullptr;
        }
        libusb_hotplug_deregister_callback(context->ctx.get(), handle);
    }
};

HotplugRegistration::HotplugRegistration() = default;
HotplugRegistration::HotplugRegistration(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HotplugRegistration::HotplugRegistration(HotplugRegistration&&) noexcept = default;
HotplugRegistration& HotplugRegistration::operator=(HotplugRegistration&&) noexcept = default;
HotplugRegistration::~HotplugRegistration() = default;

bool UsbContext::hasHotplug() const { return libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) != 0; }

namespace {
int LIBUSB_CALL onHotplug(libusb_context*, libusb_device* dev, libusb_hotplug_event event, void* userData) {
    auto* slot = static_cast<HotplugSlot*>(userData);
    std::lock_guard lock(slot->mutex);
    if (slot->handler)
        slot->handler(event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? HotplugEvent::Arrived : HotplugEvent::Left,
                      describeDevice(dev));
    return 0;
}
}  // namespace

Result<HotplugRegistration> UsbContext::watch(std::uint16_t vendorId, std::uint16_t productId, HotplugHandler handler) {
    if (!hasHotplug())
        return fail(Error::Code::Unsupported, "no USB hotplug support on this system", "hotplug",
                    static_cast<int>(UsbFailure::NotSupported));
    auto slot = std::make_shared<HotplugSlot>();
    slot->handler = std::move(handler);
    {
        std::lock_guard lock(impl_->slotsMutex);
        impl_->slots.push_back(slot);
    }
    auto reg = std::make_unique<HotplugRegistration::Impl>();
    reg->context = impl_;
    reg->slot = slot;
    const int r = libusb_hotplug_register_callback(
        impl_->ctx.get(),
        static_cast<int>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
        static_cast<int>(LIBUSB_HOTPLUG_NO_FLAGS), vendorId, productId, LIBUSB_HOTPLUG_MATCH_ANY, onHotplug,
        slot.get(), &reg->handle);
    if (r != 0) return std::unexpected(usbError(r, "register hotplug callback"));
    reg->registered = true;
    return HotplugRegistration(std::move(reg));
}

}  // namespace kiosk::usb

#include "devices/usb/usb_error.h"

#include <libusb.h>

namespace kiosk::usb {

static_assert(static_cast<int>(UsbFailure::Io) == LIBUSB_ERROR_IO);
static_assert(static_cast<int>(UsbFailure::InvalidParam) == LIBUSB_ERROR_INVALID_PARAM);
static_assert(static_cast<int>(UsbFailure::Access) == LIBUSB_ERROR_ACCESS);
static_assert(static_cast<int>(UsbFailure::NoDevice) == LIBUSB_ERROR_NO_DEVICE);
static_assert(static_cast<int>(UsbFailure::NotFound) == LIBUSB_ERROR_NOT_FOUND);
static_assert(static_cast<int>(UsbFailure::Busy) == LIBUSB_ERROR_BUSY);
static_assert(static_cast<int>(UsbFailure::Timeout) == LIBUSB_ERROR_TIMEOUT);
static_assert(static_cast<int>(UsbFailure::Overflow) == LIBUSB_ERROR_OVERFLOW);
static_assert(static_cast<int>(UsbFailure::Pipe) == LIBUSB_ERROR_PIPE);
static_assert(static_cast<int>(UsbFailure::Interrupted) == LIBUSB_ERROR_INTERRUPTED);
static_assert(static_cast<int>(UsbFailure::NoMem) == LIBUSB_ERROR_NO_MEM);
static_assert(static_cast<int>(UsbFailure::NotSupported) == LIBUSB_ERROR_NOT_SUPPORTED);
static_assert(static_cast<int>(UsbFailure::Other) == LIBUSB_ERROR_OTHER);

namespace {

struct Meaning {
    Error::Code code;
    const char* words;
};

Meaning meaning(int libusbCode) {
    switch (libusbCode) {
        case LIBUSB_ERROR_IO: return {Error::Code::Device, "USB input/output error"};
        case LIBUSB_ERROR_INVALID_PARAM: return {Error::Code::Internal, "invalid parameter for the USB request"};
        case LIBUSB_ERROR_ACCESS:
            return {Error::Code::Device, "no permission to open the USB device (udev rule missing?)"};
        case LIBUSB_ERROR_NO_DEVICE: return {Error::Code::Device, "device unplugged or switched off"};
        case LIBUSB_ERROR_NOT_FOUND: return {Error::Code::NotFound, "device or interface not found"};
        case LIBUSB_ERROR_BUSY: return {Error::Code::Device, "interface in use by another program or driver"};
        case LIBUSB_ERROR_TIMEOUT: return {Error::Code::Timeout, "device did not answer in time"};
        case LIBUSB_ERROR_OVERFLOW: return {Error::Code::Device, "device sent more data than asked for"};
        case LIBUSB_ERROR_PIPE: return {Error::Code::Device, "device refused the request (endpoint stalled)"};
        case LIBUSB_ERROR_INTERRUPTED: return {Error::Code::Device, "transfer cancelled"};
        case LIBUSB_ERROR_NO_MEM: return {Error::Code::Internal, "out of memory for the USB transfer"};
        case LIBUSB_ERROR_NOT_SUPPORTED: return {Error::Code::Unsupported, "not supported by this system's USB stack"};
        default: return {Error::Code::Device, "USB error"};
    }
}

int transferStatusToLibusb(int status) {
    switch (status) {
        case LIBUSB_TRANSFER_TIMED_OUT: return LIBUSB_ERROR_TIMEOUT;
        case LIBUSB_TRANSFER_STALL: return LIBUSB_ERROR_PIPE;
        case LIBUSB_TRANSFER_NO_DEVICE: return LIBUSB_ERROR_NO_DEVICE;
        case LIBUSB_TRANSFER_OVERFLOW: return LIBUSB_ERROR_OVERFLOW;
        case LIBUSB_TRANSFER_CANCELLED: return LIBUSB_ERROR_INTERRUPTED;
        default: return LIBUSB_ERROR_IO;
    }
}

std::string where(std::string_view operation, std::string_view device) {
    std::string s(device);
    if (!s.empty() && !operation.empty()) s += ", ";
    s += operation;
    return s;
}

}  // namespace

Error usbError(int libusbCode, std::string_view operation, std::string_view device) {
    const Meaning m = meaning(libusbCode);
    std::string words = m.words;
    if (libusbCode == LIBUSB_ERROR_OTHER || m.words == std::string_view("USB error"))
        words += std::string(" (") + libusb_error_name(libusbCode) + ")";
    return Error{m.code, std::move(words), where(operation, device), libusbCode};
}

Error transferError(int transferStatus, std::string_view operation, std::string_view device) {
    return usbError(transferStatusToLibusb(transferStatus), operation, device);
}

Error cancelledError(std::string_view operation, std::string_view device) {
    return usbError(LIBUSB_ERROR_INTERRUPTED, operation, device);
}

}  // namespace kiosk::usb

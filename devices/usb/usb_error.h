#pragma once
// libusb errors as values. Every libusb return code and transfer status is converted here, once,
// into a kiosk::Error whose message a technician understands and whose `native` field keeps the
// libusb code (negative libusb_error). Callers ask what happened with the predicates below instead
// of comparing raw codes; libusb.h stays out of every public header.
#include <string>
#include <string_view>

#include "app/core/error.h"

namespace kiosk::usb {

// The libusb_error values (libusb.h, enum libusb_error), mirrored so headers need not include
// libusb.h; usb_error.cpp checks them against libusb.h with static_asserts.
enum class UsbFailure : int {
    Io = -1,
    InvalidParam = -2,
    Access = -3,
    NoDevice = -4,
    NotFound = -5,
    Busy = -6,
    Timeout = -7,
    Overflow = -8,
    Pipe = -9,  // the endpoint stalled
    Interrupted = -10,
    NoMem = -11,
    NotSupported = -12,
    Other = -99,
};

// `libusbCode`: a negative libusb_error; `operation`: "bulk IN 0x81", "claim interface 0".
[[nodiscard]] Error usbError(int libusbCode, std::string_view operation, std::string_view device = {});
// A libusb_transfer_status of a completed transfer as an error (LIBUSB_TRANSFER_COMPLETED is not one).
[[nodiscard]] Error transferError(int transferStatus, std::string_view operation, std::string_view device = {});
// A transfer that was cancelled through a CancelToken.
[[nodiscard]] Error cancelledError(std::string_view operation, std::string_view device = {});

[[nodiscard]] inline bool is(const Error& e, UsbFailure f) {
    return e.code != Error::Code::InvalidInput && e.native == static_cast<int>(f);
}
[[nodiscard]] inline bool isNoDevice(const Error& e) { return is(e, UsbFailure::NoDevice); }
[[nodiscard]] inline bool isTimeout(const Error& e) { return is(e, UsbFailure::Timeout); }
[[nodiscard]] inline bool isStall(const Error& e) { return is(e, UsbFailure::Pipe); }
[[nodiscard]] inline bool isCancelled(const Error& e) { return is(e, UsbFailure::Interrupted); }

}  // namespace kiosk::usb

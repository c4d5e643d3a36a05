#pragma once
// One interface for every receipt printer: send an ESC/POS job, read the status back.
#include <cstdint>
#include <span>
#include <string>

#include "app/core/error.h"
#include "devices/device_health.h"

namespace kiosk::devices {

struct PrinterStatus {
    bool online = false;
    bool paperOut = false;
    bool paperNearEnd = false;
    bool coverOpen = false;
    bool cutterError = false;
    bool ticketInPresenter = false;  // printed but not yet taken

    [[nodiscard]] bool canPrint() const { return online && !paperOut && !coverOpen && !cutterError; }
};

class ReceiptPrinter {
public:
    virtual ~ReceiptPrinter() = default;
    // Blocking: call it off the UI thread. Fails with a reason a technician understands.
    [[nodiscard]] virtual Result<void> print(std::span<const std::uint8_t> escposJob) = 0;
    [[nodiscard]] virtual PrinterStatus status() const = 0;
    [[nodiscard]] virtual DeviceHealth health() const = 0;
    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual int dotsPerLine() const = 0;  // 576 for 80 mm paper at 203 dpi
    [[nodiscard]] virtual DeviceIdentity identity() const { return {}; }
    // Pulls a ticket left in the presenter back into the printer (a receipt the traveler forgot must
    // not be picked up by the next one). Blocking, off the UI thread.
    [[nodiscard]] virtual Result<void> retractTicket() {
        return fail(Error::Code::Unsupported, "this printer has no presenter that can retract");
    }
};

}  // namespace kiosk::devices

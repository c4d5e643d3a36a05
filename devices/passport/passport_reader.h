#pragma once
// One interface for every passport reader: text readers (keyboard wedge, serial) hand over MRZ
// lines, image readers hand over the data page for OCR. Handlers run on the driver's thread; the
// application moves results to its own thread.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/grey_image.h"
#include "devices/device_health.h"

namespace kiosk::devices {

struct PassportRead {
    std::vector<std::string> mrzLines;  // as the reader framed them (text readers)
    std::optional<GreyImage> page;      // the data page (image readers)
};

class PassportReader {
public:
    using ReadHandler = std::function<void(Result<PassportRead>)>;

    virtual ~PassportReader() = default;
    // Called whenever a document has been read (or a read failed); replaces the previous handler.
    virtual void setReadHandler(ReadHandler handler) = 0;
    [[nodiscard]] virtual DeviceHealth health() const = 0;
    [[nodiscard]] virtual std::string name() const = 0;
    // Whether a document still lies on the reader, where the reader can tell (page readers with a
    // presence sensor); keyboard-wedge readers cannot and say false.
    [[nodiscard]] virtual bool documentPresent() const { return false; }
    [[nodiscard]] virtual DeviceIdentity identity() const { return {}; }
};

}  // namespace kiosk::devices

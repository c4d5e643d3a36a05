#pragma once
// Device models for the kiosk's four USB protocols (see docs/devices.md). Each plays the device
// side from the same protocol code the drivers use, and has fault switches for tests: malformed and
// short answers, silence (timeouts), stalls. Unplugging is the bus's business (umockdev_usb_bus.h).
//
// IDs: the passport readers and the printer use pid.codes test IDs (1209:0001..0003), which no real
// product carries; the fingerprint module uses the CP210x bridge's real ID (10c4:ea60), as the
// module's own ID is the bridge's.
#include <deque>
#include <optional>

#include "app/core/grey_image.h"
#include "devices/fingerprint/r30x_protocol.h"
#include "devices/passport/cdc_acm.h"
#include "devices/printer/receipt_printer.h"
#include "devices/sim/usb/usb_device_model.h"

namespace kiosk::sim::usb {

namespace r30x = devices::r30x;

inline constexpr std::uint16_t kTestVendor = 0x1209;  // pid.codes
inline constexpr std::uint16_t kHidReaderProduct = 0x0001;
inline constexpr std::uint16_t kSerialReaderProduct = 0x0002;
inline constexpr std::uint16_t kPrinterProduct = 0x0003;

// An MRZ reader as a HID boot keyboard: interface 0 (class 3, subclass 1 boot, protocol 1
// keyboard), interrupt IN 0x81, bound to usbhid.
class HidKeyboardReaderModel final : public UsbDeviceModel {
public:
    enum class Typing {
        PressRelease,  // every character: a report with the key, then an all-keys-up report
        Rollover,      // the next key is pressed before the previous is released
    };
    explicit HidKeyboardReaderModel(std::string serial = "HID0001");

    const DeviceDescription& description() const override { return description_; }
    bool out(std::uint8_t, std::span<const std::uint8_t>) override { return false; }
    InReply in(std::uint8_t endpoint, std::size_t maxLength) override;

    // Types the lines, each followed by `lineEnd` ("\r", "\n" or "\r\n").
    void typeLines(const std::vector<std::string>& lines, const std::string& lineEnd = "\r", Typing typing = Typing::PressRelease);
    void queueRawReport(std::vector<std::uint8_t> report);  // malformed reports for tests
    [[nodiscard]] bool idle() const;
    [[nodiscard]] bool bootProtocolSet() const;

protected:
    ControlReply classControl(const SetupPacket& setup, std::span<const std::uint8_t> dataOut) override;

private:
    DeviceDescription description_;
    mutable std::mutex mutex_;
    std::deque<std::vector<std::uint8_t>> reports_;
    bool bootProtocol_ = false;
};

// An MRZ reader as a CDC-ACM serial device: communications interface 0 (interrupt IN 0x83), data
// interface 1 (bulk OUT 0x02, bulk IN 0x82), both bound to cdc_acm.
class CdcAcmReaderModel final : public UsbDeviceModel {
public:
    explicit CdcAcmReaderModel(std::string serial = "ACM0001");

    const DeviceDescription& description() const override { return description_; }
    bool out(std::uint8_t, std::span<const std::uint8_t>) override { return true; }
    InReply in(std::uint8_t endpoint, std::size_t maxLength) override;

    // Sends bytes as the reader would, cut into packets of `packetSize` (split lines) or merged.
    void send(std::string_view bytes, std::size_t packetSize = 64);
    // The MRZ as the reader frames it: plain lines ended by CR LF, or inside STX ... ETX.
    void sendDocument(const std::vector<std::string>& lines, bool stxEtx, std::size_t packetSize = 64);
    [[nodiscard]] std::optional<devices::cdc::LineCoding> lineCoding() const;
    [[nodiscard]] bool idle() const;

protected:
    ControlReply classControl(const SetupPacket& setup, std::span<const std::uint8_t> dataOut) override;

private:
    DeviceDescription description_;
    mutable std::mutex mutex_;
    std::deque<std::vector<std::uint8_t>> packets_;
    std::optional<devices::cdc::LineCoding> coding_;
};

// An R30x fingerprint module behind a CP210x bridge: vendor interface 0, bulk OUT 0x01 / IN 0x81,
// bound to cp210x. Answers HandShake, GenImg, UpImage, AuraLedConfig, VfyPwd, ReadSysPara.
class R30xModuleModel final : public UsbDeviceModel {
public:
    explicit R30xModuleModel(std::string serial = "0001");

    const DeviceDescription& description() const override { return description_; }
    bool out(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply in(std::uint8_t endpoint, std::size_t maxLength) override;

    // A 256 x 288 image (other sizes are scaled by nearest neighbour) on the sensor until lifted.
    void placeFinger(const GreyImage& image);
    // As placeFinger, lifted as soon as the image has been uploaded: what a person does, so the next
    // capture waits for a new finger (the simulator's hands use this).
    void placeFingerOnce(const GreyImage& image);
    void liftFinger();
    // The next `count` uploads carry one data packet with a wrong checksum / stop half-way.
    void corruptNextUploads(int count);
    void truncateNextUploads(int count);
    void setSilent(bool silent);  // answers nothing (timeouts)
    void setHasLed(bool hasLed);

    [[nodiscard]] std::uint32_t baud() const;
    [[nodiscard]] bool uartEnabled() const;
    [[nodiscard]] int uploads() const;
    [[nodiscard]] int genImgCount() const;
    [[nodiscard]] std::optional<r30x::LedMode> led() const;
    // What the driver should deliver for the finger placed: the image at 4 bits per pixel, unpacked.
    [[nodiscard]] static GreyImage expectedCapture(const GreyImage& placed);

protected:
    ControlReply classControl(const SetupPacket& setup, std::span<const std::uint8_t> dataOut) override;

private:
    void answer(const r30x::Packet& command);
    void queue(const r30x::Packet& p);

    DeviceDescription description_;
    mutable std::mutex mutex_;
    r30x::PacketReader reader_;
    std::deque<std::uint8_t> outgoing_;
    std::optional<std::vector<std::uint8_t>> finger_;  // packed 4 bpp
    bool liftAfterUpload_ = false;
    int corruptUploads_ = 0;
    int truncateUploads_ = 0;
    bool silent_ = false;
    bool hasLed_ = true;
    bool uartEnabled_ = false;
    std::uint32_t baud_ = 0;
    int uploads_ = 0;
    int genImg_ = 0;
    std::optional<r30x::LedMode> led_;
};

// A USB printer class receipt printer speaking ESC/POS: interface 0 (class 7, subclass 1,
// protocol 2 bidirectional), bulk OUT 0x01, bulk IN 0x81, bound to usblp. Answers GET_DEVICE_ID,
// GET_PORT_STATUS, SOFT_RESET, DLE EOT 1-4 and DLE EOT 20 (full status), and keeps the job bytes.
class UsbPrinterModel final : public UsbDeviceModel {
public:
    explicit UsbPrinterModel(std::string deviceId = "MFG:Custom;MDL:VKP80III;CMD:ESC/POS;CLS:PRINTER;",
                             std::string serial = "PRN0001");

    const DeviceDescription& description() const override { return description_; }
    bool out(std::uint8_t endpoint, std::span<const std::uint8_t> data) override;
    InReply in(std::uint8_t endpoint, std::size_t maxLength) override;

    void setStatus(const devices::PrinterStatus& status);
    void setDeviceId(std::string deviceId);
    void setGarbledStatus(bool garbled);  // status answers with wrong fixed bits
    void setSilent(bool silent);          // no status answers (timeouts)
    [[nodiscard]] std::vector<std::uint8_t> received() const;  // job bytes, status queries excluded
    [[nodiscard]] int softResets() const;
    // Job bytes consumed by the model (the simulator renders them back to paper).
    [[nodiscard]] std::vector<std::uint8_t> takeReceived();

protected:
    ControlReply classControl(const SetupPacket& setup, std::span<const std::uint8_t> dataOut) override;

private:
    DeviceDescription description_;
    mutable std::mutex mutex_;
    std::string deviceId_;
    devices::PrinterStatus status_;
    std::vector<std::uint8_t> received_;
    std::deque<std::uint8_t> answers_;
    bool garbled_ = false;
    bool silent_ = false;
    int softResets_ = 0;
};

}  // namespace kiosk::sim::usb

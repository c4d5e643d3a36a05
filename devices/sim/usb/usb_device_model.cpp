#include "devices/sim/usb/usb_device_model.h"

namespace kiosk::sim::usb {

namespace {
void put16(std::vector<std::uint8_t>& v, std::uint16_t x) {
    v.push_back(static_cast<std::uint8_t>(x));
    v.push_back(static_cast<std::uint8_t>(x >> 8));
}
}  // namespace

std::vector<std::uint8_t> buildDescriptors(const DeviceDescription& d) {
    std::vector<std::uint8_t> out;
    // Device descriptor, 18 bytes (USB 2.0 table 9-8).
    out.push_back(18);
    out.push_back(1);
    put16(out, 0x0200);
    out.push_back(d.deviceClass);
    out.push_back(0);
    out.push_back(0);
    out.push_back(64);
    put16(out, d.vendorId);
    put16(out, d.productId);
    put16(out, 0x0100);
    out.push_back(d.manufacturer.empty() ? 0 : 1);
    out.push_back(d.product.empty() ? 0 : 2);
    out.push_back(d.serial.empty() ? 0 : 3);
    out.push_back(1);
    // Configuration descriptor (table 9-10) and what follows it.
    std::vector<std::uint8_t> body;
    for (const auto& i : d.interfaces) {
        body.insert(body.end(), {9, 4, i.number, 0, static_cast<std::uint8_t>(i.endpoints.size()), i.interfaceClass,
                                 i.subClass, i.protocol, 0});
        body.insert(body.end(), i.classDescriptors.begin(), i.classDescriptors.end());
        for (const auto& e : i.endpoints) {
            body.insert(body.end(), {7, 5, e.address, e.attributes});
            put16(body, e.maxPacketSize);
            body.push_back(e.interval);
        }
    }
    const auto total = static_cast<std::uint16_t>(9 + body.size());
    out.insert(out.end(), {9, 2});
    put16(out, total);
    out.insert(out.end(), {static_cast<std::uint8_t>(d.interfaces.size()), 1, 0, 0x80, 50});
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

ControlReply UsbDeviceModel::control(const SetupPacket& s, std::span<const std::uint8_t> dataOut) {
    const bool standard = (s.requestType & 0x60) == 0;
    if (standard && s.request == 0x06 && (s.value >> 8) == 3) {  // GET_DESCRIPTOR(STRING), USB 2.0 9.6.7
        const auto index = static_cast<std::uint8_t>(s.value & 0xFF);
        const auto& d = description();
        std::vector<std::uint8_t> reply;
        if (index == 0) return ControlReply::ok({4, 3, 0x09, 0x04});  // language: US English
        const std::string* text = index == 1 ? &d.manufacturer : index == 2 ? &d.product : index == 3 ? &d.serial : nullptr;
        if (!text || text->empty()) return ControlReply::stalled();
        reply.push_back(static_cast<std::uint8_t>(2 + 2 * text->size()));
        reply.push_back(3);
        for (char c : *text) {
            reply.push_back(static_cast<std::uint8_t>(c));
            reply.push_back(0);
        }
        return ControlReply::ok(std::move(reply));
    }
    if (standard && s.request == 0x06 && (s.value >> 8) <= 2) {  // device / configuration descriptor
        const auto all = buildDescriptors(description());
        if ((s.value >> 8) == 1) return ControlReply::ok({all.begin(), all.begin() + 18});
        return ControlReply::ok({all.begin() + 18, all.end()});
    }
    if (standard && (s.request == 0x09 || s.request == 0x0B || s.request == 0x01 || s.request == 0x03))
        return ControlReply::ok();  // SET_CONFIGURATION, SET_INTERFACE, CLEAR_FEATURE, SET_FEATURE
    return classControl(s, dataOut);
}

}  // namespace kiosk::sim::usb

// The USB devices' protocol codecs, without I/O: HID boot keyboard, MRZ framing, CDC-ACM, R30x
// packets and images, USB printer class device ID and ESC/POS status.
#include <catch2/catch.hpp>

#include "devices/fingerprint/r30x_protocol.h"
#include "devices/passport/cdc_acm.h"
#include "devices/passport/hid_boot_keyboard.h"
#include "devices/passport/mrz_framer.h"
#include "devices/printer/usb_printer_protocol.h"

using namespace kiosk;
using namespace kiosk::devices;
using namespace std::chrono_literals;

namespace {
const std::string kL1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const std::string kL2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
hid::BootReport keys(std::uint8_t mods, std::initializer_list<std::uint8_t> k) {
    hid::BootReport r;
    r.modifiers = mods;
    std::size_t i = 0;
    for (auto u : k) r.keys[i++] = u;
    return r;
}
}  // namespace

TEST_CASE("hid: boot reports must be 8 bytes") {
    const std::uint8_t ok[8] = {0x02, 0, 0x04, 0, 0, 0, 0, 0};
    auto r = hid::parseBootReport(ok);
    REQUIRE(r);
    CHECK(r->modifiers == 0x02);
    CHECK(r->keys[0] == 0x04);
    const std::uint8_t shortReport[5] = {};
    CHECK_FALSE(hid::parseBootReport(shortReport));
    const std::uint8_t longReport[9] = {};
    CHECK_FALSE(hid::parseBootReport(longReport));
    CHECK(hid::encodeBootReport(*r)[2] == 0x04);
}

TEST_CASE("hid: modifiers, key-up, repeated keys, rollover, ErrorRollOver") {
    hid::BootKeyboardDecoder d;
    CHECK(d.feed(keys(hid::LeftShift, {0x13})) == "P");  // shift + p
    CHECK(d.feed(keys(hid::LeftShift, {0x13})) == "");   // still held: not typed again
    CHECK(d.feed(keys(0, {})) == "");                      // key up
    CHECK(d.feed(keys(hid::RightShift, {0x13})) == "P");  // same key again after key up
    CHECK(d.feed(keys(hid::LeftShift, {0x13, 0x36})) == "<");  // rollover: new key while P held
    CHECK(d.feed(keys(0, {0x36, 0x1E})) == "1");               // '<' held, '1' new
    CHECK(d.feed(keys(0, {1, 1, 1, 1, 1, 1})) == "");          // ErrorRollOver: no change
    CHECK(d.feed(keys(0, {0x36, 0x1E, 0x27})) == "0");         // state kept through ErrorRollOver
    CHECK(d.feed(keys(0, {})) == "");
    CHECK(d.feed(keys(0, {0x28})) == "\r");
    CHECK(d.feed(keys(0, {})) == "");
    CHECK(d.feed(keys(hid::LeftCtrl, {0x06})) == "");  // Ctrl+C types nothing
    CHECK(d.feed(keys(0, {})) == "");
    CHECK(d.feed(keys(0, {0x59, 0x62, 0x58})) == "10\r");  // keypad
    CHECK(d.feed(keys(0, {0x04})) == "a");
}

TEST_CASE("hid: every MRZ character round-trips through key strokes") {
    for (char c : std::string("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<\r")) {
        auto k = hid::charToKey(c);
        REQUIRE(k);
        CHECK(hid::usageToChar(k->usage, k->shift).value_or('?') == c);
    }
}

TEST_CASE("mrz framer: CR, LF and CRLF lines; a complete TD3 ends at once") {
    for (std::string end : {"\r", "\n", "\r\n"}) {
        MrzFramer f;
        const auto t = MrzFramer::Clock::time_point{};
        f.addText(kL1 + end + kL2 + end, t);
        auto docs = f.takeDocuments();
        REQUIRE(docs.size() == 1);
        REQUIRE(docs[0]);
        CHECK(*docs[0] == std::vector<std::string>{kL1, kL2});
    }
}

TEST_CASE("mrz framer: the idle gap ends a document; bad documents are errors") {
    MrzFramer f(300ms);
    auto t = MrzFramer::Clock::time_point{};
    f.addText("P<UTO\rabc", t);  // 2 lines of unknown length, last one unterminated, lower case
    f.poll(t + 100ms);
    CHECK(f.takeDocuments().empty());
    f.poll(t + 300ms);
    auto docs = f.takeDocuments();
    REQUIRE(docs.size() == 1);
    REQUIRE(docs[0]);
    CHECK((*docs[0])[1] == "ABC");

    f.addText("ONLYONE\r", t + 1s);
    f.poll(t + 2s);
    docs = f.takeDocuments();
    REQUIRE(docs.size() == 1);
    CHECK_FALSE(docs[0]);

    f.addText(std::string(100, 'A') + "\r" + kL2 + "\r", t + 3s);
    f.poll(t + 4s);
    docs = f.takeDocuments();
    REQUIRE(docs.size() == 1);
    CHECK_FALSE(docs[0]);
    CHECK(f.idle());
}

TEST_CASE("mrz framer: TD1 completes at three lines, blank lines are ignored") {
    MrzFramer f;
    const auto t = MrzFramer::Clock::time_point{};
    f.addText("\r\n\r\n" + std::string(30, 'A') + "\r" + std::string(30, 'B') + "\r" + std::string(30, 'C') + "\r", t);
    auto docs = f.takeDocuments();
    REQUIRE(docs.size() == 1);
    REQUIRE(docs[0]);
    CHECK(docs[0]->size() == 3);
}

TEST_CASE("cdc: line coding encodes and decodes, bad values are refused") {
    cdc::LineCoding c{115200, 0, 2, 7};
    auto bytes = cdc::encodeLineCoding(c);
    CHECK(bytes[0] == 0x00);
    CHECK(bytes[1] == 0xC2);
    CHECK(bytes[2] == 0x01);
    auto back = cdc::decodeLineCoding(bytes);
    REQUIRE(back);
    CHECK(*back == c);
    bytes[6] = 9;
    CHECK_FALSE(cdc::decodeLineCoding(bytes));
    CHECK_FALSE(cdc::decodeLineCoding(std::span(bytes).first(6)));
}

TEST_CASE("cdc: STX/ETX blocks and plain lines, split and merged") {
    const std::string doc = "\x02" + kL1 + "\r\n" + kL2 + "\r\n\x03";
    const auto t = MrzFramer::Clock::time_point{};
    for (std::size_t piece : {1u, 3u, 7u, 1000u}) {
        cdc::SerialMrzFramer f;
        const std::string twice = doc + doc;
        for (std::size_t i = 0; i < twice.size(); i += piece) {
            const auto s = twice.substr(i, piece);
            f.feed(std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size()), t);
        }
        auto docs = f.takeDocuments();
        REQUIRE(docs.size() == 2);
        for (auto& d : docs) {
            REQUIRE(d);
            CHECK(*d == std::vector<std::string>{kL1, kL2});
        }
    }
    cdc::SerialMrzFramer f;
    const std::string garbage = "\x02junk\x03";
    f.feed(std::span(reinterpret_cast<const std::uint8_t*>(garbage.data()), garbage.size()), t);
    auto docs = f.takeDocuments();
    REQUIRE(docs.size() == 1);
    CHECK_FALSE(docs[0]);
}

TEST_CASE("r30x: packets encode with the documented checksum") {
    // GenImg command from the module manual: EF01 FFFFFFFF 01 0003 01 0005.
    const auto bytes = r30x::encode(r30x::command(r30x::Instruction::GenImg));
    const std::vector<std::uint8_t> expected = {0xEF, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00, 0x03, 0x01, 0x00, 0x05};
    CHECK(bytes == expected);
    // UpImage: EF01 FFFFFFFF 01 0003 0A 000E.
    const auto up = r30x::encode(r30x::command(r30x::Instruction::UpImage));
    CHECK(up[9] == 0x0A);
    CHECK(up[10] == 0x00);
    CHECK(up[11] == 0x0E);
}

TEST_CASE("r30x: the reader resynchronises, splits, merges and rejects corrupt packets") {
    r30x::PacketReader reader;
    auto ack = r30x::encode(r30x::acknowledge(r30x::Confirm::NoFinger));
    std::vector<std::uint8_t> stream = {0x00, 0x13, 0xEF};  // noise, including a lone header byte
    stream.insert(stream.end(), ack.begin(), ack.end());
    auto corrupt = ack;
    corrupt.back() ^= 1;
    stream.insert(stream.end(), corrupt.begin(), corrupt.end());
    stream.insert(stream.end(), ack.begin(), ack.end());
    for (std::size_t i = 0; i < stream.size(); i += 5)
        reader.feed(std::span(stream).subspan(i, std::min<std::size_t>(5, stream.size() - i)));
    auto first = reader.next();
    REQUIRE(first.has_value());
    REQUIRE(first->has_value());
    CHECK((*first)->id == r30x::PacketId::Ack);
    CHECK((*first)->payload == std::vector<std::uint8_t>{0x02});
    auto second = reader.next();
    REQUIRE(second.has_value());
    CHECK_FALSE(second->has_value());  // checksum mismatch
    std::optional<Result<r30x::Packet>> third;
    while ((third = reader.next()) && !third->has_value()) {}
    REQUIRE(third.has_value());
    REQUIRE(third->has_value());
    CHECK((*third)->payload == std::vector<std::uint8_t>{0x02});
    CHECK_FALSE(reader.next().has_value());

    r30x::PacketReader shortReader;
    shortReader.feed(std::span(ack).first(ack.size() - 1));
    CHECK_FALSE(shortReader.next().has_value());  // incomplete: waits for more
    const std::vector<std::uint8_t> hugeLength = {0xEF, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0xFF, 0xFF};
    shortReader.clear();
    shortReader.feed(hugeLength);
    auto bad = shortReader.next();
    REQUIRE(bad.has_value());
    CHECK_FALSE(bad->has_value());
}

TEST_CASE("r30x: 4-bit images unpack high nibble first and need the exact size") {
    std::vector<std::uint8_t> packed(r30x::kPackedImageBytes, 0x0F);
    packed[0] = 0xF0;
    auto img = r30x::unpackImage4bpp(packed);
    REQUIRE(img);
    CHECK(img->width == 256);
    CHECK(img->height == 288);
    CHECK(img->pixels[0] == 255);
    CHECK(img->pixels[1] == 0);
    CHECK(img->pixels[2] == 0);
    CHECK(img->pixels[3] == 255);
    CHECK(r30x::packImage4bpp(*img) == packed);
    packed.pop_back();
    CHECK_FALSE(r30x::unpackImage4bpp(packed));
}

TEST_CASE("printer: IEEE 1284 device ID") {
    auto id = usbprinter::parseDeviceId(
        usbprinter::encodeDeviceId("MANUFACTURER:Custom;MODEL:VKP80III;COMMAND SET:ESC/POS, CUSTOM;"));
    REQUIRE(id);
    CHECK(id->manufacturer == "Custom");
    CHECK(id->model == "VKP80III");
    CHECK(id->commandSets == std::vector<std::string>{"ESC/POS", "CUSTOM"});
    auto shortForm = usbprinter::parseDeviceId(usbprinter::encodeDeviceId("MFG:EPSON;CMD:ESC/POS;MDL:TM-T88V;"));
    REQUIRE(shortForm);
    CHECK(shortForm->model == "TM-T88V");
    // Length shorter than the data: cut to it (MDL lost -> error).
    auto cut = usbprinter::encodeDeviceId("MFG:EPSON;MDL:TM-T88V;");
    cut[1] = 12;
    CHECK_FALSE(usbprinter::parseDeviceId(cut));
    CHECK_FALSE(usbprinter::parseDeviceId(std::vector<std::uint8_t>{0x00}));
    CHECK_FALSE(usbprinter::parseDeviceId(usbprinter::encodeDeviceId("no keys here")));
    auto binary = usbprinter::encodeDeviceId("MFG:A;MDL:B;");
    binary[4] = 0x01;
    CHECK_FALSE(usbprinter::parseDeviceId(binary));
}

TEST_CASE("printer: port status and DLE EOT real-time status") {
    auto port = usbprinter::decodePortStatus(0x18);
    CHECK_FALSE(port.error);
    CHECK(port.selected);
    CHECK_FALSE(port.paperEmpty);
    CHECK(usbprinter::decodePortStatus(0x30).error);

    PrinterStatus s;
    REQUIRE(usbprinter::applyRealTimeStatus(1, 0x16, s));  // Epson example: 16h = online
    CHECK(s.online);
    REQUIRE(usbprinter::applyRealTimeStatus(1, 0x1E, s));
    CHECK_FALSE(s.online);
    REQUIRE(usbprinter::applyRealTimeStatus(2, 0x36, s));  // cover open + paper end stop
    CHECK(s.coverOpen);
    CHECK(s.paperOut);
    REQUIRE(usbprinter::applyRealTimeStatus(3, 0x1A, s));
    CHECK(s.cutterError);
    PrinterStatus paper;
    REQUIRE(usbprinter::applyRealTimeStatus(4, 0x1E, paper));
    CHECK(paper.paperNearEnd);
    CHECK_FALSE(paper.paperOut);
    REQUIRE(usbprinter::applyRealTimeStatus(4, 0x72, paper));
    CHECK(paper.paperOut);
    PrinterStatus untouched;
    CHECK_FALSE(usbprinter::applyRealTimeStatus(1, 0xFF, untouched));
    CHECK_FALSE(usbprinter::applyRealTimeStatus(1, 0x00, untouched));

    for (bool flag : {false, true}) {
        PrinterStatus in;
        in.online = !flag;
        in.coverOpen = flag;
        in.paperOut = flag;
        in.paperNearEnd = flag;
        in.cutterError = flag;
        PrinterStatus out;
        for (std::uint8_t n = 1; n <= 4; ++n) REQUIRE(usbprinter::applyRealTimeStatus(n, usbprinter::encodeRealTimeStatus(n, in), out));
        CHECK(out.online == in.online);
        CHECK(out.coverOpen == in.coverOpen);
        CHECK(out.paperOut == in.paperOut);
        CHECK(out.paperNearEnd == in.paperNearEnd);
        CHECK(out.cutterError == in.cutterError);
    }
}

TEST_CASE("printer: full status (DLE EOT 20) with the ticket in the presenter") {
    PrinterStatus in;
    in.online = true;
    in.ticketInPresenter = true;
    in.paperNearEnd = true;
    const auto bytes = usbprinter::encodeFullStatus(in);
    PrinterStatus out;
    REQUIRE(usbprinter::applyFullStatus(bytes, out));
    CHECK(out.ticketInPresenter);
    CHECK(out.paperNearEnd);
    CHECK_FALSE(out.paperOut);
    CHECK_FALSE(usbprinter::applyFullStatus(std::span(bytes).first(5), out));
    auto wrong = bytes;
    wrong[1] = 0x00;
    CHECK_FALSE(usbprinter::applyFullStatus(wrong, out));
}

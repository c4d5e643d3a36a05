// Writes the ESC/POS fuzz seeds (corpus/escpos/) with the printer's own encoder
// (devices/printer/escpos_encoder.h): small jobs that together use every command the decoder knows.
// Run by make_corpus.sh; not a test.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "devices/printer/escpos_encoder.h"

namespace {

void save(const std::filesystem::path& dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A 1-bit raster with a frame and a diagonal: ink on the left only, so the trimmed bands differ.
std::vector<std::uint8_t> pattern(int width, int height) {
    const int rowBytes = kiosk::escpos::packedRowBytes(width);
    std::vector<std::uint8_t> rows(static_cast<std::size_t>(rowBytes * height), 0);
    const auto set = [&](int x, int y) {
        rows[static_cast<std::size_t>(y * rowBytes + x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    };
    for (int y = 0; y < height; ++y) {
        set(0, y);
        if (y < width / 2) set(y, y);
    }
    for (int x = 0; x < width / 2; ++x) set(x, 0), set(x, height - 1);
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_escpos_seeds DIR\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    std::filesystem::create_directories(dir);
    using namespace kiosk::escpos;
    const auto small = pattern(100, 40);
    save(dir, "raster-cut.bin",
         JobBuilder().initialize().rasterImage(100, 40, small, 16).feedLines(3).cut(CutKind::Full).bytes());
    save(dir, "raster-trimmed-partial-cut.bin",
         JobBuilder().initialize().rasterImageTrimmed(100, 40, small, 16).cut(CutKind::Partial).bytes());
    save(dir, "text-lines.bin",
         JobBuilder().initialize().textLine("KIOSK TEST SLIP").textLine("0123456789 !\"#$%&'()*+,-./").feedLines(2)
             .cut(CutKind::Full).bytes());
    save(dir, "qr-receipt-code.bin",
         JobBuilder().initialize().qrCode("KR1:TEST-RECEIPT-CODE-0001", 4, 'M').feedLines(1).cut(CutKind::Full)
             .presenter(PresenterAction::Eject).bytes());
    save(dir, "qr-level-h.bin", JobBuilder().initialize().qrCode("12345678901234567890", 2, 'H').bytes());
    save(dir, "two-pages-retract.bin",
         JobBuilder().initialize().textLine("PAGE 1").cut(CutKind::Full).textLine("PAGE 2").cut(CutKind::Partial)
             .presenter(PresenterAction::Retract).bytes());
    save(dir, "no-cut.bin", JobBuilder().initialize().rasterImage(16, 8, pattern(16, 8)).feedLines(1).bytes());
    return 0;
}

// ESC/POS decoder (devices/sim/escpos/escpos_decoder.h), the simulated printer's paper: every byte of
// a job is untrusted. Properties: no crash; every page is a valid image exactly as wide as the paper
// and no longer than kMaxPageRows.
#include "devices/sim/escpos/escpos_decoder.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 256 * 1024) return 0;  // a receipt job is ~30 KiB; larger inputs only slow the search
    for (const int paperWidth : {576, 384}) {
        const auto pages = kiosk::sim::decodeEscPos(kiosk::fuzz::bytes(data, size), paperWidth);
        if (!pages) {
            KIOSK_FUZZ_CHECK(!pages.error().message.empty());
            continue;
        }
        for (std::size_t i = 0; i < pages->size(); ++i) {
            const auto& image = (*pages)[i].image;
            KIOSK_FUZZ_CHECK(image.isValid());
            KIOSK_FUZZ_CHECK(image.width == paperWidth);
            KIOSK_FUZZ_CHECK(image.height <= kiosk::sim::kMaxPageRows);
            KIOSK_FUZZ_CHECK((*pages)[i].cut || i + 1 == pages->size());  // only the last page may hang on
        }
    }
    return 0;
}

// ISO/IEC 19794-2 record decoder (app/biometrics/iso19794_2.h). Properties: no crash; whatever the
// decoder accepts, the encoder writes back as a record the decoder accepts again, and that second
// cycle is byte-for-byte stable (decode and encode agree on the format).
#include <vector>

#include "app/biometrics/iso19794_2.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kiosk::biometrics;
    const auto decoded = decodeIso19794_2(kiosk::fuzz::bytes(data, size));
    if (!decoded) {
        KIOSK_FUZZ_CHECK(!decoded.error().message.empty());
        return 0;
    }
    KIOSK_FUZZ_CHECK(decoded->quality <= 100);
    for (const auto& m : decoded->minutiae) KIOSK_FUZZ_CHECK(m.quality <= 100);
    const auto position = kiosk::FingerPosition::RightIndex;
    const std::vector<std::uint8_t> first = encodeIso19794_2(*decoded, position);
    const auto again = decodeIso19794_2(first);
    KIOSK_FUZZ_CHECK(again.has_value());
    const std::vector<std::uint8_t> second = encodeIso19794_2(*again, position);
    KIOSK_FUZZ_CHECK(first == second);
    return 0;
}

// A fuzz target with a planted bug, for the regression runner's own test (CMakeLists.txt): it aborts
// on the input "crash", as a real target aborts on a broken property.
#include <cstring>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    KIOSK_FUZZ_CHECK(!(size == 5 && std::memcmp(data, "crash", 5) == 0));
    return 0;
}

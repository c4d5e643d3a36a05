// kiosk-config parser (app/config/kiosk_config.h, Qt Core JSON). Properties: no crash; a refusal
// says what is wrong; parsing is deterministic (the same text gives the same verdict).
#include <string>

#include "app/config/kiosk_config.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return 0;  // a site configuration is a few KiB
    const std::string json(reinterpret_cast<const char*>(data), size);
    // A path that exists nowhere: relative paths in the configuration resolve against its folder.
    const std::filesystem::path source = "/nonexistent/kiosk-config/fuzz.json";
    const auto first = kiosk::config::parseConfig(json, source);
    if (!first) KIOSK_FUZZ_CHECK(!first.error().message.empty());
    const auto second = kiosk::config::parseConfig(json, source);
    KIOSK_FUZZ_CHECK(first.has_value() == second.has_value());
    if (!first) KIOSK_FUZZ_CHECK(first.error().describe() == second.error().describe());
    return 0;
}

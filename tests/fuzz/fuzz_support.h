#pragma once
// Shared by the fuzz targets. A broken property aborts, so libFuzzer (and the g++ regression runner,
// through the process's exit status) reports it like any crash. Messages name the property, never
// the input: inputs may look like MRZ lines.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>

#define KIOSK_FUZZ_CHECK(condition)                                                                    \
    do {                                                                                               \
        if (!(condition)) {                                                                            \
            std::fprintf(stderr, "fuzz property broken at %s:%d: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                              \
        }                                                                                              \
    } while (false)

namespace kiosk::fuzz {

inline std::span<const std::uint8_t> bytes(const std::uint8_t* data, std::size_t size) {
    return {data, size};
}

}  // namespace kiosk::fuzz

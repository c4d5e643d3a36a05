#pragma once
// Where tests find the repository's own files and the shared evaluation data.
#include <cstdlib>
#include <filesystem>

namespace kiosk::test {

inline std::filesystem::path sourceDir() { return KIOSK_SOURCE_DIR; }

// ../shared/data unless KIOSK_SHARED_DATA says otherwise. Tests that need it check exists() and
// SKIP-by-WARN with a clear message when it is absent (Catch2 v2 has no SKIP).
inline std::filesystem::path sharedDataDir() {
    if (const char* env = std::getenv("KIOSK_SHARED_DATA"); env && *env) return env;
    return KIOSK_SHARED_DATA_DEFAULT;
}

inline std::filesystem::path fingerprintDataDir() { return sharedDataDir() / "fingerprints"; }

}  // namespace kiosk::test

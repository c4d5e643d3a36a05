#pragma once
// How much of a file the OS page cache holds (mincore on a mapping that is never touched, so measuring
// reads nothing in). The member cache asks it of a WAL it is about to overwrite: a page that is not
// cached is read from the disk before a partial write to it (docs/members.md, "The WAL between deltas").
#include <cstdint>
#include <filesystem>
#include <optional>

namespace kiosk::members {

struct Residency {
    std::uint64_t pages = 0;     // the file's pages (the OS's page size)
    std::uint64_t resident = 0;  // of them, in the page cache
};

// nullopt when the file cannot be opened or mapped; {0, 0} for an empty one.
[[nodiscard]] std::optional<Residency> pageResidency(const std::filesystem::path& file);

}  // namespace kiosk::members

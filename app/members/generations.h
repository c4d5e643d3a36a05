#pragma once
// Generations of the member cache: a snapshot is built into a new file beside the live one and
// switched to atomically, instead of rewriting the live file through its WAL (every page written
// twice, every freed page zeroed). The cache's path is then a symbolic link to the current generation:
//
//   members.sqlite -> members.sqlite.gen-42-9f3a61c0      (the link; SQLite resolves it on open)
//   members.sqlite.gen-42-9f3a61c0                        (the current generation, WAL beside it)
//
// A cache that never received a snapshot bundle (a new file, a JSON list, a file of an earlier build)
// is a plain file at the path: that is generation "the path itself". docs/members.md, "Generations".
#include <cstdint>
#include <filesystem>
#include <string>

#include "app/core/error.h"

namespace kiosk::members::generations {

// The text of the link at `cache` (one readlink), empty when `cache` is a plain file or absent: what a
// connection compares on every call to notice a switch.
[[nodiscard]] std::string linkText(const std::filesystem::path& cache);
// The file a link text names (the text is relative to the cache's directory); `cache` for an empty one.
[[nodiscard]] std::filesystem::path resolve(const std::filesystem::path& cache, const std::string& linkText);

// A new, unused name for the generation of `sequence` beside `cache` (random suffix: a name is never
// reused, so a connection still holding an older generation can never meet a different file under it).
[[nodiscard]] std::filesystem::path fresh(const std::filesystem::path& cache, std::uint64_t sequence);

// Makes `generation` (complete and synced) the cache's current file: a new link renamed over `cache`
// (atomic), then the directory synced. A crash before the rename leaves the previous generation
// current; after it, the new one.
[[nodiscard]] kiosk::Result<void> publish(const std::filesystem::path& cache, const std::filesystem::path& generation);

// Removes a generation that is no longer current, with its -wal and -shm. Connections that still hold
// it keep reading it (its inode lives until they close); nothing can open it again by the cache's path.
void remove(const std::filesystem::path& generation);

// Removes every generation beside `cache` except `keep`, and the -wal/-shm of a plain file the link
// replaced: what a build killed before its switch left behind. Only under the cache's write lock, so no
// other process is building one at the same time.
void removeStale(const std::filesystem::path& cache, const std::filesystem::path& keep);

// Removes the -wal and -shm of the plain file a first link replaced (once `cache` is a link, no
// connection can reach them by this path). Not the link's generation's: safe without the write lock.
void removeReplacedPlainFile(const std::filesystem::path& cache);

// Flushes a file's data to disk (a generation before it is published).
[[nodiscard]] kiosk::Result<void> sync(const std::filesystem::path& file);

}  // namespace kiosk::members::generations

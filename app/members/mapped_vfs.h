#pragma once
// Internal: an SQLite VFS that reads the member cache through a memory map of the whole file.
//
// Why: Debian's SQLite is built with SQLITE_MAX_MMAP_SIZE = 0x7fff0000, so `PRAGMA mmap_size` maps at
// most the first 2 GB. At 10 M members the file is ~9.3 GB and four fifths of every warm lookup's pages
// came through pread copies into the page cache. This VFS is SQLite's default ("unix") with one thing
// changed: a main database file answers SQLite's xFetch (the memory-mapped read path) from a map as
// large as the connection's `PRAGMA mmap_size` (up to 64 GiB), not one capped at 2 GB. Locking, the
// WAL, shared memory, writes and syncs are the unix VFS's own calls, unchanged; SQLite still writes
// with pwrite, never through the map (it is PROT_READ). A page's first read by a connection is a pread
// (mapped_vfs.cpp, mappedFetch: one read of the whole page from disk, and an I/O error stays an error).
//
// The map uses the unix VFS's own descriptor of the file, never a second one: closing a second
// descriptor of a file would drop every POSIX lock this process holds on it (fcntl semantics), i.e.
// other connections' locks. To learn that descriptor the VFS wraps the unix VFS's "open" system call
// (xSetSystemCall, installed once before main() by member_cache.cpp) and notes the descriptor it
// returns for the file being opened on this thread. When it cannot (a descriptor SQLite reused, an
// SQLite without the hook), the connection reads through pread as before: slower, never wrong.
#include <cstdint>

namespace kiosk::members::detail {

// Registers the VFS (once; later calls return the first result). Must first run before other threads
// use SQLite: member_cache.cpp calls it from a static initialiser. false: not registered (then
// mappedVfsName() is nullptr and connections use SQLite's default VFS, unmapped beyond 2 GB).
bool registerMappedVfs();

// "kiosk-mapped", or nullptr when registration failed.
const char* mappedVfsName();

// Pages SQLite has read through any map of this VFS since the process started (for tests).
std::uint64_t mappedPageReads();

}  // namespace kiosk::members::detail

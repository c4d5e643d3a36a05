#include "app/members/mapped_vfs.h"

#include <sqlite3.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <new>
#include <vector>

namespace kiosk::members::detail {

namespace {

constexpr const char* kVfsName = "kiosk-mapped";
// The map is never larger than this: 64 GiB of address space per mapped connection, three times the
// file of 20 M members. Pages beyond it are read with pread.
constexpr sqlite3_int64 kMaxMapBytes = sqlite3_int64{64} << 30;
// SQLite may read up to 256 bytes past a page it fetched (unixFetch keeps the same margin): a page is
// handed out only when the file extends that far, so a read never touches a map page past the end of
// the file (which would raise SIGBUS).
constexpr sqlite3_int64 kOverreadBytes = 256;

sqlite3_vfs* unixVfs = nullptr;  // the default VFS this one wraps
sqlite3_vfs mappedVfs{};
bool registered = false;
std::atomic<std::uint64_t> pageReads{0};

// The descriptor the unix VFS opened for the file this thread is opening (see mapped_vfs.h).
using OpenCall = int (*)(const char*, int, int);
OpenCall unixOpenCall = nullptr;
struct OpenCapture {
    const char* path = nullptr;
    int fd = -1;
};
thread_local OpenCapture capture;

int capturingOpen(const char* path, int flags, int mode) {
    const int fd = unixOpenCall(path, flags, mode);
    if (capture.path != nullptr && std::strcmp(path, capture.path) == 0) capture.fd = fd;
    return fd;
}

// A main database file: this header, then the unix VFS's own file object.
struct MappedFile {
    sqlite3_file base;             // base.pMethods = &mappedMethods
    int fd;                        // the unix VFS's descriptor, open until its xClose; -1: unknown
    const std::uint8_t* map;       // nullptr until the first fetch that may use it
    sqlite3_int64 mapBytes;        // length of `map`
    sqlite3_int64 allowedBytes;    // PRAGMA mmap_size as SQLite passed it down (0: memory-mapped reads off)
    sqlite3_int64 knownFileBytes;  // the file's size when last asked, so most fetches need no fstat
    std::vector<std::uint64_t>* readOnce;  // a bit per page this connection has read through pread
};
constexpr std::size_t kRealFileOffset = (sizeof(MappedFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
                                        alignof(std::max_align_t);

MappedFile* mapped(sqlite3_file* f) { return reinterpret_cast<MappedFile*>(f); }
sqlite3_file* real(sqlite3_file* f) {
    return reinterpret_cast<sqlite3_file*>(reinterpret_cast<std::byte*>(f) + kRealFileOffset);
}

void unmap(MappedFile* m) {
    if (m->map != nullptr) ::munmap(const_cast<std::uint8_t*>(m->map), static_cast<std::size_t>(m->mapBytes));
    m->map = nullptr;
    m->mapBytes = 0;
}

// Made once, at the connection's first mapped page, as long as the connection allows; it may run past
// the file's end (only pages inside the file are handed out), so the file can grow under it and it is
// never moved while SQLite holds pages from it. A later, larger mmap_size is not honoured beyond this
// length: those pages come through pread. false: no map (pread serves this connection).
bool ensureMap(MappedFile* m) {
    if (m->map != nullptr) return true;
    if (m->fd < 0 || m->allowedBytes <= 0) return false;
    void* p = ::mmap(nullptr, static_cast<std::size_t>(m->allowedBytes), PROT_READ, MAP_SHARED, m->fd, 0);
    if (p == MAP_FAILED) {
        m->fd = -1;  // never tried again
        return false;
    }
    // A fault on a page the kernel does not hold reads only that page: by default it reads
    // read_ahead_kb around it (8 MB on the VM of 2026-11-27), which made a cold lookup 24 ms.
    (void)::madvise(p, static_cast<std::size_t>(m->allowedBytes), MADV_RANDOM);
    m->map = static_cast<const std::uint8_t*>(p);
    m->mapBytes = m->allowedBytes;
    return true;
}

// Whether the connection has read `page` before, noting that it now has.
bool readBefore(MappedFile* m, std::size_t page) {
    std::vector<std::uint64_t>& once = *m->readOnce;
    if (page / 64 >= once.size()) {
        try {
            once.resize(page / 64 + 1);  // one bit a page: 16 KiB per GiB of file with 8 KiB pages
        } catch (const std::bad_alloc&) {
            return false;  // no exception into SQLite's C frames; pread serves this page
        }
    }
    const std::uint64_t bit = std::uint64_t{1} << (page % 64);
    const bool before = (once[page / 64] & bit) != 0;
    once[page / 64] |= bit;
    return before;
}

int mappedClose(sqlite3_file* f) {
    unmap(mapped(f));
    delete mapped(f)->readOnce;
    mapped(f)->readOnce = nullptr;
    return real(f)->pMethods->xClose(real(f));
}
int mappedRead(sqlite3_file* f, void* buffer, int amount, sqlite3_int64 offset) {
    return real(f)->pMethods->xRead(real(f), buffer, amount, offset);
}
int mappedWrite(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) {
    return real(f)->pMethods->xWrite(real(f), data, amount, offset);
}
int mappedTruncate(sqlite3_file* f, sqlite3_int64 size) {
    // Pages past the new end must not be handed out again: forget what the file's size was.
    mapped(f)->knownFileBytes = std::min(mapped(f)->knownFileBytes, size);
    return real(f)->pMethods->xTruncate(real(f), size);
}
int mappedSync(sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); }
int mappedFileSize(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int mappedLock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
int mappedUnlock(sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); }
int mappedCheckReservedLock(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int mappedFileControl(sqlite3_file* f, int op, void* arg) {
    MappedFile* m = mapped(f);
    if (op == SQLITE_FCNTL_MMAP_SIZE) {
        // PRAGMA mmap_size's value arrives here as the user gave it; the unix VFS would cut it to
        // SQLITE_MAX_MMAP_SIZE, this VFS to kMaxMapBytes. Not passed down: the unix VFS's own map
        // stays off, so no page is mapped twice. -1 asks for the current value.
        auto* bytes = static_cast<sqlite3_int64*>(arg);
        if (*bytes >= 0) m->allowedBytes = std::min(*bytes, kMaxMapBytes);
        *bytes = m->allowedBytes;
        return SQLITE_OK;
    }
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int mappedSectorSize(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int mappedDeviceCharacteristics(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
int mappedShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int mappedShmLock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void mappedShmBarrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int mappedShmUnmap(sqlite3_file* f, int deleteFlag) { return real(f)->pMethods->xShmUnmap(real(f), deleteFlag); }

// SQLite asks for a page it may read in place; *out = nullptr makes it read the page with xRead.
int mappedFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    *out = nullptr;
    MappedFile* m = mapped(f);
    const sqlite3_int64 end = offset + amount + kOverreadBytes;
    if (m->fd < 0 || end > m->allowedBytes) return SQLITE_OK;
    if (end > m->knownFileBytes) {  // the file may have grown since (another connection's commit)
        if (const int rc = mappedFileSize(f, &m->knownFileBytes); rc != SQLITE_OK) return rc;
        if (end > m->knownFileBytes) return SQLITE_OK;
    }
    if (!ensureMap(m) || end > m->mapBytes) return SQLITE_OK;
    // The first time this connection needs a page, SQLite reads it with pread: one read of the whole
    // page if it is not in memory (through the map, MADV_RANDOM, it would be one fault per 4 KiB), and
    // a disk error is then an SQLite error, not the SIGBUS a fault on a failed read raises. From then on
    // the page is in the page cache and comes from the map (unless the kernel evicted it since).
    if (!readBefore(m, static_cast<std::size_t>(offset / amount))) return SQLITE_OK;
    *out = const_cast<std::uint8_t*>(m->map + offset);
    pageReads.fetch_add(1, std::memory_order_relaxed);
    return SQLITE_OK;
}

int mappedUnfetch(sqlite3_file* f, sqlite3_int64, void* page) {
    // page == nullptr: POSIX says a map may be invalid after the file changed size; on Linux a shared
    // map stays coherent, so only the size is asked again before the next page is handed out.
    if (page == nullptr) mapped(f)->knownFileBytes = 0;
    return SQLITE_OK;
}

const sqlite3_io_methods mappedMethods = {
    3,
    mappedClose,
    mappedRead,
    mappedWrite,
    mappedTruncate,
    mappedSync,
    mappedFileSize,
    mappedLock,
    mappedUnlock,
    mappedCheckReservedLock,
    mappedFileControl,
    mappedSectorSize,
    mappedDeviceCharacteristics,
    mappedShmMap,
    mappedShmLock,
    mappedShmBarrier,
    mappedShmUnmap,
    mappedFetch,
    mappedUnfetch,
};

int mappedOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags) {
    if ((flags & SQLITE_OPEN_MAIN_DB) == 0 || name == nullptr)  // WAL, journals, temp files: unix's own
        return unixVfs->xOpen(unixVfs, name, file, flags, outFlags);
    MappedFile* m = mapped(file);
    *m = MappedFile{{nullptr}, -1, nullptr, 0, 0, 0, nullptr};
    capture = {name, -1};
    const int rc = unixVfs->xOpen(unixVfs, name, real(file), flags, outFlags);
    const int fd = capture.fd;
    capture = {};
    if (real(file)->pMethods == nullptr) return rc;  // nothing opened: SQLite will not call xClose
    // The methods above forward the unix VFS's version 3 methods (shared memory, fetch). A file whose
    // locking style has an older table (no shared memory, so no WAL) is not what the cache opens: refused.
    if (real(file)->pMethods->iVersion < 3) {
        real(file)->pMethods->xClose(real(file));
        return SQLITE_CANTOPEN;
    }
    m->readOnce = new (std::nothrow) std::vector<std::uint64_t>();
    m->fd = m->readOnce != nullptr ? fd : -1;  // without the bitmap: pread only
    m->base.pMethods = &mappedMethods;
    return rc;
}

}  // namespace

bool registerMappedVfs() {
    static const bool ok = [] {
        unixVfs = sqlite3_vfs_find(nullptr);
        if (unixVfs == nullptr || unixVfs->iVersion < 3 || unixVfs->xSetSystemCall == nullptr ||
            std::strcmp(unixVfs->zName, "unix") != 0)
            return false;
        unixOpenCall = reinterpret_cast<OpenCall>(unixVfs->xGetSystemCall(unixVfs, "open"));
        if (unixOpenCall == nullptr ||
            unixVfs->xSetSystemCall(unixVfs, "open", reinterpret_cast<sqlite3_syscall_ptr>(capturingOpen)) != SQLITE_OK)
            return false;
        mappedVfs = *unixVfs;  // every other method is the unix VFS's own, with its own pAppData
        mappedVfs.pNext = nullptr;
        mappedVfs.zName = kVfsName;
        mappedVfs.szOsFile = static_cast<int>(kRealFileOffset) + unixVfs->szOsFile;
        mappedVfs.xOpen = mappedOpen;
        registered = sqlite3_vfs_register(&mappedVfs, 0) == SQLITE_OK;
        return registered;
    }();
    return ok;
}

const char* mappedVfsName() { return registered ? kVfsName : nullptr; }

std::uint64_t mappedPageReads() { return pageReads.load(std::memory_order_relaxed); }

}  // namespace kiosk::members::detail

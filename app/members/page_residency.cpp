#include "app/members/page_residency.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <vector>

namespace kiosk::members {

std::optional<Residency> pageResidency(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size == 0) {
        ::close(fd);
        return Residency{};
    }
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return std::nullopt;
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<unsigned char> bits((size + page - 1) / page);
    const bool ok = ::mincore(map, size, bits.data()) == 0;
    ::munmap(map, size);
    if (!ok) return std::nullopt;
    Residency r;
    r.pages = bits.size();
    for (const auto b : bits) r.resident += b & 1u;
    return r;
}

}  // namespace kiosk::members

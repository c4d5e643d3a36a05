#include "app/members/program_pack.h"

#include <algorithm>

namespace kiosk::members::detail {

namespace {

bool inRange(const PackedProgram& p) {
    return p.codeId >= 1 && p.codeId <= 0xFFFFFFFFll && p.status >= 0 && p.status <= 2;
}

void putU32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

std::uint32_t getU32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

}  // namespace

bool packPrograms(std::vector<PackedProgram> programs, std::vector<std::uint8_t>& out) {
    out.clear();
    if (programs.size() > kMaxPackedPrograms) return false;
    std::sort(programs.begin(), programs.end(),
              [](const PackedProgram& a, const PackedProgram& b) { return a.codeId < b.codeId; });
    for (std::size_t i = 0; i < programs.size(); ++i)
        if (!inRange(programs[i]) || (i > 0 && programs[i - 1].codeId == programs[i].codeId)) return false;
    out.reserve(programs.size() * kPackedProgramSize);
    for (const auto& p : programs) {
        putU32(out, static_cast<std::uint32_t>(p.codeId));
        out.push_back(static_cast<std::uint8_t>(p.status));
        putU32(out, static_cast<std::uint32_t>(p.expiresDays));
    }
    return true;
}

bool unpackPrograms(std::span<const std::uint8_t> blob, std::vector<PackedProgram>& out) {
    out.clear();
    if (blob.size() % kPackedProgramSize != 0 || blob.size() / kPackedProgramSize > kMaxPackedPrograms) return false;
    for (std::size_t at = 0; at < blob.size(); at += kPackedProgramSize) {
        PackedProgram p;
        p.codeId = getU32(blob.data() + at);
        p.status = blob[at + 4];
        p.expiresDays = static_cast<std::int32_t>(getU32(blob.data() + at + 5));
        if (!inRange(p) || (!out.empty() && out.back().codeId >= p.codeId)) return out.clear(), false;
        out.push_back(p);
    }
    return true;
}

}  // namespace kiosk::members::detail

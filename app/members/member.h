#pragma once
// What the kiosk learns about a traveler from the member cache. Plain values, Qt-free and
// SQLite-free so the clearance flow and the simulator can use them without the cache's libraries.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/calendar_date.h"
#include "app/core/error.h"
#include "app/core/finger_position.h"

namespace kiosk::members {

enum class ProgramStatus { Active, Suspended, Revoked };

// "active", "suspended", "revoked": the member-list spelling.
[[nodiscard]] std::string_view programStatusName(ProgramStatus status);
[[nodiscard]] std::optional<ProgramStatus> parseProgramStatus(std::string_view name);

struct ProgramMembership {
    std::string program;  // "GLOBAL_ENTRY", "NEXUS", "SENTRI", "KOREA_SES", ...
    ProgramStatus status = ProgramStatus::Active;
    kiosk::CalendarDate expires;

    bool operator==(const ProgramMembership&) const = default;
};

struct EnrolledFinger {
    kiosk::FingerPosition position = kiosk::FingerPosition::Unknown;
    int quality = 0;                       // 0..100
    std::vector<std::uint8_t> isoTemplate;  // ISO/IEC 19794-2 record, opened

    bool operator==(const EnrolledFinger&) const = default;
};

struct MemberRecord {
    std::string memberId;  // opaque, never a name
    std::vector<ProgramMembership> programs;  // ordered by program name
    std::vector<EnrolledFinger> fingers;      // ordered by position
    // The vetting authority has placed a lookout on the member: the policy refers them to an officer
    // (reason REVIEW) once the usual steps are done, and nothing tells the traveler why. Carried from
    // the member list ("lookout": true) and bundles (record flag bit 0) to the cache (members.flags).
    bool lookout = false;

    bool operator==(const MemberRecord&) const = default;
};

// What the passport gives: normalised (upper case, fillers removed) before hashing.
struct DocumentKey {
    std::string issuingState;    // "USA", "D", "KOR"
    std::string documentNumber;  // as printed in the MRZ, fillers allowed ("<" and spaces go)
    kiosk::CalendarDate birthDate;
};

// The canonical text both lookup key and sealing key are derived from: "ISSUER|DOCNUMBER|YYYY-MM-DD",
// upper case, '<' and spaces removed. InvalidInput (naming the field, never its value) when a field is
// empty, too long, or holds characters an MRZ cannot (only A-Z and 0-9 survive normalisation).
[[nodiscard]] kiosk::Result<std::string> canonicalDocument(const DocumentKey& document);

}  // namespace kiosk::members

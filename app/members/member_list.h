#pragma once
// Internal: the unsigned member-list file (format "kiosk-member-list", version 1), parsed and fully
// validated before the cache is touched. Document data is reduced to derived keys during parsing;
// nothing here keeps a document number.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/members/deployment_key.h"
#include "app/members/member.h"
#include "app/members/member_crypto.h"

namespace kiosk::members::detail {

struct ListFinger {
    int position = 0;  // 1..10
    int quality = 0;   // 0..100
    std::vector<std::uint8_t> isoTemplate;
};

struct ListMember {
    std::string memberRef;
    std::vector<ProgramMembership> programs;  // sorted by program, unique
    std::vector<ListFinger> fingers;          // sorted by position, unique
    bool lookout = false;                     // optional "lookout": true
};

struct ListDocument {
    LookupKey lookupKey{};
    SealKey sealKey;
    std::uint32_t member = 0;  // index into MemberList::members
};

struct MemberList {
    std::int64_t sequence = 0;
    std::string created;  // ISO 8601 UTC as given
    std::vector<ListMember> members;
    std::vector<ListDocument> documents;  // sorted by lookup key (append-only B-tree inserts), unique
    std::size_t fingers = 0;
    LookupKey digest{};  // BLAKE2b-256 of the file
};

// InvalidInput with context "<file> members[i].<field>" for the first malformed field; Io when the
// file cannot be read.
[[nodiscard]] kiosk::Result<MemberList> readMemberList(const std::filesystem::path& file,
                                                       const DeploymentKey& key);

}  // namespace kiosk::members::detail

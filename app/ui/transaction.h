#pragma once
// Everything the kiosk knows about the traveler in front of it, and nothing that outlives them:
// wipe() overwrites the personal data before releasing it, when the transaction ends, times out or
// is abandoned.
#include <chrono>
#include <optional>
#include <string>

#include "app/clearance/policy.h"
#include "app/documents/travel_document.h"
#include "app/members/member.h"

namespace kiosk::ui {

struct Transaction {
    std::uint64_t serial = 0;  // distinguishes late results of an abandoned transaction
    std::string number;        // the transaction number printed on the receipt
    std::chrono::steady_clock::time_point started;
    clearance::Facts facts;
    std::optional<documents::TravelDocument> document;
    std::optional<members::MemberRecord> member;
    FingerPosition requestedFinger = FingerPosition::Unknown;
    bool languageChosen = false;
    int passportAttempts = 0;
    int fingerAttempts = 0;
    double bestScore = 0;
    std::size_t customsIndex = 0;
    std::optional<clearance::Decision> decision;

    void wipe();
};

}  // namespace kiosk::ui

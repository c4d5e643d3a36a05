#include "app/clearance/policy.h"

#include <algorithm>

namespace kiosk::clearance {
namespace {

Verdict decided(Outcome outcome, Reason reason, std::string program = {}) {
    return {Step::Decided, Decision{outcome, reason, std::move(program)}};
}

bool accepted(const PolicySettings& settings, const std::string& program) {
    return std::find(settings.acceptedPrograms.begin(), settings.acceptedPrograms.end(), program) !=
           settings.acceptedPrograms.end();
}

}  // namespace

Verdict evaluate(const Facts& facts, const PolicySettings& settings) {
    using D = Facts::Document;
    using M = Facts::Member;
    using B = Facts::Biometric;

    if (facts.document == D::NotRead) return {Step::ReadPassport, {}};
    if (facts.document == D::Invalid) return decided(Outcome::DocumentRefused, Reason::DocumentInvalid);
    // A document is valid through its expiry date.
    if (facts.documentExpiry < facts.today)
        return decided(Outcome::DocumentRefused, Reason::DocumentExpired);

    // Without a fresh member list the kiosk cannot know who is still in good standing.
    if (!facts.memberListFresh) return decided(Outcome::Referred, Reason::MemberListStale);
    // A clearance the officer cannot audit is not given; the officer decides instead.
    if (!facts.auditWritable) return decided(Outcome::Referred, Reason::AuditUnavailable);

    if (facts.member == M::NotLookedUp) return {Step::LookUpMember, {}};
    if (facts.member == M::NotFound) return decided(Outcome::RegularLane, Reason::NotMember);

    // The program that grants passage: accepted here, active, not expired. The first in the
    // member's list wins, so the receipt names a stable program.
    const ProgramFact* granting = nullptr;
    bool anyAccepted = false;
    for (const auto& p : facts.programs) {
        if (!accepted(settings, p.program)) continue;
        anyAccepted = true;
        if (p.active && !(p.expires < facts.today)) {
            granting = &p;
            break;
        }
    }
    if (!anyAccepted) return decided(Outcome::RegularLane, Reason::ProgramNotAccepted);
    if (!granting) return decided(Outcome::RegularLane, Reason::MembershipInactive);

    switch (facts.biometric) {
    case B::NotCaptured: return {Step::VerifyFingerprint, {}};
    case B::NoEnrolledFinger:
        return decided(Outcome::Referred, Reason::NoEnrolledFinger, granting->program);
    case B::ScannerFailed:
        return decided(Outcome::Referred, Reason::ScannerFailed, granting->program);
    case B::NotMatched:
        return decided(Outcome::Referred, Reason::BiometricMismatch, granting->program);
    case B::Matched: break;
    }

    if (!facts.declaredGoods) return {Step::AnswerCustoms, {}};
    if (*facts.declaredGoods) return decided(Outcome::Referred, Reason::Declaration, granting->program);
    // Last, so the traveler goes through the same steps as everyone else: nothing tells them apart.
    if (facts.lookout) return decided(Outcome::Referred, Reason::Lookout, granting->program);
    if (facts.randomlySelected) return decided(Outcome::Referred, Reason::Random, granting->program);
    return decided(Outcome::Cleared, Reason::None, granting->program);
}

std::string_view reasonCode(Reason reason) {
    switch (reason) {
    case Reason::None: return "";
    case Reason::NotMember: return "NOMEM";
    case Reason::ProgramNotAccepted: return "PROG";
    case Reason::MembershipInactive: return "INACT";
    case Reason::DocumentInvalid: return "DOC";
    case Reason::DocumentExpired: return "DOCEXP";
    case Reason::BiometricMismatch: return "BIO";
    case Reason::NoEnrolledFinger: return "NOBIO";
    case Reason::Declaration: return "DECL";
    case Reason::Random: return "RAND";
    case Reason::MemberListStale: return "STALE";
    case Reason::AuditUnavailable: return "AUDIT";
    // Neutral on purpose: the receipt is in the traveler's hand.
    case Reason::Lookout: return "REVIEW";
    case Reason::ScannerFailed: return "DEVICE";
    }
    return "?";
}

std::string_view outcomeName(Outcome outcome) {
    switch (outcome) {
    case Outcome::Cleared: return "cleared";
    case Outcome::Referred: return "referred";
    case Outcome::RegularLane: return "regular-lane";
    case Outcome::DocumentRefused: return "document-refused";
    }
    return "?";
}

}  // namespace kiosk::clearance

#pragma once
// The one place where the kiosk decides. A pure function of the facts gathered so far: it says
// which step the workflow needs next, or the decision. No I/O, no clock, no randomness inside:
// the workflow draws the random selection and passes the date, so every decision is reproducible
// from the audit record.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/calendar_date.h"

namespace kiosk::clearance {

enum class Step { ReadPassport, LookUpMember, VerifyFingerprint, AnswerCustoms, Decided };

enum class Outcome {
    Cleared,          // proceed to exit
    Referred,         // see an officer (with a reason the officer sees, the traveler does not)
    RegularLane,      // not eligible for this kiosk: use the regular passport-control lane
    DocumentRefused,  // the document cannot be used (invalid, expired): see an officer
};

enum class Reason {
    None,
    NotMember,
    ProgramNotAccepted,   // a member, but of no program this kiosk accepts
    MembershipInactive,   // suspended, revoked or expired membership
    DocumentInvalid,
    DocumentExpired,
    BiometricMismatch,
    NoEnrolledFinger,
    Declaration,
    Random,
    MemberListStale,
    AuditUnavailable,  // the audit trail cannot be written: nobody is cleared without a record
    Lookout,           // the vetting authority asks to see this member; the traveler is not told why
    ScannerFailed,     // the fingerprint scanner failed during the capture
};

struct Decision {
    Outcome outcome = Outcome::Referred;
    Reason reason = Reason::None;
    std::string program;  // the program that cleared or referred the member, empty otherwise

    bool operator==(const Decision&) const = default;
};

struct ProgramFact {
    std::string program;
    bool active = false;  // status is Active (not suspended, not revoked)
    CalendarDate expires;
};

struct Facts {
    CalendarDate today;
    bool memberListFresh = true;
    bool auditWritable = true;  // false once an audit record could not be written (disk full, I/O)

    enum class Document { NotRead, Invalid, Valid } document = Document::NotRead;
    CalendarDate documentExpiry;

    enum class Member { NotLookedUp, NotFound, Found } member = Member::NotLookedUp;
    std::vector<ProgramFact> programs;
    bool lookout = false;  // the member list flags the member for an officer

    // ScannerFailed: the scanner broke or vanished mid-capture; not the traveler's finger.
    enum class Biometric { NotCaptured, Matched, NotMatched, NoEnrolledFinger, ScannerFailed } biometric =
        Biometric::NotCaptured;

    std::optional<bool> declaredGoods;  // nullopt until the customs questions are answered
    bool randomlySelected = false;
};

struct PolicySettings {
    std::vector<std::string> acceptedPrograms;
};

struct Verdict {
    Step next = Step::ReadPassport;
    std::optional<Decision> decision;  // set when next == Step::Decided
};

[[nodiscard]] Verdict evaluate(const Facts& facts, const PolicySettings& settings);

// Short codes for the officer (receipt, audit): "BIO", "DECL", ...
[[nodiscard]] std::string_view reasonCode(Reason reason);
[[nodiscard]] std::string_view outcomeName(Outcome outcome);

}  // namespace kiosk::clearance

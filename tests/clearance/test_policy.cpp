#include <catch2/catch.hpp>

#include "app/clearance/policy.h"

using namespace kiosk::clearance;
using kiosk::CalendarDate;

namespace {
const PolicySettings kUsHall{{"GLOBAL_ENTRY", "NEXUS", "SENTRI", "KOREA_SES"}};

// A member who has done everything right; each test spoils one fact.
Facts goodMember() {
    Facts f;
    f.today = {2026, 11, 26};
    f.document = Facts::Document::Valid;
    f.documentExpiry = {2030, 1, 1};
    f.member = Facts::Member::Found;
    f.programs = {{"GLOBAL_ENTRY", true, {2029, 5, 1}}};
    f.biometric = Facts::Biometric::Matched;
    f.declaredGoods = false;
    return f;
}
}  // namespace

TEST_CASE("a member with everything in order is cleared") {
    const auto v = evaluate(goodMember(), kUsHall);
    REQUIRE(v.next == Step::Decided);
    CHECK(*v.decision == Decision{Outcome::Cleared, Reason::None, "GLOBAL_ENTRY"});
}

TEST_CASE("the policy asks for each missing fact in the flow's order") {
    Facts f;
    f.today = {2026, 11, 26};
    CHECK(evaluate(f, kUsHall).next == Step::ReadPassport);
    f.document = Facts::Document::Valid;
    f.documentExpiry = {2030, 1, 1};
    CHECK(evaluate(f, kUsHall).next == Step::LookUpMember);
    f.member = Facts::Member::Found;
    f.programs = {{"NEXUS", true, {2029, 1, 1}}};
    CHECK(evaluate(f, kUsHall).next == Step::VerifyFingerprint);
    f.biometric = Facts::Biometric::Matched;
    CHECK(evaluate(f, kUsHall).next == Step::AnswerCustoms);
    f.declaredGoods = false;
    CHECK(evaluate(f, kUsHall).next == Step::Decided);
}

TEST_CASE("each spoiled fact gives its own decision and reason") {
    struct Case {
        const char* what;
        void (*spoil)(Facts&);
        Outcome outcome;
        Reason reason;
    };
    const Case cases[] = {
        {"invalid document", [](Facts& f) { f.document = Facts::Document::Invalid; },
         Outcome::DocumentRefused, Reason::DocumentInvalid},
        {"expired yesterday", [](Facts& f) { f.documentExpiry = {2026, 11, 25}; },
         Outcome::DocumentRefused, Reason::DocumentExpired},
        {"stale member list", [](Facts& f) { f.memberListFresh = false; }, Outcome::Referred,
         Reason::MemberListStale},
        {"audit trail cannot be written", [](Facts& f) { f.auditWritable = false; }, Outcome::Referred,
         Reason::AuditUnavailable},
        {"not a member", [](Facts& f) { f.member = Facts::Member::NotFound; }, Outcome::RegularLane,
         Reason::NotMember},
        {"program not accepted here",
         [](Facts& f) { f.programs = {{"MARS_PASS", true, {2030, 1, 1}}}; }, Outcome::RegularLane,
         Reason::ProgramNotAccepted},
        {"revoked", [](Facts& f) { f.programs[0].active = false; }, Outcome::RegularLane,
         Reason::MembershipInactive},
        {"membership expired", [](Facts& f) { f.programs[0].expires = {2026, 11, 1}; },
         Outcome::RegularLane, Reason::MembershipInactive},
        {"finger does not match", [](Facts& f) { f.biometric = Facts::Biometric::NotMatched; },
         Outcome::Referred, Reason::BiometricMismatch},
        {"no enrolled finger", [](Facts& f) { f.biometric = Facts::Biometric::NoEnrolledFinger; },
         Outcome::Referred, Reason::NoEnrolledFinger},
        {"declares food", [](Facts& f) { f.declaredGoods = true; }, Outcome::Referred,
         Reason::Declaration},
        {"random selection", [](Facts& f) { f.randomlySelected = true; }, Outcome::Referred,
         Reason::Random},
        {"scanner failed mid-capture", [](Facts& f) { f.biometric = Facts::Biometric::ScannerFailed; },
         Outcome::Referred, Reason::ScannerFailed},
        {"lookout on the member", [](Facts& f) { f.lookout = true; }, Outcome::Referred, Reason::Lookout},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        Facts f = goodMember();
        c.spoil(f);
        const auto v = evaluate(f, kUsHall);
        REQUIRE(v.next == Step::Decided);
        CHECK(v.decision->outcome == c.outcome);
        CHECK(v.decision->reason == c.reason);
        CHECK_FALSE(reasonCode(c.reason).empty());
    }
}

TEST_CASE("a document is valid through its expiry day") {
    Facts f = goodMember();
    f.documentExpiry = f.today;
    CHECK(evaluate(f, kUsHall).decision->outcome == Outcome::Cleared);
}

TEST_CASE("a kiosk clears only the programs it accepts, and names the granting one") {
    const PolicySettings incheon{{"KOREA_SES"}};
    Facts f = goodMember();
    f.programs = {{"GLOBAL_ENTRY", true, {2030, 1, 1}}, {"KOREA_SES", true, {2030, 1, 1}}};
    CHECK(*evaluate(f, incheon).decision == Decision{Outcome::Cleared, Reason::None, "KOREA_SES"});
    // An inactive accepted program is not rescued by an active program this kiosk does not accept.
    f.programs = {{"GLOBAL_ENTRY", true, {2030, 1, 1}}, {"KOREA_SES", false, {2030, 1, 1}}};
    CHECK(evaluate(f, incheon).decision->reason == Reason::MembershipInactive);
}

TEST_CASE("a member with a lookout goes through every step like anyone else, then sees an officer") {
    Facts f = goodMember();
    f.lookout = true;
    f.biometric = Facts::Biometric::NotCaptured;
    f.declaredGoods.reset();
    CHECK(evaluate(f, kUsHall).next == Step::VerifyFingerprint);
    f.biometric = Facts::Biometric::Matched;
    CHECK(evaluate(f, kUsHall).next == Step::AnswerCustoms);
    f.declaredGoods = false;
    const auto v = evaluate(f, kUsHall);
    REQUIRE(v.next == Step::Decided);
    CHECK(*v.decision == Decision{Outcome::Referred, Reason::Lookout, "GLOBAL_ENTRY"});
    CHECK(reasonCode(Reason::Lookout) == "REVIEW");
}

// The decision stage of the MRZ reader (mrz_reader.cpp, `decide`): hard bench pages whose band was located
// right (every cell within 0.1 pitch of the truth) and every character read right, refused by a gate before
// the tenth OCR round (docs/documents.md, "tenth round, decision").
#include <catch2/catch.hpp>

#include <cstdint>

#include "devices/sim/passports/passport_page_generator.h"
#include "tests/documents_ocr/ocr_test_support.h"

using namespace kiosk;
using documents::ocr::test::readsBenchPage;

namespace {

// The bench's held-out and unseen sets and its first probe set (bench_documents_ocr --seed-offset ...).
constexpr std::uint64_t kHeldOut = 500000;
constexpr std::uint64_t kSetA = 777777;
constexpr std::uint64_t kSetB = 1234567;
constexpr std::uint64_t kProbeA = 18446744073706560607ULL;

}  // namespace

TEST_CASE("a state or nationality code's close call is settled by the code list", "[ocr][decide]") {
    // Set A page 182: nationality FIN, its F over E by 0.026 (the discriminant undecided): EIN is no code.
    // Set B page 156: issuing state NLD, its D over B by 0.04: NLB is no code.
    readsBenchPage(sim::Degradation::Hard, 182, kSetA);
    readsBenchPage(sim::Degradation::Hard, 156, kSetB);
}

TEST_CASE("a near-tie between letters in a name is settled when the discriminant is sure", "[ocr][decide]") {
    // Set A page 92: JOHN's H over N by 0.019 in cosine, the discriminant 3.6 sd for H.
    readsBenchPage(sim::Degradation::Hard, 92, kSetA);
}

TEST_CASE("a close call the check digits weigh alike is settled by the discriminant as in a name", "[ocr][decide]") {
    // Set A page 177: a document number's first Q over G (values 26 and 16) by 0.04, the discriminant 1.8 sd
    // for Q; G validated too, so the page was refused as having another reading.
    readsBenchPage(sim::Degradation::Hard, 177, kSetA);
}

TEST_CASE("of several validating corrections, those both witnesses rule out are dropped", "[ocr][decide]") {
    // Set A page 270: a document number's first O read 0 (the discriminant 0.4 sd for 0, the height against
    // it); swapping it, or a true 0 at the same weight that both witnesses back, each validated.
    readsBenchPage(sim::Degradation::Hard, 270, kSetA);
    // Set B page 51 (an ID card): the same with its document number on line 1.
    readsBenchPage(sim::Degradation::Hard, 51, kSetB);
}

TEST_CASE("a filler next to K in an empty personal number is judged by its '<' check digit", "[ocr][decide]") {
    // Set B pages 165 and 254: a personal number of fillers only, its check digit '<', one filler over K by
    // 0.03-0.05 with the discriminant undecided. K there would not validate (Doc 9303 allows a '<' check
    // digit only for an empty personal number), so the check digits do judge that close call.
    readsBenchPage(sim::Degradation::Hard, 165, kSetB);
    readsBenchPage(sim::Degradation::Hard, 254, kSetB);
}

TEST_CASE("a name's close call the discriminant leans to is settled by the glyph's shape", "[ocr][decide]") {
    // Held-out page 14 and probe page 48: a name's D over O by 0.03-0.05, the discriminant for D by only
    // 0.4-0.9 sd, its width (OCR-B's D is wider than its O) by 2.0-2.9 sd.
    readsBenchPage(sim::Degradation::Hard, 14, kHeldOut);
    readsBenchPage(sim::Degradation::Hard, 48, kProbeA);
}

TEST_CASE("a letter read past the name's end where '<' scored almost as well is read '<'", "[ocr][decide]") {
    // Held-out page 242: past the closing "<<" of the name a filler was read as a letter by a narrow margin
    // (fillersPastNameEnd); the name field allows only '<' there. Without the rule the page is refused.
    readsBenchPage(sim::Degradation::Hard, 242, kHeldOut);
}

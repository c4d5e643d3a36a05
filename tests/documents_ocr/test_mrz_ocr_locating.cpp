#include <catch2/catch.hpp>

#include "devices/sim/passports/passport_page_generator.h"
#include "tests/documents_ocr/ocr_test_support.h"

using namespace kiosk;
using documents::ocr::test::readsBenchPage;

TEST_CASE("lines the closing leaves in fragments are found by chaining their characters", "[ocr]") {
    // Hard pages refused with "no MRZ found" before the eleventh round: low contrast and blur at 10-15
    // degrees leave only fragments of the MRZ's lines in the closing's line mask, though the text mask holds
    // the characters. The character-chaining line finder (chainedPieces) finds both lines: page 278 of the
    // first set, 329 of the held-out set (seed offset 500000), 177 of probe pa and 330 of probe pb.
    readsBenchPage(sim::Degradation::Hard, 278);
    readsBenchPage(sim::Degradation::Hard, 329, 500000ULL);
    readsBenchPage(sim::Degradation::Hard, 177, 18446744073706560607ULL);
    readsBenchPage(sim::Degradation::Hard, 330, 18446744073706571607ULL);
}

TEST_CASE("a line broken into short runs of characters is found from chains of five", "[ocr]") {
    // Hard pages 410 and 506 of probe pb (seed offset 18446744073706571607): one MRZ line comes apart into
    // runs of 5-7 characters (its name between long filler runs), under the 8 a chain first needs.
    readsBenchPage(sim::Degradation::Hard, 410, 18446744073706571607ULL);
    readsBenchPage(sim::Degradation::Hard, 506, 18446744073706571607ULL);
}

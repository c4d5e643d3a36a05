#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <thread>

#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/cell_spacing.h"
#include "app/documents/ocr/glyph_atlas.h"
#include "devices/sim/passports/passport_page_generator.h"
#include "tests/documents_ocr/ocr_test_support.h"

using namespace kiosk;
using documents::DocumentFormat;
using documents::ocr::test::kOptions;
using documents::ocr::test::reader;
using documents::ocr::test::readsBenchPage;
using documents::ocr::test::benchPage;

namespace {

sim::DataPage cleanPage(std::uint64_t seed, DocumentFormat format) {
    auto page = sim::renderDataPage(sim::syntheticDocument(seed, format), seed);
    REQUIRE(page.has_value());
    return *page;
}

// Only the geometry: no blur, noise or light, to test locating and rectifying by themselves.
sim::DataPage geometry(const sim::DataPage& clean, double rotation, bool upsideDown, double perspective) {
    sim::CaptureConditions c;
    c.rotation = rotation;
    c.upsideDown = upsideDown;
    c.perspective = perspective;
    c.scale = 0.85;
    return sim::capturePage(clean, c, 11);
}

bool isUnreadable(const Result<documents::ocr::OcrResult>& result) {
    return !result && result.error().code == Error::Code::InvalidInput &&
           result.error().message.rfind("unreadable: ", 0) == 0;
}

}  // namespace

void readsCleanly(DocumentFormat format) {
    {
        const auto page = geometry(cleanPage(5, format), 0, false, 0);
        documents::ocr::OcrStages stages;
        const auto result = reader().readWithStages(page.image, kOptions, stages);
        INFO(documents::formatName(format) << (result ? "" : " " + result.error().describe()));
        REQUIRE(result.has_value());
        CHECK(result->lines == page.mrz);
        CHECK(result->confidences.size() == page.mrz.size() * page.mrz[0].size());
        CHECK(result->milliseconds > 0);
        // Every stage leaves its picture.
        CHECK(stages.textMask.isValid());
        CHECK(stages.lineMask.isValid());
        CHECK(stages.band.isValid());
        CHECK(stages.cells.isValid());
        CHECK(stages.band.width > stages.band.height * 5);
    }
}

TEST_CASE("the reader reads a clean data page", "[ocr]") { readsCleanly(DocumentFormat::TD3); }

// Known gap: locating the three lines of an ID card still fails on some cards (see docs/documents.md).
TEST_CASE("the reader reads a clean ID card", "[ocr][!mayfail]") { readsCleanly(DocumentFormat::TD1); }

TEST_CASE("the band is found rotated, upside down and in perspective", "[ocr]") {
    const auto clean = cleanPage(8, DocumentFormat::TD3);
    struct Case {
        double rotation;
        bool upsideDown;
        double perspective;
    };
    const Case cases[] = {{0, false, 0}, {12, false, 0}, {-12, false, 0}, {0, true, 0},
                          {-8, true, 0}, {0, false, 0.04}, {6, false, 0.03}};
    for (const auto& c : cases) {
        const auto page = geometry(clean, c.rotation, c.upsideDown, c.perspective);
        const auto result = reader().read(page.image, kOptions);
        INFO("rotation " << c.rotation << (c.upsideDown ? " upside down" : "") << " perspective " << c.perspective
                         << (result ? "" : ": " + result.error().describe()));
        REQUIRE(result.has_value());
        CHECK(result->lines == clean.mrz);
    }
}

TEST_CASE("the characters are located within a fraction of a pitch", "[ocr]") {
    // Rotated, in perspective and upside down: where each character was read against where it was printed.
    for (const auto format : {DocumentFormat::TD3, DocumentFormat::TD1}) {
        const auto clean = cleanPage(13, format);
        const auto page = geometry(clean, -9, true, 0.04);
        documents::ocr::OcrStages stages;
        const auto result = reader().readWithStages(page.image, kOptions, stages);
        INFO(documents::formatName(format) << (result ? "" : " " + result.error().describe()));
        REQUIRE(result.has_value());
        const std::size_t n = page.mrz[0].size(), lines = page.mrz.size();
        REQUIRE(stages.cellCentres.size() == n * lines);
        // The print area (generator's corners) in millimetres: 2.54 mm pitch, lines 4.5 (TD3) / 4.2 mm apart.
        const double pitch = 2.54, linePitch = format == DocumentFormat::TD1 ? 4.2 : 4.5, cap = 2.54 * 53.0 / 52.0;
        const double w = static_cast<double>(n) * pitch, h = cap + linePitch * static_cast<double>(lines - 1);
        const cv::Point2f rect[4] = {{0, 0}, {static_cast<float>(w), 0}, {static_cast<float>(w), static_cast<float>(h)}, {0, static_cast<float>(h)}};
        cv::Point2f corners[4];
        for (std::size_t k = 0; k < 4; ++k) corners[k] = {static_cast<float>(page.mrzCorners[k][0]), static_cast<float>(page.mrzCorners[k][1])};
        const cv::Matx33d printToImage = cv::getPerspectiveTransform(rect, corners);
        const double imagePitch = cv::norm(corners[1] - corners[0]) / static_cast<double>(n);
        double worst = 0;
        for (std::size_t c = 0; c < stages.cellCentres.size(); ++c) {
            const cv::Vec3d q = printToImage * cv::Vec3d((static_cast<double>(c % n) + 0.5) * pitch, cap / 2 + linePitch * static_cast<double>(c / n), 1);
            worst = std::max(worst, std::hypot(q[0] / q[2] - stages.cellCentres[c][0], q[1] / q[2] - stages.cellCentres[c][1]) / imagePitch);
        }
        CHECK(worst < 0.3);
    }
}

TEST_CASE("a seeded set of mild pages is read, and nothing is wrongly accepted", "[ocr]") {
    int correct = 0;
    const int pages = 16;
    for (int i = 0; i < pages; ++i) {
        const auto page = sim::syntheticPage(5000 + static_cast<std::uint64_t>(i), sim::Degradation::Mild,
                                             i % 4 == 3 ? DocumentFormat::TD1 : DocumentFormat::TD3);
        REQUIRE(page.has_value());
        const auto result = reader().read(page->page.image, kOptions);
        if (result) {
            CHECK(result->lines == page->page.mrz);  // validated means right
            correct += result->lines == page->page.mrz;
        } else {
            CHECK(isUnreadable(result));
        }
    }
    // The bench measures the rate on 1,000+ pages; here a floor that catches regressions.
    CHECK(correct >= pages - 2);
}

TEST_CASE("a smudged digit never gives a validated wrong MRZ", "[ocr]") {
    const auto clean = cleanPage(21, DocumentFormat::TD3);
    const double pitch = (clean.mrzCorners[1][0] - clean.mrzCorners[0][0]) / 44.0;
    // Smudge line 2 column by column over the document number and the dates.
    for (const int column : {1, 3, 5, 8, 10, 15, 19, 24, 27}) {
        auto page = clean;
        cv::Mat image(page.image.height, page.image.width, CV_8U, page.image.pixels.data());
        const double x = clean.mrzCorners[3][0] + (column - 0.5) * pitch;
        const double y = clean.mrzCorners[3][1] - pitch * 0.5;
        cv::ellipse(image, cv::Point(static_cast<int>(x), static_cast<int>(y)),
                    cv::Size(static_cast<int>(pitch * 0.45), static_cast<int>(pitch * 0.6)), 30, 0, 360, cv::Scalar(70),
                    cv::FILLED, cv::LINE_AA);
        const auto result = reader().read(page.image, kOptions);
        INFO("column " << column << (result ? "" : ": " + result.error().describe()));
        if (result) CHECK(result->lines == clean.mrz);
        else CHECK(isUnreadable(result));
    }
}

TEST_CASE("pages without an MRZ are unreadable with a reason", "[ocr]") {
    GreyImage blank{1000, 700, 200, std::vector<std::uint8_t>(1000 * 700, 200)};
    const auto none = reader().read(blank, kOptions);
    REQUIRE(isUnreadable(none));
    CHECK(none.error().message.find("no MRZ found") != std::string::npos);

    GreyImage noise{1000, 700, 200, std::vector<std::uint8_t>(1000 * 700)};
    std::mt19937 engine(3);
    for (auto& p : noise.pixels) p = static_cast<std::uint8_t>(engine() & 0xff);
    CHECK(isUnreadable(reader().read(noise, kOptions)));

    // A page whose MRZ was cut away.
    auto page = cleanPage(9, DocumentFormat::TD3);
    std::fill(page.image.pixels.begin() + 560 * page.image.width, page.image.pixels.end(), std::uint8_t{235});
    CHECK(isUnreadable(reader().read(page.image, kOptions)));
}

TEST_CASE("corrupt images are errors, not crashes", "[ocr]") {
    const auto empty = reader().read(GreyImage{}, kOptions);
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().code == Error::Code::InvalidInput);
    GreyImage wrongSize{1000, 700, 200, std::vector<std::uint8_t>(1000)};
    CHECK_FALSE(reader().read(wrongSize, kOptions).has_value());
    GreyImage tiny{10, 10, 200, std::vector<std::uint8_t>(100, 128)};
    const auto small = reader().read(tiny, kOptions);
    REQUIRE_FALSE(small.has_value());
    CHECK(small.error().message.find("10x10") != std::string::npos);
    GreyImage strip{5000, 120, 200, std::vector<std::uint8_t>(5000 * 120, 0)};
    CHECK_FALSE(reader().read(strip, kOptions).has_value());
}

TEST_CASE("read is safe from several threads", "[ocr]") {
    const auto page = cleanPage(5, DocumentFormat::TD3);
    std::vector<std::string> a, b;
    std::thread t1([&] { if (auto r = reader().read(page.image, kOptions)) a = r->lines; });
    std::thread t2([&] { if (auto r = reader().read(page.image, kOptions)) b = r->lines; });
    t1.join();
    t2.join();
    CHECK(a == page.mrz);
    CHECK(b == page.mrz);
}

TEST_CASE("hard pages: what validates is right, and most are read", "[ocr]") {
    // Glare, faint ink, strong perspective: lines found cut short, a card's third line lost, lines joined on
    // a steeply turned page. Seeds apart from the bench's.
    int correct = 0;
    const int pages = 24;
    for (int i = 0; i < pages; ++i) {
        const auto page = sim::syntheticPage(9000 + static_cast<std::uint64_t>(i), sim::Degradation::Hard,
                                             i % 4 == 3 ? DocumentFormat::TD1 : DocumentFormat::TD3);
        REQUIRE(page.has_value());
        const auto result = reader().read(page->page.image, kOptions);
        INFO("page " << i << (result ? "" : ": " + result.error().describe()));
        if (result) {
            CHECK(result->lines == page->page.mrz);
            correct += result->lines == page->page.mrz;
        } else {
            CHECK(isUnreadable(result));
        }
    }
    // A floor that catches regressions (the bench measures the rate on 340 pages a level).
    // Read 23 when written (the reader before it: 19, and one of them wrongly accepted).
    CHECK(correct >= 21);
}

TEST_CASE("misreads that cancel out in the check digits are refused", "[ocr]") {
    // Hard pages on which earlier versions accepted a wrong document number: two 0->O (weights 7 and 3: the
    // check digit cannot tell), and 5->S, 8->B, 0->O. Each of those characters was a close call: with a
    // rival reading that validates too, nothing may be accepted.
    for (const std::uint64_t seed : {9017ULL, 3 * 1000003ULL + 38, 3 * 1000003ULL + 144}) {
        const auto captured = sim::syntheticPage(seed, sim::Degradation::Hard, DocumentFormat::TD3);
        REQUIRE(captured.has_value());
        const auto result = reader().read(captured->page.image, kOptions);
        INFO("seed " << seed);
        if (result) CHECK(result->lines == captured->page.mrz);
        else CHECK(isUnreadable(result));
    }
}

namespace {

// Prints `glyph` over character `column` (0-based) of the page's last MRZ line, in place of what was there:
// a print that genuinely differs from the document (the reader must not know the truth).
void overprint(sim::DataPage& page, int column, char glyph) {
    const auto& atlas = documents::ocr::ocrbGlyphAtlas();
    cv::Mat image(page.image.height, page.image.width, CV_8U, page.image.pixels.data());
    const int length = static_cast<int>(page.mrz.back().size());
    const double pitch = (page.mrzCorners[1][0] - page.mrzCorners[0][0]) / length;
    const double scale = pitch / atlas.advance, baseline = page.mrzCorners[3][1];
    const double left = page.mrzCorners[3][0] + column * pitch;
    const cv::Rect cell(static_cast<int>(left), static_cast<int>(baseline - (atlas.capHeight + 4) * scale), static_cast<int>(pitch),
                        static_cast<int>((atlas.capHeight + 8) * scale));
    double ink = 0, paper = 0;
    cv::minMaxLoc(image(cell), &ink, &paper);
    image(cell).setTo(cv::Scalar(paper));
    const auto index = atlas.characters.find(glyph);
    REQUIRE(index != std::string_view::npos);
    const cv::Mat alpha(atlas.cellHeight, atlas.advance, CV_8U, const_cast<unsigned char*>(atlas.cell(index)));
    cv::Mat small;
    cv::resize(alpha, small, cv::Size(), scale, scale, cv::INTER_AREA);  // white paper, black ink
    const int x0 = static_cast<int>(std::lround(left)), y0 = static_cast<int>(std::lround(baseline - atlas.ascent * scale));
    for (int y = 0; y < small.rows; ++y) {
        for (int x = 0; x < small.cols; ++x) {
            if (y0 + y < 0 || y0 + y >= image.rows || x0 + x < 0 || x0 + x >= image.cols) continue;
            const double coverage = 1.0 - small.at<std::uint8_t>(y, x) / 255.0;
            auto& p = image.at<std::uint8_t>(y0 + y, x0 + x);
            p = static_cast<std::uint8_t>(std::min<double>(p, paper - coverage * (paper - ink)));
        }
    }
}

}  // namespace

TEST_CASE("a classic-confusion correction is made only when every other character is read well", "[ocr]") {
    // A document number printed with one character's OCR-B look-alike (0 as O, 1 as I, ...): the check digit
    // proves the swap back. But only on a reading where every other character scores 0.85: a weak character
    // beside it could be a misread that the swap cancels (seen with an earlier re-centring: a smudged N read as
    // R, then 0 swapped to O, validated). Smudges of growing darkness over a neighbour: whatever is accepted is
    // right, and when a correction was needed, every other character was confident.
    int checked = 0;
    for (std::uint64_t seed = 30; seed < 60 && checked < 3; ++seed) {
        const auto clean = cleanPage(seed, DocumentFormat::TD3);
        const std::string& number = clean.mrz[1];
        int column = -1;
        for (int c = 0; c < 9 && column < 0; ++c) {
            if (std::string_view("0125").find(number[static_cast<std::size_t>(c)]) != std::string_view::npos) column = c;
        }
        if (column < 0) continue;
        const char lookAlike = std::string_view("0O1I2Z5S")[std::string_view("0O1I2Z5S").find(number[static_cast<std::size_t>(column)]) + 1];
        auto misprinted = clean;
        overprint(misprinted, column, lookAlike);
        {
            // Refused when another swap in the field validates too (the check digit cannot choose).
            const auto result = reader().read(geometry(misprinted, 0, false, 0).image, kOptions);
            INFO("seed " << seed << ", column " << column + 1 << (result ? "" : ": " + result.error().describe()));
            if (!result) {
                CHECK(isUnreadable(result));
                continue;
            }
            CHECK(result->lines == clean.mrz);  // the swap, proved by the document number's check digit
        }
        ++checked;
        const double pitch = (clean.mrzCorners[1][0] - clean.mrzCorners[0][0]) / 44.0;
        const int neighbour = column == 0 ? 1 : column - 1;
        for (const int grey : {200, 170, 140, 110}) {
            auto page = misprinted;
            cv::Mat image(page.image.height, page.image.width, CV_8U, page.image.pixels.data());
            const cv::Point at(static_cast<int>(clean.mrzCorners[3][0] + (neighbour + 0.5) * pitch),
                               static_cast<int>(clean.mrzCorners[3][1] - pitch * 0.5));
            cv::Mat smudge = image.clone();
            cv::ellipse(smudge, at, cv::Size(static_cast<int>(pitch * 0.45), static_cast<int>(pitch * 0.6)), 30, 0, 360, cv::Scalar(grey),
                        cv::FILLED, cv::LINE_AA);
            cv::min(image, smudge, image);
            const auto result = reader().read(geometry(page, 0, false, 0).image, kOptions);
            INFO("seed " << seed << ", smudge " << grey << (result ? "" : ": " + result.error().describe()));
            if (!result) {
                CHECK(isUnreadable(result));
                continue;
            }
            CHECK(result->lines == clean.mrz);
            const auto& confidences = result->confidences;
            REQUIRE(confidences.size() == 88);
            for (std::size_t i = 0; i < confidences.size(); ++i) {
                if (i != 44 + static_cast<std::size_t>(column)) CHECK(confidences[i] >= 0.85f);
            }
        }
    }
    CHECK(checked == 3);
}

TEST_CASE("mild pages once refused at a line's first glyph or beside a wide neighbour are read", "[ocr]") {
    // Bench pages (first set, mild): 113 (an `L` after `U` read `I`) and 281 (the `<` after `P` read `K`), the
    // window pulled onto the neighbour; 107 (a card) and 126, a line's first `H` whose outer stem the local
    // ink level raised more than its inner one.
    for (const int i : {107, 113, 126, 281}) readsBenchPage(sim::Degradation::Mild, i);
}

TEST_CASE("a filler after the name's closing << is read without a margin over K", "[ocr]") {
    // Doc 9303 names: primary identifier, "<<", the secondary identifier's components, then filler. After a
    // "<<" that follows the secondary identifier, a cell can only be '<'. Hard bench page 24 (first set) was
    // refused at line 1, column 34: a filler there beat K by 0.05 (under the 0.06 margin names need).
    readsBenchPage(sim::Degradation::Hard, 24);
}

TEST_CASE("lines whose ends were measured again are read with a wider end search and grid slips", "[ocr]") {
    // Hard bench pages (first set) refused before the seventh round. Their lines were found short (faint
    // fillers, glare) and measured again (extendedGroup); the new ends overshot the first character by a
    // pitch or two, beyond the first grid fit's end search, and that reading started a cell early (198: a
    // passport first read as two lines of 36). Read again with the end search widened and, as the first
    // reading is, under slipped grids.
    for (const int i : {36, 164, 198, 284, 309}) readsBenchPage(sim::Degradation::Hard, i);
}

TEST_CASE("a look-alike alternative that both witnesses rule out does not refuse the reading", "[ocr]") {
    // Hard bench pages (first set) refused before the eighth round, every character read right: two 0 in a
    // document number whose swap to O cancels out in the check digits (weights 7 and 3: 24 x 10), so the
    // alternative validated too. Summed over the two, the discriminant and the glyph height both speak for
    // the 0s (page 306: 1.8 and 3.4 sd), which a wrong reading's alternative never had (docs/documents.md).
    for (const int i : {1, 137, 306}) readsBenchPage(sim::Degradation::Hard, i);
}

TEST_CASE("a line whose glyphs measure taller or shorter than the templates is read at their height", "[ocr]") {
    // Hard bench pages 38 and 244 (first set), refused before the ninth round: their lines' glyphs measured
    // 3 % or more off the templates' height (hard captures: 0.90-1.10), where OCR-B's 0 and O differ by 11 %;
    // 38 then took a true 0 for O beside two 5/S close calls, 244 a name's D for O. Sampled again with the
    // rows that far apart (classifyCells), both read right.
    for (const int i : {38, 244}) readsBenchPage(sim::Degradation::Hard, i);
}

TEST_CASE("a close call the check digits cannot judge is settled by the margin a name needs", "[ocr]") {
    // Hard bench pages 82, 102, 140, 225 (first set): every character read right, but a filler in the
    // personal number won by 0.06-0.08 over K (on 140 a U over 0) while the discriminant leaned the other
    // way. The two weigh the same in the check digits, so the page was refused, as a low-confidence position
    // or as a rival reading; such a position is now judged as an uncovered one is.
    for (const int i : {82, 102, 140, 225}) readsBenchPage(sim::Degradation::Hard, i);
}

TEST_CASE("a grid that put two windows on one glyph, or left one out, is caught by the cells' spacing", "[ocr]") {
    using documents::ocr::detail::unevenCells;
    constexpr float kPitchPx = 16.0f;
    // Two lines of 10 cells, each window centred near its cell's middle (the jitter of a real reading:
    // 0.75-1.27 pitches apart on 3,491 lines read right).
    std::vector<float> centres;
    for (int l = 0; l < 2; ++l)
        for (int c = 0; c < 10; ++c) centres.push_back(kPitchPx * (static_cast<float>(c) + 0.5f) + (c % 2 == 0 ? 2.0f : -1.5f));
    CHECK_FALSE(unevenCells(centres, 2, 10, kPitchPx).has_value());
    // The old reader's wrong page (unused set, hard page 266): `CLAIRE` read `CLAAIRE`, its two `A` windows
    // 0.05 pitch apart.
    auto twice = centres;
    twice[10 + 5] = twice[10 + 4] + 0.05f * kPitchPx;
    const auto caught = unevenCells(twice, 2, 10, kPitchPx);
    REQUIRE(caught.has_value());
    CHECK(caught->line == 1);
    CHECK(caught->column == 4);
    CHECK(caught->pitches == Approx(0.05f));
    // A glyph left out: 1.6 pitches between two windows clamped towards each other's far side.
    auto skipped = centres;
    skipped[3] = skipped[2] + 1.6f * kPitchPx;
    REQUIRE(unevenCells(skipped, 2, 10, kPitchPx).has_value());
    CHECK(unevenCells(skipped, 2, 10, kPitchPx)->column == 2);
    // Nothing measured (a reading without centres) is not a fault.
    CHECK_FALSE(unevenCells({}, 2, 10, kPitchPx).has_value());
}

TEST_CASE("a line found only in part beside a whole one is read at the whole line's length", "[ocr]") {
    // Hard bench page 240 (first set): "no MRZ found", because the line finder found one of its lines only in
    // part and no two lines of similar length were left to group. Grouped as a partial line beside the
    // whole one and given the whole line's ends (groupLines' `partial`), it reads right.
    readsBenchPage(sim::Degradation::Hard, 240);
}

TEST_CASE("collinear pieces of one line that overlap are joined into the line", "[ocr]") {
    // The line finder used to join two pieces of a line only across a gap: a piece that reached half a line
    // height into the next stayed apart, and the line was lost (hard bench page 223 of the first set, a card,
    // and page 135 of the set at seed offset 18446744073706560607, a card upside down, whose third line came
    // as two pieces overlapping by 25 pixels). Pieces whose both ends lie on the other's line are one line.
    readsBenchPage(sim::Degradation::Hard, 223);
    readsBenchPage(sim::Degradation::Hard, 135, 18446744073706560607ULL);
}

TEST_CASE("a refused page reports the reading that came closest, and why it was refused", "[ocr]") {
    // Hard pages of the first set whose first candidate band was misplaced by a pitch or more (it read
    // nonsense and was refused for its cells' spacing); their re-measured bands read all but a character or
    // two. The reason and the stages must be those of that reading: a technician learns what stopped it.
    int refused = 0;
    for (const int i : {60, 124, 168, 265}) {
        const auto captured = benchPage(sim::Degradation::Hard, i);
        documents::ocr::OcrStages stages;
        const auto result = reader().readWithStages(captured.page.image, kOptions, stages);
        INFO("hard page " << i << (result ? "" : ": " + result.error().describe()));
        if (result) {  // read since: then it must be read right
            CHECK(result->lines == captured.page.mrz);
            continue;
        }
        REQUIRE(stages.lines.size() == captured.page.mrz.size());
        int wrong = 0;
        for (std::size_t l = 0; l < stages.lines.size(); ++l) {
            for (std::size_t k = 0; k < captured.page.mrz[l].size(); ++k) wrong += stages.lines[l][k] != captured.page.mrz[l][k];
        }
        CHECK(wrong <= 2);
        CHECK(result.error().message.find("pitches apart") == std::string::npos);
        ++refused;
    }
    // Once the reader reads all four, this test checks nothing about refusals: choose other such pages.
    CHECK(refused > 0);
}

TEST_CASE("lines found over their last characters only are measured again out to a whole line", "[ocr]") {
    // Hard bench page 60 of the first set and page 480 of the set at seed offset 18446744073706560607: the
    // line finder found only the last 17-20 characters of both lines (glare, faint ink). Their ends were
    // probed only 0.7 of the found length beyond each end, short of the first characters; the probe now
    // reaches as far as the longest MRZ line would need.
    readsBenchPage(sim::Degradation::Hard, 60);
    readsBenchPage(sim::Degradation::Hard, 480, 18446744073706560607ULL);
}

TEST_CASE("the evened search's re-measured bands get the grid slips too", "[ocr]") {
    // Hard bench page 168 of the first set: found only with the text response's contrast evened, its lines'
    // re-measured ends put the grid a cell off at one end; the slips the first search already tried read it.
    readsBenchPage(sim::Degradation::Hard, 168);
}

TEST_CASE("the turned and partial-line searches run whenever nothing validated", "[ocr]") {
    // Both searches ran only when no candidate group was found at all; on hard pages the candidates are often
    // other print while the MRZ's lines are broken. Hard bench page 124 of the first set reads as a line
    // found in part beside a whole one, page 172 of the set at seed offset 18446744073706571607 turned.
    readsBenchPage(sim::Degradation::Hard, 124);
    readsBenchPage(sim::Degradation::Hard, 172, 18446744073706571607ULL);
}

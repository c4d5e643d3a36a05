// The classifier's second opinion on look-alike glyphs, on windows drawn from the OCR-B font with more
// blur and noise than the templates were made with (so not the templates themselves).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/glyph_atlas.h"
#include "app/documents/ocr/glyph_classifier.h"

using kiosk::documents::ocr::ocrbGlyphAtlas;
using kiosk::documents::ocr::detail::GlyphClassifier;
using kiosk::documents::ocr::detail::kClasses;
using kiosk::documents::ocr::detail::kPitch;

namespace {

const GlyphClassifier& classifier() {
    static const GlyphClassifier instance;
    return instance;
}

int classOf(char c) { return static_cast<int>(kClasses.find(c)); }

// `c` between two fillers, scaled to the classifier's pitch, blurred, noisy and shifted a little, as a
// worn print on a hard page: ink high, paper 0, like the reader's ink image.
// `blur`: the blur's sigma in the classifier's pixels, or random (1.0-1.6) when negative.
cv::Mat degradedWindow(char c, std::mt19937& engine, double blur = -1.0) {
    const auto& atlas = ocrbGlyphAtlas();
    const auto alpha = [&](char ch) {
        const cv::Mat cell(atlas.cellHeight, atlas.advance, CV_8U,
                           const_cast<unsigned char*>(atlas.cell(atlas.characters.find(ch))));
        cv::Mat a;
        cv::subtract(cv::Scalar(255), cell, a);
        return a;
    };
    cv::Mat strip(atlas.cellHeight, 3 * atlas.advance, CV_8U, cv::Scalar(0));
    alpha('<').copyTo(strip(cv::Rect(0, 0, atlas.advance, atlas.cellHeight)));
    alpha(c).copyTo(strip(cv::Rect(atlas.advance, 0, atlas.advance, atlas.cellHeight)));
    alpha('<').copyTo(strip(cv::Rect(2 * atlas.advance, 0, atlas.advance, atlas.cellHeight)));
    std::uniform_real_distribution<double> shift(-1.0, 1.0), randomBlur(1.0, 1.6);
    if (blur < 0) blur = randomBlur(engine);
    const double scale = kPitch / static_cast<double>(atlas.advance);
    const double x0 = 1.5 * atlas.advance, y0 = atlas.ascent - atlas.capHeight / 2.0;
    cv::Mat soft, canvas;
    cv::GaussianBlur(strip, soft, cv::Size(), blur / scale);
    const cv::Matx23d m(scale, 0, 24 + shift(engine) - scale * x0, 0, scale, 12 + shift(engine) - scale * y0);
    cv::warpAffine(soft, canvas, m, cv::Size(48, 24), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    canvas.convertTo(canvas, CV_32F);
    cv::Mat noise(canvas.size(), CV_32F);
    cv::randn(noise, 0.0, 20.0);
    canvas = cv::max(canvas + noise, 0.0);
    double low = 0, high = 0;  // the faint halo off, as the templates and the reader's ink image have it
    cv::minMaxLoc(canvas, &low, &high);
    canvas = cv::max(canvas - 0.3 * high, 0.0);
    return classifier().window(canvas, cv::Point2f(24.0f, 12.0f));
}

// `c` between `left` and `right`, as a mild page prints it (blur 0.5, no noise), the window asked for at
// `gridError` pixels off the glyph's true centre (the window follows the ink up to 0.3 pitch, 4.8 pixels).
cv::Mat neighbouredWindow(char left, char c, char right, float gridError) {
    const auto& atlas = ocrbGlyphAtlas();
    cv::Mat strip(atlas.cellHeight, 3 * atlas.advance, CV_8U, cv::Scalar(0));
    const char glyphs[] = {left, c, right};
    for (int k = 0; k < 3; ++k) {
        const cv::Mat cell(atlas.cellHeight, atlas.advance, CV_8U,
                           const_cast<unsigned char*>(atlas.cell(atlas.characters.find(glyphs[k]))));
        cv::subtract(cv::Scalar(255), cell, strip(cv::Rect(k * atlas.advance, 0, atlas.advance, atlas.cellHeight)));
    }
    const double scale = kPitch / static_cast<double>(atlas.advance);
    const double x0 = 1.5 * atlas.advance, y0 = atlas.ascent - atlas.capHeight / 2.0;
    cv::Mat soft, canvas;
    cv::GaussianBlur(strip, soft, cv::Size(), 0.5 / scale);
    const cv::Matx23d m(scale, 0, 24 - scale * x0, 0, scale, 12 - scale * y0);
    cv::warpAffine(soft, canvas, m, cv::Size(48, 24), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
    canvas.convertTo(canvas, CV_32F);
    double low = 0, high = 0;
    cv::minMaxLoc(canvas, &low, &high);
    canvas = cv::max(canvas - 0.3 * high, 0.0);
    return classifier().window(canvas, cv::Point2f(24.0f + gridError, 12.0f));
}

// Horizontal ink centroid of a window (pixels from its left edge).
double inkCentreX(const cv::Mat& window) {
    double sum = 0, moment = 0;
    for (int y = 0; y < window.rows; ++y) {
        for (int x = 0; x < window.cols; ++x) {
            sum += static_cast<double>(window.at<float>(y, x));
            moment += static_cast<double>(window.at<float>(y, x)) * x;
        }
    }
    return sum > 0 ? moment / sum : 0.0;
}

// A line's height (or width) scale as the reader measures it on its confident glyphs (the median ratio to
// the templates), here on other glyphs drawn with the same blur, so that the blur's growth cancels out.
float lineScaleOf(std::mt19937& engine, double blur, bool height) {
    std::vector<float> ratios;
    for (const char c : std::string("ACEHKLMNPRTX2345679")) {
        const cv::Mat f = GlyphClassifier::features({degradedWindow(c, engine, blur)});
        ratios.push_back(height ? classifier().heightScale(f, classOf(c)) : classifier().widthScale(f, classOf(c)));
    }
    std::nth_element(ratios.begin(), ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2), ratios.end());
    return ratios[ratios.size() / 2];
}

}  // namespace

TEST_CASE("a wide neighbour's ink does not pull the window off the glyph", "[ocr]") {
    // A 'P' before a '<' (every passport's first line) or a 'U' before an 'L': with the grid 3-4 pixels
    // towards the neighbour, its bowl's edge reached into the cell and dragged the ink centring with it
    // (before the centring cut the neighbour's ink off at the gap: 5 of these checks failed).
    const std::pair<char, char> cases[] = {{'P', '<'}, {'U', 'L'}, {'P', 'L'}, {'D', '<'}};
    for (const auto& [left, c] : cases) {
        for (const float gridError : {-4.0f, -3.0f, -2.0f, 0.0f}) {
            const cv::Mat alone = neighbouredWindow('<', c, '<', gridError);
            const cv::Mat beside = neighbouredWindow(left, c, '<', gridError);
            INFO(c << " after " << left << ", grid " << gridError << " px off");
            CHECK(std::abs(inkCentreX(beside) - inkCentreX(alone)) < 0.5);
            const auto scores = classifier().classifyExactly(GlyphClassifier::features({beside}))[0];
            CHECK(std::max_element(scores.begin(), scores.end()) - scores.begin() == classOf(c));
        }
    }
}

TEST_CASE("the pairwise discriminant tells look-alike glyphs apart on worn prints", "[ocr]") {
    // The pairs that the cosine score left within its margin on the bench's hard pages.
    const std::string pairs[] = {"EF", "HN", "HM", "DO", "0O", "<K", "TY", "UL", "IJ", "FT", "8B", "5S"};
    std::mt19937 engine(7);
    for (const auto& pair : pairs) {
        for (int side = 0; side < 2; ++side) {
            const char truth = pair[static_cast<std::size_t>(side)], other = pair[static_cast<std::size_t>(1 - side)];
            int right = 0;
            constexpr int kWindows = 40;
            for (int i = 0; i < kWindows; ++i) {
                const cv::Mat features = GlyphClassifier::features({degradedWindow(truth, engine)});
                if (classifier().pairDiscriminant(features, classOf(truth), classOf(other)) >= 1.0f) ++right;
            }
            INFO(truth << " against " << other << ": " << right << " of " << kWindows << " decided for " << truth);
            CHECK(right >= kWindows * 9 / 10);
        }
    }
}

TEST_CASE("the pairwise discriminant is antisymmetric and zero for a class against itself", "[ocr]") {
    std::mt19937 engine(11);
    const cv::Mat features = GlyphClassifier::features({degradedWindow('E', engine)});
    const float ef = classifier().pairDiscriminant(features, classOf('E'), classOf('F'));
    CHECK(ef == Approx(-classifier().pairDiscriminant(features, classOf('F'), classOf('E'))).margin(1e-4));
    CHECK(classifier().pairDiscriminant(features, classOf('E'), classOf('E')) == 0.0f);
}

TEST_CASE("the glyph height tells OCR-B's 0 from its O on worn prints, measured against the line", "[ocr]") {
    std::mt19937 engine(5);
    int right = 0, trials = 0;
    for (const double blur : {0.8, 1.1, 1.4}) {
        const float scale = lineScaleOf(engine, blur, true);
        for (int i = 0; i < 20; ++i) {
            const cv::Mat zero = GlyphClassifier::features({degradedWindow('0', engine, blur)});
            const cv::Mat oh = GlyphClassifier::features({degradedWindow('O', engine, blur)});
            right += classifier().pairHeight(zero, classOf('0'), classOf('O'), scale) > 0.0f;
            right += classifier().pairHeight(oh, classOf('O'), classOf('0'), scale) > 0.0f;
            trials += 2;
        }
    }
    INFO(right << " of " << trials << " decided for the true glyph");
    CHECK(right >= trials * 9 / 10);
}

TEST_CASE("the glyph height has no word on pairs of equal height", "[ocr]") {
    std::mt19937 engine(13);
    const cv::Mat features = GlyphClassifier::features({degradedWindow('H', engine)});
    CHECK(classifier().pairHeight(features, classOf('H'), classOf('N'), 1.0f) == 0.0f);
    CHECK(classifier().pairHeight(features, classOf('0'), classOf('O'), 0.0f) == 0.0f);  // no line scale measured
}

TEST_CASE("the templates separate by height the pairs the witness speaks on, and not '<' from K", "[ocr]") {
    // Measured on the font, not on pages: OCR-B's 0/O, 1/I, E/F differ in height by 4 template sd or more.
    // Its '<' is no short chevron: 45 of K's 52 rendered rows, raised off the baseline, and its ink's vertical
    // spread is within 1.5 sd of K's, so the height cannot settle a '<'/K close call (docs/documents.md).
    CHECK(classifier().heightSeparation(classOf('0'), classOf('O')) >= 4.0f);
    CHECK(classifier().heightSeparation(classOf('1'), classOf('I')) >= 4.0f);
    CHECK(classifier().heightSeparation(classOf('E'), classOf('F')) >= 4.0f);
    CHECK(classifier().heightSeparation(classOf('<'), classOf('K')) < 2.0f);
    CHECK(classifier().heightSeparation(classOf('H'), classOf('N')) < 4.0f);
    CHECK(classifier().heightSeparation(classOf('0'), classOf('O')) == Approx(classifier().heightSeparation(classOf('O'), classOf('0'))));
}

TEST_CASE("the glyph width tells OCR-B's 8 from its B and 2 from Z, measured against the line", "[ocr]") {
    std::mt19937 engine(7);
    int right = 0, trials = 0;
    for (const double blur : {0.8, 1.1, 1.4}) {
        const float scale = lineScaleOf(engine, blur, false);
        for (int i = 0; i < 10; ++i) {
            for (const auto& [a, b] : {std::pair{'8', 'B'}, std::pair{'2', 'Z'}}) {
                const cv::Mat fa = GlyphClassifier::features({degradedWindow(a, engine, blur)});
                const cv::Mat fb = GlyphClassifier::features({degradedWindow(b, engine, blur)});
                right += classifier().pairShape(fa, classOf(a), classOf(b), 1.0f, scale) > 0.0f;
                right += classifier().pairShape(fb, classOf(b), classOf(a), 1.0f, scale) > 0.0f;
                trials += 2;
            }
        }
    }
    INFO(right << " of " << trials << " decided for the true glyph");
    CHECK(right >= trials * 9 / 10);
}

TEST_CASE("the shape witness is the height where the pair differs in height, else the width, else silent", "[ocr]") {
    CHECK(classifier().widthSeparation(classOf('8'), classOf('B')) >= 4.0f);
    CHECK(classifier().widthSeparation(classOf('2'), classOf('Z')) >= 4.0f);
    CHECK(classifier().widthSeparation(classOf('D'), classOf('O')) >= 4.0f);
    CHECK(classifier().widthSeparation(classOf('5'), classOf('S')) < 1.0f);
    std::mt19937 engine(17);
    const cv::Mat zero = GlyphClassifier::features({degradedWindow('0', engine)});
    CHECK(classifier().pairShape(zero, classOf('0'), classOf('O'), 1.0f, 1.0f) == classifier().pairHeight(zero, classOf('0'), classOf('O'), 1.0f));
    const cv::Mat eight = GlyphClassifier::features({degradedWindow('8', engine)});
    CHECK(classifier().pairShape(eight, classOf('8'), classOf('B'), 1.0f, 1.0f) == classifier().pairWidth(eight, classOf('8'), classOf('B'), 1.0f));
    CHECK(classifier().pairShape(eight, classOf('8'), classOf('B'), 1.0f, 0.0f) == 0.0f);  // no line scale measured
    const cv::Mat five = GlyphClassifier::features({degradedWindow('5', engine)});
    CHECK(classifier().pairShape(five, classOf('5'), classOf('S'), 1.0f, 1.0f) == 0.0f);
}

TEST_CASE("the templates do not depend on OpenCV's global random state", "[ocr]") {
    // The template noise once came from cv::randn (OpenCV's per-thread RNG): the scores then depended on
    // what the process had drawn before the reader was built.
    std::mt19937 engine(17);
    const cv::Mat features = GlyphClassifier::features({degradedWindow('H', engine)});
    cv::theRNG().state = 0x1234567u;
    const GlyphClassifier first;
    cv::Mat stir(64, 64, CV_32F);
    cv::randn(stir, 0.0, 1.0);
    const GlyphClassifier second;
    const auto a = first.classifyExactly(features)[0], b = second.classifyExactly(features)[0];
    for (int c = 0; c < static_cast<int>(a.size()); ++c) CHECK(a[static_cast<std::size_t>(c)] == b[static_cast<std::size_t>(c)]);
}

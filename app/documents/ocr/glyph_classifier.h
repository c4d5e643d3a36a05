#pragma once
// OCR-B glyph classifier: every MRZ character cell, normalised to a 16x24 window centred on its ink,
// is compared (cosine similarity) with templates made from the OCR-B font rendering: each glyph drawn
// between random neighbours, at several stroke weights, sizes, slants, sub-pixel offsets and blurs.
// Plain OpenCV; the templates are built once by create() and read-only afterwards.
#include <array>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace kiosk::documents::ocr::detail {

inline constexpr int kPitch = 16;        // canonical character pitch in the rectified band (pixels)
inline constexpr int kWindowW = 16;      // classifier window
inline constexpr int kWindowH = 24;
inline constexpr double kCapHeight = kPitch * 53.0 / 52.0;  // OCR-B cap height at that pitch (approximate)
inline constexpr std::string_view kClasses = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
inline constexpr int kClassCount = 37;

// Per class, the cosine similarity of its best template.
using ClassScores = std::array<float, kClassCount>;

class GlyphClassifier {
public:
    GlyphClassifier();  // renders and distorts the templates (tens of milliseconds)

    // `ink` is an ink-intensity image (ink high, paper 0) of the rectified band; `centre` the cell's
    // centre (x: on the pitch grid, y: the line's centre). Returns the window it classified, centred on the
    // cell's own ink (a neighbour's beyond the gap is left out). `shift` moves the window after it was
    // centred on the ink (the re-centring of close calls).
    // `verticalScale` samples the rows that far apart (a line whose glyphs measure 8 % taller than the
    // templates: 1.08), so that its glyphs come out at the templates' height.
    // `inkCentre`, when given, receives the x the window was centred on (before `shift`).
    [[nodiscard]] cv::Mat window(const cv::Mat& ink, cv::Point2f centre, cv::Point2f shift = {}, float verticalScale = 1.0f,
                                 float* inkCentre = nullptr) const;
    // Features of many windows as rows (CV_32F, kWindowW*kWindowH columns), normalised.
    [[nodiscard]] static cv::Mat features(const std::vector<cv::Mat>& windows);
    // Scores every class for each feature row. A first stage compares in a small PCA space of the
    // templates; the classes it ranks highest are then scored exactly against all their templates, the
    // others keep the first stage's estimate.
    [[nodiscard]] std::vector<ClassScores> classify(const cv::Mat& features) const;
    // Every class scored exactly (for tests and measurements; several times slower).
    [[nodiscard]] std::vector<ClassScores> classifyExactly(const cv::Mat& features) const;

    // Second opinion on two look-alike classes (H/N, E/F, D/O, '<'/K ...): a linear discriminant with
    // the templates' pooled within-class covariance, which weighs the few pixels where the two differ
    // (E's lower bar, O's corners) instead of the whole glyph as the cosine does. Returns the signed
    // distance of one feature row from the boundary between `a` and `b`, in standard deviations of the
    // discriminant (positive: `a`).
    [[nodiscard]] float pairDiscriminant(const cv::Mat& featureRow, int a, int b) const;

    // A witness independent of the discriminant's pixel weights: the glyph's height (the vertical spread of
    // its ink), which OCR-B draws differently for 0 and O (the 0 is 11 % taller: 5.3 template sd apart),
    // 1 and I, E and F. `lineScale` is the line's own measure of heights (heightScale's median over its
    // confident cells), so that blur and the band's vertical scale cancel out. Signed distance from the
    // midpoint of the two classes' template heights, in their pooled sd (positive: `a`); 0 when the
    // templates do not separate the pair by height (kMinShapeSeparation).
    [[nodiscard]] float pairHeight(const cv::Mat& featureRow, int a, int b, float lineScale) const;
    // How far apart the templates' heights of `a` and `b` are: the difference of their means in pooled sd.
    [[nodiscard]] float heightSeparation(int a, int b) const;
    // The ratio of a cell's measured height to the templates' mean for class `c`.
    [[nodiscard]] float heightScale(const cv::Mat& featureRow, int c) const;

    // The same witness across: the glyph's width (the horizontal spread of its ink), which OCR-B draws
    // differently for 8 and B, 2 and Z, D and O (4.3 to 5.0 template sd apart) but not for 5 and S.
    // `lineScale` is the line's median widthScale, which takes out blur and the grid's horizontal scale.
    [[nodiscard]] float pairWidth(const cv::Mat& featureRow, int a, int b, float lineScale) const;
    [[nodiscard]] float widthSeparation(int a, int b) const;
    [[nodiscard]] float widthScale(const cv::Mat& featureRow, int c) const;
    // The shape witness of a pair: its height where the templates separate the two by height (0/O, 1/I),
    // else its width (8/B, 2/Z, D/O); 0 when neither does (5/S, '<'/K).
    [[nodiscard]] float pairShape(const cv::Mat& featureRow, int a, int b, float heightScale, float widthScale) const;

    static constexpr int kVariants = 48;   // templates per class
    static constexpr int kComponents = 40; // dimensions of the first stage
    static constexpr int kShortlist = 6;   // classes scored exactly

private:
    void buildDiscriminants();
    void buildShapes();
    // The standard deviation of a window's ink along y (`vertical`) or x: the glyph's height or width.
    static float spreadOf(const float* featureRow, bool vertical);
    static constexpr float kMinShapeSeparation = 4.0f;  // the classes' means this many pooled sd apart
    static constexpr double kShrinkage = 0.1;  // share of the identity in the discriminants' covariance

    cv::Mat templates_;            // rows: normalised features, class by class (kVariants rows each)
    std::vector<int> labels_;      // class per template row
    cv::Mat mean_, basis_;         // PCA of the templates: mean row, kComponents basis rows
    cv::Mat projected_;            // templates in the PCA space
    cv::Mat discriminants_;        // per class: inverse pooled covariance times the class mean (a row)
    cv::Mat classMeans_;           // per class: mean template (a row)
    std::array<float, kClassCount> offsets_{};  // per class: half its mean's Mahalanobis norm squared
    struct Extent {  // per class: the mean and sd of its templates' heights (or widths)
        std::array<float, kClassCount> means{}, spreads{};
        [[nodiscard]] float separation(int a, int b) const;  // |difference of the means| in pooled sd
        // `value`'s signed distance from the two means' midpoint in pooled sd (positive: a); 0 when the
        // means are under kMinShapeSeparation apart.
        [[nodiscard]] float distance(float value, int a, int b) const;
    };
    Extent heights_, widths_;
};

}  // namespace kiosk::documents::ocr::detail

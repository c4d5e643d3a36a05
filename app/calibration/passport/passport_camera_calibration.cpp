#include "app/calibration/passport/passport_camera_calibration.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <numbers>
#include <optional>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/mrz_reader.h"

namespace kiosk::calibration::passport {
namespace {

// Illumination.
constexpr double kFlatSmoothSigmaPx = 6.0;  // wider than noise grain, narrower than the vignetting fall-off
constexpr int kFlatGridCellPx = 8;          // flat field stored at 1/8 resolution
constexpr double kMinFlatGreyLevel = 8.0;   // darker than this the card is not lit: no gain can fix it
// Focus.
constexpr double kSharpnessPreBlurSigmaPx = 0.8;  // keeps sensor noise out of the gradient energy
constexpr int kFocusBandMarginPx = 40;  // the band may sit a little off its nominal place
constexpr int kPaperWindowPx = 41;      // wider than an OCR-B character at 8 px/mm
constexpr int kCoarseFocusStride = 4;
// Geometry.
constexpr int kReferenceBandMarginPx = 24;
constexpr int kFrameBandMarginPx = 90;      // placement errors up to the limits keep the band inside
constexpr int kBlackHatKernelPx = 15;       // larger than an OCR-B stroke at 8 px/mm
constexpr int kLineJoinKernelWidthPx = 27;  // about one character pitch and a gap
constexpr double kMinLineWidthShare = 0.6;  // of the MRZ print area's width

// The correction file.
constexpr char kMagic[8] = {'K', 'P', 'C', 'A', 'M', 'C', 'A', 'L'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderBytes = 32;
constexpr std::uintmax_t kMaxFileBytes = 64u * 1024u * 1024u;

cv::Mat view(const GreyImage& image) {
    // Read-only use: OpenCV has no const Mat header over caller memory.
    return cv::Mat(image.height, image.width, CV_8U, const_cast<std::uint8_t*>(image.pixels.data()));
}

GreyImage toGrey(const cv::Mat& mat8, int dpi) {
    GreyImage out;
    out.width = mat8.cols;
    out.height = mat8.rows;
    out.dpi = dpi;
    const cv::Mat continuous = mat8.isContinuous() ? mat8 : mat8.clone();
    out.pixels.assign(continuous.datastart, continuous.dataend);
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

Error opencvError(const cv::Exception& e, const char* stage) {
    return Error{Error::Code::Internal, "image processing failed: " + std::string(e.what()), stage, e.code};
}

cv::Mat upsampledFlat(const CameraCorrection& c) {
    const cv::Mat grid(c.gridHeight, c.gridWidth, CV_32F, const_cast<float*>(c.flatField.data()));
    cv::Mat full;
    cv::resize(grid, full, cv::Size(c.frameWidth, c.frameHeight), 0, 0, cv::INTER_LINEAR);
    return full;
}

cv::Rect bandRect(const std::array<std::array<double, 2>, 4>& band, int margin, cv::Size bounds) {
    double x0 = band[0][0], x1 = band[0][0], y0 = band[0][1], y1 = band[0][1];
    for (const auto& p : band) {
        x0 = std::min(x0, p[0]);
        x1 = std::max(x1, p[0]);
        y0 = std::min(y0, p[1]);
        y1 = std::max(y1, p[1]);
    }
    const cv::Rect r(cv::Point(static_cast<int>(std::floor(x0)) - margin, static_cast<int>(std::floor(y0)) - margin),
                     cv::Point(static_cast<int>(std::ceil(x1)) + margin, static_cast<int>(std::ceil(y1)) + margin));
    return r & cv::Rect(cv::Point(0, 0), bounds);
}

// The MRZ's ink as one rotated rectangle: centre, long-axis angle and length.
struct InkBand {
    cv::Point2d centre;
    double angleDeg = 0;
    double length = 0;
};

Result<InkBand> locateMrzInk(const cv::Mat& image, cv::Rect roi, std::size_t lineCount, double printWidthPx,
                             const char* what) {
    if (roi.width < 32 || roi.height < 16)
        return fail(Error::Code::InvalidInput, "MRZ search area outside the frame", what);
    const cv::Mat area = image(roi);
    cv::Mat dark, mask;
    cv::morphologyEx(area, dark, cv::MORPH_BLACKHAT,
                     cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(kBlackHatKernelPx, kBlackHatKernelPx)));
    cv::threshold(dark, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::Mat joined;
    cv::morphologyEx(mask, joined, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kLineJoinKernelWidthPx, 3)));
    cv::Mat labels, stats, centroids;
    const int count = cv::connectedComponentsWithStats(joined, labels, stats, centroids, 8, CV_32S);
    std::vector<std::pair<int, int>> lines;  // width, label
    for (int i = 1; i < count; ++i) {
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        if (w >= kMinLineWidthShare * printWidthPx && w > 5 * h) lines.emplace_back(w, i);
    }
    if (lines.size() < lineCount) {
        return fail(Error::Code::InvalidInput,
                    "found " + std::to_string(lines.size()) + " of " + std::to_string(lineCount) + " MRZ lines", what);
    }
    std::sort(lines.begin(), lines.end(), std::greater<>());
    lines.resize(lineCount);
    std::vector<cv::Point> ink;
    for (int y = 0; y < labels.rows; ++y) {
        const int* row = labels.ptr<int>(y);
        const std::uint8_t* m = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < labels.cols; ++x) {
            if (m[x] == 0) continue;
            if (std::any_of(lines.begin(), lines.end(), [&](const auto& l) { return l.second == row[x]; }))
                ink.emplace_back(x + roi.x, y + roi.y);
        }
    }
    cv::RotatedRect box = cv::minAreaRect(ink);
    double angle = box.angle, length = box.size.width;
    if (box.size.width < box.size.height) {
        angle += 90.0;
        length = box.size.height;
    }
    while (angle > 90.0) angle -= 180.0;
    while (angle <= -90.0) angle += 180.0;
    return InkBand{cv::Point2d(box.center.x, box.center.y), angle, length};
}

std::uint64_t fnv1a64(const std::vector<std::uint8_t>& bytes) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const auto b : bytes) {
        h ^= b;
        h *= 0x100000001b3ULL;
    }
    return h;
}

class Writer {
public:
    template <class T>
    void put(T value) {
        static_assert(std::is_trivially_copyable_v<T>);
        std::array<std::uint8_t, sizeof(T)> raw{};
        std::memcpy(raw.data(), &value, sizeof(T));
        if constexpr (std::endian::native == std::endian::big) std::reverse(raw.begin(), raw.end());
        bytes.insert(bytes.end(), raw.begin(), raw.end());
    }
    std::vector<std::uint8_t> bytes;
};

class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    template <class T>
    bool get(T& value) {
        if (size_ - at_ < sizeof(T)) return false;
        std::array<std::uint8_t, sizeof(T)> raw{};
        std::memcpy(raw.data(), data_ + at_, sizeof(T));
        if constexpr (std::endian::native == std::endian::big) std::reverse(raw.begin(), raw.end());
        std::memcpy(&value, raw.data(), sizeof(T));
        at_ += sizeof(T);
        return true;
    }
    [[nodiscard]] std::size_t remaining() const { return size_ - at_; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

}  // namespace

std::string utcNowIso8601() {
    // g++ 12 has no std::format; gmtime_r is enough for one timestamp.
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

Result<IlluminationFigures> measureIllumination(const GreyImage& blankCard) {
    if (!blankCard.isValid()) return fail(Error::Code::InvalidInput, "empty frame", "illumination");
    try {
        cv::Mat f;
        view(blankCard).convertTo(f, CV_32F);
        cv::GaussianBlur(f, f, cv::Size(), kFlatSmoothSigmaPx);
        double lo = 0, hi = 0;
        cv::minMaxLoc(f, &lo, &hi);
        IlluminationFigures figures;
        figures.whiteGreyLevel = cv::mean(view(blankCard))[0];
        const double smoothedMean = cv::mean(f)[0];
        figures.nonuniformityPercent = smoothedMean > 0 ? 100.0 * (hi - lo) / smoothedMean : 100.0;
        return figures;
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "illumination"));
    }
}

Result<CameraCorrection> estimateFlatField(const std::vector<GreyImage>& blankCards, double targetWhite) {
    if (blankCards.empty() || !blankCards.front().isValid())
        return fail(Error::Code::InvalidInput, "no blank card frames", "illumination");
    const int w = blankCards.front().width, h = blankCards.front().height;
    try {
        cv::Mat sum(h, w, CV_32F, cv::Scalar(0));
        for (const auto& frame : blankCards) {
            if (!frame.isValid() || frame.width != w || frame.height != h)
                return fail(Error::Code::InvalidInput, "blank card frames differ in size", "illumination");
            cv::accumulate(view(frame), sum);
        }
        sum /= static_cast<double>(blankCards.size());
        cv::GaussianBlur(sum, sum, cv::Size(), kFlatSmoothSigmaPx);
        CameraCorrection c;
        c.frameWidth = w;
        c.frameHeight = h;
        c.gridWidth = (w + kFlatGridCellPx - 1) / kFlatGridCellPx;
        c.gridHeight = (h + kFlatGridCellPx - 1) / kFlatGridCellPx;
        cv::Mat grid;
        cv::resize(sum, grid, cv::Size(c.gridWidth, c.gridHeight), 0, 0, cv::INTER_AREA);
        c.flatField.assign(grid.ptr<float>(0), grid.ptr<float>(0) + grid.total());
        c.targetWhite = targetWhite;
        c.pageWidth = w;
        c.pageHeight = h;
        double lo = 0;
        cv::minMaxLoc(grid, &lo);
        if (lo < kMinFlatGreyLevel)
            return fail(Error::Code::InvalidInput, "part of the white card is dark: check the lighting",
                        "illumination");
        return c;
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "illumination"));
    }
}

FloatImage relativeGain(const CameraCorrection& correction) {
    FloatImage out;
    if (correction.flatField.empty()) return out;
    cv::Mat full = upsampledFlat(correction);
    double hi = 0;
    cv::minMaxLoc(full, nullptr, &hi);
    full /= hi;
    out.width = full.cols;
    out.height = full.rows;
    out.values.assign(full.ptr<float>(0), full.ptr<float>(0) + full.total());
    return out;
}

Result<GreyImage> applyFlatField(const CameraCorrection& correction, const GreyImage& frame) {
    if (!frame.isValid()) return fail(Error::Code::InvalidInput, "empty frame", "flat field");
    if (frame.width != correction.frameWidth || frame.height != correction.frameHeight ||
        correction.flatField.size() !=
            static_cast<std::size_t>(correction.gridWidth) * static_cast<std::size_t>(correction.gridHeight) ||
        correction.flatField.empty()) {
        return fail(Error::Code::InvalidInput,
                    "the correction is for a " + std::to_string(correction.frameWidth) + "x" +
                        std::to_string(correction.frameHeight) + " frame, this one is " + std::to_string(frame.width) +
                        "x" + std::to_string(frame.height),
                    "flat field");
    }
    try {
        cv::Mat flat = upsampledFlat(correction);
        cv::max(flat, kMinFlatGreyLevel, flat);
        cv::Mat f;
        view(frame).convertTo(f, CV_32F);
        cv::Mat corrected = f.mul(1.0 / flat) * correction.targetWhite;  // (1/flat) with a scalar: element-wise
        cv::Mat out;
        corrected.convertTo(out, CV_8U);
        return toGrey(out, frame.dpi);
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "flat field"));
    }
}

Result<double> mrzSharpness(const GreyImage& frame, const std::array<std::array<double, 2>, 4>& band) {
    if (!frame.isValid()) return fail(Error::Code::InvalidInput, "empty frame", "focus");
    try {
        const cv::Rect roi = bandRect(band, kFocusBandMarginPx, cv::Size(frame.width, frame.height));
        if (roi.width < 16 || roi.height < 16)
            return fail(Error::Code::InvalidInput, "MRZ band outside the frame", "focus");
        cv::Mat f;
        view(frame)(roi).convertTo(f, CV_32F);
        cv::GaussianBlur(f, f, cv::Size(), kSharpnessPreBlurSigmaPx);
        // Divided by the local paper level (the brightest value nearby, wider than a character): a
        // Weber contrast, so exposure and vignetting do not change the figure, only the focus does.
        cv::Mat paper;
        cv::dilate(f, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kPaperWindowPx, kPaperWindowPx)));
        cv::GaussianBlur(paper, paper, cv::Size(), kPaperWindowPx / 2.0);
        double darkest = 0;
        cv::minMaxLoc(paper, &darkest);
        if (darkest < kMinFlatGreyLevel)
            return fail(Error::Code::InvalidInput, "the MRZ band is dark: check the lighting", "focus");
        f /= paper;
        cv::Mat gx, gy;
        cv::Sobel(f, gx, CV_32F, 1, 0, 3);
        cv::Sobel(f, gy, CV_32F, 0, 1, 3);
        return cv::mean(gx.mul(gx) + gy.mul(gy))[0] / 16.0;  // Sobel's gain is 4 per axis
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "focus"));
    }
}

Result<GeometryEstimate> estimateGeometry(const GreyImage& frame, const ReferenceLayout& reference) {
    if (!frame.isValid() || !reference.page.isValid() || reference.mrz.empty())
        return fail(Error::Code::InvalidInput, "no frame or no reference layout", "geometry");
    try {
        const auto& k = reference.mrzCorners;
        const double printWidth = std::hypot(k[1][0] - k[0][0], k[1][1] - k[0][1]);
        auto ref =
            locateMrzInk(view(reference.page),
                         bandRect(k, kReferenceBandMarginPx, cv::Size(reference.page.width, reference.page.height)),
                         reference.mrz.size(), printWidth, "geometry: reference layout");
        if (!ref) return std::unexpected(ref.error());
        auto seen = locateMrzInk(view(frame), bandRect(k, kFrameBandMarginPx, cv::Size(frame.width, frame.height)),
                                 reference.mrz.size(), printWidth, "geometry: reference page on the glass");
        if (!seen) return std::unexpected(seen.error());
        GeometryEstimate g;
        g.rotationDeg = seen->angleDeg - ref->angleDeg;
        g.scale = seen->length / ref->length;
        const double a = g.rotationDeg * std::numbers::pi / 180.0;
        const double c = std::cos(a) * g.scale, s = std::sin(a) * g.scale;
        const double tx = seen->centre.x - (c * ref->centre.x - s * ref->centre.y);
        const double ty = seen->centre.y - (s * ref->centre.x + c * ref->centre.y);
        g.pageToFrame = {c, -s, tx, s, c, ty};
        // The same figures as a placement about the frame centre: x' = sR(x - m) + m + d.
        const double mx = (frame.width - 1) / 2.0, my = (frame.height - 1) / 2.0;
        g.offsetXPx = tx - mx + (c * mx - s * my);
        g.offsetYPx = ty - my + (s * mx + c * my);
        return g;
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "geometry"));
    }
}

Result<GreyImage> applyCorrection(const CameraCorrection& correction, const GreyImage& frame) {
    auto flat = applyFlatField(correction, frame);
    if (!flat) return flat;
    try {
        const auto& m = correction.pageToFrame;
        cv::Mat out;
        cv::warpAffine(view(*flat), out, cv::Matx23d(m[0], m[1], m[2], m[3], m[4], m[5]),
                       cv::Size(correction.pageWidth, correction.pageHeight), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
                       cv::BORDER_REPLICATE);
        return toGrey(out, frame.dpi);
    } catch (const cv::Exception& e) {
        return std::unexpected(opencvError(e, "geometry correction"));
    }
}

Result<void> saveCorrection(const std::filesystem::path& file, const CameraCorrection& c) {
    if (c.flatField.size() != static_cast<std::size_t>(c.gridWidth) * static_cast<std::size_t>(c.gridHeight))
        return fail(Error::Code::InvalidInput, "flat field does not match its grid", file.filename().string());
    Writer payload;
    for (const int v : {c.frameWidth, c.frameHeight, c.gridWidth, c.gridHeight, c.pageWidth, c.pageHeight, c.focusStep})
        payload.put<std::int32_t>(v);
    payload.put<double>(c.targetWhite);
    for (const double v : c.pageToFrame) payload.put<double>(v);
    for (const float v : c.flatField) payload.put<float>(v);
    Writer header;
    for (const char ch : kMagic) header.put<char>(ch);
    header.put<std::uint32_t>(kFormatVersion);
    header.put<std::uint32_t>(static_cast<std::uint32_t>(kHeaderBytes));
    header.put<std::uint64_t>(payload.bytes.size());
    header.put<std::uint64_t>(fnv1a64(payload.bytes));

    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    // Written beside and renamed, so a reader never sees half a file.
    const auto temporary = std::filesystem::path(file).concat(".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(header.bytes.data()),
                  static_cast<std::streamsize>(header.bytes.size()));
        out.write(reinterpret_cast<const char*>(payload.bytes.data()),
                  static_cast<std::streamsize>(payload.bytes.size()));
        if (!out) return fail(Error::Code::Io, "cannot write the correction file", temporary.string());
    }
    std::filesystem::rename(temporary, file, ec);
    if (ec)
        return fail(Error::Code::Io, "cannot store the correction file: " + ec.message(), file.string(), ec.value());
    return {};
}

Result<CameraCorrection> loadCorrection(const std::filesystem::path& file) {
    const std::string where = file.filename().string();
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (ec) return fail(Error::Code::Io, "cannot read the correction file: " + ec.message(), file.string(), ec.value());
    if (size > kMaxFileBytes)
        return fail(Error::Code::InvalidInput, "too large for a passport camera correction", where);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
    {
        std::ifstream in(file, std::ios::binary);
        in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!in) return fail(Error::Code::Io, "cannot read the correction file", file.string());
    }
    if (bytes.size() < kHeaderBytes)
        return fail(Error::Code::InvalidInput,
                    "truncated: " + std::to_string(bytes.size()) + " bytes, shorter than the header", where);
    if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return fail(Error::Code::InvalidInput, "not a passport camera correction file", where);
    Reader header(bytes.data() + sizeof kMagic, kHeaderBytes - sizeof kMagic);
    std::uint32_t version = 0, headerBytes = 0;
    std::uint64_t payloadBytes = 0, checksum = 0;
    (void)header.get(version);
    (void)header.get(headerBytes);
    (void)header.get(payloadBytes);
    (void)header.get(checksum);
    if (version != kFormatVersion || headerBytes != kHeaderBytes)
        return fail(Error::Code::InvalidInput,
                    "format version " + std::to_string(version) + " is not supported (expected " +
                        std::to_string(kFormatVersion) + ")",
                    where);
    const std::size_t actual = bytes.size() - kHeaderBytes;
    if (payloadBytes != actual) {
        return fail(Error::Code::InvalidInput,
                    (actual < payloadBytes ? "truncated: " : "trailing bytes: ") + std::to_string(actual) +
                        " payload bytes, the header says " + std::to_string(payloadBytes),
                    where);
    }
    const std::vector<std::uint8_t> payload(bytes.begin() + static_cast<std::ptrdiff_t>(kHeaderBytes), bytes.end());
    if (fnv1a64(payload) != checksum)
        return fail(Error::Code::InvalidInput, "checksum mismatch: the file is damaged", where);

    Reader in(payload.data(), payload.size());
    CameraCorrection c;
    std::int32_t v[7] = {};
    for (auto& x : v) (void)in.get(x);
    c.frameWidth = v[0];
    c.frameHeight = v[1];
    c.gridWidth = v[2];
    c.gridHeight = v[3];
    c.pageWidth = v[4];
    c.pageHeight = v[5];
    c.focusStep = v[6];
    (void)in.get(c.targetWhite);
    for (auto& x : c.pageToFrame) (void)in.get(x);
    constexpr int kMaxSide = 20000;
    const bool sane =
        c.frameWidth > 0 && c.frameHeight > 0 && c.frameWidth <= kMaxSide && c.frameHeight <= kMaxSide &&
        c.gridWidth > 0 && c.gridHeight > 0 && c.gridWidth <= c.frameWidth && c.gridHeight <= c.frameHeight &&
        c.pageWidth > 0 && c.pageHeight > 0 && c.pageWidth <= kMaxSide && c.pageHeight <= kMaxSide &&
        std::isfinite(c.targetWhite) &&
        std::all_of(c.pageToFrame.begin(), c.pageToFrame.end(), [](double x) { return std::isfinite(x); });
    const std::size_t cells = sane ? static_cast<std::size_t>(c.gridWidth) * static_cast<std::size_t>(c.gridHeight) : 0;
    if (!sane || in.remaining() != cells * sizeof(float))
        return fail(Error::Code::InvalidInput, "inconsistent sizes in the correction file", where);
    c.flatField.resize(cells);
    for (auto& x : c.flatField) (void)in.get(x);
    return c;
}

Result<WizardResult> calibratePassportCamera(CalibrationCamera& camera, const ReferenceLayout& reference,
                                             const std::filesystem::path& calibrationDir,
                                             const WizardOptions& options) {
    const Limits& limits = options.limits;
    const auto say = [&](const std::string& line) {
        if (options.progress) options.progress(line);
    };
    WizardResult result;
    CalibrationRecord& record = result.record;
    record.device = "passport";
    record.time = options.time.empty() ? utcNowIso8601() : options.time;
    const auto problem = [&](const std::string& text) {
        record.problems.push_back(text);
        say("  problem: " + text);
    };
    auto reader = documents::ocr::MrzReader::create();
    if (!reader) return std::unexpected(reader.error());
    documents::ParseOptions parse;
    {
        const auto days =
            std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch().count();
        parse.today = CalendarDate::fromDaysSinceEpoch(days);
    }
    const auto readsExactly = [&](const GreyImage& image) {
        auto read = reader->read(image, parse);
        return read.has_value() && read->lines == reference.mrz;
    };

    // 1. Illumination: a white card, several frames against the sensor noise.
    say("illumination: lay the white card on the glass");
    std::vector<GreyImage> cards;
    for (int i = 0; i < std::max(1, limits.blankCardFrames); ++i) {
        auto frame = camera.captureBlankCard();
        if (!frame) return std::unexpected(frame.error());
        cards.push_back(std::move(*frame));
    }
    std::optional<CameraCorrection> correction;
    IlluminationFigures lightBefore, lightAfter;
    if (auto before = measureIllumination(cards.front()); before) lightBefore = *before;
    if (auto flat = estimateFlatField(cards, limits.targetWhiteGreyLevel); flat) {
        correction = std::move(*flat);
        auto check = camera.captureBlankCard();
        if (!check) return std::unexpected(check.error());
        if (auto corrected = applyFlatField(*correction, *check); corrected) {
            if (auto after = measureIllumination(*corrected); after) lightAfter = *after;
        }
    } else {
        problem(flat.error().describe());
    }
    say("  white level " + fixed(lightBefore.whiteGreyLevel, 1) + " grey levels (range " +
        fixed(limits.minWhiteGreyLevel, 0) + "-" + fixed(limits.maxWhiteGreyLevel, 0) + "), " +
        fixed(lightAfter.whiteGreyLevel, 1) + " after the flat field");
    say("  non-uniformity " + fixed(lightBefore.nonuniformityPercent, 1) + "% before, " +
        fixed(lightAfter.nonuniformityPercent, 2) + "% after (limit " + fixed(limits.maxNonuniformityPercentAfter, 1) +
        "%)");
    if (lightBefore.whiteGreyLevel < limits.minWhiteGreyLevel || lightBefore.whiteGreyLevel > limits.maxWhiteGreyLevel)
        problem("white level " + fixed(lightBefore.whiteGreyLevel, 1) + " outside " +
                fixed(limits.minWhiteGreyLevel, 0) + "-" + fixed(limits.maxWhiteGreyLevel, 0) +
                ": adjust the exposure or the lamps");
    if (correction && lightAfter.nonuniformityPercent > limits.maxNonuniformityPercentAfter)
        problem("illumination still uneven after the flat field: " + fixed(lightAfter.nonuniformityPercent, 1) + "%");

    // 2. Focus on the MRZ band of the reference page.
    say("focus: lay the reference page on the glass");
    const auto flatOrRaw = [&](const GreyImage& frame) {
        if (correction) {
            if (auto f = applyFlatField(*correction, frame); f) return std::move(*f);
        }
        return frame;
    };
    const auto sharpnessAt = [&](const GreyImage& frame) {
        auto s = mrzSharpness(flatOrRaw(frame), reference.mrzCorners);
        return s ? *s : 0.0;
    };
    auto firstFrame = camera.captureReferencePage();
    if (!firstFrame) return std::unexpected(firstFrame.error());
    const int focusBefore = camera.focus();
    const double sharpnessBefore = sharpnessAt(*firstFrame);
    result.readBefore = readsExactly(*firstFrame);
    say("  focus step " + std::to_string(focusBefore) + ": sharpness " + fixed(sharpnessBefore, 4) + " (limit " +
        fixed(limits.minSharpness, 4) + ")");
    int bestStep = focusBefore;
    double bestSharpness = sharpnessBefore;
    if (camera.hasFocusControl()) {
        // Coarse sweep over the whole range, then every step around the best.
        const auto tryStep = [&](int step) -> Result<void> {
            camera.setFocus(step);
            auto frame = camera.captureReferencePage();
            if (!frame) return std::unexpected(frame.error());
            const double s = sharpnessAt(*frame);
            if (s > bestSharpness) {
                bestSharpness = s;
                bestStep = camera.focus();
            }
            return {};
        };
        int lastCoarse = camera.minFocusStep();
        for (int step = camera.minFocusStep(); step <= camera.maxFocusStep(); step += kCoarseFocusStride) {
            if (auto r = tryStep(step); !r) return std::unexpected(r.error());
            lastCoarse = step;
        }
        if (lastCoarse != camera.maxFocusStep())
            if (auto r = tryStep(camera.maxFocusStep()); !r) return std::unexpected(r.error());
        // Sharpness falls off on both sides of best focus, so the best lies within half a stride of the
        // best coarse step.
        const int centre = bestStep;
        for (int step = std::max(camera.minFocusStep(), centre - kCoarseFocusStride / 2);
             step <= std::min(camera.maxFocusStep(), centre + kCoarseFocusStride / 2); ++step) {
            if ((step - camera.minFocusStep()) % kCoarseFocusStride == 0) continue;  // seen in the coarse sweep
            if (auto r = tryStep(step); !r) return std::unexpected(r.error());
        }
        camera.setFocus(bestStep);
        say("  swept focus steps " + std::to_string(camera.minFocusStep()) + ".." +
            std::to_string(camera.maxFocusStep()) + ": best step " + std::to_string(bestStep) + ", sharpness " +
            fixed(bestSharpness, 4));
    } else {
        say("  no focus control: turn the focus ring until the sharpness passes the limit, then run again");
    }
    result.bestFocusStep = bestStep;
    if (bestSharpness < limits.minSharpness)
        problem("MRZ band not sharp enough: " + fixed(bestSharpness, 4) + " (limit " + fixed(limits.minSharpness, 4) +
                ")");

    // 3. Geometry at the chosen focus, on the flat-fielded frame.
    say("geometry: measuring the reference page's MRZ against its layout");
    auto focused = camera.captureReferencePage();
    if (!focused) return std::unexpected(focused.error());
    bool geometryOk = false;
    GeometryEstimate residual;
    if (auto g = estimateGeometry(flatOrRaw(*focused), reference); g) {
        result.geometry = *g;
        say("  rotation " + fixed(g->rotationDeg, 2) + " deg, scale " + fixed(g->scale, 4) + ", offset " +
            fixed(g->offsetXPx, 1) + ", " + fixed(g->offsetYPx, 1) + " px");
        geometryOk = std::abs(g->rotationDeg) <= limits.maxRotationDeg &&
                     std::abs(g->scale - 1.0) <= limits.maxScaleError &&
                     std::hypot(g->offsetXPx, g->offsetYPx) <= limits.maxOffsetPx;
        if (!geometryOk) problem("the page sits too far from its place: check how the camera is mounted");
    } else {
        problem(g.error().describe());
    }

    // 4. The correction file.
    std::optional<GreyImage> correctedPage;
    if (correction && geometryOk) {
        correction->pageToFrame = result.geometry.pageToFrame;
        correction->pageWidth = reference.page.width;
        correction->pageHeight = reference.page.height;
        correction->focusStep = bestStep;
        if (auto saved = saveCorrection(calibrationDir / kCorrectionFileName, *correction); !saved)
            return std::unexpected(saved.error());
        record.correctionFile = std::string(kCorrectionFileName);
        say("  stored " + record.correctionFile);
        if (auto page = applyCorrection(*correction, *focused); page) {
            if (auto r = estimateGeometry(*page, reference); r) residual = *r;
            correctedPage = std::move(*page);
        }
    }

    // 5. Read test: the reference page through camera and correction must read exactly.
    if (correctedPage) result.readAfter = readsExactly(*correctedPage);
    say(std::string("read test: before calibration ") + (result.readBefore ? "reads" : "does not read") + ", after " +
        (result.readAfter ? "reads exactly" : "does not read"));
    if (!result.readAfter) problem("the reference page does not read exactly through the corrected camera");

    if (correction) result.correction = *correction;
    const double residualOffset = std::hypot(residual.offsetXPx, residual.offsetYPx);
    record.figures = {
        {"white_grey_level", lightBefore.whiteGreyLevel, lightAfter.whiteGreyLevel, "grey levels"},
        {"nonuniformity_percent", lightBefore.nonuniformityPercent, lightAfter.nonuniformityPercent, "%"},
        {"mrz_sharpness", sharpnessBefore, bestSharpness, ""},
        {"focus_step", static_cast<double>(focusBefore), static_cast<double>(bestStep), "steps"},
        {"rotation_deg", result.geometry.rotationDeg, residual.rotationDeg, "deg"},
        {"scale", result.geometry.scale, residual.scale, ""},
        {"offset_px", std::hypot(result.geometry.offsetXPx, result.geometry.offsetYPx), residualOffset, "px"},
        {"mrz_read_exact", result.readBefore ? 1.0 : 0.0, result.readAfter ? 1.0 : 0.0, ""},
    };
    record.passed = record.problems.empty();
    if (auto appended = appendRecord(calibrationDir, record); !appended) return std::unexpected(appended.error());
    say(record.passed ? "PASS" : "FAIL");
    return result;
}

}  // namespace kiosk::calibration::passport

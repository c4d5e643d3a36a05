#include "devices/sim/passports/passport_page_generator.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/documents/mrz_writer.h"
#include "app/documents/ocr/glyph_atlas.h"

namespace kiosk::sim {
namespace {

using documents::DocumentFormat;
using documents::TravelDocument;

// A small seeded generator with its own distributions, so pages are the same on every standard library.
class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL) {}
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0);
    }
    int integer(int lo, int hi) {  // inclusive
        return lo + static_cast<int>(engine_() % static_cast<std::uint64_t>(hi - lo + 1));
    }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }
    template <class T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[static_cast<std::size_t>(integer(0, static_cast<int>(N) - 1))];
    }
    std::uint64_t next() { return engine_(); }

private:
    std::mt19937_64 engine_;
};

constexpr const char* kSurnames[] = {
    "KIM", "NGUYEN", "MULLER", "GARCIA", "SMITH", "OKAFOR", "TANAKA", "ROSSI", "SILVA", "JOHANSSON",
    "VAN DER BERG", "OCONNOR", "PETROVA", "HAMALAINEN", "WOJCIK", "DUBOIS", "KOWALSKI", "ABDULLAH",
    "FERNANDEZ LOPEZ", "MBEKI", "CHEN", "SATO", "LINDQVIST", "PAPADOPOULOS", "YILMAZ", "EZE", "NOVAK",
    "ZHANG", "HERNANDEZ", "QUISPE", "XU", "WU", "BJORNSDOTTIR", "ALMEIDA", "ZUBIRI"};
constexpr const char* kGivenNames[] = {
    "MIN JI", "ANNA MARIA", "JOHN", "LUCIA", "OLUWASEUN", "HIROSHI", "GIULIA", "JOAO PEDRO", "ERIK",
    "PIETER", "SIOBHAN", "IRINA", "AINO", "ZOFIA", "CAMILLE", "JAN", "FATIMA", "CARLOS ALBERTO", "THABO",
    "WEI", "YUKI", "ASTRID", "NIKOS", "EMRE", "CHIDI", "PETRA", "XIAO", "ROSA", "QUILLA", "BO", "SIGRID",
    "BEATRIZ", "IKER", "Q", "MARIE CLAIRE ELISABETH"};
constexpr const char* kStates[] = {"UTO", "KOR", "D", "FRA", "GBR", "USA", "NLD", "JPN", "ITA", "BRA",
                                   "SWE", "IRL", "FIN", "POL", "ESP", "NGA", "ZAF", "CHN", "GRC", "TUR",
                                   "CAN", "AUS", "CHE", "NOR", "PER", "MEX", "ISL", "PRT", "CZE", "IND"};
constexpr char kAlnum[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

std::string randomCode(Random& random, int length, bool lettersFirst) {
    std::string text;
    for (int i = 0; i < length; ++i) {
        const bool letter = lettersFirst ? i < 2 : random.chance(0.3);
        text += letter ? static_cast<char>('A' + random.integer(0, 25)) : static_cast<char>('0' + random.integer(0, 9));
    }
    return text;
}

// --- drawing -------------------------------------------------------------------------------------

// Composites ink over the page: page = page + alpha * (ink - page).
void compositeInk(cv::Mat& page, const cv::Mat& alpha, cv::Point at, double ink) {
    const cv::Rect area = cv::Rect(at, alpha.size()) & cv::Rect(0, 0, page.cols, page.rows);
    for (int y = area.y; y < area.br().y; ++y) {
        auto* row = page.ptr<std::uint8_t>(y);
        const auto* a = alpha.ptr<std::uint8_t>(y - at.y);
        for (int x = area.x; x < area.br().x; ++x) {
            const double w = a[x - at.x] / 255.0;
            row[x] = cv::saturate_cast<std::uint8_t>(row[x] + w * (ink - row[x]));
        }
    }
}

// Prints one MRZ line in OCR-B: `baseline` in page pixels, `pitch` the character pitch in pixels.
void printOcrb(cv::Mat& page, std::string_view text, cv::Point2d origin, double pitch, int spread, double ink,
               Random& random) {
    const auto& atlas = documents::ocr::ocrbGlyphAtlas();
    const int n = static_cast<int>(text.size());
    cv::Mat strip(atlas.cellHeight + 8, n * atlas.advance + 8, CV_8U, cv::Scalar(0));
    for (int i = 0; i < n; ++i) {
        const auto index = atlas.characters.find(text[static_cast<std::size_t>(i)]);
        if (index == std::string_view::npos) continue;
        // The cell as alpha (ink = 255), with a printer's small placement error.
        const cv::Mat cell(atlas.cellHeight, atlas.advance, CV_8U, const_cast<unsigned char*>(atlas.cell(index)));
        cv::Mat alpha;
        cv::subtract(cv::Scalar(255), cell, alpha);
        const cv::Rect where(4 + i * atlas.advance + random.integer(-1, 1), 4 + random.integer(-1, 1), atlas.advance,
                             atlas.cellHeight);
        cv::Mat target = strip(where);
        cv::max(target, alpha, target);
    }
    if (spread != 0) {
        const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * std::abs(spread) + 1,
                                                                                     2 * std::abs(spread) + 1));
        if (spread > 0) cv::dilate(strip, strip, kernel);
        else cv::erode(strip, strip, kernel);
    }
    const double scale = pitch / atlas.advance;
    cv::Mat small;
    cv::resize(strip, small, cv::Size(), scale, scale, cv::INTER_AREA);
    const cv::Point at(static_cast<int>(std::lround(origin.x - 4 * scale)),
                       static_cast<int>(std::lround(origin.y - (4 + atlas.ascent) * scale)));
    compositeInk(page, small, at, ink);
}

void text(cv::Mat& page, const std::string& s, cv::Point at, double size, int thickness, double ink) {
    cv::putText(page, s, at, cv::FONT_HERSHEY_SIMPLEX, size, cv::Scalar(ink), thickness, cv::LINE_AA);
}

void guilloche(cv::Mat& page, Random& random, double tone) {
    const double w = page.cols, h = page.rows;
    for (int family = 0; family < 2; ++family) {
        const double period = random.uniform(0.15, 0.35) * w, amplitude = random.uniform(0.03, 0.08) * h;
        const double phase = random.uniform(0, 6.28);
        for (double y0 = -amplitude; y0 < h + amplitude; y0 += random.uniform(9, 14)) {
            std::vector<cv::Point> curve;
            for (double x = 0; x <= w; x += 6) {
                curve.emplace_back(static_cast<int>(x),
                                   static_cast<int>(y0 + amplitude * std::sin(2 * std::numbers::pi * x / period +
                                                                              phase + y0 * 0.01 * (family + 1))));
            }
            cv::polylines(page, curve, false, cv::Scalar(tone), 1, cv::LINE_AA);
        }
    }
}

void photoPlaceholder(cv::Mat& page, cv::Rect box, Random& random) {
    cv::rectangle(page, box, cv::Scalar(random.uniform(185, 215)), cv::FILLED);
    const cv::Point centre(box.x + box.width / 2, box.y + box.height * 2 / 5);
    const double tone = random.uniform(90, 140);
    cv::ellipse(page, cv::Point(centre.x, box.y + box.height), cv::Size(box.width * 9 / 20, box.height * 3 / 10), 0,
                180, 360, cv::Scalar(tone), cv::FILLED, cv::LINE_AA);
    cv::ellipse(page, centre, cv::Size(box.width / 5, box.height / 5), 0, 0, 360, cv::Scalar(tone + 25), cv::FILLED,
                cv::LINE_AA);
    cv::rectangle(page, box, cv::Scalar(120), 1);
}

std::string dateText(const std::optional<CalendarDate>& date) {
    static const char* months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    if (!date) return "XX XXX XXXX";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02d %s %04d", date->day, months[(date->month + 11) % 12], date->year);
    return buffer;
}

}  // namespace

std::string_view degradationName(Degradation level) {
    switch (level) {
        case Degradation::None: return "none";
        case Degradation::Mild: return "mild";
        case Degradation::Medium: return "medium";
        case Degradation::Hard: return "hard";
    }
    return "?";
}

TravelDocument syntheticDocument(std::uint64_t seed, DocumentFormat format) {
    Random random(seed);
    TravelDocument d;
    d.format = format == DocumentFormat::TD1 ? DocumentFormat::TD1 : DocumentFormat::TD3;
    if (d.format == DocumentFormat::TD1) {
        static const char* codes[] = {"I", "ID", "AC", "IR", "C"};
        d.documentCode = random.pick(codes);
    } else {
        static const char* codes[] = {"P", "P", "P", "PD", "PO"};
        d.documentCode = random.pick(codes);
    }
    d.issuingState = random.pick(kStates);
    d.nationality = random.chance(0.85) ? d.issuingState : std::string(random.pick(kStates));
    d.primaryIdentifier = random.pick(kSurnames);
    if (random.chance(0.2)) d.primaryIdentifier += std::string(" ") + random.pick(kSurnames);
    d.secondaryIdentifier = random.chance(0.05) ? std::string() : std::string(random.pick(kGivenNames));
    const int numberLength = d.format == DocumentFormat::TD1 && random.chance(0.15) ? random.integer(10, 12)
                                                                                      : random.integer(7, 9);
    d.documentNumber = randomCode(random, numberLength, random.chance(0.5));
    const int birthYear = random.integer(1940, 2020);
    d.birthDate = CalendarDate{birthYear, random.integer(1, 12), random.integer(1, 28)};
    if (random.chance(0.03)) d.birthDate.reset();
    static const char sexes[] = {'M', 'F', 'F', 'M', 'X', '<'};
    d.sex = sexes[random.integer(0, random.chance(0.9) ? 3 : 5)];
    d.expiryDate = CalendarDate{random.integer(2026, 2035), random.integer(1, 12), random.integer(1, 28)};
    if (random.chance(0.5)) {
        d.optionalData = randomCode(random, random.integer(4, d.format == DocumentFormat::TD1 ? 10 : 14), false);
    }
    if (d.format == DocumentFormat::TD1 && random.chance(0.3)) d.optionalData2 = randomCode(random, random.integer(3, 11), false);
    if (d.format == DocumentFormat::TD1 && d.documentNumber.size() > 9 && d.optionalData.size() > 12) {
        d.optionalData.resize(12 - (d.documentNumber.size() - 9));
    }
    (void)kAlnum;
    return d;
}

Result<DataPage> renderDataPage(const TravelDocument& document, std::uint64_t seed) {
    const bool card = document.format == DocumentFormat::TD1;
    auto lines = card ? documents::writeTd1(document) : documents::writeTd3(document);
    if (!lines) return std::unexpected(lines.error());
    Random random(seed ^ 0x5eed5eedULL);
    DataPage page;
    page.mrz = *lines;
    const double ppm = card ? 11.0 : 8.0;
    page.pixelsPerMm = ppm;
    const double widthMm = card ? 85.6 : 125.0, heightMm = card ? 54.0 : 88.0;
    const int w = static_cast<int>(std::lround(widthMm * ppm)), h = static_cast<int>(std::lround(heightMm * ppm));
    cv::Mat image(h, w, CV_8U, cv::Scalar(random.uniform(228, 246)));
    guilloche(image, random, random.uniform(200, 222));
    const auto mm = [&](double x, double y) {
        return cv::Point(static_cast<int>(std::lround(x * ppm)), static_cast<int>(std::lround(y * ppm)));
    };
    const double ink = random.uniform(15, 45);
    const double labelInk = random.uniform(70, 110);
    // Geometry of the MRZ (Doc 9303: 2.54 mm pitch; lines about 4.2 mm apart near the bottom edge).
    const int n = static_cast<int>(page.mrz[0].size());
    const double pitchMm = 2.54, linePitchMm = card ? 4.2 : 4.5;
    const double leftMm = (widthMm - n * pitchMm) / 2.0 + random.uniform(-0.6, 0.6);
    const double lastBaselineMm = heightMm - (card ? 3.6 : 4.6) + random.uniform(-0.4, 0.4);
    const double firstBaselineMm = lastBaselineMm - linePitchMm * static_cast<double>(page.mrz.size() - 1);
    const double capMm = pitchMm * documents::ocr::ocrbGlyphAtlas().capHeight / documents::ocr::ocrbGlyphAtlas().advance;

    if (card) {
        // The MRZ side of an identity card: the state, a few printed lines, a barcode-like block.
        text(image, "IDENTITY CARD  " + document.issuingState, mm(5, 8), 0.9, 2, labelInk);
        text(image, "Address / Adresse", mm(5, 14), 0.45, 1, labelInk);
        text(image, std::to_string(random.integer(1, 300)) + " " + random.pick(kSurnames) + " STREET", mm(5, 19), 0.6,
             1, ink);
        text(image, "Height 1" + std::to_string(random.integer(50, 99)) + " cm   Eyes " +
                        (random.chance(0.5) ? "BROWN" : "BLUE"), mm(5, 24), 0.6, 1, ink);
        for (int i = 0; i < 40; ++i) {
            const double x = 55 + i * 0.7;
            if (random.chance(0.55)) cv::rectangle(image, mm(x, 11), mm(x + 0.45, 26), cv::Scalar(ink), cv::FILLED);
        }
    } else {
        text(image, "PASSPORT  PASSEPORT", mm(40, 7), 0.8, 2, labelInk);
        text(image, document.issuingState, mm(105, 7), 0.8, 2, labelInk);
        photoPlaceholder(image, cv::Rect(mm(5, 14), mm(37, 58)), random);
        struct Field {
            const char* label;
            std::string value;
            double x, y;
        };
        const Field fields[] = {
            {"Type", document.documentCode, 40, 14},
            {"Code", document.issuingState, 55, 14},
            {"Passport No.", document.documentNumber, 80, 14},
            {"Surname / Nom", document.primaryIdentifier, 40, 22},
            {"Given names / Prenoms", document.secondaryIdentifier, 40, 30},
            {"Nationality", document.nationality, 40, 38},
            {"Date of birth", dateText(document.birthDate), 40, 46},
            {"Sex", std::string(1, document.sex == '<' ? 'X' : document.sex), 90, 46},
            {"Place of birth", random.pick(kSurnames), 100, 46},
            {"Date of expiry", dateText(document.expiryDate), 40, 54},
            {"Authority", std::string("MINISTRY ") + random.pick(kSurnames), 80, 54},
        };
        for (const auto& f : fields) {
            text(image, f.label, mm(f.x, f.y), 0.38, 1, labelInk);
            text(image, f.value, mm(f.x, f.y + 4.6), 0.6, random.chance(0.5) ? 2 : 1, ink);
        }
        // A signature scribble and a page-wide colour band above the MRZ.
        std::vector<cv::Point> scribble;
        for (double x = 0; x < 30; x += 0.5) scribble.push_back(mm(6 + x, 63 + 1.5 * std::sin(x * random.uniform(0.4, 0.9))));
        cv::polylines(image, scribble, false, cv::Scalar(ink + 30), 2, cv::LINE_AA);
    }
    const int spread = random.integer(-1, 1);
    for (std::size_t i = 0; i < page.mrz.size(); ++i) {
        const double baseline = (firstBaselineMm + linePitchMm * static_cast<double>(i)) * ppm;
        printOcrb(image, page.mrz[i], {leftMm * ppm, baseline}, pitchMm * ppm, spread, ink, random);
    }
    const double top = (firstBaselineMm - capMm) * ppm, bottom = lastBaselineMm * ppm;
    const double left = leftMm * ppm, right = (leftMm + n * pitchMm) * ppm;
    page.mrzCorners = {{{left, top}, {right, top}, {right, bottom}, {left, bottom}}};
    page.image.width = w;
    page.image.height = h;
    page.image.dpi = static_cast<int>(std::lround(ppm * 25.4));
    page.image.pixels.assign(image.datastart, image.dataend);
    return page;
}

CaptureConditions captureConditions(Degradation level, std::uint64_t seed) {
    Random random(seed ^ 0xc0ffeeULL);
    CaptureConditions c;
    switch (level) {
        case Degradation::None: break;
        case Degradation::Mild:
            c.rotation = random.uniform(-3, 3);
            c.scale = random.uniform(0.85, 1.0);
            c.perspective = random.uniform(0, 0.01);
            c.blurSigma = random.uniform(0.3, 0.8);
            c.noiseSigma = random.uniform(1, 4);
            c.jpegQuality = random.integer(80, 95);
            c.lightGradient = random.uniform(0, 0.15);
            c.contrast = random.uniform(0.8, 1.0);
            break;
        case Degradation::Medium:
            c.rotation = random.uniform(-8, 8);
            c.upsideDown = random.chance(0.15);
            c.scale = random.uniform(0.8, 1.0);
            c.perspective = random.uniform(0.01, 0.03);
            c.blurSigma = random.uniform(0.6, 1.1);
            c.noiseSigma = random.uniform(3, 7);
            c.jpegQuality = random.integer(60, 85);
            c.lightGradient = random.uniform(0.1, 0.35);
            c.glare = random.chance(0.4) ? random.uniform(0.2, 0.45) : 0.0;
            c.contrast = random.uniform(0.6, 0.9);
            c.laminate = random.chance(0.5) ? random.uniform(4, 9) : 0.0;
            break;
        case Degradation::Hard:
            c.rotation = random.uniform(-15, 15);
            c.upsideDown = random.chance(0.33);
            c.scale = random.uniform(0.75, 0.95);
            c.perspective = random.uniform(0.03, 0.06);
            c.blurSigma = random.uniform(0.9, 1.5);
            c.noiseSigma = random.uniform(5, 10);
            c.jpegQuality = random.integer(35, 60);
            c.lightGradient = random.uniform(0.25, 0.5);
            c.glare = random.chance(0.6) ? random.uniform(0.3, 0.6) : 0.0;
            c.contrast = random.uniform(0.4, 0.7);
            c.laminate = random.uniform(6, 14);
            break;
    }
    return c;
}

DataPage capturePage(const DataPage& clean, const CaptureConditions& c, std::uint64_t seed) {
    Random random(seed ^ 0xca97u);
    cv::Mat page(clean.image.height, clean.image.width, CV_8U, const_cast<std::uint8_t*>(clean.image.pixels.data()));
    cv::Mat work;
    page.convertTo(work, CV_32F);
    const double pw = page.cols, ph = page.rows;
    // Laminate: a fine wavy pattern fused to the page (before the geometry).
    if (c.laminate > 0) {
        const double period = random.uniform(5, 9), angle = random.uniform(0, std::numbers::pi);
        const double waveLength = random.uniform(80, 200), waveAmp = random.uniform(4, 12);
        const double ca = std::cos(angle), sa = std::sin(angle);
        for (int y = 0; y < work.rows; ++y) {
            auto* row = work.ptr<float>(y);
            for (int x = 0; x < work.cols; ++x) {
                const double u = x * ca + y * sa, v = -x * sa + y * ca;
                const double phase = 2 * std::numbers::pi * (u + waveAmp * std::sin(2 * std::numbers::pi * v / waveLength)) / period;
                row[x] += static_cast<float>(c.laminate * std::sin(phase) * (0.6 + 0.4 * std::sin(v / 37.0)));
            }
        }
    }
    // Geometry: rotate about the page centre, fit, shift, then move the corners for perspective.
    const double theta = (c.rotation + (c.upsideDown ? 180.0 : 0.0)) * std::numbers::pi / 180.0;
    double scale = std::min(c.width / pw, c.height / ph) * c.scale;
    std::array<cv::Point2f, 4> source{cv::Point2f(0, 0), cv::Point2f(static_cast<float>(pw), 0),
                                      cv::Point2f(static_cast<float>(pw), static_cast<float>(ph)),
                                      cv::Point2f(0, static_cast<float>(ph))};
    std::array<double, 8> jitter{};
    for (auto& j : jitter) j = random.uniform(-1, 1);
    const double shiftX = random.uniform(-1, 1), shiftY = random.uniform(-1, 1);
    cv::Mat homography;
    for (int attempt = 0; attempt < 30; ++attempt, scale *= 0.97) {
        std::array<cv::Point2f, 4> target{};
        const double slack = 0.08 * c.width * (1.0 - attempt / 30.0);
        for (std::size_t i = 0; i < 4; ++i) {
            const double x = (source[i].x - pw / 2) * scale, y = (source[i].y - ph / 2) * scale;
            const double rx = x * std::cos(theta) - y * std::sin(theta), ry = x * std::sin(theta) + y * std::cos(theta);
            target[i] = cv::Point2f(static_cast<float>(c.width / 2.0 + shiftX * slack + rx + jitter[2 * i] * c.perspective * pw * scale),
                                    static_cast<float>(c.height / 2.0 + shiftY * slack * 0.5 + ry +
                                                       jitter[2 * i + 1] * c.perspective * ph * scale));
        }
        homography = cv::getPerspectiveTransform(source.data(), target.data());
        std::vector<cv::Point2d> corners, mapped;
        for (const auto& p : clean.mrzCorners) corners.emplace_back(p[0], p[1]);
        cv::perspectiveTransform(corners, mapped, homography);
        const double margin = 6;
        const bool inside = std::all_of(mapped.begin(), mapped.end(), [&](const cv::Point2d& p) {
            return p.x > margin && p.y > margin && p.x < c.width - margin && p.y < c.height - margin;
        });
        if (inside || attempt == 29) break;
    }
    const double background = random.uniform(25, 80);
    cv::Mat captured;
    cv::warpPerspective(work, captured, homography, cv::Size(c.width, c.height), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                        cv::Scalar(background));
    // Light: a gradient across the frame and an optional specular spot; then contrast.
    if (c.lightGradient > 0 || c.glare > 0) {
        const double angle = random.uniform(0, 2 * std::numbers::pi);
        const double gx = std::cos(angle) / c.width, gy = std::sin(angle) / c.height;
        const double spotX = random.uniform(0.15, 0.85) * c.width, spotY = random.uniform(0.3, 0.95) * c.height;
        const double spotR = random.uniform(60, 160);
        for (int y = 0; y < captured.rows; ++y) {
            auto* row = captured.ptr<float>(y);
            for (int x = 0; x < captured.cols; ++x) {
                const double t = 0.5 + (x - c.width / 2.0) * gx + (y - c.height / 2.0) * gy;  // 0..1 roughly
                double v = row[x] * (1.0 - c.lightGradient * std::clamp(t, 0.0, 1.0));
                if (c.glare > 0) {
                    const double d2 = ((x - spotX) * (x - spotX) + (y - spotY) * (y - spotY)) / (2 * spotR * spotR);
                    v += c.glare * (255.0 - v) * std::exp(-d2);
                }
                row[x] = static_cast<float>(v);
            }
        }
    }
    if (c.contrast < 1.0) captured = (captured - 150.0) * c.contrast + 150.0;
    if (c.blurSigma > 0) cv::GaussianBlur(captured, captured, cv::Size(), c.blurSigma);
    if (c.noiseSigma > 0) {
        cv::Mat noise(captured.size(), CV_32F);
        cv::RNG rng(random.next());
        rng.fill(noise, cv::RNG::NORMAL, 0.0, c.noiseSigma);
        captured += noise;
    }
    cv::Mat grey;
    captured.convertTo(grey, CV_8U);
    if (c.jpegQuality > 0) {
        std::vector<std::uint8_t> buffer;
        cv::imencode(".jpg", grey, buffer, {cv::IMWRITE_JPEG_QUALITY, c.jpegQuality});
        grey = cv::imdecode(buffer, cv::IMREAD_GRAYSCALE);
    }
    DataPage out;
    out.mrz = clean.mrz;
    out.pixelsPerMm = clean.pixelsPerMm;
    std::vector<cv::Point2d> corners, mapped;
    for (const auto& p : clean.mrzCorners) corners.emplace_back(p[0], p[1]);
    cv::perspectiveTransform(corners, mapped, homography);
    for (std::size_t i = 0; i < 4; ++i) out.mrzCorners[i] = {mapped[i].x, mapped[i].y};
    out.image.width = grey.cols;
    out.image.height = grey.rows;
    out.image.dpi = static_cast<int>(std::lround(clean.image.dpi * scale));
    out.image.pixels.assign(grey.datastart, grey.dataend);
    return out;
}

Result<SyntheticPage> syntheticPage(std::uint64_t seed, Degradation level, DocumentFormat format) {
    SyntheticPage result;
    result.document = syntheticDocument(seed, format);
    auto clean = renderDataPage(result.document, seed);
    if (!clean) return std::unexpected(clean.error());
    result.conditions = captureConditions(level, seed);
    result.page = capturePage(*clean, result.conditions, seed);
    return result;
}

}  // namespace kiosk::sim

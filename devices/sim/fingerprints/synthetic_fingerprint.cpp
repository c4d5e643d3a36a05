// SFinGe-style synthetic fingerprints (after R. Cappelli, D. Maio, D. Maltoni, "Synthetic fingerprint-image
// generation", ICPR 2000). A master print is grown in four steps from one seed:
//   1. pattern class and singular points (cores, deltas) from the seed;
//   2. orientation field from the zero-pole model (Sherlock & Monro) around those points;
//   3. ridge period map: a smooth random field around a per-finger mean period;
//   4. ridges grown from sparse random seeds by iterated, locally oriented Gabor filtering.
// An impression then applies what a scanner sees: displacement, rotation, elastic distortion,
// pressure (dry/wet), partial contact and noise. Everything is deterministic in the seeds.
#include "devices/sim/fingerprints/synthetic_fingerprint.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <vector>

namespace kiosk::sim {
namespace {

// ---- tunables (units in the names) ----
constexpr int kMasterWidthPx = 360;
constexpr int kMasterHeightPx = 400;
constexpr double kMeanRidgePeriodMinPx = 8.5;  // 500 dpi: ~0.43-0.53 mm ridge period
constexpr double kMeanRidgePeriodMaxPx = 10.5;
constexpr double kPeriodVariationPx = 1.0;
constexpr int kOrientationBins = 24;
constexpr int kPeriodBins = 4;
constexpr int kGrowthKernelRadiusPx = 7;
constexpr double kGrowthSigmaAlongPx = 4.0;   // Gaussian envelope along the ridge
constexpr double kGrowthSigmaAcrossPx = 3.0;  // and across it
constexpr int kGrowthIterations = 12;
constexpr double kGrowthGain = 1.6;
constexpr double kSeedDensityPerPx = 1.0 / 500.0;

constexpr double kPi = std::numbers::pi;

struct Singularities {
    std::vector<std::complex<double>> cores, deltas;
    bool arch = false;
    double archStrength = 0;
};

Singularities pickPattern(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    const double cx = kMasterWidthPx * (0.45 + 0.1 * u(rng));
    const double cy = kMasterHeightPx * (0.38 + 0.12 * u(rng));
    Singularities s;
    const double pick = u(rng);
    auto c = [](double x, double y) { return std::complex<double>(x, y); };
    if (pick < 0.08) {  // plain arch
        s.arch = true;
        s.archStrength = 0.6 + 0.6 * u(rng);
    } else if (pick < 0.16) {  // tented arch: core above a delta
        s.cores.push_back(c(cx, cy));
        s.deltas.push_back(c(cx + 10 * (u(rng) - 0.5), cy + 70 + 30 * u(rng)));
    } else if (pick < 0.70) {  // left or right loop
        const double side = u(rng) < 0.5 ? -1.0 : 1.0;
        s.cores.push_back(c(cx, cy));
        s.deltas.push_back(c(cx + side * (90 + 40 * u(rng)), cy + 110 + 50 * u(rng)));
    } else {  // whorl: two cores, two deltas
        const double dx = 10 + 20 * u(rng);
        s.cores.push_back(c(cx - dx, cy - 10 * u(rng)));
        s.cores.push_back(c(cx + dx, cy + 25 + 10 * u(rng)));
        s.deltas.push_back(c(cx - 110 - 30 * u(rng), cy + 130 + 40 * u(rng)));
        s.deltas.push_back(c(cx + 110 + 30 * u(rng), cy + 130 + 40 * u(rng)));
    }
    return s;
}

// Ridge direction (radians, mod pi, image axes) at every pixel.
cv::Mat orientationField(const Singularities& s, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    const double base = (u(rng) - 0.5) * 0.2;
    cv::Mat theta(kMasterHeightPx, kMasterWidthPx, CV_32F);
    for (int y = 0; y < kMasterHeightPx; ++y) {
        for (int x = 0; x < kMasterWidthPx; ++x) {
            double t = base;
            if (s.arch) {
                // Level curves of y + A * h * exp(-(x-cx)^2 / w^2): arches bulging upwards.
                const double cx = kMasterWidthPx * 0.5, w = kMasterWidthPx * 0.35;
                const double dx = (x - cx) / w;
                const double fall = std::exp(-dx * dx);
                const double decay = std::clamp(1.0 - static_cast<double>(y) / kMasterHeightPx, 0.0, 1.0);
                const double slope = s.archStrength * decay * (-2.0 * dx / w) * fall * kMasterHeightPx * 0.25;
                t += std::atan(-slope);
            } else {
                const std::complex<double> z(x, y);
                for (const auto& d : s.deltas) t += 0.5 * std::arg(z - d);
                for (const auto& c : s.cores) t -= 0.5 * std::arg(z - c);
            }
            theta.at<float>(y, x) = static_cast<float>(t);
        }
    }
    return theta;
}

cv::Mat smoothRandomField(int w, int h, int cellPx, std::mt19937_64& rng) {
    std::normal_distribution<double> n(0, 1);
    cv::Mat coarse(h / cellPx + 2, w / cellPx + 2, CV_32F);
    for (int y = 0; y < coarse.rows; ++y)
        for (int x = 0; x < coarse.cols; ++x) coarse.at<float>(y, x) = static_cast<float>(n(rng));
    cv::Mat fine;
    cv::resize(coarse, fine, cv::Size(w, h), 0, 0, cv::INTER_CUBIC);
    return fine;
}

struct KernelBank {
    int radius = kGrowthKernelRadiusPx;
    int size = 2 * kGrowthKernelRadiusPx + 1;
    std::vector<float> weights;  // [orientation][period][size*size]
    [[nodiscard]] const float* kernel(int o, int p) const {
        return weights.data() + (static_cast<std::size_t>(o) * kPeriodBins + static_cast<std::size_t>(p)) *
                                    static_cast<std::size_t>(size * size);
    }
};

double periodOfBin(int p) {
    return kMeanRidgePeriodMinPx - kPeriodVariationPx +
           (kMeanRidgePeriodMaxPx - kMeanRidgePeriodMinPx + 2 * kPeriodVariationPx) * (p + 0.5) / kPeriodBins;
}

KernelBank makeBank() {
    KernelBank b;
    b.weights.resize(static_cast<std::size_t>(kOrientationBins * kPeriodBins * b.size * b.size));
    for (int o = 0; o < kOrientationBins; ++o) {
        const double th = kPi * o / kOrientationBins;
        const double ux = std::cos(th), uy = std::sin(th);  // along the ridge
        for (int p = 0; p < kPeriodBins; ++p) {
            const double f = 1.0 / periodOfBin(p);
            float* k = b.weights.data() +
                       (static_cast<std::size_t>(o) * kPeriodBins + static_cast<std::size_t>(p)) *
                           static_cast<std::size_t>(b.size * b.size);
            double sum = 0, sumAbs = 0;
            for (int y = -b.radius; y <= b.radius; ++y) {
                for (int x = -b.radius; x <= b.radius; ++x) {
                    const double along = x * ux + y * uy, across = -x * uy + y * ux;
                    const double g = std::exp(-0.5 * (along * along / (kGrowthSigmaAlongPx * kGrowthSigmaAlongPx) +
                                                       across * across / (kGrowthSigmaAcrossPx * kGrowthSigmaAcrossPx))) *
                                     std::cos(2 * kPi * f * across);
                    k[(y + b.radius) * b.size + (x + b.radius)] = static_cast<float>(g);
                    sum += g;
                }
            }
            const double mean = sum / (b.size * b.size);
            for (int i = 0; i < b.size * b.size; ++i) {
                k[i] = static_cast<float>(k[i] - mean);
                sumAbs += std::abs(k[i]);
            }
            for (int i = 0; i < b.size * b.size; ++i) k[i] = static_cast<float>(k[i] * 2.0 / sumAbs);
        }
    }
    return b;
}

cv::Mat fingerMask(int w, int h, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0, 1);
    cv::Mat mask(h, w, CV_8U, cv::Scalar(0));
    const cv::Point centre(static_cast<int>(w * (0.48 + 0.04 * u(rng))), static_cast<int>(h * (0.50 + 0.04 * u(rng))));
    const cv::Size axes(static_cast<int>(w * (0.40 + 0.05 * u(rng))), static_cast<int>(h * (0.44 + 0.04 * u(rng))));
    cv::ellipse(mask, centre, axes, 0, 0, 360, cv::Scalar(255), cv::FILLED);
    return mask;
}

}  // namespace

kiosk::GreyImage generateMasterPrint(std::uint64_t fingerSeed) {
    std::mt19937_64 rng(fingerSeed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL);
    std::uniform_real_distribution<double> u(0, 1);
    const Singularities sing = pickPattern(rng);
    const cv::Mat theta = orientationField(sing, rng);
    const double meanPeriod = kMeanRidgePeriodMinPx + (kMeanRidgePeriodMaxPx - kMeanRidgePeriodMinPx) * u(rng);
    cv::Mat period = smoothRandomField(kMasterWidthPx, kMasterHeightPx, 80, rng);
    period = period * (kPeriodVariationPx * 0.6) + meanPeriod;
    const cv::Mat mask = fingerMask(kMasterWidthPx, kMasterHeightPx, rng);

    static const KernelBank bank = makeBank();
    const int w = kMasterWidthPx, h = kMasterHeightPx, r = bank.radius;
    // Per-pixel kernel index from orientation and period.
    std::vector<std::uint16_t> kernelIndex(static_cast<std::size_t>(w * h));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            double t = std::fmod(static_cast<double>(theta.at<float>(y, x)), kPi);
            if (t < 0) t += kPi;
            const int o = static_cast<int>(std::lround(t / kPi * kOrientationBins)) % kOrientationBins;
            const double pr = period.at<float>(y, x);
            const double lo = periodOfBin(0), hi = periodOfBin(kPeriodBins - 1);
            const int p = std::clamp(static_cast<int>(std::lround((pr - lo) / (hi - lo) * (kPeriodBins - 1))), 0, kPeriodBins - 1);
            kernelIndex[static_cast<std::size_t>(y * w + x)] = static_cast<std::uint16_t>(o * kPeriodBins + p);
        }
    }
    // Sparse random seeds, then grow.
    cv::Mat field(h + 2 * r, w + 2 * r, CV_32F, cv::Scalar(0));
    const int seeds = static_cast<int>(w * h * kSeedDensityPerPx);
    for (int i = 0; i < seeds; ++i) {
        const int x = static_cast<int>(u(rng) * w), y = static_cast<int>(u(rng) * h);
        field.at<float>(y + r, x + r) = u(rng) < 0.5 ? -1.f : 1.f;
    }
    cv::Mat next = field.clone();
    const int ks = bank.size;
    for (int it = 0; it < kGrowthIterations; ++it) {
        for (int y = 0; y < h; ++y) {
            float* out = next.ptr<float>(y + r) + r;
            for (int x = 0; x < w; ++x) {
                const std::uint16_t ki = kernelIndex[static_cast<std::size_t>(y * w + x)];
                const float* k = bank.weights.data() + static_cast<std::size_t>(ki) * static_cast<std::size_t>(ks * ks);
                float acc = 0;
                for (int dy = 0; dy < ks; ++dy) {
                    const float* row = field.ptr<float>(y + dy) + x;
                    const float* kr = k + dy * ks;
                    for (int dx = 0; dx < ks; ++dx) acc += row[dx] * kr[dx];
                }
                out[x] = std::clamp(static_cast<float>(kGrowthGain) * acc, -1.f, 1.f);
            }
        }
        std::swap(field, next);
    }
    const cv::Mat ridges = field(cv::Rect(r, r, w, h));
    // Ridges (positive field) dark, valleys light; outside the finger white.
    kiosk::GreyImage img;
    img.width = w;
    img.height = h;
    img.dpi = 500;
    img.pixels.resize(static_cast<std::size_t>(w * h));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double v = ridges.at<float>(y, x);
            const double grey = mask.at<std::uint8_t>(y, x) ? 128.0 - 100.0 * v : 255.0;
            img.pixels[static_cast<std::size_t>(y * w + x)] = static_cast<std::uint8_t>(std::clamp(grey, 0.0, 255.0));
        }
    }
    // Soften the finger's edge.
    cv::Mat m(h, w, CV_8U, img.pixels.data());
    cv::Mat soft;
    cv::GaussianBlur(m, soft, cv::Size(3, 3), 0.8);
    soft.copyTo(m);
    return img;
}

kiosk::GreyImage generateImpression(const kiosk::GreyImage& master, const ImpressionOptions& options) {
    if (!master.isValid()) return {};
    std::mt19937_64 rng(options.seed * 0xD1B54A32D192ED03ULL + 0xABCDEFULL);
    std::uniform_real_distribution<double> u(-1, 1);
    std::normal_distribution<double> n(0, 1);
    const int w = master.width, h = master.height;
    cv::Mat src(h, w, CV_8U, const_cast<std::uint8_t*>(master.pixels.data()));

    // Pressure first (on the master): wet -> thicker dark ridges (min filter), dry -> thinner and broken.
    cv::Mat pressed = src.clone();
    const double pressure = std::clamp(options.pressure, -1.0, 1.0);
    if (pressure > 0.15) {
        cv::erode(src, pressed, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)), cv::Point(-1, -1),
                  pressure > 0.6 ? 2 : 1);
    } else if (pressure < -0.15) {
        cv::dilate(src, pressed, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)), cv::Point(-1, -1),
                   pressure < -0.6 ? 2 : 1);
    }

    // Geometry: inverse map from impression pixel to master pixel.
    const double rot = u(rng) * options.maxRotationDeg * kPi / 180.0;
    const double tx = u(rng) * options.maxShiftPx, ty = u(rng) * options.maxShiftPx;
    const double amp = 2.5 * std::max(0.0, options.distortion);
    const cv::Mat fieldX = smoothRandomField(w, h, 120, rng) * amp;
    const cv::Mat fieldY = smoothRandomField(w, h, 120, rng) * amp;
    cv::Mat mapX(h, w, CV_32F), mapY(h, w, CV_32F);
    const double cx = w / 2.0, cy = h / 2.0, c = std::cos(rot), s = std::sin(rot);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double dx = x - cx - tx, dy = y - cy - ty;
            mapX.at<float>(y, x) = static_cast<float>(cx + c * dx + s * dy + fieldX.at<float>(y, x));
            mapY.at<float>(y, x) = static_cast<float>(cy - s * dx + c * dy + fieldY.at<float>(y, x));
        }
    }
    cv::Mat warped;
    cv::remap(pressed, warped, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));

    // Partial contact: keep a region of the print (a half-plane at a random angle cutting `contact` of it).
    const double contact = std::clamp(options.contact, 0.0, 1.0);
    if (contact < 0.999) {
        const double a = u(rng) * kPi;
        const double nx = std::cos(a), ny = std::sin(a);
        const double extent = 0.5 * (std::abs(nx) * w + std::abs(ny) * h);
        const double limit = extent * (2.0 * contact - 1.0);
        for (int y = 0; y < h; ++y) {
            auto* row = warped.ptr<std::uint8_t>(y);
            for (int x = 0; x < w; ++x) {
                const double d = (x - cx) * nx + (y - cy) * ny;
                if (d > limit) row[x] = 255;
            }
        }
    }

    // Sensor blur and noise; dry fingers also lose ink in spots.
    cv::Mat f;
    warped.convertTo(f, CV_32F);
    cv::GaussianBlur(f, f, cv::Size(0, 0), 0.6 + 0.3 * std::max(0.0, options.noise));
    const double sigma = 6.0 * std::max(0.0, options.noise);
    cv::Mat noise(h, w, CV_32F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) noise.at<float>(y, x) = static_cast<float>(n(rng) * sigma);
    cv::Mat blotches = smoothRandomField(w, h, 12, rng);
    const double dryness = std::max(0.0, -pressure);
    f = f + noise + blotches * (12.0 * std::max(0.0, options.noise) + 30.0 * dryness);

    kiosk::GreyImage img;
    img.width = w;
    img.height = h;
    img.dpi = master.dpi;
    img.pixels.resize(static_cast<std::size_t>(w * h));
    cv::Mat out(h, w, CV_8U, img.pixels.data());
    f.convertTo(out, CV_8U);  // saturating
    return img;
}

}  // namespace kiosk::sim

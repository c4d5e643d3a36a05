// kioskctl fp ...: the fingerprint subsystem from the command line — evaluation on FVC-style sets,
// extraction to ISO/IEC 19794-2, 1:1 comparison with the FMR a score corresponds to, image quality.
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <string_view>
#include <initializer_list>
#include <thread>
#include <vector>

#include "app/biometrics/feature_extractor.h"
#include "app/biometrics/iso19794_2.h"
#include "app/biometrics/matcher.h"
#include "app/biometrics/quality.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {

namespace fs = std::filesystem;
using biometrics::FingerprintTemplate;

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Concatenation without operator+ on temporaries (g++ 12 -O3 reports a false -Wrestrict on those).
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (const auto p : parts) out.append(p);
    return out;
}

bool isIsoPath(const fs::path& p) {
    const auto e = p.extension().string();
    return e == ".iso" || e == ".ISO" || e == ".fmr";
}

Result<GreyImage> loadImage(const fs::path& p, int dpi) {
    const cv::Mat m = cv::imread(p.string(), cv::IMREAD_GRAYSCALE);
    if (m.empty()) return fail(Error::Code::Io, "cannot read the image", p.string());
    GreyImage g;
    g.width = m.cols;
    g.height = m.rows;
    g.dpi = dpi;
    g.pixels.assign(m.data, m.data + m.total());
    return g;
}

Result<FingerprintTemplate> loadIso(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return fail(Error::Code::Io, "cannot open the record", p.string());
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto t = biometrics::decodeIso19794_2(bytes);
    if (!t) return std::unexpected(t.error());
    return biometrics::toMatcherResolution(*t);  // the matcher works at 500 dpi
}

// An image (extracted) or an ISO record (decoded), whichever the path is.
Result<FingerprintTemplate> loadTemplate(const fs::path& p, int dpi) {
    if (isIsoPath(p)) return loadIso(p);
    auto img = loadImage(p, dpi);
    if (!img) return std::unexpected(img.error());
    return biometrics::extractTemplate(*img);
}

// --dpi given, or 569 for FVC2002 DB2 (the only set not at 500 dpi), else 500.
int dpiFor(const std::string& option, const fs::path& p, bool& guessed) {
    guessed = false;
    if (!option.empty()) return std::atoi(option.c_str());
    const std::string s = fs::absolute(p).string();
    if (s.find("DB2_") != std::string::npos && s.find("2002") != std::string::npos) {
        guessed = true;
        return 569;
    }
    return 500;
}

// Runs fn(i) for i in [0, n) on every core.
template <class Fn>
void parallelFor(std::size_t n, Fn fn) {
    std::atomic<std::size_t> next{0};
    const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::jthread> pool;
    for (unsigned w = 0; w < workers; ++w)
        pool.emplace_back([&] {
            for (std::size_t i = next++; i < n; i = next++) fn(i);
        });
}

struct ErrorRates {
    double eer = 1, fnmrAt1 = 1, fnmrAt01 = 1, zeroFmr = 1, eerThreshold = 0;
};

// FVC definitions: FMR(t) = share of impostor scores >= t, FNMR(t) = share of genuine scores < t; EER is
// the FVC estimate (EERlow + EERhigh) / 2 at the crossing; FNMR@FMR x is the lowest FNMR with FMR <= x.
struct DetPoint {
    double threshold, fmr, fnmr;
};

std::vector<DetPoint> detCurve(std::vector<double> g, std::vector<double> i) {
    std::sort(g.begin(), g.end());
    std::sort(i.begin(), i.end());
    std::vector<double> thresholds(g);
    thresholds.insert(thresholds.end(), i.begin(), i.end());
    thresholds.push_back(std::numeric_limits<double>::infinity());
    thresholds.push_back(-std::numeric_limits<double>::infinity());
    std::sort(thresholds.begin(), thresholds.end());
    thresholds.erase(std::unique(thresholds.begin(), thresholds.end()), thresholds.end());
    std::vector<DetPoint> out;
    for (const double t : thresholds) {
        const double fnmr = static_cast<double>(std::lower_bound(g.begin(), g.end(), t) - g.begin()) / static_cast<double>(g.size());
        const double fmr = static_cast<double>(i.end() - std::lower_bound(i.begin(), i.end(), t)) / static_cast<double>(i.size());
        out.push_back({t, fmr, fnmr});
    }
    return out;  // thresholds increasing: FMR falls, FNMR rises
}

ErrorRates errorRates(const std::vector<DetPoint>& det) {
    ErrorRates r;
    if (det.empty()) return r;
    // t1: last threshold with FNMR <= FMR; t2: first with FNMR >= FMR.
    std::size_t t1 = 0, t2 = det.size() - 1;
    for (std::size_t k = 0; k < det.size(); ++k)
        if (det[k].fnmr <= det[k].fmr) t1 = k;
    for (std::size_t k = det.size(); k-- > 0;)
        if (det[k].fnmr >= det[k].fmr) t2 = k;
    double lo = 0, hi = 0;
    if (det[t1].fnmr + det[t1].fmr <= det[t2].fnmr + det[t2].fmr) {
        lo = det[t1].fnmr, hi = det[t1].fmr;
        r.eerThreshold = det[t1].threshold;
    } else {
        lo = det[t2].fmr, hi = det[t2].fnmr;
        r.eerThreshold = det[t2].threshold;
    }
    r.eer = (lo + hi) / 2;
    for (const auto& p : det) {
        if (p.fmr <= 0.01) r.fnmrAt1 = std::min(r.fnmrAt1, p.fnmr);
        if (p.fmr <= 0.001) r.fnmrAt01 = std::min(r.fnmrAt01, p.fnmr);
        if (p.fmr <= 0.0) r.zeroFmr = std::min(r.zeroFmr, p.fnmr);
    }
    return r;
}

// DET curve (FNMR against FMR, both on log axes) drawn with OpenCV.
void drawDet(const std::vector<DetPoint>& det, const std::string& title, const fs::path& out) {
    constexpr int W = 640, H = 560, left = 70, right = 20, top = 40, bottom = 60;
    cv::Mat img(H, W, CV_8UC3, cv::Scalar(255, 255, 255));
    constexpr double lmin = -4, lmax = 0;  // decades
    auto px = [&](double fmr) {
        const double l = std::clamp(std::log10(std::max(fmr, 1e-4)), lmin, lmax);
        return left + static_cast<int>(std::lround((l - lmin) / (lmax - lmin) * (W - left - right)));
    };
    auto py = [&](double fnmr) {
        const double l = std::clamp(std::log10(std::max(fnmr, 1e-4)), lmin, lmax);
        return top + static_cast<int>(std::lround((lmax - l) / (lmax - lmin) * (H - top - bottom)));
    };
    const cv::Scalar grid(220, 220, 220), ink(0, 0, 0);
    for (int d = 0; d <= 4; ++d) {
        const double v = std::pow(10.0, -d);
        cv::line(img, {px(v), top}, {px(v), H - bottom}, grid);
        cv::line(img, {left, py(v)}, {W - right, py(v)}, grid);
        const std::string label = d == 0 ? std::string("1") : cat({"1e-", std::to_string(d)});
        cv::putText(img, label, {px(v) - 14, H - bottom + 18}, cv::FONT_HERSHEY_SIMPLEX, 0.4, ink);
        cv::putText(img, label, {left - 40, py(v) + 4}, cv::FONT_HERSHEY_SIMPLEX, 0.4, ink);
    }
    cv::line(img, {px(1e-4), py(1e-4)}, {px(1), py(1)}, cv::Scalar(200, 200, 255));  // EER diagonal
    cv::rectangle(img, {left, top}, {W - right, H - bottom}, ink);
    std::vector<cv::Point> pts;
    for (const auto& p : det) pts.emplace_back(px(p.fmr), py(p.fnmr));
    cv::polylines(img, pts, false, cv::Scalar(160, 60, 0), 2, cv::LINE_AA);
    cv::putText(img, "FMR", {W / 2 - 15, H - 20}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink);
    cv::putText(img, "FNMR", {8, top - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink);
    cv::putText(img, title, {left, top - 14}, cv::FONT_HERSHEY_SIMPLEX, 0.5, ink);
    cv::imwrite(out.string(), img);
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(std::lround(p * static_cast<double>(v.size() - 1)))];
}

void printRates(const char* label, std::size_t ng, std::size_t ni, const ErrorRates& r) {
    std::printf("%s (%zu genuine, %zu impostor pairs): EER %.2f%% (threshold %.2f)  FNMR@FMR1%% %.2f%%  "
                "FNMR@FMR0.1%% %.2f%%  ZeroFMR %.2f%%\n",
                label, ng, ni, 100 * r.eer, r.eerThreshold, 100 * r.fnmrAt1, 100 * r.fnmrAt01, 100 * r.zeroFmr);
}

}  // namespace

int fpEval(const Args& argsIn) {
    const std::string usage =
        "kioskctl fp eval DIR [--dpi N] [--iso] [--csv FILE] [--det FILE.png]\n"
        "  DIR holds an FVC-style set FFF_I.<ext> (finger FFF, impression I). Genuine pairs: every pair of\n"
        "  impressions of one finger; impostor pairs: every pair of impressions of different fingers (each\n"
        "  unordered pair once); the FVC protocol figure (first impressions only) is printed too.\n"
        "  --iso compares the ISO/IEC 19794-2 records FFF_I.iso instead of extracting from the images.\n"
        "  --dpi defaults to 500, or 569 for FVC2002 DB2. Writes the score matrix CSV (default\n"
        "  fp-eval-<DIR name>.csv) and a DET curve PNG (default fp-eval-<DIR name>-det.png).";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dpiOpt = takeOption(args, "--dpi");
    std::string csvPath = takeOption(args, "--csv");
    std::string detPath = takeOption(args, "--det");
    bool useIso = false;
    if (auto it = std::find(args.begin(), args.end(), "--iso"); it != args.end()) useIso = true, args.erase(it);
    if (args.size() != 1) return usageError(usage, "needs exactly one directory");
    const fs::path dir = args[0];
    if (!fs::is_directory(dir)) return usageError(usage, cat({"'", dir.string(), "' is not a directory"}));
    bool guessed = false;
    const int dpi = dpiFor(dpiOpt, dir, guessed);
    if (dpi < 100 || dpi > 5000) return usageError(usage, "--dpi must be 100..5000");
    std::string setName = fs::absolute(dir).lexically_normal().filename().string();
    if (setName.empty()) setName = fs::absolute(dir).lexically_normal().parent_path().filename().string();
    if (csvPath.empty()) csvPath = cat({"fp-eval-", setName, useIso ? "-iso" : "", ".csv"});
    if (detPath.empty()) detPath = cat({"fp-eval-", setName, useIso ? "-iso" : "", "-det.png"});

    struct Item {
        fs::path path;
        int finger, impression;
    };
    std::vector<Item> items;
    const std::regex name(R"((\d+)_(\d+))");
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        const auto ext = e.path().extension().string();
        const bool iso = isIsoPath(e.path());
        if (iso != useIso) continue;
        if (!iso && ext != ".tif" && ext != ".tiff" && ext != ".png" && ext != ".bmp" && ext != ".pgm" && ext != ".jpg")
            continue;
        std::smatch m;
        const std::string stem = e.path().stem().string();
        if (!std::regex_match(stem, m, name)) continue;
        items.push_back({e.path(), std::stoi(m[1]), std::stoi(m[2])});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.finger != b.finger ? a.finger < b.finger : a.impression < b.impression;
    });
    if (items.size() < 2) return usageError(usage, cat({"no FFF_I files found in '", dir.string(), "'"}));
    if (!useIso) std::printf("%s: %zu images at %d dpi%s\n", dir.string().c_str(), items.size(), dpi,
                             guessed ? " (FVC2002 DB2: 569 dpi assumed; --dpi to override)" : "");
    else std::printf("%s: %zu ISO/IEC 19794-2 records\n", dir.string().c_str(), items.size());

    cv::setNumThreads(1);  // one core per image: the figures are per core
    const std::size_t n = items.size();
    std::vector<FingerprintTemplate> templates(n);
    std::vector<double> millis(n, 0);
    std::vector<std::string> errors(n);
    parallelFor(n, [&](std::size_t k) {
        if (useIso) {
            auto t = loadIso(items[k].path);
            if (t) templates[k] = std::move(*t);
            else errors[k] = t.error().describe();
            return;
        }
        auto img = loadImage(items[k].path, dpi);
        if (!img) return void(errors[k] = img.error().describe());
        const double t0 = threadCpuMs();
        auto t = biometrics::extractTemplate(*img);
        millis[k] = threadCpuMs() - t0;
        if (t) templates[k] = std::move(*t);
        else errors[k] = t.error().describe();
    });
    std::size_t failed = 0;
    double minutiae = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!errors[k].empty()) {
            ++failed;
            std::printf("  %s: %s (scores 0 against everything)\n", items[k].path.filename().string().c_str(), errors[k].c_str());
        }
        minutiae += static_cast<double>(templates[k].minutiae.size()) / static_cast<double>(n);
    }
    if (!useIso)
        std::printf("extraction: median %.1f ms, p95 %.1f ms per image (thread CPU time, one core); %zu failed\n",
                    percentile(millis, 0.5), percentile(millis, 0.95), failed);
    std::printf("minutiae per template: mean %.1f\n", minutiae);

    std::vector<biometrics::MatchTemplate> prepared(n);
    parallelFor(n, [&](std::size_t k) { prepared[k] = biometrics::prepareForMatching(templates[k]); });
    // Full matrix (both orders): the CSV is the score of row-probe against column-candidate.
    std::vector<double> matrix(n * n, 0);
    const double w0 = wallSeconds();
    std::atomic<std::size_t> comparisons{0};
    std::vector<double> cpuMs(std::max(1u, std::thread::hardware_concurrency()), 0);
    {
        std::atomic<std::size_t> next{0};
        std::vector<std::jthread> pool;
        for (std::size_t w = 0; w < cpuMs.size(); ++w)
            pool.emplace_back([&, w] {
                const double c0 = threadCpuMs();
                std::size_t mine = 0;
                for (std::size_t a = next++; a < n; a = next++)
                    for (std::size_t b = 0; b < n; ++b) {
                        if (a == b) continue;
                        matrix[a * n + b] = biometrics::compareTemplates(prepared[a], prepared[b]);
                        ++mine;
                    }
                comparisons += mine;
                cpuMs[w] = threadCpuMs() - c0;
            });
    }
    const double wall = wallSeconds() - w0;
    double cpu = 0;
    for (const double c : cpuMs) cpu += c;
    std::printf("comparisons: %zu in %.2f s wall on %zu threads: %.0f /s (%.0f /s per core, thread CPU time)\n",
                comparisons.load(), wall, cpuMs.size(), static_cast<double>(comparisons.load()) / wall,
                static_cast<double>(comparisons.load()) / (cpu / 1e3));

    // Each unordered pair once, scored probe=earlier id against candidate=later id.
    std::vector<double> genuine, impostor, impostorFvc;
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = a + 1; b < n; ++b) {
            const double s = matrix[a * n + b];
            if (items[a].finger == items[b].finger) genuine.push_back(s);
            else {
                impostor.push_back(s);
                if (items[a].impression == 1 && items[b].impression == 1) impostorFvc.push_back(s);
            }
        }
    if (genuine.empty() || impostor.empty()) return usageError(usage, "the set needs at least two fingers with two impressions");
    const auto det = detCurve(genuine, impostor);
    const ErrorRates r = errorRates(det);
    printRates("all pairs", genuine.size(), impostor.size(), r);
    if (!impostorFvc.empty()) printRates("FVC protocol", genuine.size(), impostorFvc.size(), errorRates(detCurve(genuine, impostorFvc)));
    std::printf("scores: genuine median %.2f min %.2f; impostor median %.2f p99 %.2f max %.2f\n", percentile(genuine, 0.5),
                percentile(genuine, 0), percentile(impostor, 0.5), percentile(impostor, 0.99), percentile(impostor, 1));

    {
        std::ofstream csv(csvPath);
        csv << "id";
        for (const auto& it : items) csv << ',' << it.path.stem().string();
        csv << '\n';
        for (std::size_t a = 0; a < n; ++a) {
            csv << items[a].path.stem().string();
            for (std::size_t b = 0; b < n; ++b) {
                char buf[32];
                std::snprintf(buf, sizeof buf, ",%.3f", a == b ? 100.0 : matrix[a * n + b]);
                csv << buf;
            }
            csv << '\n';
        }
        if (!csv) std::fprintf(stderr, "kioskctl: could not write %s\n", csvPath.c_str());
    }
    char title[128];
    std::snprintf(title, sizeof title, "DET %s%s  EER %.2f%%", setName.c_str(), useIso ? " (ISO records)" : "", 100 * r.eer);
    drawDet(det, title, detPath);
    std::printf("wrote %s and %s\n", csvPath.c_str(), detPath.c_str());
    return 0;
}

int fpExtract(const Args& argsIn) {
    const std::string usage = "kioskctl fp extract IMAGE [--dpi N] [-o FILE.iso] [--draw FILE.png]\n"
                              "  extracts minutiae, prints them; with -o writes an ISO/IEC 19794-2:2005 record;\n"
                              "  --draw writes the image at 500 dpi with the minutiae drawn (red ending, blue bifurcation)";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dpiOpt = takeOption(args, "--dpi");
    const std::string out = takeOption(args, "-o");
    const std::string draw = takeOption(args, "--draw");
    if (args.size() != 1) return usageError(usage, "needs exactly one image");
    bool guessed = false;
    const int dpi = dpiFor(dpiOpt, args[0], guessed);
    auto img = loadImage(args[0], dpi);
    if (!img) return std::fprintf(stderr, "kioskctl: %s\n", img.error().describe().c_str()), 1;
    const double t0 = threadCpuMs();
    auto t = biometrics::extractTemplate(*img);
    const double ms = threadCpuMs() - t0;
    if (!t) return std::fprintf(stderr, "kioskctl: %s\n", t.error().describe().c_str()), 1;
    std::printf("%s: %dx%d at %d dpi -> %zu minutiae, template quality %d, %.1f ms\n", args[0].c_str(), img->width,
                img->height, dpi, t->minutiae.size(), t->quality, ms);
    std::printf("#  x    y   angle(deg) type        quality\n");
    for (const auto& m : t->minutiae)
        std::printf("%4d %4d  %7.1f    %-11s %3d\n", m.x, m.y, static_cast<double>(m.angleRad) * 180.0 / 3.14159265358979,
                    m.type == biometrics::Minutia::Type::Ending ? "ending" : m.type == biometrics::Minutia::Type::Bifurcation ? "bifurcation" : "other",
                    m.quality);
    if (!draw.empty()) {
        cv::Mat grey(img->height, img->width, CV_8U, img->pixels.data()), big, canvas;
        const double f = 500.0 / dpi * 2;  // drawn at twice 500 dpi
        cv::resize(grey, big, cv::Size(), f, f, cv::INTER_LINEAR);
        cv::cvtColor(big, canvas, cv::COLOR_GRAY2BGR);
        for (const auto& m : t->minutiae) {
            const cv::Point p(2 * m.x, 2 * m.y);
            const double a = static_cast<double>(m.angleRad);
            const cv::Point q(p.x + static_cast<int>(std::lround(16 * std::cos(a))), p.y - static_cast<int>(std::lround(16 * std::sin(a))));
            const cv::Scalar colour = m.type == biometrics::Minutia::Type::Ending ? cv::Scalar(0, 0, 255) : cv::Scalar(255, 0, 0);
            cv::circle(canvas, p, 6, colour, 2);
            cv::line(canvas, p, q, colour, 2);
        }
        if (!cv::imwrite(draw, canvas)) return std::fprintf(stderr, "kioskctl: could not write %s\n", draw.c_str()), 1;
    }
    if (!out.empty()) {
        const auto bytes = biometrics::encodeIso19794_2(*t, FingerPosition::Unknown);
        std::ofstream f(out, std::ios::binary);
        f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!f) return std::fprintf(stderr, "kioskctl: could not write %s\n", out.c_str()), 1;
        std::printf("wrote %s (%zu bytes)\n", out.c_str(), bytes.size());
    }
    return 0;
}

int fpMatch(const Args& argsIn) {
    const std::string usage = "kioskctl fp match A B [--dpi N]\n"
                              "  A and B are images or ISO/IEC 19794-2 records (.iso); prints the score and the\n"
                              "  false-match rate it corresponds to (calibration table of thresholdForFalseMatchRate)";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dpiOpt = takeOption(args, "--dpi");
    if (args.size() != 2) return usageError(usage, "needs two images or records");
    FingerprintTemplate t[2];
    for (int k = 0; k < 2; ++k) {
        bool guessed = false;
        const auto& p = args[static_cast<std::size_t>(k)];
        auto r = loadTemplate(p, dpiFor(dpiOpt, p, guessed));
        if (!r) return std::fprintf(stderr, "kioskctl: %s: %s\n", p.c_str(), r.error().describe().c_str()), 1;
        t[k] = std::move(*r);
    }
    const double score = biometrics::compareTemplates(t[0], t[1]);
    const double fmr = biometrics::falseMatchRateForScore(score);
    std::printf("score %.2f  (%zu vs %zu minutiae)\n", score, t[0].minutiae.size(), t[1].minutiae.size());
    std::printf("FMR at this score: %s%.2g%s\n", fmr >= 1.0 ? "> " : "", fmr >= 1.0 ? 0.1 : fmr,
                score >= biometrics::thresholdForFalseMatchRate(1e-4) ? "  -> match at FMR 1e-4" : "  -> no match at FMR 1e-4");
    return 0;
}

int fpQuality(const Args& argsIn) {
    const std::string usage = "kioskctl fp quality IMAGE [--dpi N]\n  first-stage image quality 0..100 and flags";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dpiOpt = takeOption(args, "--dpi");
    if (args.size() != 1) return usageError(usage, "needs exactly one image");
    bool guessed = false;
    auto img = loadImage(args[0], dpiFor(dpiOpt, args[0], guessed));
    if (!img) return std::fprintf(stderr, "kioskctl: %s\n", img.error().describe().c_str()), 1;
    const auto q = biometrics::assessQuality(*img);
    std::string flags;
    const std::pair<biometrics::QualityFlag, const char*> names[] = {
        {biometrics::QualityFlag::NoFinger, "no-finger"}, {biometrics::QualityFlag::TooLight, "too-light"},
        {biometrics::QualityFlag::TooDark, "too-dark"},   {biometrics::QualityFlag::Partial, "partial"},
        {biometrics::QualityFlag::Smudged, "smudged"}};
    for (const auto& [f, nm] : names)
        if (biometrics::hasFlag(q, f)) {
            if (!flags.empty()) flags.push_back(',');
            flags.append(nm);
        }
    std::printf("quality %d  flags %s\n", q.score, flags.empty() ? "none" : flags.c_str());
    auto t = biometrics::extractTemplate(*img);
    if (t) std::printf("template: %zu minutiae, template quality %d\n", t->minutiae.size(), t->quality);
    else std::printf("template: %s\n", t.error().describe().c_str());
    return 0;
}

}  // namespace kiosk::ctl

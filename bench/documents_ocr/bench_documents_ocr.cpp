// bench_documents_ocr: reads a fixed, seeded set of synthetic data pages and ID cards (1000x700) at three
// levels of degradation on one core and reports, per level: the share read correctly (every character
// right and validated), the character error rate, the share wrongly accepted (validated but wrong; must be
// 0), the share refused as unreadable, and median / p95 milliseconds per page of read(): wall-clock and
// the thread's CPU time (which a shared, loaded machine inflates much less).
//   bench_documents_ocr [PAGES_PER_LEVEL=340] [--dump DIR] [--stages DIR] [--pictures DIR] [--seed-offset N]
//   (--dump writes each page as PNG, --stages the stages of refused pages, --seed-offset reads other pages)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/documents/ocr/mrz_reader.h"
#include "bench/bench_report.h"
#include "devices/sim/passports/passport_page_generator.h"

using namespace kiosk;

namespace {

// CPU time of this thread: what the reader costs, whatever else the (shared) machine runs.
double threadCpuMilliseconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

}  // namespace

int main(int argc, char* argv[]) {
    int perLevel = 340;
    std::uint64_t seedOffset = 0;  // --seed-offset: another set of pages (held out from tuning)
    std::string dump, stagesDir, picturesDir;  // --pictures: the OCR stages of the first hard page read
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--dump" && i + 1 < argc) dump = argv[++i];
        else if (arg == "--stages" && i + 1 < argc) stagesDir = argv[++i];
        else if (arg == "--pictures" && i + 1 < argc) picturesDir = argv[++i];
        else if (arg == "--seed-offset" && i + 1 < argc) seedOffset = std::strtoull(argv[++i], nullptr, 10);
        else perLevel = std::max(1, std::atoi(argv[i]));
    }
    cv::setNumThreads(0);  // one core
    auto reader = documents::ocr::MrzReader::create();
    if (!reader) {
        std::fprintf(stderr, "bench_documents_ocr: %s\n", reader.error().describe().c_str());
        return 1;
    }
    const documents::ParseOptions options{{2025, 6, 1}, true};
    const sim::Degradation levels[] = {sim::Degradation::Mild, sim::Degradation::Medium, sim::Degradation::Hard};
    int wrongTotal = 0;
    std::vector<sim::Degradation> chosen(std::begin(levels), std::end(levels));
    if (const char* only = std::getenv("BENCH_LEVEL")) {
        chosen.clear();
        for (const auto l : {sim::Degradation::None, sim::Degradation::Mild, sim::Degradation::Medium, sim::Degradation::Hard})
            if (sim::degradationName(l) == only) chosen.push_back(l);
    }
    for (const auto level : chosen) {
        const std::string name(sim::degradationName(level));
        int correct = 0, wrong = 0, refused = 0;
        long characters = 0, characterErrors = 0;
        std::vector<double> times, cpuTimes;
        std::map<std::string, int> reasons;
        for (int i = 0; i < perLevel; ++i) {
            const std::uint64_t seed = 1000003ULL * static_cast<std::uint64_t>(static_cast<int>(level)) + static_cast<std::uint64_t>(i) + seedOffset;
            if (std::getenv("BENCH_ONLY") && std::atoi(std::getenv("BENCH_ONLY")) != i) continue;
            const auto format = i % 4 == 3 ? documents::DocumentFormat::TD1 : documents::DocumentFormat::TD3;
            auto page = sim::syntheticPage(seed, level, format);
            if (!page) {
                std::fprintf(stderr, "bench_documents_ocr: page %d: %s\n", i, page.error().describe().c_str());
                return 1;
            }
            const auto& truth = page->page.mrz;
            if (!dump.empty()) {
                const cv::Mat image(page->page.image.height, page->page.image.width, CV_8U, page->page.image.pixels.data());
                cv::imwrite(dump + "/" + name + "-" + std::to_string(i) + ".png", image);
            }
            documents::ocr::OcrStages stages;
            const auto start = std::chrono::steady_clock::now();
            const double cpuStart = threadCpuMilliseconds();
            // Timed: read(), as the kiosk calls it. The stages (for the character error rate of refused pages
            // and the pictures) come from a second, untimed readWithStages().
            const auto result = reader->read(page->page.image, options);
            cpuTimes.push_back(threadCpuMilliseconds() - cpuStart);
            times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
            if (result) stages.lines = result->lines;
            if (!result || !picturesDir.empty()) (void)reader->readWithStages(page->page.image, options, stages);
            // Character errors against the best reading, validated or not (a missing line counts whole).
            for (std::size_t l = 0; l < truth.size(); ++l) {
                characters += static_cast<long>(truth[l].size());
                const std::string read = l < stages.lines.size() ? stages.lines[l] : std::string();
                for (std::size_t k = 0; k < truth[l].size(); ++k) {
                    if (k >= read.size() || read[k] != truth[l][k]) ++characterErrors;
                }
            }
            if (result && !picturesDir.empty() && level == sim::Degradation::Hard) {
                const auto save = [&](const GreyImage& g, const char* what, double scale) {
                    const cv::Mat m(g.height, g.width, CV_8U, const_cast<std::uint8_t*>(g.pixels.data()));
                    cv::Mat out;
                    cv::resize(m, out, cv::Size(), scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_NEAREST);
                    cv::imwrite(picturesDir + "/ocr-" + what + ".png", out, {cv::IMWRITE_PNG_COMPRESSION, 9});
                };
                save(page->page.image, "1-page", 0.5);
                save(stages.textMask, "2-text", 0.5);
                save(stages.lineMask, "3-lines", 0.5);
                save(stages.band, "4-band", 1.0);
                save(stages.cells, "5-cells", 1.0);
                picturesDir.clear();
            }
            if (result) {
                if (result->lines == truth) {
                    ++correct;
                } else {
                    ++wrong;
                    std::fprintf(stderr, "WRONGLY ACCEPTED %s page %d\n", name.c_str(), i);
                    for (std::size_t l = 0; l < truth.size(); ++l) {
                        std::fprintf(stderr, "   %s\n   %s\n", truth[l].c_str(), l < result->lines.size() ? result->lines[l].c_str() : "-");
                    }
                }
            } else {
                ++refused;
                std::string reason = result.error().message;
                if (const auto colon = reason.find(':', 12); colon != std::string::npos) reason.resize(colon);
                ++reasons[reason];
                if (std::getenv("BENCH_VERBOSE")) {
                    std::fprintf(stderr, "%s page %d refused: %s\n   CPU time %.1f ms\n", name.c_str(), i, result.error().describe().c_str(), cpuTimes.back());
                    if (!stages.cellCentres.empty() && stages.cellCentres.size() == truth.size() * truth[0].size()) {
                        // Geometry against the truth: the printed cells' centres, mapped by the capture.
                        const bool card = truth.size() == 3;
                        const double pitch = 2.54, linePitch = card ? 4.2 : 4.5, cap = 2.54 * 53.0 / 52.0;
                        const double w = static_cast<double>(truth[0].size()) * pitch, h = cap + linePitch * static_cast<double>(truth.size() - 1);
                        const cv::Point2f rect[4] = {{0, 0}, {static_cast<float>(w), 0}, {static_cast<float>(w), static_cast<float>(h)}, {0, static_cast<float>(h)}};
                        cv::Point2f corners[4];
                        for (int k = 0; k < 4; ++k) corners[k] = cv::Point2f(static_cast<float>(page->page.mrzCorners[static_cast<std::size_t>(k)][0]), static_cast<float>(page->page.mrzCorners[static_cast<std::size_t>(k)][1]));
                        const cv::Matx33d m = cv::getPerspectiveTransform(rect, corners);
                        double worst = 0, sum = 0, dxl = 0, dxr = 0, dyl = 0, dyr = 0;
                        const double imagePitch = cv::norm(corners[1] - corners[0]) / static_cast<double>(truth[0].size());
                        for (std::size_t c = 0; c < stages.cellCentres.size(); ++c) {
                            const std::size_t l = c / truth[0].size(), k = c % truth[0].size();
                            const cv::Vec3d q = m * cv::Vec3d((static_cast<double>(k) + 0.5) * pitch, cap / 2 + linePitch * static_cast<double>(l), 1);
                            const double e = std::hypot(q[0] / q[2] - stages.cellCentres[c][0], q[1] / q[2] - stages.cellCentres[c][1]) / imagePitch;
                            const cv::Point2f along = (corners[1] - corners[0]) * (1.0f / static_cast<float>(cv::norm(corners[1] - corners[0])));
                            const cv::Point2f d(static_cast<float>(stages.cellCentres[c][0] - q[0] / q[2]), static_cast<float>(stages.cellCentres[c][1] - q[1] / q[2]));
                            const double ex = d.dot(along) / imagePitch, ey = (-d.x * along.y + d.y * along.x) / imagePitch;
                            (k < truth[0].size() / 2 ? dxl : dxr) += ex;
                            (k < truth[0].size() / 2 ? dyl : dyr) += ey;
                            worst = std::max(worst, e);
                            sum += e;
                        }
                        const double half = static_cast<double>(stages.cellCentres.size()) / 2;
                        std::fprintf(stderr, "   geometry error (pitches): mean %.3f worst %.3f; along left %.3f right %.3f, across left %.3f right %.3f\n", sum / static_cast<double>(stages.cellCentres.size()), worst, dxl / half, dxr / half, dyl / half, dyr / half);
                    }
                    for (std::size_t l = 0; l < truth.size(); ++l) {
                        std::fprintf(stderr, "   %s\n   %s\n", truth[l].c_str(), l < stages.lines.size() ? stages.lines[l].c_str() : "-");
                    }
                }
                if (!stagesDir.empty()) {
                    const auto save = [&](const GreyImage& g, const char* what) {
                        if (!g.isValid()) return;
                        const cv::Mat m(g.height, g.width, CV_8U, const_cast<std::uint8_t*>(g.pixels.data()));
                        cv::imwrite(stagesDir + "/" + name + "-" + std::to_string(i) + "-" + what + ".png", m);
                    };
                    save(page->page.image, "page");
                    save(stages.textMask, "text");
                    save(stages.lineMask, "lines");
                    save(stages.band, "band");
                    save(stages.cells, "cells");
                }
            }
        }
        wrongTotal += wrong;
        const double n = perLevel;
        bench::report("mrz_ocr", name + " pages", n, "pages");
        bench::report("mrz_ocr", name + " read correctly", 100.0 * correct / n, "%");
        bench::report("mrz_ocr", name + " character error rate", 100.0 * static_cast<double>(characterErrors) / static_cast<double>(characters), "%");
        bench::report("mrz_ocr", name + " wrongly accepted", 100.0 * wrong / n, "%");
        bench::report("mrz_ocr", name + " refused as unreadable", 100.0 * refused / n, "%");
        bench::report("mrz_ocr", name + " median time", percentile(times, 0.5), "ms/page");
        bench::report("mrz_ocr", name + " p95 time", percentile(times, 0.95), "ms/page");
        bench::report("mrz_ocr", name + " median CPU time", percentile(cpuTimes, 0.5), "ms/page");
        bench::report("mrz_ocr", name + " p95 CPU time", percentile(cpuTimes, 0.95), "ms/page");
        for (const auto& [reason, count] : reasons) std::fprintf(stderr, "  %s refused %d: %s\n", name.c_str(), count, reason.c_str());
    }
    return wrongTotal == 0 ? 0 : 1;
}

#include "app/technician/console/fingerprint_diagnostics.h"
#include "app/technician/console/diagnostic_image.h"

#include <QMetaObject>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "app/biometrics/quality.h"
#include "devices/fingerprint/fingerprint_scanner.h"

namespace kiosk::technician {

QList<int> greyHistogram(const GreyImage& image) {
    QList<int> bins(256, 0);
    for (const std::uint8_t p : image.pixels) ++bins[p];
    return bins;
}

QStringList qualityFlagNames(std::uint8_t flags) {
    using biometrics::QualityFlag;
    QStringList out;
    const biometrics::QualityReport r{0, flags};
    if (hasFlag(r, QualityFlag::NoFinger)) out << QStringLiteral("no finger");
    if (hasFlag(r, QualityFlag::TooLight)) out << QStringLiteral("too light");
    if (hasFlag(r, QualityFlag::TooDark)) out << QStringLiteral("too dark");
    if (hasFlag(r, QualityFlag::Partial)) out << QStringLiteral("partial");
    if (hasFlag(r, QualityFlag::Smudged)) out << QStringLiteral("smudged");
    return out;
}

QImage renderStagesOverlay(const biometrics::StagedExtraction& extraction) {
    const auto& s = extraction.stages;
    if (s.width <= 0 || s.height <= 0) return {};
    QImage out(s.width, s.height, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    // The segmented area's outline: foreground pixels with a background 4-neighbour, two pixels wide
    // so it survives the scaling to the screen.
    const auto at = [&s](int x, int y) {
        return x >= 0 && y >= 0 && x < s.width && y < s.height &&
               s.mask[static_cast<std::size_t>(y) * static_cast<std::size_t>(s.width) + static_cast<std::size_t>(x)] != 0;
    };
    const QRgb outline = qRgba(60, 220, 90, 255);
    for (int y = 0; y < s.height; ++y)
        for (int x = 0; x < s.width; ++x) {
            if (!at(x, y)) continue;
            if (at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1) && at(x - 2, y) && at(x + 2, y) &&
                at(x, y - 2) && at(x, y + 2))
                continue;
            out.setPixel(x, y, outline);
        }
    QPainter p(&out);
    p.setRenderHint(QPainter::Antialiasing);
    // The orientation field: one short segment per block along the ridges, fainter where incoherent.
    const double half = s.blockSizePx * 0.4;
    for (int by = 0; by < s.blocksHigh; ++by)
        for (int bx = 0; bx < s.blocksWide; ++bx) {
            const auto i = static_cast<std::size_t>(by * s.blocksWide + bx);
            const double a = s.blockRidgeAngleRad[i];
            if (a < 0) continue;
            const double cx = (bx + 0.5) * s.blockSizePx, cy = (by + 0.5) * s.blockSizePx;
            const int alpha = static_cast<int>(90 + 165 * std::clamp(static_cast<double>(s.blockCoherence[i]), 0.0, 1.0));
            p.setPen(QPen(QColor(70, 200, 255, alpha), 2));
            p.drawLine(QPointF(cx - half * std::cos(a), cy - half * std::sin(a)),
                       QPointF(cx + half * std::cos(a), cy + half * std::sin(a)));
        }
    // The minutiae: a circle and a tick in the minutia's direction (ISO angle: counter-clockwise, y up).
    if (extraction.result) {
        for (const auto& m : extraction.result->minutiae) {
            const bool ending = m.type == biometrics::Minutia::Type::Ending;
            p.setPen(QPen(ending ? QColor(255, 70, 70) : QColor(255, 200, 0), 2.5));
            p.setBrush(Qt::NoBrush);
            const QPointF c(m.x, m.y);
            p.drawEllipse(c, 6, 6);
            const double a = m.angleRad;
            p.drawLine(c + QPointF(6 * std::cos(a), -6 * std::sin(a)), c + QPointF(18 * std::cos(a), -18 * std::sin(a)));
        }
    }
    return out;
}


struct FingerprintDiagnostics::FrameResult {
    QImage image;
    QList<int> histogram;
    int dpi = 0;
    QString error;  // empty when a frame came
};

struct FingerprintDiagnostics::AnalysisResult {
    QImage overlay;
    int quality = -1;
    QStringList flags;
    int minutiae = 0;
    double foreground = 0;
    double period = 0;
    QString message;
};

FingerprintDiagnostics::FingerprintDiagnostics(std::shared_ptr<devices::FingerprintScanner> scanner, Timing timing,
                                               QObject* parent)
    : QObject(parent), scanner_(std::move(scanner)), timing_(timing) {}

FingerprintDiagnostics::FingerprintDiagnostics(std::shared_ptr<devices::FingerprintScanner> scanner, QObject* parent)
    : FingerprintDiagnostics(std::move(scanner), Timing{}, parent) {}

FingerprintDiagnostics::~FingerprintDiagnostics() { stop(); }

void FingerprintDiagnostics::start() {
    if (running_) return;
    if (!scanner_) {
        setMessage(QStringLiteral("No fingerprint scanner is configured."));
        return;
    }
    running_ = true;
    framePending_ = false;
    fpsWindowStart_ = std::chrono::steady_clock::now();
    fpsWindowFrames_ = 0;
    captureThread_ = std::jthread([this](std::stop_token st) { captureLoop(st); });
    analysisThread_ = std::jthread([this](std::stop_token st) { analysisLoop(st); });
    emit runningChanged();
}

void FingerprintDiagnostics::stop() {
    if (!running_) return;
    captureThread_.request_stop();
    analysisThread_.request_stop();
    wake_.notify_all();
    if (captureThread_.joinable()) captureThread_.join();
    if (analysisThread_.joinable()) analysisThread_.join();
    running_ = false;
    fps_ = 0;
    emit frameChanged();
    emit runningChanged();
}

void FingerprintDiagnostics::captureLoop(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        const auto began = std::chrono::steady_clock::now();
        auto frame = scanner_->captureFrame();
        auto pause = timing_.minFrameInterval;
        FrameResult r;
        if (frame && frame->isValid()) {
            r.image = toQImage(*frame);
            r.histogram = greyHistogram(*frame);
            r.dpi = frame->dpi;
            {
                std::lock_guard lock(latestMutex_);
                latest_ = std::move(*frame);
            }
            wake_.notify_all();
        } else {
            r.error = frame ? QStringLiteral("The scanner sent an empty frame.")
                            : QString::fromStdString(frame.error().describe());
            pause = timing_.retryAfterError;
        }
        // Drop frames while the UI has not shown the previous one: never a growing queue.
        if (!framePending_.exchange(true))
            QMetaObject::invokeMethod(this, [this, r = std::move(r)]() mutable { showFrame(std::move(r)); },
                                      Qt::QueuedConnection);
        if (!frame && frame.error().code == Error::Code::Unsupported) return;  // it never will
        std::unique_lock lock(latestMutex_);
        wake_.wait_until(lock, stop, began + pause, [] { return false; });
    }
}

void FingerprintDiagnostics::analysisLoop(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
        std::optional<GreyImage> frame;
        {
            std::unique_lock lock(latestMutex_);
            wake_.wait(lock, stop, [this] { return latest_.has_value(); });
            if (stop.stop_requested()) return;
            frame = std::move(latest_);
            latest_.reset();
        }
        const auto began = std::chrono::steady_clock::now();
        AnalysisResult r;
        const auto quality = biometrics::assessQuality(*frame);
        r.quality = quality.score;
        r.flags = qualityFlagNames(quality.flags);
        const auto staged = biometrics::extractWithStages(*frame);
        r.overlay = renderStagesOverlay(staged);
        r.foreground = staged.stages.foregroundFraction * 100.0;
        r.period = staged.stages.ridgePeriodPx;
        if (staged.result)
            r.minutiae = static_cast<int>(staged.result->minutiae.size());
        else
            r.message = QString::fromStdString(staged.result.error().message);
        QMetaObject::invokeMethod(this, [this, r = std::move(r)]() mutable { showAnalysis(std::move(r)); },
                                  Qt::QueuedConnection);
        std::unique_lock lock(latestMutex_);
        wake_.wait_until(lock, stop, began + timing_.analysisInterval, [] { return false; });
    }
}

void FingerprintDiagnostics::showFrame(FrameResult r) {
    framePending_ = false;
    // Posted by the capture thread just before stop() joined it: the page is no longer shown.
    if (!running_) return;
    if (!r.error.isEmpty()) {
        setMessage(r.error);
        return;
    }
    setMessage({});
    frame_ = std::move(r.image);
    histogram_ = std::move(r.histogram);
    histogramPeak_ = *std::max_element(histogram_.cbegin(), histogram_.cend());
    ++frameCount_;
    ++fpsWindowFrames_;
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - fpsWindowStart_).count();
    if (seconds >= 1.0) {
        fps_ = fpsWindowFrames_ / seconds;
        fpsWindowFrames_ = 0;
        fpsWindowStart_ = now;
    }
    frameInfo_ = QStringLiteral("%1 x %2 px at %3 dpi").arg(frame_.width()).arg(frame_.height()).arg(r.dpi);
    emit frameChanged();
}

void FingerprintDiagnostics::showAnalysis(AnalysisResult r) {
    if (!running_) return;  // posted just before stop(): the page is no longer shown
    overlay_ = std::move(r.overlay);
    qualityScore_ = r.quality;
    qualityFlags_ = std::move(r.flags);
    minutiaeCount_ = r.minutiae;
    foregroundPercent_ = r.foreground;
    ridgePeriodPx_ = r.period;
    analysisMessage_ = std::move(r.message);
    ++analysisCount_;
    emit analysisChanged();
}

void FingerprintDiagnostics::setMessage(const QString& message) {
    if (message_ == message) return;
    message_ = message;
    emit messageChanged();
}

}  // namespace kiosk::technician

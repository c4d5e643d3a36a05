#pragma once
// The fingerprint page: the scanner's live image at its own rate, taken on a worker thread (never
// the UI thread), and at a lower rate the extractor's stages drawn over the latest frame (the
// segmented area's outline, the orientation field, the minutiae), the quality score and flags, and
// a 256-bin histogram. Runs only while the page is shown (start/stop).
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "app/biometrics/feature_extractor.h"
#include "app/core/grey_image.h"

namespace kiosk::devices {
class FingerprintScanner;
}

namespace kiosk::technician {

// The overlay for one analysed frame, at the stages' (500 dpi) size: transparent except for the
// drawing. Exposed for tests and the docs' pictures.
[[nodiscard]] QImage renderStagesOverlay(const biometrics::StagedExtraction& extraction);
[[nodiscard]] QList<int> greyHistogram(const GreyImage& image);  // 256 bins
[[nodiscard]] QStringList qualityFlagNames(std::uint8_t flags);

class FingerprintDiagnostics : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The console creates it")

    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(QImage frame READ frame NOTIFY frameChanged)
    Q_PROPERTY(int frameCount READ frameCount NOTIFY frameChanged)
    Q_PROPERTY(double framesPerSecond READ framesPerSecond NOTIFY frameChanged)
    Q_PROPERTY(QString frameInfo READ frameInfo NOTIFY frameChanged)
    Q_PROPERTY(QList<int> histogram READ histogram NOTIFY frameChanged)
    Q_PROPERTY(int histogramPeak READ histogramPeak NOTIFY frameChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QImage overlay READ overlay NOTIFY analysisChanged)
    Q_PROPERTY(int analysisCount READ analysisCount NOTIFY analysisChanged)
    Q_PROPERTY(int qualityScore READ qualityScore NOTIFY analysisChanged)
    Q_PROPERTY(QStringList qualityFlags READ qualityFlags NOTIFY analysisChanged)
    Q_PROPERTY(int minutiaeCount READ minutiaeCount NOTIFY analysisChanged)
    Q_PROPERTY(double foregroundPercent READ foregroundPercent NOTIFY analysisChanged)
    Q_PROPERTY(double ridgePeriodPx READ ridgePeriodPx NOTIFY analysisChanged)
    Q_PROPERTY(QString analysisMessage READ analysisMessage NOTIFY analysisChanged)

public:
    struct Timing {
        std::chrono::milliseconds minFrameInterval{50};  // at most 20 frames/s from a fast scanner
        std::chrono::milliseconds analysisInterval{1000};
        std::chrono::milliseconds retryAfterError{1000};
    };
    FingerprintDiagnostics(std::shared_ptr<devices::FingerprintScanner> scanner, Timing timing,
                           QObject* parent = nullptr);
    explicit FingerprintDiagnostics(std::shared_ptr<devices::FingerprintScanner> scanner, QObject* parent = nullptr);
    ~FingerprintDiagnostics() override;

    Q_INVOKABLE void start();
    Q_INVOKABLE void stop();  // returns when the worker threads have ended

    [[nodiscard]] bool running() const { return running_; }
    [[nodiscard]] QImage frame() const { return frame_; }
    [[nodiscard]] int frameCount() const { return frameCount_; }
    [[nodiscard]] double framesPerSecond() const { return fps_; }
    [[nodiscard]] QString frameInfo() const { return frameInfo_; }
    [[nodiscard]] QList<int> histogram() const { return histogram_; }
    [[nodiscard]] int histogramPeak() const { return histogramPeak_; }
    [[nodiscard]] QString message() const { return message_; }
    [[nodiscard]] QImage overlay() const { return overlay_; }
    [[nodiscard]] int analysisCount() const { return analysisCount_; }
    [[nodiscard]] int qualityScore() const { return qualityScore_; }
    [[nodiscard]] QStringList qualityFlags() const { return qualityFlags_; }
    [[nodiscard]] int minutiaeCount() const { return minutiaeCount_; }
    [[nodiscard]] double foregroundPercent() const { return foregroundPercent_; }
    [[nodiscard]] double ridgePeriodPx() const { return ridgePeriodPx_; }
    [[nodiscard]] QString analysisMessage() const { return analysisMessage_; }

signals:
    void runningChanged();
    void frameChanged();
    void messageChanged();
    void analysisChanged();

private:
    struct FrameResult;
    struct AnalysisResult;
    void captureLoop(const std::stop_token& stop);
    void analysisLoop(const std::stop_token& stop);
    void showFrame(FrameResult result);
    void showAnalysis(AnalysisResult result);
    void setMessage(const QString& message);

    std::shared_ptr<devices::FingerprintScanner> scanner_;
    Timing timing_;

    // Shared with the worker threads.
    std::mutex latestMutex_;
    std::condition_variable_any wake_;
    std::optional<GreyImage> latest_;  // the newest frame, for the analysis thread
    std::atomic<bool> framePending_{false};  // a frame is on its way to the UI thread: do not queue more
    std::jthread captureThread_;
    std::jthread analysisThread_;

    // UI thread only.
    bool running_ = false;
    QImage frame_;
    int frameCount_ = 0;
    double fps_ = 0;
    std::chrono::steady_clock::time_point fpsWindowStart_{};
    int fpsWindowFrames_ = 0;
    QString frameInfo_;
    QList<int> histogram_;
    int histogramPeak_ = 0;
    QString message_;
    QImage overlay_;
    int analysisCount_ = 0;
    int qualityScore_ = -1;
    QStringList qualityFlags_;
    int minutiaeCount_ = 0;
    double foregroundPercent_ = 0;
    double ridgePeriodPx_ = 0;
    QString analysisMessage_;
};

}  // namespace kiosk::technician

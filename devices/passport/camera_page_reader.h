#pragma once
// A camera-based page reader (UVC, through OpenCV's VideoCapture): a passport reader like the others.
// It watches the glass on its own thread, waits until a page has been placed and is still
// (PagePresenceDetector), and hands over that frame once, in grey, as PassportRead::page.
//
// It hands over the page, not MRZ lines: the kiosk keeps one OCR path. The workflow reads every image
// reader's page with documents::ocr::MrzReader on its compute pool, so the OCR's model, its limits
// and the wiping of what it read live in one place, a simulated image reader exercises exactly what a
// camera does, and devices/ stays free of app/ (the OCR is app/documents/ocr).
//
// Sources (camera_source in kiosk-config): a device index ("0"), a device path ("/dev/video0"), a
// stream URL ("rtsp://..."), or a recording: a video file or an image sequence ("frames/%03d.png").
// Live sources (index, /dev/..., URL) are reopened when they fail or vanish; a recording that ends
// stays ended. Health: not found or not yet opened -> Disconnected; frames stopped coming -> Error;
// frames arriving -> Ready. A page's dpi is 0: a camera states no resolution (the OCR needs none).
// A blocking VideoCapture::read() ends at the capture backend's own timeout (V4L2: a few seconds),
// which also bounds how long the destructor may wait for the thread.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "devices/passport/page_presence_detector.h"
#include "devices/passport/passport_reader.h"

namespace kiosk::devices {

struct CameraPageReaderOptions {
    std::string source;  // see above
    PagePresenceOptions presence;
    int analysisWidth = 160;  // frames are shrunk to this width (and blurred) for the presence test
    std::chrono::milliseconds reopenInterval{1000};
    std::optional<bool> reopen;  // unset: live sources are reopened after a failure, recordings not
};

// True for sources that are cameras or streams (reopened after a failure), false for recordings.
[[nodiscard]] bool isLiveCameraSource(const std::string& source);

class CameraPageReader final : public PassportReader {
public:
    explicit CameraPageReader(CameraPageReaderOptions options);
    ~CameraPageReader() override;  // stops and joins the capture thread
    CameraPageReader(const CameraPageReader&) = delete;
    CameraPageReader& operator=(const CameraPageReader&) = delete;

    void setReadHandler(ReadHandler handler) override;
    [[nodiscard]] DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "camera page reader (" + options_.source + ")"; }
    [[nodiscard]] bool documentPresent() const override { return pagePresent_; }
    [[nodiscard]] DeviceIdentity identity() const override;

    // Frames taken so far (technician screen, tests).
    [[nodiscard]] long framesSeen() const { return framesSeen_; }

private:
    void run();
    void setHealth(DeviceHealth::State state, std::string detail);
    void deliver(Result<PassportRead> read);
    void waitForRetry();

    CameraPageReaderOptions options_;
    const bool reopens_;  // after a failure: a camera comes back, a recording has ended
    mutable std::mutex mutex_;  // health_, stopping_'s wake-up
    std::condition_variable wake_;
    std::mutex handlerMutex_;  // held while the handler runs, so setReadHandler(nullptr) is final
    ReadHandler handler_;
    DeviceHealth health_{DeviceHealth::State::Disconnected, "opening the camera"};
    std::atomic<bool> stopping_{false};
    std::atomic<bool> pagePresent_{false};
    std::atomic<long> framesSeen_{0};
    std::thread thread_;  // last member: started once everything above exists
};

}  // namespace kiosk::devices

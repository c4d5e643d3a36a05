#include "devices/passport/camera_page_reader.h"

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>

namespace kiosk::devices {
namespace {

using State = DeviceHealth::State;

bool allDigits(const std::string& s) {
    return !s.empty() && s.size() < 4 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The one OpenCV backend each kind of source needs. CAP_ANY would probe them all in turn, and Debian's
// videoio also carries FireWire (libdc1394) and gphoto2 backends whose probes enumerate every USB
// device through libusb (and leak the lists): slower, and not what a UVC page camera is.
int backendFor(const std::string& source) {
    if (allDigits(source) || source.rfind("/dev/video", 0) == 0) return cv::CAP_V4L2;  // UVC cameras
    if (source.find('%') != std::string::npos) return cv::CAP_IMAGES;                 // frames/%03d.png
    return cv::CAP_FFMPEG;                                                            // a recording or a URL
}

// Null when the source cannot be opened (no such device, file or stream). OpenCV's backends may
// throw where others return false; both mean "not there".
std::unique_ptr<cv::VideoCapture> openSource(const std::string& source) {
    auto capture = std::make_unique<cv::VideoCapture>();
    try {
        const int backend = backendFor(source);
        const bool opened = allDigits(source) ? capture->open(std::stoi(source), backend)
                                              : capture->open(source, backend);
        if (opened && capture->isOpened()) return capture;
    } catch (const cv::Exception&) {
    }
    return nullptr;
}

// Cameras deliver BGR, BGRA, grey, sometimes 16-bit grey: the page is 8-bit grey.
cv::Mat toGrey(const cv::Mat& frame) {
    cv::Mat grey;
    if (frame.channels() == 3) cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY);
    else if (frame.channels() == 4) cv::cvtColor(frame, grey, cv::COLOR_BGRA2GRAY);
    else grey = frame;
    if (grey.depth() == CV_16U) grey.convertTo(grey, CV_8U, 1.0 / 256.0);
    else if (grey.depth() != CV_8U) grey.convertTo(grey, CV_8U);
    return grey.isContinuous() ? grey : grey.clone();
}

GreyImage toGreyImage(const cv::Mat& grey, int dpi) {
    GreyImage image;
    image.width = grey.cols;
    image.height = grey.rows;
    image.dpi = dpi;
    image.pixels.assign(grey.datastart, grey.dataend);
    return image;
}

// The small, smoothed copy the presence test looks at: sensor noise and compression artefacts
// average out, and the test costs next to nothing per frame.
GreyImage thumbnail(const cv::Mat& grey, int width) {
    const int w = std::clamp(width, 16, std::max(16, grey.cols));
    const int h = std::max(1, static_cast<int>(static_cast<long>(grey.rows) * w / grey.cols));
    cv::Mat small;
    cv::resize(grey, small, cv::Size(w, h), 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(3, 3), 1.0);
    return toGreyImage(small, 0);
}

}  // namespace

bool isLiveCameraSource(const std::string& source) {
    return allDigits(source) || source.starts_with("/dev/") || source.find("://") != std::string::npos;
}

CameraPageReader::CameraPageReader(CameraPageReaderOptions options)
    : options_(std::move(options)), reopens_(options_.reopen.value_or(isLiveCameraSource(options_.source))) {
    thread_ = std::thread([this] { run(); });
}

CameraPageReader::~CameraPageReader() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void CameraPageReader::setReadHandler(ReadHandler handler) {
    std::lock_guard lock(handlerMutex_);  // waits for a delivery in progress: none follows a reset
    handler_ = std::move(handler);
}

DeviceHealth CameraPageReader::health() const {
    std::lock_guard lock(mutex_);
    return health_;
}

DeviceIdentity CameraPageReader::identity() const {
    return {{}, "UVC page camera", {}, {}, (isLiveCameraSource(options_.source) ? "camera " : "recording ") + options_.source};
}

void CameraPageReader::setHealth(State state, std::string detail) {
    std::lock_guard lock(mutex_);
    health_ = {state, std::move(detail)};
}

void CameraPageReader::deliver(Result<PassportRead> read) {
    std::lock_guard lock(handlerMutex_);
    if (handler_) handler_(std::move(read));
}

void CameraPageReader::waitForRetry() {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.reopenInterval, [this] { return stopping_.load(); });
}

void CameraPageReader::run() {
    std::unique_ptr<cv::VideoCapture> capture;
    PagePresenceDetector presence(options_.presence);
    while (!stopping_) {
        if (!capture) {
            capture = openSource(options_.source);
            if (!capture) {
                setHealth(State::Disconnected, "camera not found: " + options_.source);
                waitForRetry();
                continue;
            }
            presence.reset();  // the first frame is the empty glass again
        }
        cv::Mat frame;
        bool got = false;
        try {
            got = capture->read(frame);
        } catch (const cv::Exception&) {
            got = false;
        }
        if (!got || frame.empty()) {
            // The camera vanished or stalled, or the recording ended: no page can be on a glass
            // nobody sees, and the next one opened starts from its own empty frame.
            capture.reset();
            pagePresent_ = false;
            if (!reopens_) {
                setHealth(State::Error, "no more frames: the recording ended");
                return;
            }
            setHealth(State::Error, "frames stopped coming; reopening the camera");
            waitForRetry();
            continue;
        }
        ++framesSeen_;
        setHealth(State::Ready, {});
        cv::Mat grey = toGrey(frame);
        const auto event = presence.feed(thumbnail(grey, options_.analysisWidth));
        pagePresent_ = presence.pagePresent();
        if (event == PagePresenceDetector::Event::PageStill) {
            PassportRead read;
            read.page = toGreyImage(grey, 0);
            deliver(std::move(read));
        }
        // A frame with a page on the glass shows the traveler's data page: not left in freed memory.
        if (presence.pagePresent() || event == PagePresenceDetector::Event::PageRemoved) {
            frame.setTo(cv::Scalar::all(0));
            grey.setTo(cv::Scalar::all(0));
        }
    }
}

}  // namespace kiosk::devices

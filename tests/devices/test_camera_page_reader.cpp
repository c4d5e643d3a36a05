// The camera-based page reader against recordings the test writes: an image sequence played through
// OpenCV's VideoCapture exactly as a camera's frames would be. Also the presence detector on its own.
#include <catch2/catch.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <unistd.h>

#include "devices/passport/camera_page_reader.h"
#include "devices/passport/page_presence_detector.h"

using namespace kiosk;
using devices::CameraPageReader;
using devices::CameraPageReaderOptions;
using devices::DeviceHealth;
using devices::PagePresenceDetector;
using namespace std::chrono_literals;

namespace {

constexpr int kWidth = 480, kHeight = 360;

// An empty glass: dark, with a little sensor noise that differs from frame to frame.
cv::Mat emptyGlass(int frame) {
    cv::Mat image(kHeight, kWidth, CV_8UC3, cv::Scalar(38, 40, 42));
    cv::Mat noise(image.size(), CV_8UC3);
    cv::RNG rng(static_cast<std::uint64_t>(frame) + 1);
    rng.fill(noise, cv::RNG::UNIFORM, 0, 6);
    return image + noise;
}

// A bright data page with two dark "MRZ" lines, its top-left corner at (x, y).
cv::Mat withPage(int frame, int x, int y) {
    cv::Mat image = emptyGlass(frame);
    const cv::Rect page(x, y, 260, 180);
    cv::rectangle(image, page, cv::Scalar(228, 230, 232), cv::FILLED);
    for (int line = 0; line < 2; ++line)
        cv::rectangle(image, cv::Rect(x + 12, y + 130 + line * 20, 236, 10), cv::Scalar(20, 20, 20), cv::FILLED);
    return image;
}

// A folder of frames 000.png, 001.png, ... and the VideoCapture pattern that plays them.
struct Recording {
    std::filesystem::path dir;
    int frames = 0;

    Recording() {
        static int counter = 0;
        dir = std::filesystem::temp_directory_path() /
              ("kiosk-camera-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
    }
    ~Recording() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    void add(const cv::Mat& frame) {
        char name[16];
        std::snprintf(name, sizeof name, "%03d.png", frames++);
        REQUIRE(cv::imwrite((dir / name).string(), frame));
    }
    void empty(int count) {
        for (int i = 0; i < count; ++i) add(emptyGlass(frames));
    }
    // The page slides in from the left (a hand moving it), then lies still.
    void placePage(int x, int y, int stillCount) {
        for (int step = 4; step > 0; --step) add(withPage(frames, x - step * 30, y + step * 6));
        for (int i = 0; i < stillCount; ++i) add(withPage(frames, x, y));
    }
    [[nodiscard]] std::string source() const { return (dir / "%03d.png").string(); }
};

struct Reads {
    std::mutex mutex;
    std::vector<Result<devices::PassportRead>> all;
    void add(Result<devices::PassportRead> r) {
        std::lock_guard lock(mutex);
        all.push_back(std::move(r));
    }
    std::size_t count() {
        std::lock_guard lock(mutex);
        return all.size();
    }
};

template <class Predicate>
bool waitUntil(Predicate done, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(10ms);
    }
    return true;
}

GreyImage flat(int w, int h, std::uint8_t grey) {
    return GreyImage{w, h, 0, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), grey)};
}

GreyImage withBlock(GreyImage image, int x0, int y0, int size, std::uint8_t grey) {
    for (int y = y0; y < y0 + size; ++y)
        for (int x = x0; x < x0 + size; ++x) image.pixels[static_cast<std::size_t>(y * image.width + x)] = grey;
    return image;
}

}  // namespace

TEST_CASE("a page placed and held still is read once; removed and placed again, it is read again") {
    Recording recording;
    recording.empty(6);
    recording.placePage(150, 90, 25);  // a long still stretch: still only one read
    recording.empty(8);                // the traveler takes the passport
    recording.placePage(180, 120, 8);  // and places it again
    recording.empty(2);

    Reads reads;
    CameraPageReaderOptions options;
    options.source = recording.source();
    CameraPageReader reader(options);
    reader.setReadHandler([&](Result<devices::PassportRead> r) { reads.add(std::move(r)); });

    // The recording ends after its last frame: the reader says so and stays alive.
    REQUIRE(waitUntil([&] { return reader.health().state == DeviceHealth::State::Error; }));
    CHECK_THAT(reader.health().detail, Catch::Contains("no more frames"));
    CHECK(reader.framesSeen() == recording.frames);
    CHECK_FALSE(reader.documentPresent());
    REQUIRE(reads.count() == 2);
    for (auto& read : reads.all) {
        REQUIRE(read);
        CHECK(read->mrzLines.empty());  // an image reader: the workflow's OCR reads the page
        REQUIRE(read->page);
        CHECK(read->page->width == kWidth);
        CHECK(read->page->height == kHeight);
        REQUIRE(read->page->isValid());
    }
    // The pages handed over are the still ones, in grey: bright paper where the page lies.
    const auto& first = *reads.all[0]->page;
    const auto& second = *reads.all[1]->page;
    CHECK(first.pixels[static_cast<std::size_t>(100 * kWidth + 200)] > 200);   // inside the first page
    CHECK(first.pixels[static_cast<std::size_t>(20 * kWidth + 20)] < 60);      // the glass around it
    CHECK(second.pixels[static_cast<std::size_t>(200 * kWidth + 420)] > 200);  // inside the second (moved) page
    CHECK(first.pixels[static_cast<std::size_t>(200 * kWidth + 420)] < 60);
}

TEST_CASE("a page that never stops moving is not read, and nothing is read from an empty glass") {
    Recording recording;
    recording.empty(10);
    for (int i = 0; i < 12; ++i) recording.add(withPage(recording.frames, 40 + i * 12, 60 + (i % 2) * 8));
    recording.empty(10);
    Reads reads;
    CameraPageReaderOptions options;
    options.source = recording.source();
    CameraPageReader reader(options);
    reader.setReadHandler([&](Result<devices::PassportRead> r) { reads.add(std::move(r)); });
    REQUIRE(waitUntil([&] { return reader.health().state == DeviceHealth::State::Error; }));
    CHECK(reads.count() == 0);
}

TEST_CASE("a camera that is not there is reported, and the reader still stops cleanly") {
    Recording recording;  // an empty folder: nothing to open
    CameraPageReaderOptions options;
    options.source = (recording.dir / "missing-%03d.png").string();
    options.reopenInterval = 50ms;
    const auto started = std::chrono::steady_clock::now();
    {
        CameraPageReader reader(options);
        REQUIRE(waitUntil([&] { return reader.health().detail.find("not found") != std::string::npos; }));
        CHECK(reader.health().state == DeviceHealth::State::Disconnected);
        CHECK_FALSE(reader.health().usable());
        std::this_thread::sleep_for(150ms);  // a few reopen attempts
        CHECK(reader.framesSeen() == 0);
    }
    CHECK(std::chrono::steady_clock::now() - started < 5s);
}

TEST_CASE("a camera that vanishes is reported and reopened when it is back, without crashing") {
    // A recording reopened like a live camera: at its end the frames stop (the camera vanished); its
    // folder removed, the camera is not found; restored, the reader opens it again and reads the
    // page placed on it, starting from the new session's empty glass.
    Recording recording;
    recording.empty(5);
    recording.placePage(150, 90, 8);
    Reads reads;
    CameraPageReaderOptions options;
    options.source = recording.source();
    options.reopen = true;
    options.reopenInterval = 300ms;
    CameraPageReader reader(options);
    reader.setReadHandler([&](Result<devices::PassportRead> r) { reads.add(std::move(r)); });
    REQUIRE(waitUntil([&] { return reads.count() == 1; }));
    REQUIRE(waitUntil([&] { return reader.health().state == DeviceHealth::State::Error; }));
    CHECK_THAT(reader.health().detail, Catch::Contains("frames stopped"));
    CHECK_FALSE(reader.documentPresent());

    const auto away = recording.dir.string() + "-away";
    std::filesystem::rename(recording.dir, away);
    REQUIRE(waitUntil([&] { return reader.health().state == DeviceHealth::State::Disconnected; }));
    CHECK_THAT(reader.health().detail, Catch::Contains("not found"));
    std::filesystem::rename(away, recording.dir);
    REQUIRE(waitUntil([&] { return reads.count() >= 2; }));
    std::lock_guard lock(reads.mutex);
    for (auto& read : reads.all) {
        REQUIRE(read);
        CHECK(read->page);
    }
}

TEST_CASE("destroying the reader while frames are coming stops its thread") {
    Recording recording;
    recording.empty(5);
    recording.placePage(150, 90, 200);
    Reads reads;
    CameraPageReaderOptions options;
    options.source = recording.source();
    auto reader = std::make_unique<CameraPageReader>(options);
    reader->setReadHandler([&](Result<devices::PassportRead> r) { reads.add(std::move(r)); });
    REQUIRE(waitUntil([&] { return reader->framesSeen() > 0; }));
    reader.reset();  // joins; no handler call may follow
    const auto after = reads.count();
    std::this_thread::sleep_for(100ms);
    CHECK(reads.count() == after);
    CHECK(after <= 1);
}

TEST_CASE("sources: cameras and streams are live, files and image sequences are recordings") {
    CHECK(devices::isLiveCameraSource("0"));
    CHECK(devices::isLiveCameraSource("/dev/video2"));
    CHECK(devices::isLiveCameraSource("rtsp://10.0.0.5/page"));
    CHECK_FALSE(devices::isLiveCameraSource("/var/lib/kiosk/frames/%03d.png"));
    CHECK_FALSE(devices::isLiveCameraSource("demo.mp4"));
}

TEST_CASE("the presence detector: still page once, hands passing by and slow light changes ignored") {
    PagePresenceDetector detector;
    using Event = PagePresenceDetector::Event;
    const auto glass = flat(80, 60, 40);
    CHECK(detector.feed(glass) == Event::None);  // the background
    SECTION("a page, still, then removed") {
        const auto page = withBlock(glass, 10, 10, 40, 230);
        int still = 0;
        for (int i = 0; i < 20; ++i)
            if (detector.feed(page) == Event::PageStill) ++still;
        CHECK(still == 1);
        CHECK(detector.pagePresent());
        Event last = Event::None;
        for (int i = 0; i < 5; ++i) last = detector.feed(glass);
        CHECK(last == Event::PageRemoved);
        CHECK_FALSE(detector.pagePresent());
        int again = 0;
        for (int i = 0; i < 8; ++i)
            if (detector.feed(page) == Event::PageStill) ++again;
        CHECK(again == 1);
    }
    SECTION("a hand passes over the glass and leaves nothing") {
        for (int i = 0; i < 3; ++i) CHECK(detector.feed(withBlock(glass, 5 + i * 15, 20, 30, 150)) == Event::None);
        for (int i = 0; i < 10; ++i) CHECK(detector.feed(glass) == Event::None);
        CHECK_FALSE(detector.pagePresent());
    }
    SECTION("the light slowly brightens on an empty glass") {
        for (int level = 40; level < 140; ++level) CHECK(detector.feed(flat(80, 60, static_cast<std::uint8_t>(level))) == Event::None);
        CHECK_FALSE(detector.pagePresent());
    }
}

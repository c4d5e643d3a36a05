#include "app/calibration/passport/stored_page_correction.h"

#include <algorithm>
#include <cstdint>
#include <system_error>

#include "app/calibration/passport/passport_camera_calibration.h"

namespace kiosk::calibration::passport {

StoredPageCorrection::StoredPageCorrection(std::filesystem::path file) : file_(std::move(file)) {}
StoredPageCorrection::~StoredPageCorrection() = default;

void StoredPageCorrection::refreshLocked() {
    // A stat per page (microseconds) rather than a watcher: a recalibration takes effect on the next page.
    std::error_code ec;
    const auto stamp = std::filesystem::last_write_time(file_, ec);
    if (ec) {
        correction_.reset();
        loadedStamp_.reset();
        problem_.clear();  // not calibrated: nothing wrong
        return;
    }
    const auto size = std::filesystem::file_size(file_, ec);
    if (loadedStamp_ && *loadedStamp_ == stamp && !ec && size == loadedSize_) return;
    loadedStamp_ = stamp;
    loadedSize_ = ec ? 0 : size;
    auto loaded = loadCorrection(file_);
    if (loaded) {
        correction_ = std::make_shared<const CameraCorrection>(std::move(*loaded));
        problem_.clear();
    } else {
        correction_.reset();
        problem_ = "the passport camera's correction cannot be used (pages are read uncorrected): " +
                   loaded.error().describe();
    }
}

StoredPageCorrection::Outcome StoredPageCorrection::apply(GreyImage& page) {
    std::shared_ptr<const CameraCorrection> correction;
    {
        std::lock_guard lock(mutex_);
        refreshLocked();
        correction = correction_;
        if (!correction) return {false, problem_};
    }
    auto corrected = applyCorrection(*correction, page);
    if (!corrected) {
        // Typically another camera (another frame size) than the one calibrated: recalibrate.
        std::string why = "the passport camera's correction does not fit this frame (pages are read uncorrected; "
                          "recalibrate): " + corrected.error().describe();
        std::lock_guard lock(mutex_);
        problem_ = why;
        return {false, std::move(why)};
    }
    std::fill(page.pixels.begin(), page.pixels.end(), std::uint8_t{0});
    page = std::move(*corrected);
    std::lock_guard lock(mutex_);
    problem_.clear();
    return {true, {}};
}

std::string StoredPageCorrection::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

}  // namespace kiosk::calibration::passport

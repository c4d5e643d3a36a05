#pragma once
// The passport camera's stored correction (passport-camera.cal, written by the calibration wizard),
// applied to every page a camera-based reader hands over, before the OCR. One job: keep the file's
// correction current (a technician may recalibrate while the kiosk runs) and apply it.
//
// A missing file means "not calibrated": the page goes to the OCR as captured. A damaged file, or one
// made for another camera's frame size, also leaves the page as captured (the OCR reads most pages
// without a correction, and refusing every traveler would be worse), and problem() says why, for the
// technician. Thread-safe: pages are corrected on the workflow's compute pool.
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::calibration::passport {

struct CameraCorrection;

class StoredPageCorrection {
public:
    explicit StoredPageCorrection(std::filesystem::path file);
    ~StoredPageCorrection();
    StoredPageCorrection(const StoredPageCorrection&) = delete;
    StoredPageCorrection& operator=(const StoredPageCorrection&) = delete;

    struct Outcome {
        bool corrected = false;
        std::string problem;  // why it is not corrected although a file is there (empty otherwise)
    };
    // Replaces `page` by its corrected image (the captured pixels are wiped: they show a passport), or
    // leaves it as captured. Never fails: the worst case is the page as captured, with the reason.
    [[nodiscard]] Outcome apply(GreyImage& page);

    // Why the stored correction cannot be used now (technician words), or empty.
    [[nodiscard]] std::string problem() const;
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

private:
    void refreshLocked();

    const std::filesystem::path file_;
    mutable std::mutex mutex_;
    std::optional<std::filesystem::file_time_type> loadedStamp_;  // of the file last read
    std::uintmax_t loadedSize_ = 0;
    std::shared_ptr<const CameraCorrection> correction_;           // null: none usable
    std::string problem_;
};

}  // namespace kiosk::calibration::passport

#pragma once
// Calibration of a camera-based passport page reader (issue 9): focus on the MRZ band, illumination
// (white level, uniformity, a flat-field gain map) from a blank white card, geometry (rotation, scale,
// offset) from a reference page of known layout, a correction file in the calibration folder, and a
// read test of the reference page through camera + correction. Ends with a CalibrationRecord.
//
// The stages are free functions so tests and the technician screen see the same figures; the wizard
// (calibratePassportCamera) runs them in order. OpenCV inside, none in this header.
//
// In use: with a camera page reader (kiosk-config driver "camera"), the kiosk applies the stored
// passport-camera.cal to every page before the OCR (StoredPageCorrection, wired in kiosk_setup).
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/calibration/calibration_record.h"
#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::calibration::passport {

// Every tunable of the wizard, grouped by stage.
struct Limits {
    // Illumination: the white card's mean grey level and the smoothed frame's (max - min) / mean.
    double minWhiteGreyLevel = 150.0;
    double maxWhiteGreyLevel = 250.0;
    double maxNonuniformityPercentAfter = 3.0;
    double targetWhiteGreyLevel = 230.0;  // what the flat field maps white paper to
    int blankCardFrames = 4;              // averaged against sensor noise
    // Focus: contrast-normalised Tenengrad on the MRZ band (see mrzSharpness).
    double minSharpness = 0.015;  // about a 1 px blur sigma at 8 px/mm; the OCR fails from about 2 px
    // Geometry: larger errors mean the reader is mounted wrongly, not a calibration matter.
    double maxRotationDeg = 5.0;
    double maxScaleError = 0.08;  // |scale - 1|
    double maxOffsetPx = 80.0;
};

// The reference document of the calibration kit: its image as printed (reflectance, 255 = white),
// the MRZ lines and where the MRZ print area is on it (top-left, top-right, bottom-right, bottom-left).
struct ReferenceLayout {
    GreyImage page;
    std::vector<std::string> mrz;
    std::array<std::array<double, 2>, 4> mrzCorners{};
};

// What the wizard drives: the reader's camera, and the technician who lays the targets on the glass.
class CalibrationCamera {
public:
    virtual ~CalibrationCamera() = default;
    [[nodiscard]] virtual Result<GreyImage> captureBlankCard() = 0;
    [[nodiscard]] virtual Result<GreyImage> captureReferencePage() = 0;
    // A motorised or software-driven focus; without one the wizard only measures.
    [[nodiscard]] virtual bool hasFocusControl() const = 0;
    [[nodiscard]] virtual int minFocusStep() const { return 0; }
    [[nodiscard]] virtual int maxFocusStep() const { return 0; }
    [[nodiscard]] virtual int focus() const { return 0; }
    virtual void setFocus(int /*step*/) {}
};

// A dense map of floats, row-major (gain maps, for tests and pictures).
struct FloatImage {
    int width = 0, height = 0;
    std::vector<float> values;
};

// What is stored in passport-camera.cal and applied to every frame.
struct CameraCorrection {
    int frameWidth = 0, frameHeight = 0;  // the camera's frame the correction belongs to
    int gridWidth = 0, gridHeight = 0;    // the flat field, sampled coarsely (illumination is smooth)
    std::vector<float> flatField;         // white card grey level per grid cell
    double targetWhite = 230.0;
    std::array<double, 6> pageToFrame{1, 0, 0, 0, 1, 0};  // reference page -> frame (affine)
    int pageWidth = 0, pageHeight = 0;                    // output size of applyCorrection
    int focusStep = 0;                                    // the focus the wizard settled on
};

struct IlluminationFigures {
    double whiteGreyLevel = 0;        // mean of the averaged card frames
    double nonuniformityPercent = 0;  // (max - min) / mean of the smoothed frame
};

struct GeometryEstimate {
    std::array<double, 6> pageToFrame{1, 0, 0, 0, 1, 0};
    double rotationDeg = 0, scale = 1, offsetXPx = 0, offsetYPx = 0;  // about the frame centre
};

// --- stages -------------------------------------------------------------------------------------
[[nodiscard]] Result<IlluminationFigures> measureIllumination(const GreyImage& blankCard);
// Averages the frames, smooths them and samples the flat field; fills the correction's illumination part.
[[nodiscard]] Result<CameraCorrection> estimateFlatField(const std::vector<GreyImage>& blankCards, double targetWhite);
// The flat field's relative gain at full frame resolution, brightest point = 1 (to compare with a camera's truth).
[[nodiscard]] FloatImage relativeGain(const CameraCorrection& correction);
[[nodiscard]] Result<GreyImage> applyFlatField(const CameraCorrection& correction, const GreyImage& frame);

// Mean squared Sobel gradient over the MRZ band divided by the band's squared contrast (98th - 2nd
// percentile), so vignetting and exposure do not change it; band corners in frame coordinates.
[[nodiscard]] Result<double> mrzSharpness(const GreyImage& frame, const std::array<std::array<double, 2>, 4>& band);

// Locates the MRZ text lines on the frame (flat-fielded) and on the reference page and returns the
// similarity transform (rotation, scale, offset) between them.
[[nodiscard]] Result<GeometryEstimate> estimateGeometry(const GreyImage& frame, const ReferenceLayout& reference);

// Flat field, then the frame resampled into the reference page's coordinates.
[[nodiscard]] Result<GreyImage> applyCorrection(const CameraCorrection& correction, const GreyImage& frame);

// --- the correction file -------------------------------------------------------------------------
inline constexpr std::string_view kCorrectionFileName = "passport-camera.cal";
// Header: magic, format version, payload size, FNV-1a 64 checksum of the payload; little-endian.
[[nodiscard]] Result<void> saveCorrection(const std::filesystem::path& file, const CameraCorrection& correction);
// Truncated, foreign, damaged or future-version files -> InvalidInput naming what is wrong.
[[nodiscard]] Result<CameraCorrection> loadCorrection(const std::filesystem::path& file);

// --- the wizard ----------------------------------------------------------------------------------
struct WizardOptions {
    Limits limits;
    std::string time;  // UTC ISO 8601 for the record; empty: now
    // Called with one line per step and figure, for kioskctl and the technician screen.
    std::function<void(std::string_view)> progress;
};

struct WizardResult {
    CalibrationRecord record;  // already appended to the history
    CameraCorrection correction;
    bool readBefore = false, readAfter = false;
    int bestFocusStep = 0;
    GeometryEstimate geometry;
};

// Runs every stage, stores passport-camera.cal in calibrationDir when the stages that produce it
// succeeded, appends the record to the history. Errors only for I/O (the files); a failing camera is a
// record with passed = false and the problems named.
[[nodiscard]] Result<WizardResult> calibratePassportCamera(CalibrationCamera& camera, const ReferenceLayout& reference,
                                                           const std::filesystem::path& calibrationDir,
                                                           const WizardOptions& options);

// UTC now as ISO 8601 ("2026-11-27T03:00:00Z").
[[nodiscard]] std::string utcNowIso8601();

}  // namespace kiosk::calibration::passport

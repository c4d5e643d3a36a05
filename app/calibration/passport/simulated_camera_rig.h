#pragma once
// The passport camera calibration against the simulator: the simulated page camera, and a technician
// who lays the white card or the kit's reference page on the glass when the wizard asks.
#include <cstdint>

#include "app/calibration/passport/passport_camera_calibration.h"
#include "devices/sim/passports/page_camera.h"

namespace kiosk::calibration::passport {

// The calibration kit's reference document: a synthetic TD3 data page of a fixed seed (invented
// traveler), clean as printed.
inline constexpr std::uint64_t kReferenceDocumentSeed = 9002;
[[nodiscard]] Result<ReferenceLayout> simulatedReferenceLayout(std::uint64_t seed = kReferenceDocumentSeed);

class SimulatedCameraRig final : public CalibrationCamera {
public:
    // Keeps references: both must outlive the rig.
    SimulatedCameraRig(sim::SimulatedPageCamera& camera, const ReferenceLayout& reference)
        : camera_(camera), reference_(reference) {}

    [[nodiscard]] Result<GreyImage> captureBlankCard() override { return camera_.captureBlankCard(); }
    [[nodiscard]] Result<GreyImage> captureReferencePage() override { return camera_.capture(reference_.page); }
    [[nodiscard]] bool hasFocusControl() const override { return true; }
    [[nodiscard]] int minFocusStep() const override { return camera_.minFocusStep(); }
    [[nodiscard]] int maxFocusStep() const override { return camera_.maxFocusStep(); }
    [[nodiscard]] int focus() const override { return camera_.focus(); }
    void setFocus(int step) override { camera_.setFocus(step); }

private:
    sim::SimulatedPageCamera& camera_;
    const ReferenceLayout& reference_;
};

}  // namespace kiosk::calibration::passport

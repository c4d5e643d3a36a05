#include "app/calibration/passport/simulated_camera_rig.h"

#include "devices/sim/passports/passport_page_generator.h"

namespace kiosk::calibration::passport {

Result<ReferenceLayout> simulatedReferenceLayout(std::uint64_t seed) {
    const auto document = sim::syntheticDocument(seed, documents::DocumentFormat::TD3);
    auto page = sim::renderDataPage(document, seed);
    if (!page) return std::unexpected(page.error());
    ReferenceLayout layout;
    layout.page = std::move(page->image);
    layout.mrz = std::move(page->mrz);
    layout.mrzCorners = page->mrzCorners;
    return layout;
}

}  // namespace kiosk::calibration::passport

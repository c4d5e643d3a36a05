#pragma once
// The simulator's synthetic travelers: their passports, their fingers, and (for members) what the
// member list says about them. Loaded from assets/scenarios/travelers.json. Every traveler is
// invented; nothing here is personal data.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/core/error.h"
#include "app/core/finger_position.h"
#include "app/core/grey_image.h"
#include "app/documents/travel_document.h"

namespace kiosk::sim {

struct SyntheticFinger {
    FingerPosition position = FingerPosition::Unknown;
    std::uint64_t seed = 0;  // determines the master print
};

struct SyntheticProgram {
    std::string program;  // "GLOBAL_ENTRY"
    std::string status;   // "active", "suspended", "revoked"
    std::string expires;  // YYYY-MM-DD
};

struct SyntheticTraveler {
    std::string id;  // "kim-minji": how scenarios and the control panel name them
    documents::TravelDocument passport;
    std::vector<SyntheticFinger> fingers;
    std::string memberId;  // empty: not a member
    std::vector<SyntheticProgram> programs;
    bool lookout = false;  // "member": {"lookout": true}: the member list asks for an officer to see them
};

// How a finger is presented to the scanner.
enum class FingerPresentation {
    Genuine,   // a fresh impression of the finger the kiosk asked for
    Impostor,  // someone else's finger (another traveler's)
    Poor,      // the right finger, dry and pressed too lightly
    Partial,   // the right finger, only its edge on the platen
    None,      // nothing on the platen: what the sensor sees when it triggers on a sleeve or a smudge
};

class SyntheticWorld {
public:
    [[nodiscard]] static Result<SyntheticWorld> load(const std::filesystem::path& file);

    [[nodiscard]] const std::vector<SyntheticTraveler>& travelers() const { return travelers_; }
    [[nodiscard]] const SyntheticTraveler* find(const std::string& id) const;

    // The passport's MRZ as the reader delivers it.
    [[nodiscard]] Result<std::vector<std::string>> mrzLines(const SyntheticTraveler& traveler) const;

    // An impression as the scanner captures it. `attempt` varies placement between captures so no
    // two impressions are alike; the enrolment impression uses attempt 0 (see enrolmentImpression).
    [[nodiscard]] GreyImage impression(const SyntheticTraveler& traveler, FingerPosition position,
                                       FingerPresentation how, int attempt) const;
    // The impression taken at enrolment, from which the demo member list's templates are made.
    [[nodiscard]] GreyImage enrolmentImpression(const SyntheticFinger& finger) const;

private:
    [[nodiscard]] const GreyImage& masterPrint(std::uint64_t seed) const;
    [[nodiscard]] std::uint64_t fingerSeed(const SyntheticTraveler& traveler, FingerPosition position) const;

    std::vector<SyntheticTraveler> travelers_;
    // Master prints take a while to grow: cached per seed, shared by copies of the world.
    struct Cache {
        std::mutex mutex;
        std::map<std::uint64_t, GreyImage> masters;
    };
    std::shared_ptr<Cache> cache_ = std::make_shared<Cache>();
};

}  // namespace kiosk::sim

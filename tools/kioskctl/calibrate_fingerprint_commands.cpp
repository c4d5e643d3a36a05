// kioskctl calibrate fingerprint: placeholder until the module lands (issue 9); says so instead of pretending.
#include <cstdio>

#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

int calibrateFingerprint(const Args&) {
    std::fprintf(stderr, "kioskctl: not built yet\n");
    return 2;
}

}  // namespace kiosk::ctl

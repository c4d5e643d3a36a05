// kioskctl audit: placeholder until the module lands (issue 10); says so instead of pretending.
#include <cstdio>

#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

int auditVerify(const Args&) {
    std::fprintf(stderr, "kioskctl: not built yet\n");
    return 2;
}

int auditShow(const Args&) {
    std::fprintf(stderr, "kioskctl: not built yet\n");
    return 2;
}

}  // namespace kiosk::ctl

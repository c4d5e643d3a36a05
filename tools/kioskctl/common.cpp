#include <algorithm>
#include <cstdio>

#include "tools/kioskctl/commands.h"

#include "app/core/json_text.h"

namespace kiosk::ctl {

bool wantsHelp(const Args& args) {
    return std::find_if(args.begin(), args.end(), [](const auto& a) { return a == "--help" || a == "-h"; }) != args.end();
}

std::string takeOption(Args& args, const std::string& name, const std::string& fallback) {
    auto it = std::find(args.begin(), args.end(), name);
    if (it == args.end() || it + 1 == args.end()) return fallback;
    std::string value = *(it + 1);
    args.erase(it, it + 2);
    return value;
}

std::string jsonString(std::string_view text) { return kiosk::jsonString(text); }

int usageError(const std::string& usage, const std::string& problem) {
    std::fprintf(stderr, "kioskctl: %s\nusage: %s\n", problem.c_str(), usage.c_str());
    return 2;
}

}  // namespace kiosk::ctl

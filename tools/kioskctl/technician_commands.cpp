// kioskctl technician set-pin: stores a technician's PIN as an Argon2id hash (app/technician).
// The PIN comes from stdin only, never from the command line (which `ps` and shell history show):
// typed twice without echo on a terminal, or one line when piped.
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "app/technician/pin_rules.h"
#include "app/technician/pin_store.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

namespace {

constexpr const char* kSetPinUsage =
    "kioskctl technician set-pin --id ID (--pin-file FILE | --data-dir DIR)\n"
    "  Reads the PIN from stdin: twice without echo on a terminal, one line when piped.\n"
    "  PIN: 6 to 12 digits, not one digit repeated, not a straight run like 123456.\n"
    "  --data-dir DIR  the kiosk's data folder; the PINs go to DIR/technician-pins.json\n"
    "  --pin-file FILE the PIN file itself (technician.pin_file in the site configuration)";

// Longer lines are not PINs; the cap also keeps the buffer from reallocating (which would leave an
// unwiped copy behind).
constexpr std::size_t kMaxLine = 64;

// One line from stdin into a buffer reserved up front. false: end of input or too long.
bool readLine(std::string& line) {
    line.clear();
    line.reserve(kMaxLine + 1);
    while (true) {
        const int c = std::getchar();
        if (c == EOF) return !line.empty();
        if (c == '\n') break;
        if (line.size() == kMaxLine) {
            while (true) {  // drain the rest of the line without keeping it
                const int rest = std::getchar();
                if (rest == '\n' || rest == EOF) break;
            }
            technician::wipePin(line);
            return false;
        }
        line.push_back(static_cast<char>(c));
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

// Echo off for as long as it lives; restores the terminal's settings after.
class NoEcho {
public:
    NoEcho() {
        if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        active_ = ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;
    ~NoEcho() {
        if (active_) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
    }

private:
    termios saved_{};
    bool active_ = false;
};

// The PIN, or an empty string after printing why not.
std::string readPin() {
    std::string pin;
    if (::isatty(STDIN_FILENO) == 0) {
        if (!readLine(pin) || pin.empty()) {
            technician::wipePin(pin);
            std::fprintf(stderr, "kioskctl: no PIN on stdin (one line of digits)\n");
        }
        return pin;
    }
    std::string again;
    {
        const NoEcho quiet;
        std::fprintf(stderr, "New PIN (6 to 12 digits): ");
        std::fflush(stderr);
        const bool first = readLine(pin);
        std::fprintf(stderr, "Same PIN again: ");
        std::fflush(stderr);
        const bool second = first && readLine(again);
        if (!first || !second) {
            technician::wipePin(pin);
            technician::wipePin(again);
            std::fprintf(stderr, "kioskctl: no PIN entered\n");
            return {};
        }
    }
    const bool same = pin == again;
    technician::wipePin(again);
    if (!same) {
        technician::wipePin(pin);
        std::fprintf(stderr, "kioskctl: the two PINs differ; nothing changed\n");
    }
    return pin;
}

}  // namespace

int technicianSetPin(const Args& arguments) {
    if (wantsHelp(arguments)) {
        std::printf("usage: %s\n", kSetPinUsage);
        return 0;
    }
    Args args = arguments;
    const std::string id = takeOption(args, "--id");
    const std::string pinFile = takeOption(args, "--pin-file");
    const std::string dataDir = takeOption(args, "--data-dir");
    if (!args.empty()) return usageError(kSetPinUsage, "unexpected argument '" + args.front() + "'");
    if (id.empty()) return usageError(kSetPinUsage, "--id is required");
    if (!technician::isValidTechnicianId(id))
        return usageError(kSetPinUsage, "a technician id has 1 to 32 letters, digits, '.', '_' or '-'");
    if (pinFile.empty() == dataDir.empty()) return usageError(kSetPinUsage, "give --pin-file or --data-dir (one of them)");
    const std::filesystem::path target =
        pinFile.empty() ? std::filesystem::path(dataDir) / std::string(technician::kPinFileName)
                      : std::filesystem::path(pinFile);

    std::string pin = readPin();
    if (pin.empty()) return 1;
    if (auto rules = technician::checkPinRules(pin); !rules) {
        technician::wipePin(pin);
        std::fprintf(stderr, "kioskctl: %s; nothing changed\n", rules.error().message.c_str());
        return 1;
    }
    auto store = technician::PinStore::open(target);
    if (!store) {
        technician::wipePin(pin);
        std::fprintf(stderr, "kioskctl: %s\n", store.error().describe().c_str());
        return 1;
    }
    auto saved = (*store)->setPin(id, pin);
    technician::wipePin(pin);
    if (!saved) {
        std::fprintf(stderr, "kioskctl: %s\n", saved.error().describe().c_str());
        return 1;
    }
    std::printf("PIN set for technician %s in %s\n", id.c_str(), (*store)->pinFile().c_str());
    return 0;
}

}  // namespace kiosk::ctl

// kioskctl: one command-line program for technicians and developers, with subcommands.
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "tools/kioskctl/commands.h"

namespace {

struct Command {
    const char* group;
    const char* name;
    const char* summary;
    std::function<int(const kiosk::ctl::Args&)> run;
};

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"members", "import", "import a member list file into the kiosk's member cache", kiosk::ctl::membersImport},
        {"members", "demo-list", "make the simulator's demo member list from the synthetic travelers",
         kiosk::ctl::membersDemoList},
        {"members", "generate", "a synthetic member population and a publisher key pair", kiosk::ctl::membersGenerate},
        {"members", "publish", "write a signed snapshot or delta bundle", kiosk::ctl::membersPublish},
        {"members", "verify", "check a bundle's signature and print its header", kiosk::ctl::membersVerify},
        {"members", "sync", "apply the bundles a folder or an HTTP(S) URL offers", kiosk::ctl::membersSync},
        {"members", "lookup", "look up the MRZ read on stdin in the member cache", kiosk::ctl::membersLookup},
        {"members", "stats", "the member cache's counts, sequence and last sync", kiosk::ctl::membersStats},
        {"mrz", "parse", "parse MRZ lines from stdin and print each document as JSON", kiosk::ctl::mrzParse},
        {"mrz", "ocr", "read the MRZ from images of data pages or ID cards, as JSON", kiosk::ctl::mrzOcr},
        {"fp", "eval", "EER, FNMR@FMR, DET curve and score matrix on an FVC-style set", kiosk::ctl::fpEval},
        {"fp", "extract", "minutiae of a fingerprint image, optionally as an ISO 19794-2 record", kiosk::ctl::fpExtract},
        {"fp", "match", "compare two fingerprint images or ISO 19794-2 records", kiosk::ctl::fpMatch},
        {"fp", "quality", "image quality score and flags of a fingerprint image", kiosk::ctl::fpQuality},
        {"devices", "list", "configured and present USB devices, with their state", kiosk::ctl::devicesList},
        {"receipt", "public-key", "the kiosk's receipt-signing public key (creates the key pair if missing)",
         kiosk::ctl::receiptPublicKey},
        {"receipt", "verify", "check a receipt's QR code (image or KR1: text) against a kiosk public key, as JSON",
         kiosk::ctl::receiptVerify},
        {"audit", "verify", "check the audit trail's hash chain and signed day heads; says where it breaks",
         kiosk::ctl::auditVerify},
        {"audit", "show", "the audit trail's records, as JSON lines", kiosk::ctl::auditShow},
        {"technician", "set-pin", "set a technician's PIN (stored as an Argon2id hash)", kiosk::ctl::technicianSetPin},
        {"calibrate", "fingerprint", "flat-field, platen and target checks of the fingerprint scanner",
         kiosk::ctl::calibrateFingerprint},
        {"calibrate", "passport", "focus, illumination and geometry of the page camera, and a read test",
         kiosk::ctl::calibratePassport},
        {"calibrate", "printer", "test pattern, paper width and cutter check of the receipt printer",
         kiosk::ctl::calibratePrinter},
    };
    return all;
}

void printHelp() {
    std::printf("usage: kioskctl <group> <command> [options]\n\n"
                "Technician and developer tools for the clearance kiosk.\n\ncommands:\n");
    for (const auto& c : commands()) std::printf("  %-10s %-11s %s\n", c.group, c.name, c.summary);
    std::printf("\n'kioskctl <group> <command> --help' describes a command's options.\n");
}

}  // namespace

int main(int argc, char* argv[]) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp();
        return args.empty() ? 2 : 0;
    }
    if (args.size() < 2) {
        std::fprintf(stderr, "kioskctl: '%s' needs a command; see kioskctl --help\n", args[0].c_str());
        return 2;
    }
    for (const auto& c : commands())
        if (args[0] == c.group && args[1] == c.name) return c.run({args.begin() + 2, args.end()});
    std::fprintf(stderr, "kioskctl: unknown command '%s %s'; see kioskctl --help\n", args[0].c_str(), args[1].c_str());
    return 2;
}

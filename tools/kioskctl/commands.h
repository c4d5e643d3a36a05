#pragma once
// kioskctl's subcommands. Each takes its arguments (after the subcommand words) and returns the
// process exit code; each prints its own usage on --help or a wrong argument.
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ctl {

using Args = std::vector<std::string>;

int membersImport(const Args& args);
int membersDemoList(const Args& args);
int membersGenerate(const Args& args);
int membersPublish(const Args& args);
int membersVerify(const Args& args);
int membersSync(const Args& args);
int membersLookup(const Args& args);
int membersStats(const Args& args);
int mrzParse(const Args& args);
int mrzOcr(const Args& args);
int fpEval(const Args& args);
int fpExtract(const Args& args);
int fpMatch(const Args& args);
int fpQuality(const Args& args);
int devicesList(const Args& args);
int receiptPublicKey(const Args& args);
int receiptVerify(const Args& args);
int auditVerify(const Args& args);
int auditShow(const Args& args);
int technicianSetPin(const Args& args);
int calibrateFingerprint(const Args& args);
int calibratePassport(const Args& args);
int calibratePrinter(const Args& args);

// Small helpers shared by the commands.
[[nodiscard]] bool wantsHelp(const Args& args);
// The value after `--name`, or fallback; removes both from args.
[[nodiscard]] std::string takeOption(Args& args, const std::string& name, const std::string& fallback = {});
int usageError(const std::string& usage, const std::string& problem);
// A JSON string literal: quotes, backslashes and non-ASCII bytes escaped.
[[nodiscard]] std::string jsonString(std::string_view text);
// bundle_commands.cpp: verifies and applies a signed bundle to the cache in dataDir.
int applyBundleFile(const std::string& bundle, const std::string& dataDir, const std::string& publisherKeyFile);

}  // namespace kiosk::ctl

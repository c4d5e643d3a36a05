// kioskctl audit ...: verification of the audit trail's chain and signed heads, and its records as JSON lines.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/audit/audit_log.h"
#include "app/receipt/receipt_code.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {

// HEX on the command line, or a file holding the hex text (as `receipt public-key --out` writes it).
Result<audit::PublicKey> publicKeyFrom(const std::string& hexOrFile) {
    std::string text = hexOrFile;
    std::error_code ec;
    if (std::filesystem::is_regular_file(hexOrFile, ec)) {
        std::ifstream in(hexOrFile, std::ios::binary);
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    }
    auto bytes = receipt::fromHex(text);
    if (!bytes || bytes->size() != audit::kPublicKeyBytes)
        return fail(Error::Code::InvalidInput, "public key must be 64 hex digits (32 bytes)", "--public-key");
    audit::PublicKey key{};
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return key;
}

// Details are our own canonical JSON; anything else (a tampered row) is printed as a string instead.
std::string detailsValue(const std::string& details) {
    const bool plain = details.size() >= 2 && details.front() == '{' && details.back() == '}' &&
                       std::all_of(details.begin(), details.end(), [](char c) {
                           const auto u = static_cast<unsigned char>(c);
                           return u >= 0x20 && u < 0x7f && c != '\\';
                       });
    return plain ? details : jsonString(details);
}

}  // namespace

int auditVerify(const Args& argsIn) {
    const std::string usage =
        "kioskctl audit verify --dir AUDIT_DIR (--public-key HEX|FILE | --data-dir KIOSK_DATA_DIR)\n"
        "  Checks every segment's hash chain and the signed day heads. Prints one line; exits 0 only when\n"
        "  the trail is intact (an unsealed tail is allowed and reported), 1 when it is not, 2 on usage.";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dir = takeOption(args, "--dir");
    const std::string keyText = takeOption(args, "--public-key");
    const std::string dataDir = takeOption(args, "--data-dir");
    if (dir.empty()) return usageError(usage, "--dir is required");
    if (keyText.empty() == dataDir.empty()) return usageError(usage, "give exactly one of --public-key and --data-dir");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");

    audit::PublicKey key{};
    if (!keyText.empty()) {
        auto parsed = publicKeyFrom(keyText);
        if (!parsed) return usageError(usage, parsed.error().describe());
        key = *parsed;
    } else {
        // The kiosk key is the receipt-signing key; load only, never create one here.
        auto signer = receipt::ReceiptSigner::load(dataDir);
        if (!signer) {
            std::fprintf(stderr, "kioskctl: %s\n", signer.error().describe().c_str());
            return 2;
        }
        const auto pk = signer->publicKey();
        std::copy(pk.begin(), pk.end(), key.begin());
    }
    auto report = audit::verifyAudit(dir, key);
    if (!report) {
        std::fprintf(stderr, "kioskctl: %s\n", report.error().describe().c_str());
        return 2;
    }
    std::printf("%s\n", report->verdict().c_str());
    return report->intact ? 0 : 1;
}

int auditShow(const Args& argsIn) {
    const std::string usage =
        "kioskctl audit show --dir AUDIT_DIR [--transaction T] [--last N]\n"
        "  Prints the records, oldest first, one JSON object per line (no verification: see audit verify).";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dir = takeOption(args, "--dir");
    audit::ReadFilter filter;
    filter.transactionId = takeOption(args, "--transaction");
    const std::string last = takeOption(args, "--last");
    if (dir.empty()) return usageError(usage, "--dir is required");
    if (!last.empty()) {
        const auto r = std::from_chars(last.data(), last.data() + last.size(), filter.last);
        if (r.ec != std::errc() || r.ptr != last.data() + last.size() || filter.last == 0)
            return usageError(usage, "--last needs a positive number");
    }
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        std::fprintf(stderr, "kioskctl: %s: no audit folder\n", dir.c_str());
        return 1;
    }
    auto records = audit::readRecords(dir, filter);
    if (!records) {
        std::fprintf(stderr, "kioskctl: %s\n", records.error().describe().c_str());
        return 1;
    }
    for (const auto& r : *records) {
        std::printf("{\"seq\":%lld,\"time\":%s,\"kiosk\":%s,\"transaction\":%s,\"step\":%s,\"outcome\":%s,\"details\":%s}\n",
                    static_cast<long long>(r.seq), jsonString(r.time).c_str(), jsonString(r.kioskId).c_str(),
                    jsonString(r.transactionId).c_str(), jsonString(r.step).c_str(), jsonString(r.outcome).c_str(),
                    detailsValue(r.details).c_str());
    }
    return 0;
}

}  // namespace kiosk::ctl

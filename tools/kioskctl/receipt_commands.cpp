// kioskctl receipt ...: the kiosk's receipt signing key and the verification of a receipt's QR code.
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "app/core/calendar_date.h"
#include "app/receipt/qr_reader.h"
#include "app/receipt/receipt_code.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {

using namespace kiosk::receipt;



std::string failureName(int native) {
    switch (static_cast<CodeFailure>(native)) {
        case CodeFailure::NotKioskCode: return "not-a-kiosk-code";
        case CodeFailure::UnsupportedVersion: return "unsupported-version";
        case CodeFailure::Truncated: return "truncated";
        case CodeFailure::Malformed: return "malformed";
        case CodeFailure::WrongKey: return "wrong-key";
        case CodeFailure::BadSignature: return "bad-signature";
    }
    return "unreadable";
}

std::string claimsJson(const VerifiedCode& v) {
    const auto& c = v.claims;
    return "{\"transactionNumber\":" + jsonString(c.transactionNumber) + ",\"kioskId\":" + jsonString(c.kioskId) +
           ",\"time\":" + jsonString(isoUtcTimestamp(c.unixTime)) + ",\"unixTime\":" + std::to_string(c.unixTime) +
           ",\"decision\":" + jsonString(decisionName(c.decision)) + ",\"reasonCode\":" + jsonString(c.reasonCode) +
           ",\"documentHash\":" + jsonString(toHex(c.documentHash)) +
           ",\"documentHashKeyed\":" + (c.documentHashKeyed ? "true" : "false") + ",\"keyId\":" + jsonString(toHex(v.keyId)) + "}";
}

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
    return s;
}

// HEX on the command line, or a file holding hex text or the raw bytes.
Result<std::vector<std::uint8_t>> keyBytes(const std::string& hexOrFile, std::size_t rawSize) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(hexOrFile, ec)) {
        std::ifstream in(hexOrFile, std::ios::binary);
        std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (content.size() == rawSize) return std::vector<std::uint8_t>(content.begin(), content.end());
        return fromHex(trimmed(content));
    }
    return fromHex(hexOrFile);
}

}  // namespace

int receiptPublicKey(const Args& argsIn) {
    const std::string usage =
        "kioskctl receipt public-key --data-dir DIR [--out FILE]\n"
        "  Prints the kiosk's receipt-signing public key (hex), creating the key pair in DIR\n"
        "  (receipt-signing.key, 0600) when there is none yet. --out also writes it to FILE.";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string dataDir = takeOption(args, "--data-dir");
    const std::string out = takeOption(args, "--out");
    if (dataDir.empty()) return usageError(usage, "--data-dir is required");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");
    const bool existed = std::filesystem::exists(std::filesystem::path(dataDir) / kSigningKeyFileName);
    auto signer = ReceiptSigner::loadOrCreate(dataDir);
    if (!signer) {
        std::fprintf(stderr, "kioskctl: %s\n", signer.error().describe().c_str());
        return 1;
    }
    if (!existed) std::fprintf(stderr, "created a new signing key in %s\n", dataDir.c_str());
    const std::string hex = toHex(signer->publicKey());
    std::printf("%s\n", hex.c_str());
    std::fprintf(stderr, "key id %s\n", toHex(signer->keyId()).c_str());
    if (!out.empty()) {
        std::ofstream f(out);
        f << hex << "\n";
        if (!f) {
            std::fprintf(stderr, "kioskctl: cannot write %s\n", out.c_str());
            return 1;
        }
    }
    return 0;
}

int receiptVerify(const Args& argsIn) {
    const std::string usage =
        "kioskctl receipt verify IMAGE-OR-PAYLOAD --public-key FILE-or-HEX [--document STATE:NUMBER:BIRTHDATE]\n"
        "                        [--hash-key FILE-or-HEX]\n"
        "  Reads the QR code of a receipt image (PNG, JPEG) or takes the code text (KR1:...) itself, checks its\n"
        "  signature against the kiosk's public key and prints the fields as JSON. --document also checks the\n"
        "  code belongs to that document (birth date YYYY-MM-DD; --hash-key when the deployment keys the hash).\n"
        "  Exit status 0 valid, 1 invalid (the JSON says why), 2 usage.";
    Args args = argsIn;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    const std::string keyArg = takeOption(args, "--public-key");
    const std::string documentArg = takeOption(args, "--document");
    const std::string hashKeyArg = takeOption(args, "--hash-key");
    if (keyArg.empty()) return usageError(usage, "--public-key is required");
    if (args.size() != 1) return usageError(usage, "give one IMAGE or PAYLOAD");
    const auto key = keyBytes(keyArg, kPublicKeyBytes);
    if (!key || key->size() != kPublicKeyBytes)
        return usageError(usage, "--public-key must be 64 hex digits, or a file holding them or the 32 raw bytes");
    PublicKey publicKey{};
    std::copy(key->begin(), key->end(), publicKey.begin());

    // The code: the argument itself, the QR code in an image file, or the text in a text file.
    std::string code;
    std::string source = "argument";
    const std::string& input = args[0];
    std::error_code ec;
    if (std::filesystem::is_regular_file(input, ec)) {
        auto read = readQrCodeFile(input);
        if (read) {
            code = *read;
            source = "image";
        } else if (read.error().code == Error::Code::Io) {  // not an image: a text file with the code
            std::ifstream in(input, std::ios::binary);
            code = trimmed(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
            source = "text file";
        } else {
            std::printf("{\"valid\":false,\"reason\":\"no-qr-code\",\"message\":%s,\"reader\":%s}\n",
                        jsonString(read.error().describe()).c_str(), jsonString(qrReaderBackend()).c_str());
            return 1;
        }
    } else {
        code = input;
    }

    const auto verified = verifyReceiptCode(code, publicKey);
    if (!verified) {
        std::string json = "{\"valid\":false,\"reason\":" + jsonString(failureName(verified.error().native)) +
                           ",\"message\":" + jsonString(verified.error().message) + ",\"source\":" + jsonString(source);
        if (const auto parsed = parseReceiptCode(code)) json += ",\"claimed\":" + claimsJson(*parsed);  // unverified
        std::printf("%s}\n", json.c_str());
        return 1;
    }
    std::string json = "{\"valid\":true,\"source\":" + jsonString(source) + ",\"fields\":" + claimsJson(*verified);
    int status = 0;
    if (!documentArg.empty()) {
        DocumentIdentity doc;
        const auto a = documentArg.find(':');
        const auto b = a == std::string::npos ? a : documentArg.find(':', a + 1);
        if (b == std::string::npos) return usageError(usage, "--document is STATE:NUMBER:BIRTHDATE");
        doc.issuingState = documentArg.substr(0, a);
        doc.documentNumber = documentArg.substr(a + 1, b - a - 1);
        doc.birthDate = documentArg.substr(b + 1);
        std::vector<std::uint8_t> hashKey;
        if (!hashKeyArg.empty()) {
            auto k = keyBytes(hashKeyArg, 32);
            if (!k) return usageError(usage, "--hash-key: " + k.error().message);
            hashKey = std::move(*k);
        }
        if (verified->claims.documentHashKeyed && hashKey.empty())
            return usageError(usage, "this code's document hash is keyed: give --hash-key");
        const auto h = documentHash(doc, hashKey);
        if (!h) return usageError(usage, h.error().message);
        const bool match = *h == verified->claims.documentHash;
        json += std::string(",\"documentMatches\":") + (match ? "true" : "false");
        if (!match) status = 1;
    }
    std::printf("%s}\n", json.c_str());
    return status;
}

}  // namespace kiosk::ctl

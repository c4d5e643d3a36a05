// Receipt: time to compose + encode one receipt with its signed QR (median of many), the signing alone,
// and the job's size on the wire, for English and for a bilingual (Korean + English) receipt.
#include <QGuiApplication>
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "app/receipt/receipt.h"
#include "app/receipt/receipt_code.h"
#include "bench/bench_report.h"

using namespace kiosk::receipt;

namespace {

double median(std::vector<double> v) {
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ReceiptContent c;
    c.portOfEntry = QStringLiteral("ICN Incheon T1");
    c.kioskId = QStringLiteral("K-12");
    c.localTime = QDateTime(QDate(2024, 5, 1), QTime(9, 5));
    c.travelerName = QStringLiteral("HONG GILDONG");
    c.documentLast4 = QStringLiteral("1234");
    c.programName = QStringLiteral("Korea SES");
    c.outcome = Outcome::Referred;
    c.reasonCode = QStringLiteral("DOC");
    c.transactionNumber = QStringLiteral("ICN-20240501-004211");

    auto signer = ReceiptSigner::generate();
    if (!signer) return 1;
    ReceiptClaims claims;
    claims.transactionNumber = c.transactionNumber.toStdString();
    claims.kioskId = c.kioskId.toStdString();
    claims.unixTime = c.localTime.toSecsSinceEpoch();
    claims.decision = CodeDecision::Referred;
    claims.reasonCode = "DOC";
    claims.documentHash = *documentHash({"KOR", "M12341234", "1990-01-01"});

    std::vector<double> signMs;
    std::string code;
    for (int i = 0; i < 30; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        code = *signer->sign(claims);
        signMs.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    c.signedCode = QString::fromStdString(code);
    kiosk::bench::report("receipt", "sign code (median)", median(signMs), "ms");
    kiosk::bench::report("receipt", "code length", static_cast<double>(code.size()), "chars");

    for (const char* lang : {"en", "ko"}) {
        c.languageCode = QString::fromLatin1(lang);
        std::size_t jobBytes = 0;
        (void)encodeReceiptJob(composeReceipt(c, kDotsPerLine80mm));  // warm-up: font database, glyph caches
        std::vector<double> ms;
        for (int i = 0; i < 30; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto job = encodeReceiptJob(composeReceipt(c, kDotsPerLine80mm));
            const auto t1 = std::chrono::steady_clock::now();
            jobBytes = job.size();
            ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        }
        const std::string suffix = std::string(" with QR, ") + lang;
        kiosk::bench::report("receipt", "compose + encode (median)" + suffix, median(ms), "ms");
        kiosk::bench::report("receipt", "job size" + suffix, static_cast<double>(jobBytes), "bytes");
    }
    return 0;
}

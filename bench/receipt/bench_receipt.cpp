// Receipt: time to compose + encode one receipt (median of many), and the job's size on the wire.
#include <QGuiApplication>
#include <algorithm>
#include <chrono>
#include <vector>

#include "app/receipt/receipt.h"
#include "bench/bench_report.h"

using namespace kiosk::receipt;

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
    c.languageCode = QStringLiteral("en");

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
    std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(ms.size() / 2), ms.end());
    kiosk::bench::report("receipt", "compose + encode (median)", ms[ms.size() / 2], "ms");
    kiosk::bench::report("receipt", "job size", static_cast<double>(jobBytes), "bytes");
    return 0;
}

// Receipt composition and its ESC/POS job, checked through the simulated printer.
#include <catch2/catch.hpp>

#include <QDir>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "app/receipt/qr_reader.h"
#include "app/receipt/receipt.h"
#include "app/receipt/receipt_code.h"
#include "devices/sim/escpos/escpos_decoder.h"

using namespace kiosk::receipt;

namespace {

// Text rendering needs a QGuiApplication; Catch2's main does not make one, so the first test does.
void ensureApp() {
    static int argc = 1;
    static char name[] = "test_receipt";
    static char* argv[] = {name, nullptr};
    if (!QGuiApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        static QGuiApplication app(argc, argv);
    }
}

ReceiptContent sample(Outcome outcome) {
    ReceiptContent c;
    c.portOfEntry = QStringLiteral("SFO San Francisco Intl");
    c.kioskId = QStringLiteral("K-07");
    c.localTime = QDateTime(QDate(2024, 5, 1), QTime(14, 32));
    c.travelerName = QStringLiteral("ERIKSSON ANNA MARIA");
    c.documentLast4 = QStringLiteral("4821");
    c.programName = QStringLiteral("Global Entry");
    c.outcome = outcome;
    c.reasonCode = outcome == Outcome::Referred ? QStringLiteral("BIO") : QString();
    c.transactionNumber = QStringLiteral("SFO-20240501-000731");
    c.languageCode = QStringLiteral("en");
    return c;
}

bool isInk(const QImage& mono, int x, int y) { return qGray(mono.pixel(x, y)) < 128; }

int inkIn(const QImage& mono, const QRect& r) {
    int n = 0;
    const QRect c = r.intersected(mono.rect());
    for (int y = c.top(); y <= c.bottom(); ++y)
        for (int x = c.left(); x <= c.right(); ++x) n += isInk(mono, x, y) ? 1 : 0;
    return n;
}

// Sample receipts land in $TMPDIR/kiosk-test-receipt for a human to look at.
QString tempDir() {
    const QString dir = QDir::temp().filePath(QStringLiteral("kiosk-test-receipt"));
    QDir().mkpath(dir);
    return dir;
}

QString savePage(const kiosk::GreyImage& g, const QString& name) {
    const QString dir = tempDir();
    QImage img(g.pixels.data(), g.width, g.height, g.width, QImage::Format_Grayscale8);
    const QString path = QDir(dir).filePath(name);
    img.save(path);
    return path;
}

}  // namespace

TEST_CASE("receipt is a 576-dot, two-colour raster", "[receipt]") {
    ensureApp();
    ReceiptLayout layout;
    const QImage img = composeReceipt(sample(Outcome::Cleared), kDotsPerLine80mm, &layout);
    REQUIRE(!img.isNull());
    CHECK(img.width() == 576);
    CHECK(img.format() == QImage::Format_Mono);
    CHECK(img.colorCount() == 2);
    CHECK(img.height() > 400);
    CHECK(img.height() < 1600);  // about 20 cm at most: paper is not free
    CHECK(inkIn(img, layout.decision) > 2000);
    CHECK(inkIn(img, layout.name) > 200);
    CHECK(layout.qrSlot.height() == 0);
    CHECK(layout.officerCode.isEmpty());
}

TEST_CASE("cleared and referred receipts differ; only referred carries the officer code", "[receipt]") {
    ensureApp();
    ReceiptLayout lc;
    ReceiptLayout lr;
    const QImage cleared = composeReceipt(sample(Outcome::Cleared), 576, &lc);
    const QImage referred = composeReceipt(sample(Outcome::Referred), 576, &lr);
    CHECK(cleared != referred);
    // The referred icon is a solid disc: far more ink in the decision band.
    CHECK(inkIn(referred, lr.decision) > inkIn(cleared, lc.decision) + 5000);
    CHECK_FALSE(lr.officerCode.isEmpty());
    CHECK(inkIn(referred, lr.officerCode) > 50);
}

TEST_CASE("nothing prints in the margins, even for a very long name", "[receipt]") {
    ensureApp();
    ReceiptContent c = sample(Outcome::Referred);
    c.travelerName = QStringLiteral("WOLFESCHLEGELSTEINHAUSENBERGERDORFF HUBERT BLAINE MAXIMILIAN ALEXANDER");
    c.portOfEntry = QStringLiteral("A VERY LONG PORT OF ENTRY NAME THAT WOULD NEVER FIT ON THE PAPER");
    ReceiptLayout layout;
    const QImage img = composeReceipt(c, 576, &layout);
    img.save(QDir(tempDir()).filePath(QStringLiteral("long-name.png")));
    CHECK(inkIn(img, QRect(0, 0, kMarginDots, img.height())) == 0);
    CHECK(inkIn(img, QRect(576 - kMarginDots, 0, kMarginDots, img.height())) == 0);
    CHECK(layout.name.right() < 576 - kMarginDots);
    CHECK(inkIn(img, layout.name) > 200);
    CHECK(layout.name.height() < 50);  // one unbreakable word too long: elided on one line

    // Long but breakable: wrapped onto two lines, nothing lost, still inside the paper.
    c.travelerName = QStringLiteral("DE LA CRUZ MONTENEGRO FERNANDEZ MARIA GUADALUPE");
    const QImage wrapped = composeReceipt(c, 576, &layout);
    wrapped.save(QDir(tempDir()).filePath(QStringLiteral("wrapped-name.png")));
    CHECK(inkIn(wrapped, QRect(576 - kMarginDots, 0, kMarginDots, wrapped.height())) == 0);
    CHECK(layout.name.height() > 50);
    CHECK(layout.name.height() < 100);
    CHECK(inkIn(wrapped, layout.name.adjusted(0, layout.name.height() / 2, 0, 0)) > 200);  // second line inked
}

TEST_CASE("Korean name renders ink where the name is", "[receipt]") {
    ensureApp();
    const bool haveKorean = !QFontDatabase::families(QFontDatabase::Korean).isEmpty();
    if (!haveKorean)
        WARN("No font with Korean glyphs installed (fonts-noto-cjk): Hangul renders as missing-glyph boxes");
    ReceiptContent c = sample(Outcome::Cleared);
    c.travelerName = QStringLiteral("김민지");
    ReceiptLayout layout;
    const QImage img = composeReceipt(c, 576, &layout);
    img.save(QDir(tempDir()).filePath(QStringLiteral("korean-name.png")));
    CHECK(inkIn(img, layout.name) > 100);
    ReceiptContent blank = c;
    blank.travelerName.clear();
    ReceiptLayout lb;
    CHECK(inkIn(composeReceipt(blank, 576, &lb), lb.name) == 0);
}

TEST_CASE("receipt job decodes back to the same raster, bit for bit", "[receipt]") {
    ensureApp();
    for (const Outcome o : {Outcome::Cleared, Outcome::Referred}) {
        const QImage img = composeReceipt(sample(o), 576);
        const std::vector<std::uint8_t> job = encodeReceiptJob(img);
        REQUIRE(job.size() > 8);
        CHECK(job[0] == 0x1B);
        CHECK(job[1] == 0x40);
        CHECK(job[job.size() - 3] == 0x1D);  // partial cut at the end
        CHECK(job[job.size() - 1] == 0x01);
        const auto pages = kiosk::sim::decodeEscPos(job, 576);
        REQUIRE(pages.has_value());
        REQUIRE(pages->size() == 1);
        const auto& page = pages->front().image;
        CHECK(page.height == img.height() + 4 * kiosk::sim::kSimLineHeightDots);
        int mismatches = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < 576; ++x)
                if ((page.pixels[static_cast<std::size_t>(y * 576 + x)] == 0) != isInk(img, x, y)) ++mismatches;
        CHECK(mismatches == 0);
        const QString path = savePage(page, o == Outcome::Cleared ? QStringLiteral("cleared.png") : QStringLiteral("referred.png"));
        INFO("decoded receipt saved to " << path.toStdString());
        CHECK(QFile::exists(path));
    }
}

TEST_CASE("58 mm paper (384 dots) lays out too; absurd widths do not throw", "[receipt]") {
    ensureApp();
    ReceiptLayout layout;
    const QImage img = composeReceipt(sample(Outcome::Referred), 384, &layout);
    img.save(QDir(tempDir()).filePath(QStringLiteral("referred-58mm.png")));
    CHECK(img.width() == 384);
    CHECK(inkIn(img, QRect(384 - kMarginDots, 0, kMarginDots, img.height())) == 0);
    CHECK(inkIn(img, layout.decision) > 2000);
    CHECK(composeReceipt(sample(Outcome::Cleared), 10).width() == kMinDotsPerLine);
}

TEST_CASE("packRaster honours the colour table and thresholds other formats", "[receipt]") {
    ensureApp();
    QImage inverted(10, 1, QImage::Format_Mono);
    inverted.setColorTable({qRgb(0, 0, 0), qRgb(255, 255, 255)});  // index 0 = black here
    inverted.fill(1);
    inverted.setPixel(0, 0, 0);
    CHECK(packRaster(inverted) == std::vector<std::uint8_t>{0x80, 0x00});

    QImage rgb(9, 2, QImage::Format_ARGB32);
    rgb.fill(Qt::transparent);                   // transparent = paper
    rgb.setPixel(8, 1, qRgba(20, 20, 20, 255));  // dark = ink
    CHECK(packRaster(rgb) == std::vector<std::uint8_t>{0, 0, 0, 0x80});
}

// --- the signed QR and the languages ---------------------------------------------------------------

namespace {

ReceiptClaims claimsFor(const ReceiptContent& c) {
    ReceiptClaims k;
    k.transactionNumber = c.transactionNumber.toStdString();
    k.kioskId = c.kioskId.toStdString();
    k.unixTime = c.localTime.toSecsSinceEpoch();
    k.decision = c.outcome == Outcome::Cleared ? CodeDecision::Cleared : CodeDecision::Referred;
    k.reasonCode = c.reasonCode.toStdString();
    k.documentHash = *documentHash({"USA", "123454821", "1980-02-29"});
    return k;
}

const ReceiptSigner& testSigner() {
    static ReceiptSigner signer = std::move(*ReceiptSigner::generate());
    return signer;
}

ReceiptContent signedSample(Outcome o, const QString& lang = QStringLiteral("en")) {
    ReceiptContent c = sample(o);
    c.languageCode = lang;
    c.signedCode = QString::fromStdString(*testSigner().sign(claimsFor(c)));
    return c;
}

}  // namespace

TEST_CASE("receipt languages: the table and the codes the UI uses", "[receipt][lang]") {
    CHECK(receiptLanguages().size() == 13);
    CHECK(receiptLanguageFor(QStringLiteral("zh_CN")) == QStringLiteral("zh-Hans"));
    CHECK(receiptLanguageFor(QStringLiteral("zh-Hans-CN")) == QStringLiteral("zh-Hans"));
    CHECK(receiptLanguageFor(QStringLiteral("zh_TW")) == QStringLiteral("zh-Hant"));
    CHECK(receiptLanguageFor(QStringLiteral("zh-HK")) == QStringLiteral("zh-Hant"));
    CHECK(receiptLanguageFor(QStringLiteral("pt_BR")) == QStringLiteral("pt"));
    CHECK(receiptLanguageFor(QStringLiteral("AR")) == QStringLiteral("ar"));
    CHECK(receiptLanguageFor(QStringLiteral("xx")) == QStringLiteral("en"));
    CHECK(receiptLanguageFor(QString()) == QStringLiteral("en"));
}

TEST_CASE("decision to paper and back: compose, encode, print, scan the PNG, verify", "[receipt][qr]") {
    ensureApp();
    for (const Outcome o : {Outcome::Cleared, Outcome::Referred}) {
        const ReceiptContent c = signedSample(o);
        ReceiptLayout layout;
        const QImage img = composeReceipt(c, 576, &layout);
        CHECK(layout.qrVersion >= 1);
        CHECK(layout.qrVersion <= 8);
        CHECK(layout.qrModuleDots == 4);
        CHECK(layout.qrSlot.contains(layout.qrSymbol));
        CHECK(inkIn(img, layout.qrSymbol) > 1000);
        const auto job = encodeReceiptJob(img);
        CHECK(job.size() < 40 * 1024);
        const auto pages = kiosk::sim::decodeEscPos(job, 576);
        REQUIRE(pages.has_value());
        REQUIRE(pages->size() == 1);
        CHECK(pages->front().cut);
        const QString name = o == Outcome::Cleared ? QStringLiteral("signed-cleared.png") : QStringLiteral("signed-referred.png");
        const QString path = savePage(pages->front().image, name);
        const auto text = readQrCodeFile(path.toStdString());
        INFO("page " << path.toStdString() << ", QR reader " << qrReaderBackend());
        REQUIRE(text.has_value());
        CHECK(*text == c.signedCode.toStdString());
        const auto verified = verifyReceiptCode(*text, testSigner().publicKey());
        REQUIRE(verified.has_value());
        CHECK(verified->claims == claimsFor(c));
        // The paper is the raster, dot for dot, whatever the trimmed bands.
        int mismatches = 0;
        const auto& page = pages->front().image;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < 576; ++x)
                if ((page.pixels[static_cast<std::size_t>(y * 576 + x)] == 0) != isInk(img, x, y)) ++mismatches;
        CHECK(mismatches == 0);
        // Another kiosk's key refuses it.
        CHECK_FALSE(verifyReceiptCode(*text, ReceiptSigner::generate()->publicKey()).has_value());
    }
}

TEST_CASE("the native GS ( k alternative prints a code that scans too", "[receipt][qr]") {
    ensureApp();
    ReceiptContent c = signedSample(Outcome::Referred);
    const QString code = c.signedCode;
    c.signedCode.clear();  // the printer draws it
    const auto job = encodeReceiptJobNativeQr(composeReceipt(c, 576), code, 4);
    const auto pages = kiosk::sim::decodeEscPos(job, 576);
    REQUIRE(pages.has_value());
    REQUIRE(pages->size() == 1);
    savePage(pages->front().image, QStringLiteral("native-qr.png"));
    const auto text = readQrCode(pages->front().image);
    REQUIRE(text.has_value());
    CHECK(verifyReceiptCode(*text, testSigner().publicKey()).has_value());
}

TEST_CASE("all 13 languages: ink, nothing in the margins, the QR scans, under 40 KB", "[receipt][lang]") {
    ensureApp();
    for (const QString& lang : receiptLanguages()) {
        for (const int dots : {576, 384}) {
            for (const Outcome o : {Outcome::Cleared, Outcome::Referred}) {
                INFO("language " << lang.toStdString() << ", " << dots << " dots, "
                                 << (o == Outcome::Cleared ? "cleared" : "referred"));
                const ReceiptContent c = signedSample(o, lang);
                ReceiptLayout layout;
                const QImage img = composeReceipt(c, dots, &layout);
                CHECK(img.width() == dots);
                CHECK(inkIn(img, QRect(0, 0, kMarginDots, img.height())) == 0);
                CHECK(inkIn(img, QRect(dots - kMarginDots, 0, kMarginDots, img.height())) == 0);
                CHECK(inkIn(img, layout.header) > 300);
                CHECK(inkIn(img, layout.decision) > 3000);
                CHECK(inkIn(img, layout.details) > 1000);
                CHECK(layout.decision.height() <= (dots == 576 ? 150 : 200));  // the words fit beside the icon
                CHECK(layout.qrVersion > 0);
                CHECK(img.height() < 1400);
                const auto job = encodeReceiptJob(img);
                CHECK(job.size() < 40 * 1024);
                if (o == Outcome::Referred) {
                    const QString file = QStringLiteral("lang-%1%2.png").arg(lang, dots == 576 ? QString() : QStringLiteral("-58mm"));
                    img.save(QDir(tempDir()).filePath(file));
                    const auto pages = kiosk::sim::decodeEscPos(job, dots);
                    REQUIRE(pages.has_value());
                    const auto text = readQrCode(pages->front().image);
                    REQUIRE(text.has_value());
                    CHECK(verifyReceiptCode(*text, testSigner().publicKey()).has_value());
                }
            }
        }
    }
}

TEST_CASE("58 mm paper: the QR still scans", "[receipt][qr]") {
    ensureApp();
    const ReceiptContent c = signedSample(Outcome::Referred, QStringLiteral("de"));
    ReceiptLayout layout;
    const QImage img = composeReceipt(c, 384, &layout);
    img.save(QDir(tempDir()).filePath(QStringLiteral("signed-58mm.png")));
    const auto pages = kiosk::sim::decodeEscPos(encodeReceiptJob(img), 384);
    REQUIRE(pages.has_value());
    const auto text = readQrCode(pages->front().image);
    REQUIRE(text.has_value());
    CHECK(verifyReceiptCode(*text, testSigner().publicKey()).has_value());
}

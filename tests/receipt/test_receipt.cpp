// Receipt composition and its ESC/POS job, checked through the simulated printer.
#include <catch2/catch.hpp>

#include <QDir>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "app/receipt/receipt.h"
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

#pragma once
// The clearance receipt: composed as a 1-bit raster with Qt's text rendering (so any script the
// installed fonts cover prints the same on every printer), then sent as ESC/POS raster bands.
// Needs a QGuiApplication (fonts) and must run on a thread that may use QPainter on a QImage (any).
#include <QDateTime>
#include <QImage>
#include <QRect>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

namespace kiosk::receipt {

enum class Outcome { Cleared, Referred };

struct ReceiptContent {
    QString portOfEntry;        // "ICN Incheon T1", "SFO"
    QString kioskId;
    QDateTime localTime;
    QString travelerName;       // as read from the MRZ, display form
    QString documentLast4;      // last 4 characters of the document number only
    QString programName;        // "Global Entry", "Korea SES"
    Outcome outcome = Outcome::Referred;
    QString reasonCode;         // for the officer: "BIO", "DECL", "RAND", "DOC"; empty when cleared. Printed small, coded.
    QString transactionNumber;
    QString languageCode;       // traveler's language (BCP 47 or Qt's form: "ko", "zh-Hans", "zh_TW", "ar"); English
                                // is printed beside it for the officer. Unknown codes print English only.
    QString signedCode;         // the QR text from ReceiptSigner::sign ("KR1:..."); empty: no QR, no paper for it
};

// Languages with receipt translations (BCP 47): en ko ja zh-Hans zh-Hant es fr de nl pt it ru ar.
[[nodiscard]] QStringList receiptLanguages();
// The table's key for a code: "zh_CN" / "zh-CN" / "zh" -> "zh-Hans", "zh_TW" / "zh-HK" -> "zh-Hant",
// "pt_BR" -> "pt"; "en" for anything without a translation.
[[nodiscard]] QString receiptLanguageFor(const QString& languageCode);

inline constexpr int kDotsPerLine80mm = 576;  // 72 mm printable at 203 dpi
inline constexpr int kMarginDots = 16;        // 2 mm each side: nothing is drawn in the margins
inline constexpr int kMinDotsPerLine = 320;   // narrower asks are laid out at this width (58 mm paper is 384)

// Where composeReceipt put things (raster coordinates), for tests and for the later QR stage.
struct ReceiptLayout {
    QRect header;       // port of entry, receipt title
    QRect decision;     // icon + decision text
    QRect name;         // traveler name line (elided to fit)
    QRect details;      // document, program, time, kiosk, transaction
    QRect officerCode;  // small coded reason; empty when cleared
    QRect qrSlot;       // the signed QR with its quiet zone and caption; zero height without a signedCode
    QRect qrSymbol;     // the QR symbol itself (modules only, no quiet zone) inside qrSlot
    int qrVersion = 0;  // QR version drawn (0: none)
    int qrModuleDots = 0;
};

// 1-bit raster, QImage::Format_Mono with Qt's QBitmap convention made explicit: colour index 1 = black
// (ink), index 0 = white (paper), which is also ESC/POS's 1 = black. Width = dotsPerLine, height as
// needed. Decision in large type: cleared = a large check mark and "Proceed to exit"; referred = a
// large X and "Please see an officer". Text is drawn with QPainter on a Format_Grayscale8 image and
// thresholded, so any script the fonts cover renders. Never throws; dotsPerLine below kMinDotsPerLine is
// raised to it.
[[nodiscard]] QImage composeReceipt(const ReceiptContent& content, int dotsPerLine);
[[nodiscard]] QImage composeReceipt(const ReceiptContent& content, int dotsPerLine, ReceiptLayout* layout);

// The whole printer job: ESC @, the raster as GS v 0 bands trimmed to their ink (blank rows cost one
// byte, rows end after their last ink byte), feed to the cutter, partial cut.
// Any QImage is accepted: non-Mono images are thresholded at mid-grey (dark = ink).
[[nodiscard]] std::vector<std::uint8_t> encodeReceiptJob(const QImage& receiptRaster);

// The alternative for printers whose own QR rendering is wanted: the receipt raster (composed without a
// signedCode), then the code as the printer's native GS ( k QR (level M, moduleDots per module), feed, cut.
[[nodiscard]] std::vector<std::uint8_t> encodeReceiptJobNativeQr(const QImage& receiptRaster, const QString& signedCode,
                                                                 int moduleDots = 4);

// Packs an image into ESC/POS raster rows (1 = black, MSB first, rows padded to bytes).
[[nodiscard]] std::vector<std::uint8_t> packRaster(const QImage& image);

}  // namespace kiosk::receipt

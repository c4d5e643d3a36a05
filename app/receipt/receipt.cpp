#include "app/receipt/receipt.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <stdexcept>

#include "devices/printer/escpos_encoder.h"

namespace kiosk::receipt {
namespace {

// Every word the traveler reads, in one place: the multi-language stage replaces this table with
// translations keyed by ReceiptContent::languageCode (English only for now).
struct ReceiptStrings {
    QString title;
    QString cleared;
    QString referred;
    QString document;
    QString program;
    QString time;
    QString kiosk;
    QString transaction;
    QString keep;
};

ReceiptStrings stringsFor(const QString& /*languageCode*/) {
    return {QStringLiteral("Border clearance receipt"), QStringLiteral("Proceed to exit"),
            QStringLiteral("Please see an officer"), QStringLiteral("Document"), QStringLiteral("Program"),
            QStringLiteral("Time"), QStringLiteral("Kiosk"), QStringLiteral("Transaction"),
            QStringLiteral("Keep this receipt until you have left the hall.")};
}

constexpr int kCanvasMaxRows = 4000;  // far above any receipt; the image is cropped to what was used
constexpr int kIconDots = 150;        // ~19 mm: the decision is readable at arm's length
constexpr int kInkThreshold = 128;    // grey below this is ink

QFont receiptFont(int pixelSize, bool bold) {
    // DejaVu Sans for Latin, Greek, Cyrillic; fontconfig falls back per glyph for other scripts (CJK needs
    // fonts-noto-cjk installed). Full hinting keeps strokes on whole dots for the 1-bit threshold.
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferFullHinting);
    return f;
}

// Draws text in one line, shrinking from maxPx to minPx to fit width, then eliding. Returns its rect.
QRect drawFittedLine(QPainter& p, const QString& text, int x, int y, int width, int maxPx, int minPx, bool bold) {
    QFont f = receiptFont(maxPx, bold);
    for (int px = maxPx; px >= minPx; px -= 2) {
        f.setPixelSize(px);
        if (QFontMetrics(f).horizontalAdvance(text) <= width) break;
    }
    const QFontMetrics fm(f);
    const QString shown = fm.horizontalAdvance(text) <= width ? text : fm.elidedText(text, Qt::ElideRight, width);
    const QRect r(x, y, width, fm.height());
    p.setFont(f);
    p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    return r;
}

// The name matters to the officer: one line if it fits (shrinking), else word-wrapped onto two lines,
// else (one unbreakable word too long) elided on one line.
QRect drawName(QPainter& p, const QString& name, int x, int y, int width) {
    QFont f = receiptFont(34, true);
    for (int px = 34; px >= 26; px -= 2) {
        f.setPixelSize(px);
        if (QFontMetrics(f).horizontalAdvance(name) <= width) return drawFittedLine(p, name, x, y, width, px, px, true);
    }
    f.setPixelSize(28);
    const QFontMetrics fm(f);
    const QRect wrapped = fm.boundingRect(QRect(0, 0, width, 10 * fm.height()), Qt::TextWordWrap, name);
    if (wrapped.width() <= width && wrapped.height() <= 2 * fm.lineSpacing()) {
        const QRect r(x, y, width, wrapped.height());
        p.setFont(f);
        p.drawText(r, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, name);
        return r;
    }
    return drawFittedLine(p, name, x, y, width, 26, 26, true);
}

void drawRule(QPainter& p, int x, int y, int width, int thickness) {
    p.fillRect(QRect(x, y, width, thickness), Qt::black);
}

void drawCheckIcon(QPainter& p, const QRect& box) {
    // Outlined circle with a heavy check: reads as "yes" without any language.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(Qt::black, 10));
    p.drawEllipse(box.adjusted(6, 6, -6, -6));
    QPainterPath check;
    check.moveTo(box.left() + box.width() * 0.26, box.top() + box.height() * 0.53);
    check.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.71);
    check.lineTo(box.left() + box.width() * 0.76, box.top() + box.height() * 0.33);
    p.setPen(QPen(Qt::black, 18, Qt::SolidLine, Qt::SquareCap, Qt::MiterJoin));
    p.drawPath(check);
}

void drawReferIcon(QPainter& p, const QRect& box) {
    // Solid black disc with a white X: unmistakably different from the check even at a glance.
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::black);
    p.drawEllipse(box.adjusted(2, 2, -2, -2));
    p.setPen(QPen(Qt::white, 18, Qt::SolidLine, Qt::SquareCap));
    const double a = box.width() * 0.30;
    const double b = box.width() * 0.70;
    p.drawLine(QPointF(box.left() + a, box.top() + a), QPointF(box.left() + b, box.top() + b));
    p.drawLine(QPointF(box.left() + b, box.top() + a), QPointF(box.left() + a, box.top() + b));
}

QImage thresholdToMono(const QImage& grey) {
    QImage mono(grey.size(), QImage::Format_Mono);
    mono.setColorTable({qRgb(255, 255, 255), qRgb(0, 0, 0)});  // index 0 paper, 1 ink (QBitmap convention)
    mono.fill(0);
    for (int y = 0; y < grey.height(); ++y) {
        const uchar* src = grey.constScanLine(y);
        uchar* dst = mono.scanLine(y);
        for (int x = 0; x < grey.width(); ++x)
            if (src[x] < kInkThreshold) dst[x >> 3] = static_cast<uchar>(dst[x >> 3] | (0x80 >> (x & 7)));
    }
    return mono;
}

}  // namespace

QImage composeReceipt(const ReceiptContent& content, int dotsPerLine) {
    return composeReceipt(content, dotsPerLine, nullptr);
}

QImage composeReceipt(const ReceiptContent& c, int dotsPerLine, ReceiptLayout* layoutOut) {
    // Runs on a worker thread with a width a device reported: never throw, lay out at the minimum instead.
    dotsPerLine = std::max(dotsPerLine, kMinDotsPerLine);
    const ReceiptStrings s = stringsFor(c.languageCode);
    const int left = kMarginDots;
    const int width = dotsPerLine - 2 * kMarginDots;
    ReceiptLayout L;

    QImage canvas(dotsPerLine, kCanvasMaxRows, QImage::Format_Grayscale8);
    canvas.fill(Qt::white);
    QPainter p(&canvas);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.setClipRect(QRect(left, 0, width, kCanvasMaxRows));  // nothing ever prints in the margins
    p.setPen(Qt::black);
    int y = 12;

    // Header: where and what.
    const QRect port = drawFittedLine(p, c.portOfEntry, left, y, width, 34, 24, true);
    y = port.bottom() + 2;
    p.setPen(Qt::black);
    const QRect title = drawFittedLine(p, s.title, left, y, width, 24, 18, false);
    y = title.bottom() + 10;
    drawRule(p, left, y, width, 4);
    y += 4;
    L.header = QRect(left, port.top(), width, y - port.top());
    y += 16;

    // Decision: icon left, large words right, wrapped. The one thing a tired traveler must read.
    const QRect icon(left, y, kIconDots, kIconDots);
    if (c.outcome == Outcome::Cleared) drawCheckIcon(p, icon); else drawReferIcon(p, icon);
    p.setPen(Qt::black);
    p.setBrush(Qt::NoBrush);
    const QString decision = c.outcome == Outcome::Cleared ? s.cleared : s.referred;
    const int textLeft = left + kIconDots + 20;
    const int textWidth = left + width - textLeft;
    QFont big = receiptFont(52, true);
    QRect textBox;
    for (int px = 52; px >= 30; px -= 2) {  // shrink until it fits beside the icon (long translations)
        big.setPixelSize(px);
        textBox = QFontMetrics(big).boundingRect(QRect(0, 0, textWidth, 10 * kIconDots), Qt::TextWordWrap, decision);
        if (textBox.height() <= kIconDots && textBox.width() <= textWidth) break;
    }
    p.setFont(big);
    const int decisionHeight = std::max(kIconDots, textBox.height());
    p.drawText(QRect(textLeft, y, textWidth, decisionHeight), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, decision);
    L.decision = QRect(left, y, width, decisionHeight);
    y += decisionHeight + 18;
    drawRule(p, left, y, width, 2);
    y += 2 + 14;

    // Who: the name as on the document; it never runs off the paper.
    L.name = drawName(p, c.travelerName, left, y, width);
    y = L.name.bottom() + 10;

    // Details: label column and value column.
    const int detailsTop = y;
    const int labelWidth = 170;
    const auto detail = [&](const QString& label, const QString& value) {
        p.setFont(receiptFont(22, false));
        const int h = QFontMetrics(p.font()).height();
        p.drawText(QRect(left, y, labelWidth, h + 4), Qt::AlignLeft | Qt::AlignBottom, label);
        // Values the officer may type in (transaction) must not be elided: on narrow paper a value that
        // does not fit beside its label goes on its own line below it.
        const bool fitsBeside = QFontMetrics(receiptFont(20, false)).horizontalAdvance(value) <= width - labelWidth;
        const QRect r = fitsBeside ? drawFittedLine(p, value, left + labelWidth, y, width - labelWidth, 26, 20, false)
                                   : drawFittedLine(p, value, left + 12, y + h + 2, width - 12, 26, 18, false);
        y = std::max(y + h, r.bottom()) + 6;
    };
    detail(s.document, QStringLiteral("\u2022\u2022\u2022\u2022 ") + c.documentLast4.right(4));
    detail(s.program, c.programName);
    detail(s.time, c.localTime.toString(QStringLiteral("yyyy-MM-dd  HH:mm")));
    detail(s.kiosk, c.kioskId);
    detail(s.transaction, c.transactionNumber);
    L.details = QRect(left, detailsTop, width, y - detailsTop);

    // QR slot (later stage): the signed QR goes here, full width centred below the details. It takes no
    // paper until there is a payload to print; the section order is fixed so the layout only grows.
    L.qrSlot = QRect(left, y, width, 0);

    // Footer for the traveler; then the officer's code, small and coded, bottom right.
    y += 8;
    drawRule(p, left, y, width, 2);
    y += 2 + 8;
    p.setFont(receiptFont(20, false));
    const QRect keep = p.boundingRect(QRect(left, y, width, 200), Qt::TextWordWrap, s.keep);
    p.drawText(QRect(left, y, width, keep.height()), Qt::TextWordWrap, s.keep);
    y += keep.height() + 6;
    if (c.outcome == Outcome::Referred && !c.reasonCode.isEmpty()) {
        const QFont codeFont = receiptFont(18, true);
        const QFontMetrics fm(codeFont);
        const QString code = QStringLiteral("R-") + c.reasonCode;
        const int w = fm.horizontalAdvance(code) + 12;
        L.officerCode = QRect(left + width - w, y, w, fm.height() + 6);
        p.setPen(QPen(Qt::black, 2));
        p.drawRect(L.officerCode.adjusted(1, 1, -1, -1));
        p.setFont(codeFont);
        p.drawText(L.officerCode, Qt::AlignCenter, code);
        y = L.officerCode.bottom() + 1;
    }
    y += 16;  // paper below the last line before the feed
    p.end();

    if (layoutOut) *layoutOut = L;
    return thresholdToMono(canvas.copy(0, 0, dotsPerLine, std::min(y, kCanvasMaxRows)));
}

std::vector<std::uint8_t> packRaster(const QImage& image) {
    if (image.isNull()) throw std::invalid_argument("packRaster: null image");
    const int w = image.width();
    const int h = image.height();
    const int rowBytes = escpos::packedRowBytes(w);
    std::vector<std::uint8_t> out(static_cast<std::size_t>(rowBytes) * static_cast<std::size_t>(h), 0);
    if (image.format() == QImage::Format_Mono || image.format() == QImage::Format_MonoLSB) {
        const QImage mono = image.convertToFormat(QImage::Format_Mono);  // MSB first, like ESC/POS
        // Which index is ink depends on the colour table: read it rather than assume.
        const bool oneIsInk = mono.colorCount() < 2 || qGray(mono.color(1)) < qGray(mono.color(0));
        for (int y = 0; y < h; ++y) {
            const uchar* src = mono.constScanLine(y);
            std::uint8_t* dst = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rowBytes);
            for (int b = 0; b < rowBytes; ++b) dst[b] = oneIsInk ? src[b] : static_cast<std::uint8_t>(~src[b]);
        }
    } else {
        // Flatten transparency onto white paper, then threshold at mid-grey.
        QImage grey(w, h, QImage::Format_Grayscale8);
        grey.fill(Qt::white);
        {
            QPainter p(&grey);
            p.drawImage(0, 0, image);
        }
        for (int y = 0; y < h; ++y) {
            const uchar* src = grey.constScanLine(y);
            std::uint8_t* dst = out.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rowBytes);
            for (int x = 0; x < w; ++x)
                if (src[x] < kInkThreshold) dst[x >> 3] = static_cast<std::uint8_t>(dst[x >> 3] | (0x80 >> (x & 7)));
        }
    }
    // Padding bits past the width are masked by the encoder.
    return out;
}

std::vector<std::uint8_t> encodeReceiptJob(const QImage& receiptRaster) {
    const std::vector<std::uint8_t> packed = packRaster(receiptRaster);
    escpos::JobBuilder job;
    job.initialize()
        .rasterImage(receiptRaster.width(), receiptRaster.height(), packed)
        // ~17 mm at the default 1/6" line spacing: carries the last printed line past the cutter.
        .feedLines(4)
        .cut(escpos::CutKind::Partial);
    return job.bytes();
}

}  // namespace kiosk::receipt

#include "app/receipt/receipt.h"

#include <QFont>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPen>
#include <algorithm>
#include <stdexcept>

#include "devices/printer/escpos_encoder.h"
#include "devices/printer/qr_code.h"

namespace kiosk::receipt {
namespace {

// Every word the traveler reads, in one place, keyed by receiptLanguageFor(languageCode). Short and
// plain: a tired traveler reads them once. English is printed beside every language for the officer.
struct ReceiptStrings {
    const char* lang;
    const char* title;
    const char* cleared;
    const char* referred;
    const char* document;
    const char* program;
    const char* time;
    const char* kiosk;
    const char* transaction;
    const char* keep;
};

constexpr ReceiptStrings kStrings[] = {
    {"en", "Border clearance receipt", "Proceed to exit", "Please see an officer", "Document", "Program", "Time",
     "Kiosk", "Transaction", "Keep this receipt until you have left the hall."},
    {"ko", "출입국 심사 확인증", "출구로 가십시오", "심사관에게 가십시오", "신분증", "프로그램", "시각", "키오스크",
     "처리 번호", "심사장을 나갈 때까지 이 확인증을 보관하십시오."},
    {"ja", "出入国審査 確認票", "出口へお進みください", "係官にお申し出ください", "身分証明書", "プログラム", "日時",
     "端末", "受付番号", "ホールを出るまでこの確認票をお持ちください。"},
    {"zh-Hans", "边境通关回执", "请前往出口", "请联系边检人员", "证件", "项目", "时间", "自助终端", "办理编号",
     "离开大厅前请保留此回执。"},
    {"zh-Hant", "邊境通關回執", "請前往出口", "請聯繫邊檢人員", "證件", "計畫", "時間", "自助終端", "辦理編號",
     "離開大廳前請保留此回執。"},
    {"es", "Comprobante de control fronterizo", "Diríjase a la salida", "Acuda a un agente", "Documento",
     "Programa", "Hora", "Quiosco", "Transacción", "Conserve este comprobante hasta salir de la sala."},
    {"fr", "Reçu de contrôle frontalier", "Dirigez-vous vers la sortie", "Adressez-vous à un agent", "Document",
     "Programme", "Heure", "Borne", "Transaction", "Conservez ce reçu jusqu’à la sortie du hall."},
    {"de", "Beleg der Grenzkontrolle", "Weiter zum Ausgang", "Bitte an einen Beamten wenden", "Dokument",
     "Programm", "Zeit", "Terminal", "Vorgang", "Bewahren Sie diesen Beleg auf, bis Sie die Halle verlassen haben."},
    {"nl", "Bewijs van grenscontrole", "Ga naar de uitgang", "Meld u bij een beambte", "Document", "Programma",
     "Tijd", "Kiosk", "Transactie", "Bewaar dit bewijs tot u de hal hebt verlaten."},
    {"pt", "Comprovante de controle de fronteira", "Siga para a saída", "Dirija-se a um agente", "Documento",
     "Programa", "Hora", "Quiosque", "Transação", "Guarde este comprovante até sair do saguão."},
    {"it", "Ricevuta del controllo di frontiera", "Procedere verso l’uscita", "Rivolgersi a un agente",
     "Documento", "Programma", "Ora", "Chiosco", "Transazione", "Conservare questa ricevuta fino all’uscita dalla sala."},
    {"ru", "Квитанция пограничного контроля", "Пройдите к выходу", "Обратитесь к сотруднику", "Документ",
     "Программа", "Время", "Киоск", "Операция", "Сохраните эту квитанцию до выхода из зала."},
    {"ar", "إيصال المراقبة الحدودية", "تفضل إلى المخرج", "يرجى مراجعة أحد الموظفين", "الوثيقة", "البرنامج",
     "الوقت", "الجهاز", "رقم المعاملة", "احتفظ بهذا الإيصال حتى تغادر القاعة."},
};

const ReceiptStrings& stringsFor(const QString& languageKey) {
    for (const auto& s : kStrings)
        if (languageKey == QLatin1String(s.lang)) return s;
    return kStrings[0];
}

QString tr8(const char* utf8) { return QString::fromUtf8(utf8); }

// Officer-facing words next to the QR: English only, they are for the officer's eyes.
constexpr const char* kOfficerHeading = "For the officer";
constexpr const char* kOfficerScan = "Scan to verify";

constexpr int kCanvasMaxRows = 4000;  // far above any receipt; the image is cropped to what was used
constexpr int kIconDots = 140;        // ~17 mm: the decision is readable at arm's length
constexpr int kInkThreshold = 128;    // grey below this is ink
constexpr int kQrModuleDots = 4;      // 0.5 mm modules: easy for handheld scanners and phones on thermal paper
constexpr int kQrQuietModules = 4;

// Fonts per language. DejaVu Sans covers Latin, Greek, Cyrillic and Arabic; Han characters differ by
// region, so each CJK language names its own Noto Sans CJK variant (fonts-noto-cjk) after DejaVu, and
// Qt takes each glyph from the first family that has it. Arabic prefers Noto Sans Arabic
// (fonts-noto-core) when installed.
struct Script {
    QStringList families;
    bool rightToLeft = false;
};

Script scriptFor(const QString& key) {
    const QString dejavu = QStringLiteral("DejaVu Sans");
    if (key == QLatin1String("ko")) return {{dejavu, QStringLiteral("Noto Sans CJK KR")}};
    if (key == QLatin1String("ja")) return {{dejavu, QStringLiteral("Noto Sans CJK JP")}};
    if (key == QLatin1String("zh-Hans")) return {{dejavu, QStringLiteral("Noto Sans CJK SC")}};
    if (key == QLatin1String("zh-Hant")) return {{dejavu, QStringLiteral("Noto Sans CJK TC")}};
    if (key == QLatin1String("ar")) return {{QStringLiteral("Noto Sans Arabic"), dejavu}, true};
    return {{dejavu}};
}

QFont receiptFont(int pixelSize, bool bold, const QStringList& families = {QStringLiteral("DejaVu Sans")}) {
    // Full hinting keeps strokes on whole dots for the 1-bit threshold.
    QFont f(families.front());
    f.setFamilies(families);
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferFullHinting);
    return f;
}

// Draws text in one line, shrinking from maxPx to minPx to fit width, then eliding. Returns its rect.
QRect drawFittedLine(QPainter& p, const QString& text, int x, int y, int width, int maxPx, int minPx, bool bold,
                     const QStringList& families = {QStringLiteral("DejaVu Sans")}, bool alignRight = false) {
    QFont f = receiptFont(maxPx, bold, families);
    for (int px = maxPx; px >= minPx; px -= 2) {
        f.setPixelSize(px);
        if (QFontMetrics(f).horizontalAdvance(text) <= width) break;
    }
    const QFontMetrics fm(f);
    const QString shown = fm.horizontalAdvance(text) <= width ? text : fm.elidedText(text, Qt::ElideRight, width);
    const QRect r(x, y, width, fm.height());
    p.setFont(f);
    p.drawText(r, (alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    return r;
}

// Word-wrapped text at one size; returns the rect used (height as needed).
QRect drawWrapped(QPainter& p, const QString& text, int x, int y, int width, const QFont& font, bool alignRight) {
    p.setFont(font);
    const int flags = (alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop | Qt::TextWordWrap;
    const QRect need = p.boundingRect(QRect(x, y, width, 1000), flags, text);
    const QRect r(x, y, width, need.height());
    p.drawText(r, flags, text);
    return r;
}

// The name matters to the officer: one line if it fits (shrinking), else word-wrapped onto two lines,
// else (one unbreakable word too long) elided on one line.
QRect drawName(QPainter& p, const QString& name, int x, int y, int width, bool alignRight) {
    QFont f = receiptFont(34, true);
    for (int px = 34; px >= 26; px -= 2) {
        f.setPixelSize(px);
        if (QFontMetrics(f).horizontalAdvance(name) <= width)
            return drawFittedLine(p, name, x, y, width, px, px, true, {QStringLiteral("DejaVu Sans")}, alignRight);
    }
    f.setPixelSize(28);
    const QFontMetrics fm(f);
    const QRect wrapped = fm.boundingRect(QRect(0, 0, width, 10 * fm.height()), Qt::TextWordWrap, name);
    if (wrapped.width() <= width && wrapped.height() <= 2 * fm.lineSpacing()) {
        const QRect r(x, y, width, wrapped.height());
        p.setFont(f);
        p.drawText(r, (alignRight ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop | Qt::TextWordWrap, name);
        return r;
    }
    return drawFittedLine(p, name, x, y, width, 26, 26, true, {QStringLiteral("DejaVu Sans")}, alignRight);
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

QStringList receiptLanguages() {
    QStringList out;
    for (const auto& s : kStrings) out << QLatin1String(s.lang);
    return out;
}

QString receiptLanguageFor(const QString& languageCode) {
    QString code = languageCode.trimmed();
    code.replace(QLatin1Char('_'), QLatin1Char('-'));
    const QString lower = code.toLower();
    const QString primary = lower.section(QLatin1Char('-'), 0, 0);
    if (primary == QLatin1String("zh")) {
        const bool traditional = lower.contains(QLatin1String("hant")) || lower.endsWith(QLatin1String("-tw")) ||
                                 lower.endsWith(QLatin1String("-hk")) || lower.endsWith(QLatin1String("-mo"));
        return traditional ? QStringLiteral("zh-Hant") : QStringLiteral("zh-Hans");
    }
    for (const auto& s : kStrings)
        if (primary == QLatin1String(s.lang)) return primary;
    return QStringLiteral("en");
}

QImage composeReceipt(const ReceiptContent& content, int dotsPerLine) {
    return composeReceipt(content, dotsPerLine, nullptr);
}

QImage composeReceipt(const ReceiptContent& c, int dotsPerLine, ReceiptLayout* layoutOut) {
    // Runs on a worker thread with a width a device reported: never throw, lay out at the minimum instead.
    dotsPerLine = std::max(dotsPerLine, kMinDotsPerLine);
    const QString lang = receiptLanguageFor(c.languageCode);
    const ReceiptStrings& s = stringsFor(lang);
    const ReceiptStrings& en = kStrings[0];
    const bool bilingual = lang != QLatin1String("en");
    const Script script = scriptFor(lang);
    const QStringList& tf = script.families;  // traveler-language fonts
    const bool rtl = script.rightToLeft;
    const QStringList latin{QStringLiteral("DejaVu Sans")};
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
    int y = 10;

    // Header: where and what, in the traveler's language then English.
    const QRect port = drawFittedLine(p, c.portOfEntry, left, y, width, 32, 22, true, latin, rtl);
    y = port.bottom() + 2;
    const QRect title = drawFittedLine(p, tr8(s.title), left, y, width, 24, 18, false, tf, rtl);
    y = title.bottom() + 1;
    if (bilingual) y = drawFittedLine(p, tr8(en.title), left, y, width, 18, 16, false, latin, rtl).bottom() + 1;
    y += 6;
    drawRule(p, left, y, width, 4);
    y += 4;
    L.header = QRect(left, port.top(), width, y - port.top());
    y += 12;

    // Decision: icon on the reading side, large words beside it, wrapped; English below in bold.
    // The one thing a tired traveler must read.
    const QRect icon(rtl ? left + width - kIconDots : left, y, kIconDots, kIconDots);
    if (c.outcome == Outcome::Cleared) drawCheckIcon(p, icon); else drawReferIcon(p, icon);
    p.setPen(Qt::black);
    p.setBrush(Qt::NoBrush);
    const QString decision = tr8(c.outcome == Outcome::Cleared ? s.cleared : s.referred);
    const QString decisionEn = tr8(c.outcome == Outcome::Cleared ? en.cleared : en.referred);
    const int textWidth = width - kIconDots - 18;
    const int textLeft = rtl ? left : left + kIconDots + 18;
    const int wrapFlags = (rtl ? Qt::AlignRight : Qt::AlignLeft) | Qt::TextWordWrap;
    QFont big = receiptFont(50, true, tf);
    QFont enFont = receiptFont(24, true, latin);
    QRect enBox;
    int enHeight = 0;
    QRect textBox;
    // Text without spaces (Japanese, Chinese) breaks between any two characters, which can leave one
    // character alone on a line: such text goes on one line when it fits at 34 px or more.
    int startPx = 50;
    if (!decision.contains(QLatin1Char(' '))) {
        for (int px = 50; px >= 34; px -= 2) {
            big.setPixelSize(px);
            if (QFontMetrics(big).horizontalAdvance(decision) <= textWidth) {
                startPx = px;
                break;
            }
        }
    }
    for (int px = startPx; px >= 28; px -= 2) {  // shrink until it fits beside the icon (long translations)
        big.setPixelSize(px);
        enFont.setPixelSize(std::min(24, px - 8));
        textBox = QFontMetrics(big).boundingRect(QRect(0, 0, textWidth, 10 * kIconDots), wrapFlags, decision);
        enBox = bilingual ? QFontMetrics(enFont).boundingRect(QRect(0, 0, textWidth, 400), wrapFlags, decisionEn) : QRect();
        enHeight = bilingual ? enBox.height() + 4 : 0;
        if (textBox.height() + enHeight <= kIconDots && textBox.width() <= textWidth) break;
    }
    const int decisionHeight = std::max(kIconDots, textBox.height() + enHeight);
    const int textTop = y + (decisionHeight - textBox.height() - enHeight) / 2;
    p.setFont(big);
    p.drawText(QRect(textLeft, textTop, textWidth, textBox.height()), wrapFlags, decision);
    if (bilingual) {
        p.setFont(enFont);
        p.drawText(QRect(textLeft, textTop + textBox.height() + 4, textWidth, enBox.height()), wrapFlags, decisionEn);
    }
    L.decision = QRect(left, y, width, decisionHeight);
    y += decisionHeight + 14;
    drawRule(p, left, y, width, 2);
    y += 2 + 10;

    // Who: the name as on the document; it never runs off the paper.
    L.name = drawName(p, c.travelerName, left, y, width, rtl);
    y = L.name.bottom() + 8;

    // Details: label (traveler's language, English below it in small type) and value. Right to left, the
    // labels stand at the right edge and the values to their left.
    const int detailsTop = y;
    const QFont labelFont = receiptFont(19, false, tf);
    const QFont labelEnFont = receiptFont(14, false, latin);
    const std::pair<const char*, const char*> labels[] = {{s.document, en.document}, {s.program, en.program},
                                                          {s.time, en.time},         {s.kiosk, en.kiosk},
                                                          {s.transaction, en.transaction}};
    int labelWidth = 0;
    for (const auto& [t, e] : labels) {
        labelWidth = std::max(labelWidth, QFontMetrics(labelFont).horizontalAdvance(tr8(t)));
        if (bilingual) labelWidth = std::max(labelWidth, QFontMetrics(labelEnFont).horizontalAdvance(tr8(e)));
    }
    labelWidth = std::clamp(labelWidth + 14, 110, width * 2 / 5);
    const int valueWidth = width - labelWidth;
    const auto detail = [&](const std::pair<const char*, const char*>& label, const QString& value) {
        const int labelX = rtl ? left + width - labelWidth + 10 : left;  // 10 dots between label and value
        const int valueX = rtl ? left : left + labelWidth;
        const QRect l1 = drawFittedLine(p, tr8(label.first), labelX, y, labelWidth - 10, 19, 14, false, tf, rtl);
        int labelBottom = l1.bottom();
        if (bilingual) labelBottom = drawFittedLine(p, tr8(label.second), labelX, l1.bottom(), labelWidth - 10, 14, 12, false, latin, rtl).bottom();
        const int labelHeight = labelBottom - y + 1;
        // Values the officer may type in (transaction) must not be elided: on narrow paper a value that
        // does not fit beside its label goes on its own line below it.
        const bool fitsBeside = QFontMetrics(receiptFont(18, false)).horizontalAdvance(value) <= valueWidth;
        QRect r;
        if (fitsBeside) {
            const int h = QFontMetrics(receiptFont(24, false)).height();
            r = drawFittedLine(p, value, valueX, y + std::max(0, (labelHeight - h) / 2), valueWidth, 24, 18, false, latin, rtl);
        } else {
            r = drawFittedLine(p, value, left + (rtl ? 0 : 12), labelBottom + 1, width - 12, 24, 16, false, latin, rtl);
        }
        y = std::max(labelBottom, r.bottom()) + 5;
    };
    detail(labels[0], QStringLiteral("\u2022\u2022\u2022\u2022 ") + c.documentLast4.right(4));
    detail(labels[1], c.programName);
    detail(labels[2], c.localTime.toString(QStringLiteral("yyyy-MM-dd  HH:mm")));
    detail(labels[3], c.kioskId);
    detail(labels[4], c.transactionNumber);
    L.details = QRect(left, detailsTop, width, y - detailsTop);

    // QR slot: the signed code, rastered here so every printer prints the same symbol, with the officer's
    // caption and coded reason beside it. No code, no paper.
    const QString officerCode =
        c.outcome == Outcome::Referred && !c.reasonCode.isEmpty() ? QStringLiteral("R-") + c.reasonCode : QString();
    bool officerCodeDrawn = false;
    L.qrSlot = QRect(left, y, width, 0);
    if (!c.signedCode.isEmpty()) {
        const QByteArray text = c.signedCode.toLatin1();
        const auto symbol = qr::encode(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                                       {.ecc = qr::Ecc::M});
        if (symbol) {
            // 4-dot modules; 3 when the paper is too narrow for the symbol and a caption beside it.
            int module = kQrModuleDots;
            if ((symbol->size + 2 * kQrQuietModules) * module + 120 > width) module = 3;
            const int quiet = kQrQuietModules * module;
            const int side = symbol->size * module;
            const int slotTop = y + 4;
            const int qx = left + quiet / 2;  // the paper margin outside the column is white too
            const int qy = slotTop + quiet;
            for (int my = 0; my < symbol->size; ++my)
                for (int mx = 0; mx < symbol->size; ++mx)
                    if (symbol->dark(mx, my)) p.fillRect(QRect(qx + mx * module, qy + my * module, module, module), Qt::black);
            L.qrSymbol = QRect(qx, qy, side, side);
            L.qrVersion = symbol->version;
            L.qrModuleDots = module;
            // Caption and officer code, beside the symbol.
            const int capX = qx + side + quiet;
            const int capW = left + width - capX;
            p.setPen(Qt::black);
            int cy = qy;
            cy = drawWrapped(p, QString::fromLatin1(kOfficerHeading), capX, cy, capW, receiptFont(20, true), false).bottom() + 2;
            cy = drawWrapped(p, QString::fromLatin1(kOfficerScan), capX, cy, capW, receiptFont(18, false), false).bottom() + 10;
            if (!officerCode.isEmpty()) {
                const QFont codeFont = receiptFont(22, true);
                const QFontMetrics fm(codeFont);
                L.officerCode = QRect(capX, cy, fm.horizontalAdvance(officerCode) + 14, fm.height() + 8);
                p.setPen(QPen(Qt::black, 2));
                p.drawRect(L.officerCode.adjusted(1, 1, -1, -1));
                p.setFont(codeFont);
                p.drawText(L.officerCode, Qt::AlignCenter, officerCode);
                cy = L.officerCode.bottom() + 1;
                officerCodeDrawn = true;
            }
            const int slotBottom = std::max(qy + side + quiet, cy + 8);
            L.qrSlot = QRect(left, y, width, slotBottom - y);
            y = slotBottom;
        }
        // A code that does not fit a version-10 symbol is a programming error upstream; the receipt still
        // prints, without a code (the slot stays empty), rather than not at all.
    }

    // Footer for the traveler (and in English); then the officer's code if it has no QR to stand beside.
    y += 6;
    drawRule(p, left, y, width, 2);
    y += 2 + 6;
    p.setPen(Qt::black);
    y = drawWrapped(p, tr8(s.keep), left, y, width, receiptFont(19, false, tf), rtl).bottom() + 1;
    if (bilingual) y = drawWrapped(p, tr8(en.keep), left, y, width, receiptFont(15, false, latin), rtl).bottom() + 1;
    y += 5;
    if (!officerCode.isEmpty() && !officerCodeDrawn) {
        const QFont codeFont = receiptFont(18, true);
        const QFontMetrics fm(codeFont);
        const int w = fm.horizontalAdvance(officerCode) + 12;
        L.officerCode = QRect(left + width - w, y, w, fm.height() + 6);
        p.setPen(QPen(Qt::black, 2));
        p.drawRect(L.officerCode.adjusted(1, 1, -1, -1));
        p.setFont(codeFont);
        p.drawText(L.officerCode, Qt::AlignCenter, officerCode);
        y = L.officerCode.bottom() + 1;
    }
    y += 12;  // paper below the last line before the feed
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
        .rasterImageTrimmed(receiptRaster.width(), receiptRaster.height(), packed)
        // ~17 mm at the default 1/6" line spacing: carries the last printed line past the cutter.
        .feedLines(4)
        .cut(escpos::CutKind::Partial);
    return job.bytes();
}

std::vector<std::uint8_t> encodeReceiptJobNativeQr(const QImage& receiptRaster, const QString& signedCode, int moduleDots) {
    const std::vector<std::uint8_t> packed = packRaster(receiptRaster);
    escpos::JobBuilder job;
    job.initialize().rasterImageTrimmed(receiptRaster.width(), receiptRaster.height(), packed);
    if (!signedCode.isEmpty()) {
        const QByteArray text = signedCode.toLatin1();
        job.qrCode(std::string_view(text.constData(), static_cast<std::size_t>(text.size())), moduleDots, 'M');
    }
    job.feedLines(4).cut(escpos::CutKind::Partial);
    return job.bytes();
}

}  // namespace kiosk::receipt

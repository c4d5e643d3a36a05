#include "app/technician/console/passport_diagnostics.h"
#include "app/technician/console/diagnostic_image.h"

#include <QDate>
#include <QMetaObject>

#include <algorithm>
#include <utility>

#include "app/documents/ocr/mrz_reader.h"
#include "devices/passport/passport_reader.h"
#include "devices/sim/passports/passport_page_generator.h"

namespace kiosk::technician {
namespace {


// Where the OCR found text lines, tinted: a translucent colour over the page where the mask is set.
QImage tint(const GreyImage& mask, QColor colour) {
    if (!mask.isValid()) return {};
    QImage out(mask.width, mask.height, QImage::Format_ARGB32_Premultiplied);
    out.fill(Qt::transparent);
    colour.setAlpha(110);
    const QRgb c = colour.rgba();
    const QRgb premultiplied = qPremultiply(c);
    for (int y = 0; y < mask.height; ++y) {
        auto* row = reinterpret_cast<QRgb*>(out.scanLine(y));
        for (int x = 0; x < mask.width; ++x)
            if (mask.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(mask.width) + static_cast<std::size_t>(x)])
                row[x] = premultiplied;
    }
    return out;
}

}  // namespace

struct PassportDiagnostics::Outcome {
    bool ok = false;
    QString message;
    QImage page, overlay, band;
    QVariantList printedArea;
    QStringList lines;
    QList<double> confidences;
    double milliseconds = 0;
    QString conditions;
    std::shared_ptr<const documents::ocr::MrzReader> ocr;
};

PassportDiagnostics::PassportDiagnostics(std::shared_ptr<devices::PassportReader> reader, QObject* parent)
    : QObject(parent), reader_(std::move(reader)) {
    pool_.setMaxThreadCount(1);
}

PassportDiagnostics::~PassportDiagnostics() { pool_.waitForDone(); }

void PassportDiagnostics::readTestPage(int degradation) {
    if (busy_) return;
    busy_ = true;
    if (record_) record_("passport.test_page");
    emit resultChanged();
    const auto level = static_cast<sim::Degradation>(std::clamp(degradation, 0, 3));
    const std::uint64_t seed = nextSeed_++;
    pool_.start([this, level, seed, ocr = ocr_] {
        Outcome o;
        o.ocr = ocr;
        if (!o.ocr) {
            auto created = documents::ocr::MrzReader::create();
            if (!created) {
                o.message = QString::fromStdString(created.error().describe());
                QMetaObject::invokeMethod(this, [this, o = std::move(o)]() mutable { show(std::move(o)); }, Qt::QueuedConnection);
                return;
            }
            o.ocr = std::make_shared<const documents::ocr::MrzReader>(std::move(*created));
        }
        auto page = sim::syntheticPage(seed, level, documents::DocumentFormat::TD3);
        if (!page) {
            o.message = QString::fromStdString(page.error().describe());
        } else {
            o.page = toQImage(page->page.image);
            o.conditions = QStringLiteral("synthetic TD3 page, %1 capture, rotated %2°")
                               .arg(QString::fromUtf8(sim::degradationName(level)))
                               .arg(page->conditions.rotation + (page->conditions.upsideDown ? 180 : 0), 0, 'f', 1);
            // The printed MRZ area's bounding box, to compare with where the OCR found the band.
            double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
            for (const auto& corner : page->page.mrzCorners) {
                x0 = std::min(x0, corner[0]), x1 = std::max(x1, corner[0]);
                y0 = std::min(y0, corner[1]), y1 = std::max(y1, corner[1]);
            }
            o.printedArea.append(QRectF(x0, y0, x1 - x0, y1 - y0));
            const QDate today = QDate::currentDate();
            const documents::ParseOptions options{CalendarDate{today.year(), today.month(), today.day()}, true};
            documents::ocr::OcrStages stages;
            auto read = o.ocr->readWithStages(page->page.image, options, stages);
            o.overlay = tint(stages.lineMask, QColor(0, 170, 255));
            o.band = toQImage(stages.band);
            for (const auto& line : stages.lines) o.lines << QString::fromStdString(line);
            if (read) {
                o.ok = true;
                o.lines.clear();
                for (const auto& line : read->lines) o.lines << QString::fromStdString(line);
                for (const float c : read->confidences) o.confidences << static_cast<double>(c);
                o.milliseconds = read->milliseconds;
                o.message = read->lines == page->page.mrz ? QStringLiteral("Read and validated; matches the printed MRZ.")
                                                          : QStringLiteral("Read and validated, but differs from the printed MRZ.");
            } else {
                o.message = QString::fromStdString(read.error().describe());
            }
        }
        QMetaObject::invokeMethod(this, [this, o = std::move(o)]() mutable { show(std::move(o)); }, Qt::QueuedConnection);
    });
}

QString PassportDiagnostics::readerState() const {
    if (!reader_) return QStringLiteral("no passport reader configured");
    const auto health = reader_->health();
    static const char* const names[] = {"disconnected", "ready", "busy", "error"};
    QString s = QString::fromStdString(reader_->name()) + QStringLiteral(": ") +
                QLatin1String(names[static_cast<int>(health.state)]);
    if (!health.detail.empty()) s += QStringLiteral(" (") + QString::fromStdString(health.detail) + QLatin1Char(')');
    return s;
}

void PassportDiagnostics::show(Outcome o) {
    busy_ = false;
    if (o.ocr) ocr_ = o.ocr;
    readOk_ = o.ok;
    message_ = std::move(o.message);
    page_ = std::move(o.page);
    pageOverlay_ = std::move(o.overlay);
    printedArea_ = std::move(o.printedArea);
    band_ = std::move(o.band);
    lines_ = std::move(o.lines);
    confidences_ = std::move(o.confidences);
    lowestConfidence_ = confidences_.isEmpty() ? 0 : *std::min_element(confidences_.cbegin(), confidences_.cend());
    milliseconds_ = o.milliseconds;
    conditions_ = std::move(o.conditions);
    emit resultChanged();
}

}  // namespace kiosk::technician

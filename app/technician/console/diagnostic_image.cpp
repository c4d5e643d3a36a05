#include "app/technician/console/diagnostic_image.h"

#include <QPainter>

#include <algorithm>

namespace kiosk::technician {

QImage toQImage(const GreyImage& g) {
    if (!g.isValid()) return {};
    QImage img(g.width, g.height, QImage::Format_Grayscale8);
    for (int y = 0; y < g.height; ++y)
        std::copy_n(g.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(g.width),
                    static_cast<std::size_t>(g.width), img.scanLine(y));
    return img;
}

DiagnosticImage::DiagnosticImage(QQuickItem* parent) : QQuickPaintedItem(parent) {}

void DiagnosticImage::setImage(const QImage& image) {
    image_ = image;
    emit imageChanged();
    update();
}

void DiagnosticImage::setOverlay(const QImage& overlay) {
    overlay_ = overlay;
    emit overlayChanged();
    update();
}

void DiagnosticImage::setOverlayVisible(bool visible) {
    if (overlayVisible_ == visible) return;
    overlayVisible_ = visible;
    emit overlayChanged();
    update();
}

void DiagnosticImage::setHighlights(const QVariantList& highlights) {
    highlights_ = highlights;
    emit highlightsChanged();
    update();
}

void DiagnosticImage::setHighlightColor(const QColor& color) {
    highlightColor_ = color;
    emit highlightsChanged();
    update();
}

void DiagnosticImage::paint(QPainter* painter) {
    if (image_.isNull() || width() <= 0 || height() <= 0) return;
    const QSizeF fitted = QSizeF(image_.size()).scaled(QSizeF(width(), height()), Qt::KeepAspectRatio);
    const QRectF target((width() - fitted.width()) / 2, (height() - fitted.height()) / 2, fitted.width(),
                        fitted.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(target, image_);
    // The overlay has the image's aspect (it may be at another resolution: 500 dpi stages).
    if (overlayVisible_ && !overlay_.isNull()) painter->drawImage(target, overlay_);
    if (highlights_.isEmpty()) return;
    const double sx = target.width() / image_.width(), sy = target.height() / image_.height();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(highlightColor_, 4));
    painter->setBrush(Qt::NoBrush);
    for (const auto& v : highlights_) {
        const QRectF r = v.toRectF();
        painter->drawRect(QRectF(target.x() + r.x() * sx, target.y() + r.y() * sy, r.width() * sx, r.height() * sy));
    }
}

}  // namespace kiosk::technician

#pragma once
// An image with an optional overlay of the same aspect drawn over it, and highlight rectangles in the
// image's pixel coordinates: the live fingerprint with its stages, the passport page with its MRZ
// band, a wizard's picture. Fitted into the item, aspect kept, centred.
#include <QImage>
#include <QQuickPaintedItem>
#include <QRectF>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include "app/core/grey_image.h"

namespace kiosk::technician {

// A device's grey image as a QImage (a copy; null for an invalid image): what every page and wizard
// draws.
[[nodiscard]] QImage toQImage(const GreyImage& grey);

class DiagnosticImage : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QImage image READ image WRITE setImage NOTIFY imageChanged)
    Q_PROPERTY(QImage overlay READ overlay WRITE setOverlay NOTIFY overlayChanged)
    Q_PROPERTY(bool overlayVisible READ overlayVisible WRITE setOverlayVisible NOTIFY overlayChanged)
    Q_PROPERTY(QVariantList highlights READ highlights WRITE setHighlights NOTIFY highlightsChanged)
    Q_PROPERTY(QColor highlightColor READ highlightColor WRITE setHighlightColor NOTIFY highlightsChanged)
    Q_PROPERTY(bool hasImage READ hasImage NOTIFY imageChanged)

public:
    explicit DiagnosticImage(QQuickItem* parent = nullptr);

    [[nodiscard]] QImage image() const { return image_; }
    void setImage(const QImage& image);
    [[nodiscard]] QImage overlay() const { return overlay_; }
    void setOverlay(const QImage& overlay);
    [[nodiscard]] bool overlayVisible() const { return overlayVisible_; }
    void setOverlayVisible(bool visible);
    [[nodiscard]] QVariantList highlights() const { return highlights_; }
    void setHighlights(const QVariantList& highlights);
    [[nodiscard]] QColor highlightColor() const { return highlightColor_; }
    void setHighlightColor(const QColor& color);
    [[nodiscard]] bool hasImage() const { return !image_.isNull(); }

    void paint(QPainter* painter) override;

signals:
    void imageChanged();
    void overlayChanged();
    void highlightsChanged();

private:
    QImage image_;
    QImage overlay_;
    bool overlayVisible_ = true;
    QVariantList highlights_;
    QColor highlightColor_ = QColor(0xff, 0xd0, 0x40);
};

}  // namespace kiosk::technician

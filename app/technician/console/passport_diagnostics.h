#pragma once
// The passport page: the reader's identity and state, and an OCR check on a synthetic data page
// (devices/sim/passports): the page with the band the OCR located, the rectified band, and each
// character's confidence. The simulator's reader hands over MRZ text only, and a real page image
// holds personal data, so the page shown is always a synthetic one.
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace kiosk::devices {
class PassportReader;
}
namespace kiosk::documents::ocr {
class MrzReader;
}

namespace kiosk::technician {

class PassportDiagnostics : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The console creates it")

    Q_PROPERTY(bool busy READ busy NOTIFY resultChanged)
    Q_PROPERTY(bool hasResult READ hasResult NOTIFY resultChanged)
    Q_PROPERTY(bool readOk READ readOk NOTIFY resultChanged)
    Q_PROPERTY(QString message READ message NOTIFY resultChanged)
    Q_PROPERTY(QImage page READ page NOTIFY resultChanged)
    Q_PROPERTY(QImage pageOverlay READ pageOverlay NOTIFY resultChanged)
    Q_PROPERTY(QVariantList printedArea READ printedArea NOTIFY resultChanged)
    Q_PROPERTY(QImage band READ band NOTIFY resultChanged)
    Q_PROPERTY(QStringList lines READ lines NOTIFY resultChanged)
    Q_PROPERTY(QList<double> confidences READ confidences NOTIFY resultChanged)
    Q_PROPERTY(double lowestConfidence READ lowestConfidence NOTIFY resultChanged)
    Q_PROPERTY(double milliseconds READ milliseconds NOTIFY resultChanged)
    Q_PROPERTY(QString conditions READ conditions NOTIFY resultChanged)
    Q_PROPERTY(QString readerState READ readerState NOTIFY resultChanged)

public:
    explicit PassportDiagnostics(std::shared_ptr<devices::PassportReader> reader, QObject* parent = nullptr);
    ~PassportDiagnostics() override;

    // Renders a synthetic TD3 page (a new invented document each time) captured at the level
    // (0 none, 1 mild, 2 medium, 3 hard) and reads it, off the UI thread.
    Q_INVOKABLE void readTestPage(int degradation = 1);

    [[nodiscard]] bool busy() const { return busy_; }
    [[nodiscard]] bool hasResult() const { return !page_.isNull(); }
    [[nodiscard]] bool readOk() const { return readOk_; }
    [[nodiscard]] QString message() const { return message_; }
    [[nodiscard]] QImage page() const { return page_; }
    [[nodiscard]] QImage pageOverlay() const { return pageOverlay_; }
    [[nodiscard]] QVariantList printedArea() const { return printedArea_; }
    [[nodiscard]] QImage band() const { return band_; }
    [[nodiscard]] QStringList lines() const { return lines_; }
    [[nodiscard]] QList<double> confidences() const { return confidences_; }
    [[nodiscard]] double lowestConfidence() const { return lowestConfidence_; }
    [[nodiscard]] double milliseconds() const { return milliseconds_; }
    [[nodiscard]] QString conditions() const { return conditions_; }
    [[nodiscard]] QString readerState() const;  // "simulated passport reader: ready"

    // Each technician action taken here ("printer.test_receipt"), for the audit trail.
    void setActionRecorder(std::function<void(std::string)> record) { record_ = std::move(record); }

signals:
    void resultChanged();

private:
    std::function<void(std::string)> record_;
    struct Outcome;
    void show(Outcome outcome);

    std::shared_ptr<devices::PassportReader> reader_;
    std::shared_ptr<const documents::ocr::MrzReader> ocr_;  // built on the worker, used only there
    QThreadPool pool_;
    std::uint64_t nextSeed_ = 9303;

    bool busy_ = false;
    bool readOk_ = false;
    QString message_;
    QImage page_, pageOverlay_, band_;
    QVariantList printedArea_;
    QStringList lines_;
    QList<double> confidences_;
    double lowestConfidence_ = 0;
    double milliseconds_ = 0;
    QString conditions_;
};

}  // namespace kiosk::technician

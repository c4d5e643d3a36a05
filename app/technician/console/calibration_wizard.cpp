#include "app/technician/console/calibration_wizard.h"

#include <algorithm>
#include <utility>

namespace kiosk::technician {

QList<WizardFigure> chartFigures(const calibration::CalibrationRecord& record, std::span<const FigureLabel> labels) {
    QList<WizardFigure> out;
    for (const auto& label : labels) {
        const auto f = std::find_if(record.figures.begin(), record.figures.end(),
                                    [&](const auto& x) { return x.name == label.name; });
        if (f == record.figures.end()) continue;
        WizardFigure w;
        w.name = QString::fromLatin1(label.label);
        w.before = f->before;
        w.after = f->after;
        w.unit = QString::fromStdString(f->unit);
        w.lowerIsBetter = label.lowerIsBetter;
        out << w;
    }
    return out;
}

CalibrationWizard::CalibrationWizard(QString title, QString device, QString summary, QObject* parent)
    : QObject(parent), title_(std::move(title)), device_(std::move(device)), summary_(std::move(summary)) {}

QVariantList CalibrationWizard::highlights() const {
    QVariantList out;
    for (const auto& r : highlights_) out.append(r);
    return out;
}

QVariantList CalibrationWizard::figures() const {
    QVariantList out;
    for (const auto& f : figures_) out.append(QVariant::fromValue(f));
    return out;
}

void CalibrationWizard::cancel() {
    if (status_ != Status::Running) return;
    status_ = Status::Cancelled;
    working_ = false;
    stepText_ = QStringLiteral("Cancelled");
    prompt_ = QStringLiteral("Nothing was changed. Start again when ready.");
    nextLabel_.clear();
    emit changed();
}

void CalibrationWizard::setStep(const QString& stepText, const QString& prompt, const QString& nextLabel,
                                double progress) {
    status_ = Status::Running;
    stepText_ = stepText;
    prompt_ = prompt;
    nextLabel_ = nextLabel;
    progress_ = std::clamp(progress, 0.0, 1.0);
    emit changed();
}

void CalibrationWizard::setWorking(bool working) {
    if (working_ == working) return;
    working_ = working;
    emit changed();
}

void CalibrationWizard::setImage(const QImage& image, const QList<QRectF>& highlights) {
    image_ = image;
    highlights_ = highlights;
    emit changed();
}

void CalibrationWizard::finish(bool passed, const QStringList& problems, const QList<WizardFigure>& figures) {
    status_ = passed ? Status::Passed : Status::Failed;
    working_ = false;
    progress_ = 1.0;
    nextLabel_.clear();
    stepText_ = passed ? QStringLiteral("Passed") : QStringLiteral("Failed");
    prompt_ = passed ? QStringLiteral("The result is recorded in the calibration history.")
                     : QStringLiteral("The result is recorded. Put right what is listed below, then start again.");
    problems_ = problems;
    figures_ = figures;
    emit changed();
    emit finished(passed);
}

void CalibrationWizard::reset() {
    status_ = Status::Running;
    working_ = false;
    progress_ = 0;
    stepText_.clear();
    prompt_.clear();
    nextLabel_.clear();
    image_ = {};
    highlights_.clear();
    problems_.clear();
    figures_.clear();
    emit changed();
}

}  // namespace kiosk::technician

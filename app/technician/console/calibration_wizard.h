#pragma once
// What the wizard screen shows of any calibration wizard (fingerprint, passport, printer): a title,
// the current step's words and picture with regions to look at, progress, and at the end pass or
// fail with problems and before/after figures. The calibration engineers' wizards are adapted to it
// by subclassing: they call the protected setters; the screen calls start(), next(), cancel().
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <span>

#include "app/calibration/calibration_record.h"

namespace kiosk::technician {

// One measured figure, before and after the correction, for the before/after chart.
struct WizardFigure {
    Q_GADGET
    Q_PROPERTY(QString name MEMBER name)
    Q_PROPERTY(double before MEMBER before)
    Q_PROPERTY(double after MEMBER after)
    Q_PROPERTY(QString unit MEMBER unit)
    Q_PROPERTY(bool lowerIsBetter MEMBER lowerIsBetter)
public:
    QString name;
    double before = 0;
    double after = 0;
    QString unit;
    bool lowerIsBetter = true;
};

// How the chart shows one figure of a calibration record: its words and which way is better (the
// record holds numbers only).
struct FigureLabel {
    const char* name;  // as the record names it: "nonuniformity_percent"
    const char* label;  // as the technician reads it: "illumination non-uniformity"
    bool lowerIsBetter;
};
// The record's figures named in `labels`, in that order and in those words; others are not charted.
[[nodiscard]] QList<WizardFigure> chartFigures(const calibration::CalibrationRecord& record,
                                               std::span<const FigureLabel> labels);

class CalibrationWizard : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Wizards come from the calibration modules")

    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(QString device READ device NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)
    Q_PROPERTY(Status status READ status NOTIFY changed)
    Q_PROPERTY(QString stepText READ stepText NOTIFY changed)
    Q_PROPERTY(QString prompt READ prompt NOTIFY changed)
    Q_PROPERTY(QString nextLabel READ nextLabel NOTIFY changed)
    Q_PROPERTY(bool canGoNext READ canGoNext NOTIFY changed)
    Q_PROPERTY(bool working READ working NOTIFY changed)
    Q_PROPERTY(double progress READ progress NOTIFY changed)
    Q_PROPERTY(QImage image READ image NOTIFY changed)
    Q_PROPERTY(bool hasImage READ hasImage NOTIFY changed)
    Q_PROPERTY(QVariantList highlights READ highlights NOTIFY changed)
    Q_PROPERTY(QStringList problems READ problems NOTIFY changed)
    Q_PROPERTY(QVariantList figures READ figures NOTIFY changed)

public:
    enum class Status { Idle, Running, Passed, Failed, Cancelled };
    Q_ENUM(Status)

    CalibrationWizard(QString title, QString device, QString summary, QObject* parent = nullptr);

    [[nodiscard]] QString title() const { return title_; }
    [[nodiscard]] QString device() const { return device_; }
    [[nodiscard]] QString summary() const { return summary_; }
    [[nodiscard]] Status status() const { return status_; }
    [[nodiscard]] QString stepText() const { return stepText_; }
    [[nodiscard]] QString prompt() const { return prompt_; }
    [[nodiscard]] QString nextLabel() const { return nextLabel_; }
    [[nodiscard]] bool canGoNext() const { return status_ == Status::Running && !working_ && !nextLabel_.isEmpty(); }
    [[nodiscard]] bool working() const { return working_; }
    [[nodiscard]] double progress() const { return progress_; }
    [[nodiscard]] QImage image() const { return image_; }
    [[nodiscard]] bool hasImage() const { return !image_.isNull(); }
    [[nodiscard]] QVariantList highlights() const;
    [[nodiscard]] QStringList problems() const { return problems_; }
    [[nodiscard]] QVariantList figures() const;
    [[nodiscard]] const QList<WizardFigure>& figureList() const { return figures_; }

    // The screen's buttons. start() begins again from the first step.
    Q_INVOKABLE virtual void start() = 0;
    Q_INVOKABLE virtual void next() = 0;  // the technician did what the prompt asked
    Q_INVOKABLE virtual void cancel();

signals:
    void changed();
    void finished(bool passed);  // the wizard's record is the subclass's to store

protected:
    // A step: its name ("2 of 4: clean the platen"), the instruction, and the next button's words
    // (empty: no button, the wizard moves on by itself).
    void setStep(const QString& stepText, const QString& prompt, const QString& nextLabel, double progress);
    void setWorking(bool working);  // measuring: the next button waits
    void setImage(const QImage& image, const QList<QRectF>& highlights = {});
    void finish(bool passed, const QStringList& problems, const QList<WizardFigure>& figures);
    void reset();  // back to Running at no step, for start()

private:
    QString title_, device_, summary_;
    Status status_ = Status::Idle;
    QString stepText_, prompt_, nextLabel_;
    bool working_ = false;
    double progress_ = 0;
    QImage image_;
    QList<QRectF> highlights_;
    QStringList problems_;
    QList<WizardFigure> figures_;
};

}  // namespace kiosk::technician

#pragma once
// A small wizard for the wizard screen's tests and pictures: three steps on a synthetic platen
// image, then pass or fail with two figures. The real wizards live in app/calibration.
#include <QImage>
#include <QPainter>

#include "app/technician/console/calibration_wizard.h"

namespace kiosk::test {

class FakeWizard : public technician::CalibrationWizard {
public:
    explicit FakeWizard(bool willPass, QObject* parent = nullptr)
        : CalibrationWizard(QStringLiteral("Fingerprint scanner: flat field"), QStringLiteral("fingerprint"),
                            QStringLiteral("Measures the empty platen's illumination and corrects it."), parent),
          willPass_(willPass) {}

    void start() override {
        reset();
        step_ = 0;
        show();
    }
    void next() override {
        if (status() != Status::Running) return;
        if (++step_ < 3) {
            show();
            return;
        }
        if (willPass_)
            finish(true, {}, {figure("illumination non-uniformity", 18.4, 2.1, QStringLiteral("%")),
                              figure("dust specks", 7, 0, {})});
        else
            finish(false, {QStringLiteral("a latent print remains after cleaning: clean the platen again")},
                   {figure("illumination non-uniformity", 18.4, 16.9, QStringLiteral("%")),
                    figure("dust specks", 7, 5, {})});
    }
    int step() const { return step_; }

private:
    static technician::WizardFigure figure(const char* name, double before, double after, const QString& unit) {
        technician::WizardFigure f;
        f.name = QString::fromLatin1(name);
        f.before = before;
        f.after = after;
        f.unit = unit;
        return f;
    }
    void show() {
        static const char* const prompts[] = {"Remove any finger and close the lid.",
                                              "Clean the platen with the lint-free cloth.",
                                              "Place the white calibration target."};
        static const char* const labels[] = {"The platen is empty", "I have cleaned the platen",
                                             "The target is in place"};
        const auto i = static_cast<std::size_t>(step_);
        setStep(QStringLiteral("Step %1 of 3").arg(step_ + 1), QString::fromLatin1(prompts[i]),
                QString::fromLatin1(labels[i]), step_ / 3.0);
        QImage img(360, 400, QImage::Format_Grayscale8);
        img.fill(QColor(220, 220, 220));
        QPainter p(&img);
        p.setBrush(QColor(150, 150, 150));
        p.setPen(Qt::NoPen);
        p.drawEllipse(QPointF(250, 120), 30, 30);  // a smudge the technician should see
        setImage(img, {QRectF(210, 80, 80, 80)});
    }
    bool willPass_;
    int step_ = 0;
};

}  // namespace kiosk::test

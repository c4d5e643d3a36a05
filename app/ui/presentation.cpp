#include "app/ui/presentation.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QTranslator>

#include "app/ui/languages.h"

namespace kiosk::ui {
namespace {
Presentation* gInstance = nullptr;
}

Presentation::Presentation(QObject* parent) : QObject(parent), translator_(new QTranslator(this)) {}

Presentation::~Presentation() {
    if (gInstance == this) gInstance = nullptr;
}

void Presentation::setInstance(Presentation* instance) { gInstance = instance; }

Presentation* Presentation::create(QQmlEngine* engine, QJSEngine*) {
    if (!gInstance) gInstance = new Presentation(engine);  // tests of single components
    QJSEngine::setObjectOwnership(gInstance, QJSEngine::CppOwnership);
    gInstance->engine_ = engine;
    return gInstance;
}

Presentation* Presentation::instance() { return gInstance; }

bool Presentation::rightToLeft() const {
    const auto* l = findLanguage(language_);
    return l && l->rightToLeft;
}

QStringList Presentation::languages() const { return languageCodes(); }

QString Presentation::endonym(const QString& code) const {
    const auto* l = findLanguage(code);
    return l ? QString::fromUtf8(l->endonym) : code;
}

bool Presentation::setLanguage(const QString& code) {
    if (!findLanguage(code)) return false;
    if (code == language_) return true;
    QCoreApplication::removeTranslator(translator_);
    // English is the source language; the others come from assets/translations, compiled in.
    if (code != QLatin1String("en")) {
        if (!translator_->load(QStringLiteral(":/i18n/kiosk_%1.qm").arg(code))) return false;
        QCoreApplication::installTranslator(translator_);
    }
    language_ = code;
    emit languageChanged();
    if (engine_) engine_->retranslate();
    return true;
}

void Presentation::setLargeText(bool on) {
    if (on == largeText_) return;
    largeText_ = on;
    emit largeTextChanged();
}

void Presentation::setHighContrast(bool on) {
    if (on == highContrast_) return;
    highContrast_ = on;
    emit highContrastChanged();
}

void Presentation::reset() {
    setLanguage(QStringLiteral("en"));
    setLargeText(false);
    setHighContrast(false);
}

}  // namespace kiosk::ui

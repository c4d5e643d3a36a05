#pragma once
// How the kiosk presents itself to the traveler in front of it: language, reading direction, text
// size, contrast. Chosen per traveler and reset when the transaction ends. A QML singleton so the
// Theme can derive sizes and colours from it; the application owns the one instance.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <functional>

class QQmlEngine;
class QJSEngine;
class QTranslator;

namespace kiosk::ui {

class Presentation : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(bool rightToLeft READ rightToLeft NOTIFY languageChanged)
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(bool largeText READ largeText WRITE setLargeText NOTIFY largeTextChanged)
    Q_PROPERTY(bool highContrast READ highContrast WRITE setHighContrast NOTIFY highContrastChanged)

public:
    // No default constructor: QML must take the application's instance through create().
    explicit Presentation(QObject* parent);
    ~Presentation() override;

    // The application's instance, registered before QML first asks for the singleton.
    static void setInstance(Presentation* instance);
    static Presentation* create(QQmlEngine* engine, QJSEngine* scriptEngine);
    [[nodiscard]] static Presentation* instance();

    [[nodiscard]] QString language() const { return language_; }
    [[nodiscard]] bool rightToLeft() const;
    [[nodiscard]] QStringList languages() const;
    [[nodiscard]] bool largeText() const { return largeText_; }
    [[nodiscard]] bool highContrast() const { return highContrast_; }
    void setLargeText(bool on);
    void setHighContrast(bool on);

    // Installs the language's translations (compiled into the application) and retranslates QML.
    Q_INVOKABLE bool setLanguage(const QString& code);
    Q_INVOKABLE QString endonym(const QString& code) const;
    // Back to the kiosk's default for the next traveler.
    void reset();

signals:
    void languageChanged();
    void largeTextChanged();
    void highContrastChanged();

private:
    QString language_ = QStringLiteral("en");
    bool largeText_ = false;
    bool highContrast_ = false;
    QTranslator* translator_ = nullptr;
    QQmlEngine* engine_ = nullptr;  // the kiosk's engine, to retranslate; none in C++-only tests
};

}  // namespace kiosk::ui

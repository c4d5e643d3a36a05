#pragma once
// The languages the kiosk speaks, as the US passport-control kiosks offer them, and the language a
// passport's nationality suggests.
#include <QString>
#include <QStringList>

namespace kiosk::ui {

struct Language {
    const char* code;      // BCP 47, also the .ts/.qm file suffix
    const char* endonym;   // the language's name in itself, as the language screen shows it
    bool rightToLeft;
};

inline constexpr Language kLanguages[] = {
    {"en", "English", false},        {"ko", "한국어", false},     {"ja", "日本語", false},
    {"zh_CN", "简体中文", false},    {"zh_TW", "繁體中文", false}, {"es", "Español", false},
    {"fr", "Français", false},       {"de", "Deutsch", false},    {"nl", "Nederlands", false},
    {"pt", "Português", false},      {"it", "Italiano", false},   {"ru", "Русский", false},
    {"ar", "العربية", true},
};

[[nodiscard]] const Language* findLanguage(const QString& code);
[[nodiscard]] QStringList languageCodes();
// The likely language of a holder of this nationality (ICAO code); English when unsure.
[[nodiscard]] QString languageForNationality(const QString& icaoCode);

}  // namespace kiosk::ui

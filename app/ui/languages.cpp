#include "app/ui/languages.h"

#include <QHash>

namespace kiosk::ui {

const Language* findLanguage(const QString& code) {
    for (const auto& l : kLanguages)
        if (code == QLatin1String(l.code)) return &l;
    return nullptr;
}

QStringList languageCodes() {
    QStringList codes;
    for (const auto& l : kLanguages) codes << QString::fromLatin1(l.code);
    return codes;
}

QString languageForNationality(const QString& icaoCode) {
    static const QHash<QString, QString> kByNationality = [] {
        QHash<QString, QString> m;
        auto add = [&m](const char* language, std::initializer_list<const char*> states) {
            for (const char* s : states) m.insert(QString::fromLatin1(s), QString::fromLatin1(language));
        };
        add("ko", {"KOR"});
        add("ja", {"JPN"});
        add("zh_CN", {"CHN"});
        add("zh_TW", {"TWN", "HKG", "MAC"});
        add("es", {"ESP", "MEX", "ARG", "COL", "CHL", "PER", "VEN", "ECU", "GTM", "CUB", "BOL", "DOM", "HND",
                   "PRY", "SLV", "NIC", "CRI", "PAN", "URY"});
        add("fr", {"FRA", "MCO", "SEN", "CIV", "CMR", "MLI", "BFA", "NER", "TCD", "GIN", "HTI", "BEN", "TGO",
                   "GAB", "COG", "COD", "MDG"});
        add("de", {"D", "DEU", "AUT", "LIE"});
        add("nl", {"NLD", "SUR"});
        add("pt", {"PRT", "BRA", "AGO", "MOZ", "CPV", "GNB", "STP", "TLS"});
        add("it", {"ITA", "SMR", "VAT"});
        add("ru", {"RUS", "BLR", "KAZ", "KGZ"});
        add("ar", {"SAU", "ARE", "EGY", "JOR", "KWT", "QAT", "BHR", "OMN", "IRQ", "SYR", "LBN", "LBY", "DZA",
                   "MAR", "TUN", "YEM", "SDN", "PSE", "MRT"});
        return m;
    }();
    return kByNationality.value(icaoCode, QStringLiteral("en"));
}

}  // namespace kiosk::ui

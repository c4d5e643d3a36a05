// Every string the QML shows is translated, and finished, in every shipped language. The strings
// are collected afresh with lupdate from the QML sources, so a new qsTr without translations fails.
#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include "tests/support/test_paths.h"

namespace {

struct Entry {
    QString context;
    QString source;
    QString translation;
    bool finished = true;
};

std::vector<Entry> readTs(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&f);
    std::vector<Entry> entries;
    QString context;
    Entry current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        if (xml.name() == QLatin1String("name")) context = xml.readElementText();
        else if (xml.name() == QLatin1String("message")) current = Entry{context, {}, {}, true};
        else if (xml.name() == QLatin1String("source")) current.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            current.finished = type.isEmpty();  // "unfinished", "vanished", "obsolete" are not
            current.translation = xml.readElementText();
            entries.push_back(current);
        }
    }
    REQUIRE_FALSE(xml.hasError());
    return entries;
}

}  // namespace

TEST_CASE("every shipped language translates every string the screens show") {
    const QString src = QString::fromStdString(kiosk::test::sourceDir().string());
    QTemporaryDir tmp;
    REQUIRE(tmp.isValid());
    const QString fresh = tmp.filePath(QStringLiteral("kiosk_xx.ts"));
    QProcess lupdate;
    lupdate.start(QStringLiteral(KIOSK_LUPDATE),
                  {src + QStringLiteral("/qml"), QStringLiteral("-ts"), fresh, QStringLiteral("-silent")});
    REQUIRE(lupdate.waitForFinished(60000));
    REQUIRE(lupdate.exitCode() == 0);
    const auto current = readTs(fresh);
    REQUIRE(current.size() > 40);

    const QStringList shipped = {"ko", "ja", "zh_CN", "zh_TW", "es", "fr", "de", "nl", "pt", "it", "ru", "ar"};
    for (const auto& lang : shipped) {
        INFO(lang.toStdString());
        const auto entries = readTs(src + QStringLiteral("/assets/translations/kiosk_%1.ts").arg(lang));
        QHash<QString, Entry> byKey;
        for (const auto& e : entries) byKey.insert(e.context + QChar(0) + e.source, e);
        for (const auto& needed : current) {
            INFO(needed.context.toStdString() << ": " << needed.source.toStdString());
            const auto it = byKey.constFind(needed.context + QChar(0) + needed.source);
            REQUIRE(it != byKey.constEnd());
            CHECK(it->finished);
            CHECK_FALSE(it->translation.trimmed().isEmpty());
            // Placeholders survive translation: "%1" in the source must be in the translation.
            for (const auto& ph : {QStringLiteral("%1"), QStringLiteral("%2")})
                if (needed.source.contains(ph)) CHECK(it->translation.contains(ph));
        }
    }
}

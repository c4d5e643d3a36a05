#include "app/scenario_file.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace kiosk::app {

Result<Scenario> parseScenario(const QByteArray& json, const std::string& sourceName) {
    QJsonParseError error{};
    const auto doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Error::Code::InvalidInput, "not valid JSON: " + error.errorString().toStdString(), sourceName);
    const auto root = doc.object();
    if (root.value("format").toString() != QLatin1String("kiosk-scenario") || root.value("version").toInt() != 1)
        return fail(Error::Code::InvalidInput, "not a kiosk-scenario version 1 file", sourceName);
    Scenario scenario;
    const auto visits = root.value("visits").toArray();
    for (qsizetype i = 0; i < visits.size(); ++i) {
        const auto o = visits.at(i).toObject();
        const auto where = sourceName + ": visits[" + std::to_string(i) + "]";
        ScenarioVisit v;
        v.traveler = o.value("traveler").toString();
        if (v.traveler.isEmpty()) return fail(Error::Code::InvalidInput, "traveler is required", where);
        v.passport = o.value("passport").toString(v.passport);
        v.language = o.value("language").toString(v.language);
        v.finger = o.value("finger").toString(v.finger);
        for (const auto& d : o.value("declare").toArray()) v.declare << d.toString();
        v.expect = o.value("expect").toString();
        static const QStringList kOutcomes = {"cleared", "referred", "regular-lane", "document-refused"};
        if (!kOutcomes.contains(v.expect))
            return fail(Error::Code::InvalidInput, "expect must be one of " + kOutcomes.join(", ").toStdString(), where);
        scenario.visits.push_back(v);
    }
    if (scenario.visits.empty()) return fail(Error::Code::InvalidInput, "the scenario has no visits", sourceName);
    return scenario;
}

Result<Scenario> loadScenario(const std::filesystem::path& file) {
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly)) return fail(Error::Code::Io, "cannot read the scenario", file.string());
    // Errors name the file by its name only, as before the split; "cannot read" keeps the full path.
    return parseScenario(f.readAll(), file.filename().string());
}

}  // namespace kiosk::app

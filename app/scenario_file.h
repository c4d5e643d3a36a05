#pragma once
// The scenario file (assets/scenarios/*.json, format "kiosk-scenario" version 1): what --play replays.
// Parsing only, Qt Core only, so the player, the tests and the fuzz target share one parser.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <string>
#include <vector>

#include "app/core/error.h"

namespace kiosk::app {

struct ScenarioVisit {
    QString traveler;
    QString language = QStringLiteral("en");
    QString passport = QStringLiteral("clean");
    QString finger = QStringLiteral("genuine");
    QStringList declare;  // customs question ids answered "yes"
    QString expect;       // "cleared", "referred", "regular-lane", "document-refused"
};

struct Scenario {
    std::vector<ScenarioVisit> visits;
};

// sourceName names the file in error contexts ("demo.json: visits[2]"). Every malformed part ->
// InvalidInput; the values themselves never appear in a message.
[[nodiscard]] Result<Scenario> parseScenario(const QByteArray& json, const std::string& sourceName);
[[nodiscard]] Result<Scenario> loadScenario(const std::filesystem::path& file);

}  // namespace kiosk::app

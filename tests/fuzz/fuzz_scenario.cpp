// Scenario file parser (app/scenario_file.h, Qt Core JSON), what --play reads. Properties: no crash;
// an accepted scenario has at least one visit, each with a traveler and one of the four outcomes.
#include <QByteArray>
#include <QStringList>

#include "app/scenario_file.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 64 * 1024) return 0;
    const auto json = QByteArray::fromRawData(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const auto scenario = kiosk::app::parseScenario(json, "fuzz.json");
    if (!scenario) {
        KIOSK_FUZZ_CHECK(!scenario.error().message.empty());
        return 0;
    }
    static const QStringList kOutcomes = {"cleared", "referred", "regular-lane", "document-refused"};
    KIOSK_FUZZ_CHECK(!scenario->visits.empty());
    for (const auto& visit : scenario->visits) {
        KIOSK_FUZZ_CHECK(!visit.traveler.isEmpty());
        KIOSK_FUZZ_CHECK(kOutcomes.contains(visit.expect));
    }
    return 0;
}

#pragma once
// What every calibration wizard ends with: pass or fail, the figures it measured, and where its
// correction was stored. Appended to <calibration dir>/history.jsonl so the technician screen and
// remote support can see when each device was last calibrated and how it went.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/core/error.h"

namespace kiosk::calibration {

struct Figure {
    std::string name;  // "background_nonuniformity_percent"
    double before = 0;
    double after = 0;
    std::string unit;  // "%", "grey levels", ""
};

struct CalibrationRecord {
    std::string device;  // "fingerprint", "passport", "printer"
    std::string time;    // UTC ISO 8601
    bool passed = false;
    std::vector<std::string> problems;  // technician words; empty when passed
    std::vector<Figure> figures;
    std::string correctionFile;  // relative to the calibration folder; empty when none was stored
};

// One JSON line per record; creates the folder when missing.
[[nodiscard]] Result<void> appendRecord(const std::filesystem::path& calibrationDir, const CalibrationRecord& record);
// Every record of the history, oldest first; lines that do not parse are skipped and counted.
[[nodiscard]] Result<std::vector<CalibrationRecord>> readHistory(const std::filesystem::path& calibrationDir);
[[nodiscard]] std::string toJson(const CalibrationRecord& record);

}  // namespace kiosk::calibration

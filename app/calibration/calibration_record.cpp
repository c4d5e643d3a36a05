#include "app/calibration/calibration_record.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fstream>

namespace kiosk::calibration {

namespace {
constexpr const char* kHistoryFile = "history.jsonl";
}

std::string toJson(const CalibrationRecord& record) {
    QJsonArray problems;
    for (const auto& p : record.problems) problems.append(QString::fromStdString(p));
    QJsonArray figures;
    for (const auto& f : record.figures)
        figures.append(QJsonObject{{"name", QString::fromStdString(f.name)},
                                   {"before", f.before},
                                   {"after", f.after},
                                   {"unit", QString::fromStdString(f.unit)}});
    const QJsonObject o{{"device", QString::fromStdString(record.device)},
                        {"time", QString::fromStdString(record.time)},
                        {"passed", record.passed},
                        {"problems", problems},
                        {"figures", figures},
                        {"correction_file", QString::fromStdString(record.correctionFile)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

Result<void> appendRecord(const std::filesystem::path& calibrationDir, const CalibrationRecord& record) {
    std::error_code ec;
    std::filesystem::create_directories(calibrationDir, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the calibration folder: " + ec.message(), calibrationDir.string());
    const auto file = calibrationDir / kHistoryFile;
    std::ofstream out(file, std::ios::app);
    out << toJson(record) << '\n';
    out.flush();
    if (!out) return fail(Error::Code::Io, "cannot append to the calibration history", file.string());
    return {};
}

Result<std::vector<CalibrationRecord>> readHistory(const std::filesystem::path& calibrationDir) {
    std::vector<CalibrationRecord> records;
    std::ifstream in(calibrationDir / kHistoryFile);
    if (!in) return records;  // never calibrated
    std::string line;
    while (std::getline(in, line)) {
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(line));
        if (!doc.isObject()) continue;
        const auto o = doc.object();
        CalibrationRecord r;
        r.device = o.value("device").toString().toStdString();
        r.time = o.value("time").toString().toStdString();
        r.passed = o.value("passed").toBool();
        for (const auto& p : o.value("problems").toArray()) r.problems.push_back(p.toString().toStdString());
        for (const auto& f : o.value("figures").toArray()) {
            const auto fo = f.toObject();
            r.figures.push_back({fo.value("name").toString().toStdString(), fo.value("before").toDouble(),
                                 fo.value("after").toDouble(), fo.value("unit").toString().toStdString()});
        }
        r.correctionFile = o.value("correction_file").toString().toStdString();
        records.push_back(std::move(r));
    }
    return records;
}

}  // namespace kiosk::calibration

#pragma once
// Shared helpers for the member-cache tests: temporary directories and member lists built as JSON.
#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace kiosk::members::test {

// A unique directory under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("kiosk-members-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
                 std::to_string(std::random_device{}()));
        std::filesystem::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline std::vector<std::uint8_t> fakeTemplate(std::uint32_t seed, std::size_t size = 300) {
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> t(size);
    for (auto& b : t) b = static_cast<std::uint8_t>(rng() & 0xffU);
    // ISO/IEC 19794-2 records start with "FMR\0"; the cache does not check, but the data looks real.
    t[0] = 'F', t[1] = 'M', t[2] = 'R', t[3] = 0;
    return t;
}

inline QString base64(const std::vector<std::uint8_t>& bytes) {
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size())).toBase64());
}

inline QJsonObject program(const char* name, const char* status, const char* expires) {
    return QJsonObject{{"program", name}, {"status", status}, {"expires", expires}};
}

inline QJsonObject document(const char* issuer, const char* number, const char* birth) {
    return QJsonObject{{"issuing_state", issuer}, {"number", number}, {"birth_date", birth}};
}

inline QJsonObject finger(int position, int quality, const std::vector<std::uint8_t>& iso) {
    return QJsonObject{{"position", position}, {"quality", quality}, {"iso19794_2", base64(iso)}};
}

inline QJsonObject memberList(std::int64_t sequence, const QJsonArray& members) {
    return QJsonObject{{"format", "kiosk-member-list"},
                       {"version", 1},
                       {"sequence", static_cast<qint64>(sequence)},
                       {"created", "2026-11-26T00:00:00Z"},
                       {"members", members}};
}

inline void writeJson(const std::filesystem::path& file, const QJsonObject& root) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Compact);
    out.write(bytes.constData(), bytes.size());
}

inline std::vector<std::uint8_t> readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Edits members[i] (and optionally one element of one of its lists) of a member list in place.
inline void editMember(QJsonObject& root, qsizetype i, const std::function<void(QJsonObject&)>& edit) {
    QJsonArray members = root["members"].toArray();
    QJsonObject m = members[i].toObject();
    edit(m);
    members[i] = m;
    root["members"] = members;
}

inline void editItem(QJsonObject& root, qsizetype i, const char* list, qsizetype j,
                     const std::function<void(QJsonObject&)>& edit) {
    editMember(root, i, [&](QJsonObject& m) {
        QJsonArray items = m[list].toArray();
        QJsonObject item = items[j].toObject();
        edit(item);
        items[j] = item;
        m[list] = items;
    });
}

}  // namespace kiosk::members::test

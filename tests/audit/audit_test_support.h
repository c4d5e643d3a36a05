#pragma once
// Helpers for the audit tests: a scratch folder, a fresh Ed25519 key, a clock the test moves, and raw
// SQL on a segment (the tests tamper behind the log's back).
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "app/audit/audit_log.h"

namespace audit_test {

using namespace std::chrono_literals;
using kiosk::audit::AuditLog;
using kiosk::audit::AuditOptions;
using kiosk::audit::Entry;

class ScratchDir {
public:
    ScratchDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("kiosk-audit-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path audit() const { return path_ / "audit"; }

private:
    std::filesystem::path path_;
};

struct KeyPair {
    std::array<std::uint8_t, 64> secret{};
    kiosk::audit::PublicKey pub{};
    KeyPair() {
        if (sodium_init() < 0) std::abort();
        crypto_sign_keypair(pub.data(), secret.data());
    }
};

// A clock the test moves by hand; starts at 2026-11-20 10:00:00 UTC.
struct ManualClock {
    std::shared_ptr<std::chrono::system_clock::time_point> now = std::make_shared<std::chrono::system_clock::time_point>(
        std::chrono::sys_days{std::chrono::year{2026} / 11 / 20} + 10h);
    [[nodiscard]] kiosk::audit::Clock clock() const {
        auto shared = now;
        return [shared] { return *shared; };
    }
    void advance(std::chrono::system_clock::duration d) const { *now += d; }
};

inline AuditOptions options(const ManualClock& clock) {
    AuditOptions o;
    o.kioskId = "KIOSK-07";
    o.clock = clock.clock();
    return o;
}

inline Entry step(std::string txn, std::string name, std::string outcome = "ok") {
    return Entry{std::move(txn), std::move(name), std::move(outcome), {}};
}

// Runs SQL on a segment file with a separate connection; returns sqlite's result code.
inline int rawSql(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close_v2(db);
    return rc;
}

// Flips one byte of every head signature in a segment (SQLite 3.40 has no unhex()).
inline bool flipSignatureByte(const std::filesystem::path& file, int index) {
    sqlite3* db = nullptr;
    bool ok = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    sqlite3_stmt* read = nullptr;
    sqlite3_stmt* write = nullptr;
    ok = ok && sqlite3_prepare_v2(db, "SELECT id, signature FROM heads", -1, &read, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db, "UPDATE heads SET signature = ? WHERE id = ?", -1, &write, nullptr) == SQLITE_OK;
    int changed = 0;
    while (ok && sqlite3_step(read) == SQLITE_ROW) {
        const auto* blob = static_cast<const unsigned char*>(sqlite3_column_blob(read, 1));
        std::string bytes(reinterpret_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_column_bytes(read, 1)));
        bytes.at(static_cast<std::size_t>(index)) = static_cast<char>(bytes.at(static_cast<std::size_t>(index)) ^ 0x01);
        sqlite3_reset(write);
        sqlite3_bind_blob(write, 1, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(write, 2, sqlite3_column_int64(read, 0));
        ok = sqlite3_step(write) == SQLITE_DONE;
        ++changed;
    }
    sqlite3_finalize(read);
    sqlite3_finalize(write);
    sqlite3_close_v2(db);
    return ok && changed > 0;
}

inline std::filesystem::path segment(const std::filesystem::path& folder, const std::string& day, int part = 0) {
    return folder / ("audit-" + day + (part > 0 ? "-" + std::to_string(part) : std::string()) + ".sqlite");
}

}  // namespace audit_test

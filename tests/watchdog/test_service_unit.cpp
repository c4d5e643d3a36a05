// kiosk-config/clearance-kiosk.service: the keys the watchdog and the hardening rely on, and, where
// systemd-analyze exists, systemd's own check of the unit.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using Unit = std::map<std::string, std::multimap<std::string, std::string>>;  // section → key → values

const std::filesystem::path kUnitFile = std::filesystem::path(KIOSK_SOURCE_DIR) / "kiosk-config/clearance-kiosk.service";

Unit parseUnit(const std::filesystem::path& path) {
    Unit unit;
    std::ifstream in(path);
    REQUIRE(in);
    std::string line;
    std::string section;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[' && line.back() == ']') {
            section = line.substr(1, line.size() - 2);
            continue;
        }
        const auto equals = line.find('=');
        REQUIRE(equals != std::string::npos);
        unit[section].emplace(line.substr(0, equals), line.substr(equals + 1));
    }
    return unit;
}

std::vector<std::string> values(const Unit& unit, const std::string& section, const std::string& key) {
    std::vector<std::string> out;
    const auto it = unit.find(section);
    if (it == unit.end()) return out;
    const auto [begin, end] = it->second.equal_range(key);
    for (auto value = begin; value != end; ++value) out.push_back(value->second);
    return out;
}

std::string value(const Unit& unit, const std::string& section, const std::string& key) {
    const auto all = values(unit, section, key);
    return all.empty() ? std::string("<missing>") : all.back();
}

}  // namespace

TEST_CASE("the unit runs the kiosk under the watchdog with a restart limit") {
    const Unit unit = parseUnit(kUnitFile);
    CHECK(value(unit, "Service", "Type") == "notify");
    CHECK(value(unit, "Service", "WatchdogSec") == "10");
    CHECK(value(unit, "Service", "NotifyAccess") == "main");
    CHECK(value(unit, "Service", "Restart") == "always");
    CHECK(value(unit, "Service", "RestartSec") == "2");
    CHECK(value(unit, "Unit", "StartLimitIntervalSec") == "5min");
    CHECK(value(unit, "Unit", "StartLimitBurst") == "5");
    CHECK(value(unit, "Unit", "FailureAction") != "<missing>");
    const auto exec = value(unit, "Service", "ExecStart");
    CHECK(exec.find("--config /etc/clearance-kiosk/site.json") != std::string::npos);
    CHECK(value(unit, "Service", "User") == "clearance-kiosk");
    const auto environment = values(unit, "Service", "Environment");
    CHECK(std::find(environment.begin(), environment.end(), "QT_QPA_PLATFORM=wayland") != environment.end());
}

TEST_CASE("the unit is hardened and sees only the devices it needs") {
    const Unit unit = parseUnit(kUnitFile);
    CHECK(value(unit, "Service", "ProtectSystem") == "strict");
    CHECK(value(unit, "Service", "ReadWritePaths") == "/var/lib/clearance-kiosk");
    CHECK(value(unit, "Service", "PrivateTmp") == "yes");
    CHECK(value(unit, "Service", "NoNewPrivileges") == "yes");
    CHECK(value(unit, "Service", "ProtectHome") != "<missing>");
    CHECK(value(unit, "Service", "DevicePolicy") == "closed");
    const auto devices = values(unit, "Service", "DeviceAllow");
    CHECK(std::find(devices.begin(), devices.end(), "char-usb_device rw") != devices.end());
    // The data folder the kiosk is told to use is the one it may write.
    CHECK(value(unit, "Service", "ExecStart").find("--data-dir /var/lib/clearance-kiosk") != std::string::npos);
}

TEST_CASE("systemd-analyze verify accepts the unit") {
    if (std::system("command -v systemd-analyze >/dev/null 2>&1") != 0) {
        WARN("systemd-analyze is not installed here; the unit's syntax was not checked by systemd");
        return;
    }
    // The kiosk binary and the compositor unit exist only on a kiosk; stand in for them.
    const auto folder = std::filesystem::temp_directory_path() / ("kiosk-unit-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    const auto copy = folder / "clearance-kiosk.service";
    {
        std::ifstream in(kUnitFile);
        std::ofstream out(copy);
        std::string line;
        while (std::getline(in, line)) {
            if (line.starts_with("Requires=weston-kiosk.service")) continue;
            if (line.starts_with("After=")) line = "After=systemd-user-sessions.service";
            if (line.starts_with("ExecStart=")) line = "ExecStart=/bin/true";
            out << line << '\n';
        }
    }
    const std::string command = "systemd-analyze verify '" + copy.string() + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = ::pclose(pipe);
    std::filesystem::remove_all(folder);
    INFO(output);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}

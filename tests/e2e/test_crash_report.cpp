// A crash leaves a report with the signal and the stack, and nothing of the process's memory.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/crash_report.h"

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("a crash writes a report with the signal and the stack, once, and no traveler data") {
    const fs::path dir = fs::temp_directory_path() / ("kiosk-crash-" + std::to_string(getpid()));
    fs::remove_all(dir);
    const pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        kiosk::app::installCrashReporter(dir, "9.9.9-test");
        // What a traveler's transaction holds at the moment of a crash.
        volatile const char* mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
        (void)mrz;
        raise(SIGSEGV);
        _exit(0);  // not reached
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGSEGV);  // the default action still happens: systemd sees the crash

    std::vector<fs::path> reports;
    for (const auto& e : fs::directory_iterator(dir)) reports.push_back(e.path());
    REQUIRE(reports.size() == 1);
    const auto text = readAll(reports[0]);
    CHECK(text.find("signal: SIGSEGV") != std::string::npos);
    CHECK(text.find("version: 9.9.9-test") != std::string::npos);
    CHECK(text.find("stack") != std::string::npos);
    CHECK(text.find("ERIKSSON") == std::string::npos);
    CHECK((fs::status(reports[0]).permissions() & fs::perms::others_read) == fs::perms::none);

    const auto unseen = kiosk::app::takeUnseenCrashReport(dir);
    REQUIRE(unseen);
    CHECK(unseen->extension() == ".seen");
    CHECK_FALSE(kiosk::app::takeUnseenCrashReport(dir));  // reported once
    fs::remove_all(dir);
}

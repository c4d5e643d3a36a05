// `kioskctl technician set-pin` from the outside: the PIN piped on stdin, then checked with PinStore.
// KIOSKCTL names the program (tests/technician/CMakeLists.txt passes $<TARGET_FILE:kioskctl>).
#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "app/technician/pin_store.h"
#include "tests/technician/temp_folder.h"

using namespace kiosk::technician;

namespace {

struct Run {
    int exitCode = -1;
    std::string output;  // stdout and stderr
};

// Runs kioskctl with stdin from `input` (a pipe, so not a terminal).
Run kioskctl(const std::string& arguments, const std::string& input, const TempFolder& folder) {
    const char* program = std::getenv("KIOSKCTL");
    REQUIRE(program != nullptr);
    const auto log = folder.path() / "kioskctl.log";
    const std::string command = std::string("'") + program + "' technician set-pin " + arguments + " >'" +
                                log.string() + "' 2>&1";
    FILE* pipe = ::popen(command.c_str(), "w");
    REQUIRE(pipe != nullptr);
    std::fwrite(input.data(), 1, input.size(), pipe);
    const int status = ::pclose(pipe);
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    std::filesystem::remove(log);
    return run;
}

std::unique_ptr<PinStore> openFast(const std::filesystem::path& pinFile) {
    PinStoreOptions options;
    options.hashCost = HashCost::Minimum;  // verifying reads the cost from the stored hash
    auto store = PinStore::open(pinFile, options);
    REQUIRE(store.has_value());
    return std::move(*store);
}

}  // namespace

TEST_CASE("kioskctl technician set-pin stores a PIN the kiosk accepts") {
    if (std::getenv("KIOSKCTL") == nullptr) {
        WARN("KIOSKCTL is not set (run through CTest); skipped");
        return;
    }
    TempFolder folder;
    const auto data = folder.path() / "data";
    const Run run = kioskctl("--id t-017 --data-dir '" + data.string() + "'", "482915\n", folder);
    INFO(run.output);
    REQUIRE(run.exitCode == 0);
    CHECK(run.output.find("482915") == std::string::npos);

    const auto pinFile = data / "technician-pins.json";
    struct stat info {};
    REQUIRE(::stat(pinFile.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);

    auto store = openFast(pinFile);
    const auto now = Clock::now();
    CHECK(std::holds_alternative<Accepted>(store->verify("t-017", "482915", now).value()));
    CHECK(std::holds_alternative<Rejected>(store->verify("t-017", "482916", now).value()));

    // --pin-file names the file itself; a second technician joins the first.
    const Run second = kioskctl("--id t-018 --pin-file '" + pinFile.string() + "'", "739104", folder);
    INFO(second.output);
    REQUIRE(second.exitCode == 0);
    CHECK(std::holds_alternative<Accepted>(store->verify("t-018", "739104", now).value()));
    CHECK(std::holds_alternative<Accepted>(store->verify("t-017", "482915", now).value()));
}

TEST_CASE("kioskctl technician set-pin refuses weak PINs and bad arguments, changing nothing") {
    if (std::getenv("KIOSKCTL") == nullptr) {
        WARN("KIOSKCTL is not set (run through CTest); skipped");
        return;
    }
    TempFolder folder;
    const auto data = folder.path() / "data";
    const std::string dataArg = "--data-dir '" + data.string() + "'";
    for (const char* weak : {"123456\n", "111111\n", "12345\n", "48a915\n", "\n", ""}) {
        INFO("PIN input: " << weak);
        const Run run = kioskctl("--id t-017 " + dataArg, weak, folder);
        CHECK(run.exitCode == 1);
        CHECK_FALSE(std::filesystem::exists(data / "technician-pins.json"));
    }
    CHECK(kioskctl(dataArg, "482915\n", folder).exitCode == 2);                   // no --id
    CHECK(kioskctl("--id t-017", "482915\n", folder).exitCode == 2);              // no file
    CHECK(kioskctl("--id 'a b' " + dataArg, "482915\n", folder).exitCode == 2);   // bad id
    CHECK(kioskctl("--id t-017 " + dataArg + " --pin-file x", "482915\n", folder).exitCode == 2);
    CHECK_FALSE(std::filesystem::exists(data / "technician-pins.json"));
}

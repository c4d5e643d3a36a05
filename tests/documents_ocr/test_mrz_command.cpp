#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/wait.h>

namespace {

struct Run {
    int status = -1;
    std::string out;
};

Run kioskctl(const std::string& arguments, const std::string& input) {
    const std::string file = "test_mrz_command_input.txt";
    std::ofstream(file) << input;
    Run run;
    FILE* pipe = popen((std::string(KIOSKCTL_PATH) + " " + arguments + " < " + file).c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    while (const auto n = std::fread(buffer, 1, sizeof buffer, pipe)) run.out.append(buffer, n);
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::remove(file.c_str());
    return run;
}

}  // namespace

TEST_CASE("kioskctl mrz parse prints the Doc 9303 specimens as JSON", "[ocr][kioskctl]") {
    const auto run = kioskctl("mrz parse --today 2010-01-01",
                              "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                              "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n\n"
                              "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\n"
                              "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n");
    CHECK(run.status == 0);
    const auto newline = run.out.find('\n');
    REQUIRE(newline != std::string::npos);
    const std::string td3 = run.out.substr(0, newline), td1 = run.out.substr(newline + 1);
    CHECK(td3.find("\"format\":\"TD3\"") != std::string::npos);
    CHECK(td3.find("\"documentNumber\":\"L898902C3\"") != std::string::npos);
    CHECK(td3.find("\"primaryIdentifier\":\"ERIKSSON\"") != std::string::npos);
    CHECK(td3.find("\"secondaryIdentifier\":\"ANNA MARIA\"") != std::string::npos);
    CHECK(td3.find("\"birthDate\":\"1974-08-12\"") != std::string::npos);
    CHECK(td3.find("{\"field\":\"composite\",\"line\":2,\"column\":44,\"found\":\"0\",\"expected\":\"0\",\"ok\":true}") !=
          std::string::npos);
    CHECK(td3.find("\"valid\":true,\"errors\":[]") != std::string::npos);
    CHECK(td1.find("\"format\":\"TD1\"") != std::string::npos);
    CHECK(td1.find("\"documentNumber\":\"D23145890\"") != std::string::npos);
}

TEST_CASE("kioskctl mrz parse reports failing check digits and exits 1", "[ocr][kioskctl]") {
    const auto run = kioskctl("mrz parse --today 2010-01-01",
                              "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                              "L898902C36UTO7408122F1204159ZE184226B<<<<<11\n");
    CHECK(run.status == 1);
    CHECK(run.out.find("\"valid\":false") != std::string::npos);
    CHECK(run.out.find("\"ok\":false") != std::string::npos);
    CHECK(run.out.find("composite check digit") != std::string::npos);
    CHECK(kioskctl("mrz parse --today 2010-13-45", "").status == 2);
}

// The built kioskctl against a real audit folder: verify passes, then fails with the seq after tampering.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "tests/audit/audit_test_support.h"

using namespace audit_test;

namespace {

struct Run {
    int exitCode = -1;
    std::string output;
};

Run kioskctl(const std::string& args) {
    const std::string command = std::string(KIOSKCTL_PATH) + " " + args + " 2>&1";
    Run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.output.append(buffer, n);
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace

TEST_CASE("kioskctl audit verify and show", "[audit][kioskctl]") {
    ScratchDir dir;
    KeyPair key;
    ManualClock clock;
    {
        auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
        REQUIRE(log);
        for (int i = 1; i <= 6; ++i) {
            Entry e = step("T" + std::to_string((i + 1) / 2), i % 2 ? "transaction.started" : "transaction.ended", "ok");
            e.details.integer("i", i);
            REQUIRE(log->append(e));
            if (i == 3) clock.advance(24h);
        }
        REQUIRE(log->close());
    }
    const std::string audit = dir.audit().string();
    const std::string pub = kiosk::audit::toHex(key.pub);

    auto intact = kioskctl("audit verify --dir " + audit + " --public-key " + pub);
    INFO(intact.output);
    CHECK(intact.exitCode == 0);
    CHECK_THAT(intact.output, Catch::StartsWith("intact: 6 records"));

    // The kiosk's data folder holds the receipt-signing key; verify derives the public key from it.
    const auto dataDir = dir.path() / "data";
    std::filesystem::create_directories(dataDir);
    {
        std::ofstream out(dataDir / "receipt-signing.key", std::ios::binary);
        out.write(reinterpret_cast<const char*>(key.secret.data()), static_cast<std::streamsize>(key.secret.size()));
    }
    ::chmod((dataDir / "receipt-signing.key").c_str(), 0600);
    auto viaDataDir = kioskctl("audit verify --dir " + audit + " --data-dir " + dataDir.string());
    INFO(viaDataDir.output);
    CHECK(viaDataDir.exitCode == 0);

    auto shown = kioskctl("audit show --dir " + audit + " --transaction T2");
    INFO(shown.output);
    CHECK(shown.exitCode == 0);
    CHECK_THAT(shown.output, Catch::Contains(R"("seq":3,)") && Catch::Contains(R"("seq":4,)") &&
                                 Catch::Contains(R"("details":{"i":4})") && !Catch::Contains(R"("seq":5,)"));
    auto last = kioskctl("audit show --dir " + audit + " --last 1");
    CHECK_THAT(last.output, Catch::StartsWith(R"({"seq":6,)"));

    REQUIRE(rawSql(segment(dir.audit(), "2026-11-20"), "UPDATE records SET outcome = 'no' WHERE seq = 2") == SQLITE_OK);
    auto broken = kioskctl("audit verify --dir " + audit + " --public-key " + pub);
    INFO(broken.output);
    CHECK(broken.exitCode == 1);
    CHECK_THAT(broken.output, Catch::Contains("seq 2") && Catch::Contains("audit-2026-11-20.sqlite"));

    auto usage = kioskctl("audit verify --dir " + audit);
    CHECK(usage.exitCode == 2);
}

#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fstream>

#include "app/members/deployment_key.h"
#include "tests/members/member_test_support.h"

using namespace kiosk::members;
using kiosk::Error;
using kiosk::members::test::TempDir;

namespace {
std::vector<std::uint8_t> keyBytes(const DeploymentKey& k) { return {k.bytes().begin(), k.bytes().end()}; }
}  // namespace

TEST_CASE("a deployment key file is created 0600 and reloads identically") {
    TempDir dir;
    const auto file = dir / "deployment.key";
    auto created = loadOrCreateDeploymentKey(file);
    INFO((created ? std::string() : created.error().describe()));
    REQUIRE(created.has_value());
    CHECK(created->isValid());
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0600);
    CHECK(st.st_size == 32);
    CHECK(keyBytes(*created) != std::vector<std::uint8_t>(32, 0));

    auto reloaded = loadOrCreateDeploymentKey(file);
    REQUIRE(reloaded.has_value());
    CHECK(keyBytes(*reloaded) == keyBytes(*created));
    // No temporary file left behind.
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 1);

    // Another file, another key.
    auto other = loadOrCreateDeploymentKey(dir / "other.key");
    REQUIRE(other.has_value());
    CHECK(keyBytes(*other) != keyBytes(*created));
}

TEST_CASE("a bad deployment key file is rejected, naming the file") {
    TempDir dir;
    const auto file = dir / "deployment.key";
    SECTION("short") {
        std::ofstream(file, std::ios::binary) << "only sixteen byt";
        ::chmod(file.c_str(), 0600);
        auto key = loadOrCreateDeploymentKey(file);
        REQUIRE_FALSE(key.has_value());
        CHECK(key.error().code == Error::Code::InvalidInput);
        CHECK(key.error().context == file.string());
        CHECK(key.error().message.find("32 bytes") != std::string::npos);
        CHECK(key.error().message.find("16") != std::string::npos);
    }
    SECTION("long") {
        std::ofstream(file, std::ios::binary) << std::string(33, 'k');
        ::chmod(file.c_str(), 0600);
        auto key = loadOrCreateDeploymentKey(file);
        REQUIRE_FALSE(key.has_value());
        CHECK(key.error().code == Error::Code::InvalidInput);
    }
    SECTION("readable by others") {
        std::ofstream(file, std::ios::binary) << std::string(32, 'k');
        ::chmod(file.c_str(), 0644);
        auto key = loadOrCreateDeploymentKey(file);
        REQUIRE_FALSE(key.has_value());
        CHECK(key.error().context == file.string());
        CHECK(key.error().message.find("0644") != std::string::npos);
    }
    SECTION("in a directory that does not exist") {
        auto key = loadOrCreateDeploymentKey(dir / "missing" / "deployment.key");
        REQUIRE_FALSE(key.has_value());
        CHECK(key.error().code == Error::Code::Io);
        CHECK(key.error().context == (dir / "missing" / "deployment.key").string());
    }
}

TEST_CASE("a moved deployment key leaves an invalid, wiped source") {
    auto a = DeploymentKey::generate();
    const auto before = keyBytes(a);
    DeploymentKey b = std::move(a);
    CHECK(b.isValid());
    CHECK(keyBytes(b) == before);
    // NOLINTNEXTLINE(bugprone-use-after-move): the wipe is what is tested
    CHECK_FALSE(a.isValid());
    CHECK(keyBytes(a) == std::vector<std::uint8_t>(32, 0));
}

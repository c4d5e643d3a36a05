// kill -9 at random moments while a child process appends (with frequent day and size rollovers):
// afterwards the folder verifies, opens, and the interrupted transaction is recorded as abandoned.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <map>
#include <thread>

#include "tests/audit/audit_test_support.h"

using namespace audit_test;

namespace {

std::chrono::system_clock::time_point roundStart(int round) {
    return std::chrono::sys_days{std::chrono::year{2026} / 11 / 1} + std::chrono::days{20 * round};
}

// Runs in the forked child until killed: whole transactions, 47 simulated minutes apart.
[[noreturn]] void appendForever(const std::filesystem::path& folder, const KeyPair& key, int round) {
    auto counter = std::make_shared<std::atomic<std::int64_t>>(0);
    AuditOptions o;
    o.kioskId = "KIOSK-07";
    o.maxSegmentBytes = 40 * 1024;
    o.clock = [counter, round] { return roundStart(round) + std::chrono::minutes{47} * (*counter)++; };
    auto log = AuditLog::open(folder, key.secret, o);
    if (!log) _exit(3);
    for (int t = 0;; ++t) {
        const std::string txn = "R" + std::to_string(round) + "-" + std::to_string(t);
        Entry compare = step(txn, "fingerprint.compare", "match");
        compare.details.number("score", 61.2).number("threshold", 60.84).integer("finger", 2).integer("quality", 71);
        for (const Entry& e : {step(txn, "transaction.started"), step(txn, "document.read"), compare,
                               step(txn, "decision", "cleared"), step(txn, "transaction.ended", "cleared")}) {
            if (!log->append(e)) _exit(4);
        }
    }
}

// Transactions started and neither ended nor abandoned.
int openTransactions(const std::filesystem::path& folder) {
    auto records = kiosk::audit::readRecords(folder, {});
    REQUIRE(records);
    std::map<std::string, int> state;
    for (const auto& r : *records) {
        if (r.step == "transaction.started") state[r.transactionId] = 1;
        else if (r.step == "transaction.ended" || r.step == "transaction.abandoned") state[r.transactionId] = 0;
    }
    int open = 0;
    for (const auto& [txn, s] : state) open += s;
    return open;
}

}  // namespace

TEST_CASE("kill -9 during appends leaves a consistent, verifiable log", "[audit][crash]") {
    ScratchDir dir;
    KeyPair key;
    std::random_device rd;
    const auto seed = rd();
    INFO("random seed " << seed);
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> delayMs(20, 700);
    std::int64_t previousLast = 0;
    int abandoned = 0;

    for (int round = 0; round < 8; ++round) {
        const int delay = delayMs(random);
        INFO("round " << round << ", killed after " << delay << " ms");
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) appendForever(dir.audit(), key, round);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        ::kill(pid, SIGKILL);
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFSIGNALED(status));  // not an early exit: the child was appending when it died

        // As the killed process left it: intact (an unsealed tail is allowed).
        auto before = kiosk::audit::verifyAudit(dir.audit(), key.pub);
        REQUIRE(before);
        INFO(before->verdict());
        REQUIRE(before->intact);
        CHECK(before->lastSeq >= previousLast);

        ManualClock clock;
        *clock.now = roundStart(round) + std::chrono::days{19};
        auto log = AuditLog::open(dir.audit(), key.secret, options(clock));
        REQUIRE(log);
        auto recovered = log->recoverInterrupted();
        REQUIRE(recovered);
        CHECK(*recovered <= 1);  // the child ends each transaction before starting the next
        abandoned += *recovered;
        REQUIRE(log->close());
        CHECK(openTransactions(dir.audit()) == 0);

        auto after = kiosk::audit::verifyAudit(dir.audit(), key.pub);
        REQUIRE(after);
        INFO(after->verdict());
        REQUIRE(after->intact);
        CHECK(after->unsealedTail == 0);
        previousLast = after->lastSeq;
    }
    // No leftovers of a half-created segment survive an open.
    for (const auto& entry : std::filesystem::directory_iterator(dir.audit()))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
    WARN("kill -9 rounds: " << previousLast << " records, " << abandoned << " transactions recorded as abandoned");
}

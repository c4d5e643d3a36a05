#pragma once
// Internal: the apply pass's record source. A second thread reads a verified bundle's records, feeds
// the content digest and decodes them, so the thread holding the SQLite transaction only applies
// (the machine has two cores; reading, BLAKE2b and decoding were ~10 % of that thread).
// Bounded whatever the bundle size: at most kBatches batches wait, each of at most kBatchRecords records
// and kBatchBytes of record bodies (one larger record makes a batch alone): ~1 MB for ordinary ~840-byte
// records, 4 × 16 MiB with the largest records the format allows. A slot that held a record over
// kKeepCapacityBytes gives its buffers back before it is reused, so earlier big records do not stay.
// Records come out in file order and an error comes out where it occurred, after every record before
// it, so the apply reports the same first error as a single-threaded loop would.
// A delta's read-ahead, when given, sees each record as it is decoded and learns how far the apply got
// (page_warmer.h).
#include <array>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/core/error.h"
#include "app/members/sync/bundle_format.h"

namespace kiosk::members::detail {

class PageWarmer;

class BundleRecordReader {
public:
    static constexpr std::size_t kBatchRecords = 256;
    static constexpr std::size_t kBatches = 4;
    static constexpr std::size_t kBatchBytes = 1u << 20;
    static constexpr std::size_t kKeepCapacityBytes = 16u << 10;

    // Opens `bundle` for the apply pass: its size must still be `expectedSize` (the verified one) and
    // its header decodes; the reader thread starts at once. `context` names the file in errors.
    // `warmer`, when given, must outlive the reader.
    [[nodiscard]] static kiosk::Result<std::unique_ptr<BundleRecordReader>> start(
        const std::filesystem::path& bundle, std::uint64_t expectedSize, const BundleHeader& header,
        std::string context, PageWarmer* warmer = nullptr);
    BundleRecordReader(const BundleRecordReader&) = delete;
    BundleRecordReader& operator=(const BundleRecordReader&) = delete;
    ~BundleRecordReader();  // stops the reader thread (an apply that failed midway) and joins it

    // The next record, nullptr after the last one, or the error that stopped the reader (a record
    // that does not decode, a read error). The pointer is valid until the next call.
    [[nodiscard]] kiosk::Result<const BundleMember*> next();

    // After next() returned nullptr: the BLAKE2b-256 of everything but the signature, the trailer read
    // and the file found to end right after it and the signature (else Crypto "changed on disk").
    [[nodiscard]] kiosk::Result<std::array<std::uint8_t, kHashSize>> finish();

private:
    struct Batch {
        std::vector<BundleMember> records;  // kept between uses: their buffers are reused
        std::vector<std::uint32_t> sizes;   // body size of the record each slot decoded last
        std::size_t count = 0;
        bool last = false;                  // no batch follows (end of records, or `error`)
        std::optional<Error> error;         // after the `count` records
    };

    BundleRecordReader(const BundleHeader& header, std::string context, PageWarmer* warmer);
    void run();  // the reader thread
    void produce();

    BundleFile in_;
    BundleHeader header_;
    std::string context_;
    PageWarmer* warmer_;
    std::array<Batch, kBatches> batches_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t filled_ = 0;    // batches handed to the consumer, total (guarded by mutex_)
    std::size_t consumed_ = 0;  // batches given back by the consumer, total (guarded by mutex_)
    bool stop_ = false;         // guarded by mutex_
    std::size_t current_ = 0, position_ = 0;  // consumer side: batch being read, record in it
    bool holding_ = false;                    // consumer side: batch `current_` is in use
    bool ended_ = false;                      // consumer side: saw the last batch
    std::uint64_t handedOut_ = 0;             // consumer side: records returned by next()
    std::optional<kiosk::Result<std::array<std::uint8_t, kHashSize>>> digest_;  // set by the thread at its end
    std::thread thread_;
};

}  // namespace kiosk::members::detail

#include "app/members/sync/bundle_record_reader.h"

#include <sodium.h>

#include <exception>
#include <system_error>

#include "app/members/sync/page_warmer.h"

namespace kiosk::members::detail {

kiosk::Result<std::unique_ptr<BundleRecordReader>> BundleRecordReader::start(const std::filesystem::path& bundle,
                                                                             std::uint64_t expectedSize,
                                                                             const BundleHeader& header,
                                                                             std::string context,
                                                                             PageWarmer* warmer) {
    std::unique_ptr<BundleRecordReader> reader(new BundleRecordReader(header, std::move(context), warmer));
    if (auto r = reader->in_.open(bundle); !r) return std::unexpected(r.error());
    if (reader->in_.size() != expectedSize)
        return fail(Error::Code::InvalidInput, "the bundle changed on disk after it was verified", reader->context_);
    try {
        reader->thread_ = std::thread([r = reader.get()] { r->run(); });
    } catch (const std::system_error&) {  // no thread left in the process: refuse, do not crash
        return fail(Error::Code::Internal, "cannot start the bundle reader thread", reader->context_);
    }
    return reader;
}

BundleRecordReader::BundleRecordReader(const BundleHeader& header, std::string context, PageWarmer* warmer)
    : header_(header), context_(std::move(context)), warmer_(warmer) {
    for (auto& b : batches_) {
        b.records.resize(kBatchRecords);
        b.sizes.resize(kBatchRecords);
    }
}

BundleRecordReader::~BundleRecordReader() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void BundleRecordReader::run() {
    try {
        produce();
    } catch (const std::exception&) {  // bad_alloc on a huge record count of small records, say
        std::unique_lock lock(mutex_);
        if (digest_) return;  // the records were all handed over; only the trailer was left
        changed_.wait(lock, [&] { return stop_ || filled_ - consumed_ < kBatches; });
        if (stop_) return;
        Batch& b = batches_[filled_ % kBatches];
        b.error = Error{Error::Code::Internal, "out of memory reading the bundle", context_, 0};
        b.last = true;
        ++filled_;
        lock.unlock();
        changed_.notify_all();
    }
}

void BundleRecordReader::produce() {
    crypto_generichash_state digest;
    crypto_generichash_init(&digest, nullptr, 0, kHashSize);
    std::array<std::uint8_t, kHeaderSize> raw{};
    std::optional<Error> headerError;
    if (auto r = in_.read(raw.data(), raw.size()); !r) headerError = r.error();
    crypto_generichash_update(&digest, raw.data(), raw.size());

    std::vector<std::uint8_t> body;
    std::uint64_t i = 0;
    const auto recordError = [&](const std::string& message) {
        return Error{Error::Code::InvalidInput, message, context_ + " record " + std::to_string(i), 0};
    };
    bool last = false;
    while (!last) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return stop_ || filled_ - consumed_ < kBatches; });
            if (stop_) return;
        }
        // This slot is the producer's until ++filled_ below: the consumer has given it back.
        Batch& b = batches_[filled_ % kBatches];
        b.count = 0;
        b.error.reset();
        if (headerError) b.error = *headerError;
        std::size_t bytes = 0;
        while (!b.error && b.count < kBatchRecords && i < header_.recordCount && bytes < kBatchBytes) {
            std::array<std::uint8_t, 4> len{};
            if (auto r = in_.read(len.data(), len.size()); !r) {
                b.error = r.error();
                break;
            }
            const std::uint32_t size = loadU32(len.data());
            if (size == 0 || size > kMaxRecordSize || size > in_.size() - in_.position()) {
                b.error = recordError("record length out of range");
                break;
            }
            body.resize(size);
            if (auto r = in_.read(body.data(), body.size()); !r) {
                b.error = r.error();
                break;
            }
            crypto_generichash_update(&digest, len.data(), len.size());
            crypto_generichash_update(&digest, body.data(), body.size());
            if (b.sizes[b.count] > kKeepCapacityBytes) b.records[b.count] = BundleMember{};
            b.sizes[b.count] = size;
            bytes += size;
            if (auto r = decodeRecord(body, i, context_, b.records[b.count], header_.formatVersion); !r) {
                b.error = r.error();
                break;
            }
            if (warmer_ != nullptr) warmer_->add(i, b.records[b.count]);
            ++b.count;
            ++i;
        }
        last = b.error.has_value() || i == header_.recordCount;
        b.last = last;
        if (last && !b.error) {
            // The trailer before the batch is handed over, so finish() has the digest once the last
            // record is out.
            std::array<std::uint8_t, kTrailerSize> trailer{};
            std::array<std::uint8_t, kHashSize> again{};
            if (auto r = in_.read(trailer.data(), trailer.size()); !r) {
                digest_ = std::unexpected(r.error());
            } else {
                crypto_generichash_update(&digest, trailer.data(), trailer.size());
                crypto_generichash_final(&digest, again.data(), again.size());
                if (in_.position() + kSignatureSize != in_.size())
                    digest_ = fail(Error::Code::Crypto, "the bundle changed on disk after it was verified; nothing applied",
                                   context_);
                else
                    digest_ = again;
            }
        }
        {
            std::lock_guard lock(mutex_);
            ++filled_;
        }
        changed_.notify_all();
    }
}

kiosk::Result<const BundleMember*> BundleRecordReader::next() {
    for (;;) {
        if (holding_) {
            Batch& b = batches_[current_ % kBatches];
            if (position_ < b.count) {
                if (warmer_ != nullptr) warmer_->appliedUpTo(handedOut_);
                ++handedOut_;
                return &b.records[position_++];
            }
            if (b.error) return std::unexpected(*b.error);  // kept: every later call says the same
            if (b.last) {
                ended_ = true;
                return nullptr;
            }
            {
                std::lock_guard lock(mutex_);
                ++consumed_;
            }
            changed_.notify_all();
            holding_ = false;
            ++current_;
        }
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return filled_ > current_; });
        holding_ = true;
        position_ = 0;
    }
}

kiosk::Result<std::array<std::uint8_t, kHashSize>> BundleRecordReader::finish() {
    if (!ended_) return fail(Error::Code::Internal, "bundle records not read to the end", context_);
    // The thread set digest_ before it handed over the last batch (under mutex_, so this read sees it).
    std::lock_guard lock(mutex_);
    if (!digest_) return fail(Error::Code::Internal, "bundle digest missing", context_);
    return *digest_;
}

}  // namespace kiosk::members::detail

#include "app/technician/pin_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include "app/technician/pin_rules.h"

namespace kiosk::technician {

namespace {

// Both files are a few hundred bytes; anything far bigger is not ours.
constexpr std::uintmax_t kMaxFileBytes = 1 << 20;

using FlatObject = std::map<std::string, std::string, std::less<>>;

// A file descriptor that closes itself.
struct Fd {
    int fd = -1;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads a flat JSON object whose values are strings without escapes or unsigned integers (both
// files only ever hold ids, hash strings and counters). Integers come back as their digits.
Result<FlatObject> parseFlatObject(std::string_view text, const std::string& context) {
    FlatObject out;
    std::size_t i = 0;
    const auto skipSpace = [&] {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
    };
    const auto bad = [&](const char* what) {
        return fail(Error::Code::InvalidInput, std::string("not a technician file: ") + what, context);
    };
    const auto readString = [&](std::string& value) -> bool {
        if (i >= text.size() || text[i] != '"') return false;
        const std::size_t start = ++i;
        while (i < text.size() && text[i] != '"') {
            const auto u = static_cast<unsigned char>(text[i]);
            if (u < 0x20 || u >= 0x7f || text[i] == '\\') return false;
            ++i;
        }
        if (i >= text.size()) return false;
        value.assign(text.substr(start, i - start));
        ++i;
        return true;
    };
    skipSpace();
    if (i >= text.size() || text[i] != '{') return bad("expected '{'");
    ++i;
    skipSpace();
    if (i < text.size() && text[i] == '}') {
        ++i;
    } else {
        while (true) {
            std::string key;
            std::string value;
            skipSpace();
            if (!readString(key)) return bad("expected a key");
            skipSpace();
            if (i >= text.size() || text[i] != ':') return bad("expected ':'");
            ++i;
            skipSpace();
            if (i < text.size() && text[i] == '"') {
                if (!readString(value)) return bad("expected a string value");
            } else {
                const std::size_t start = i;
                while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
                if (i == start || i - start > 19) return bad("expected a string or a counter");
                value.assign(text.substr(start, i - start));
            }
            if (!out.emplace(std::move(key), std::move(value)).second) return bad("a key appears twice");
            skipSpace();
            if (i < text.size() && text[i] == ',') {
                ++i;
                continue;
            }
            if (i < text.size() && text[i] == '}') {
                ++i;
                break;
            }
            return bad("expected ',' or '}'");
        }
    }
    skipSpace();
    if (i != text.size()) return bad("text after the object");
    return out;
}

// nullopt content: the file does not exist.
Result<std::optional<std::string>> readSmallFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (ec) return fail(Error::Code::Io, "cannot reach the file: " + ec.message(), path.filename().string(), ec.value());
        return std::optional<std::string>{};
    }
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return fail(Error::Code::Io, "cannot read the file: " + ec.message(), path.filename().string(), ec.value());
    if (size > kMaxFileBytes) return fail(Error::Code::InvalidInput, "the file is too large", path.filename().string());
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(Error::Code::Io, "cannot open the file", path.filename().string());
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return fail(Error::Code::Io, "cannot read the file", path.filename().string());
    return std::optional<std::string>{std::move(content)};
}

// Temp file in the same folder (mode 0600 from mkostemp), fsync, rename over the target, fsync the
// folder: a crash leaves either the old or the new file, never half of one.
Result<void> writeFileAtomically(const std::filesystem::path& target, std::string_view content) {
    const std::string context = target.filename().string();
    std::string pattern = (target.parent_path() / (target.filename().string() + ".XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    Fd file(::mkostemp(name.data(), O_CLOEXEC));
    if (file.fd < 0) return fail(Error::Code::Io, "cannot create a temporary file", context, errno);
    const auto discard = [&](const char* what) {
        const int error = errno;
        ::unlink(name.data());
        return fail(Error::Code::Io, what, context, error);
    };
    if (::fchmod(file.fd, S_IRUSR | S_IWUSR) != 0) return discard("cannot set the file mode to 0600");
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(file.fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return discard("cannot write the file");
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(file.fd) != 0) return discard("cannot flush the file");
    if (::rename(name.data(), target.c_str()) != 0) return discard("cannot replace the file");
    Fd folder(::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.fd >= 0) ::fsync(folder.fd);  // best effort: the rename is done either way
    return {};
}

Result<FlatObject> loadPins(const std::filesystem::path& path) {
    auto content = readSmallFile(path);
    if (!content) return std::unexpected(content.error());
    if (!*content) return FlatObject{};
    return parseFlatObject(**content, path.filename().string());
}

std::string formatPins(const FlatObject& pins) {
    std::string out = "{";
    bool first = true;
    for (const auto& [id, hash] : pins) {
        out += first ? "\n  \"" : ",\n  \"";
        out += id + "\": \"" + hash + "\"";
        first = false;
    }
    return out + (pins.empty() ? "}\n" : "\n}\n");
}

std::optional<std::uint64_t> parseCounter(const FlatObject& object, std::string_view key) {
    const auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    std::uint64_t value = 0;
    const auto* end = it->second.data() + it->second.size();
    const auto [ptr, ec] = std::from_chars(it->second.data(), end, value);
    if (ec != std::errc{} || ptr != end) return std::nullopt;
    return value;
}

// The unsigned number after `key` ("m=", "t=") in an encoded Argon2 hash.
std::optional<std::uint64_t> hashParameter(std::string_view hash, std::string_view key) {
    const auto at = hash.find(key);
    if (at == std::string_view::npos) return std::nullopt;
    std::uint64_t value = 0;
    const char* begin = hash.data() + at + key.size();
    const auto [ptr, ec] = std::from_chars(begin, hash.data() + hash.size(), value);
    if (ec != std::errc{} || ptr == begin) return std::nullopt;
    return value;
}

}  // namespace

void wipePin(std::string& pin) {
    if (!pin.empty()) sodium_memzero(pin.data(), pin.size());
    pin.clear();
}

PinStore::PinStore(std::filesystem::path pinFile, PinStoreOptions options)
    : pinFile_(std::move(pinFile)),
      lockoutFile_(pinFile_.parent_path() / std::string(kLockoutFileName)),
      options_(options) {
    if (options_.hashCost == HashCost::Interactive) {
        opsLimit_ = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
        memLimit_ = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    } else {
        opsLimit_ = crypto_pwhash_argon2id_OPSLIMIT_MIN;
        memLimit_ = crypto_pwhash_argon2id_MEMLIMIT_MIN;
    }
}

Result<std::unique_ptr<PinStore>> PinStore::open(const std::filesystem::path& pinFile, PinStoreOptions options,
                                                 Clock::time_point now) {
    if (sodium_init() < 0) return fail(Error::Code::Crypto, "libsodium could not start", "technician PINs");
    if (options.maxFailedPins < 1 || options.firstLockout.count() < 1 || options.maxLockout < options.firstLockout)
        return fail(Error::Code::Config, "lockout settings out of range", "technician PINs");
    if (pinFile.empty() || !pinFile.has_filename())
        return fail(Error::Code::Config, "no PIN file given", "technician PINs");
    const auto absolute = std::filesystem::absolute(pinFile);
    std::error_code ec;
    std::filesystem::create_directories(absolute.parent_path(), ec);
    if (ec) return fail(Error::Code::Io, "cannot create the folder: " + ec.message(), "technician PINs", ec.value());

    std::unique_ptr<PinStore> store(new PinStore(absolute, options));
    if (auto pins = loadPins(store->pinFile_); !pins) return std::unexpected(pins.error());

    // Lockout state from the last run. Unreadable: fail closed with the first lockout.
    const auto lockedFromNow = [&] {
        store->lockout_.consecutiveFailures = options.maxFailedPins;
        store->lockout_.lockedUntil = now + options.firstLockout;
    };
    auto content = readSmallFile(store->lockoutFile_);
    if (!content) {
        lockedFromNow();
    } else if (*content) {
        auto object = parseFlatObject(**content, std::string(kLockoutFileName));
        const auto failures = object ? parseCounter(*object, "consecutive_failures") : std::nullopt;
        const auto until = object ? parseCounter(*object, "locked_until_unix") : std::nullopt;
        if (!failures || !until || *failures > 1'000'000 || *until > 1'000'000'000'000ULL) {
            lockedFromNow();
        } else {
            store->lockout_.consecutiveFailures = static_cast<int>(*failures);
            // A clock set back (or an edited file) must not stretch a lockout beyond its cap. Capped in
            // seconds, before the conversion to the clock's nanoseconds, which a far-future value would
            // overflow (UBSan caught it).
            const auto capSeconds =
                std::chrono::duration_cast<std::chrono::seconds>((now + options.maxLockout).time_since_epoch()).count();
            const auto untilSeconds = std::min<std::int64_t>(static_cast<std::int64_t>(*until), capSeconds);
            store->lockout_.lockedUntil = Clock::time_point{std::chrono::seconds(untilSeconds)};
        }
    }

    // The dummy hash gets the same parameters as real ones, so an unknown id costs the same.
    unsigned char secret[16];
    randombytes_buf(secret, sizeof secret);
    char hash[crypto_pwhash_STRBYTES];
    const int rc = crypto_pwhash_str_alg(hash, reinterpret_cast<const char*>(secret), sizeof secret, store->opsLimit_,
                                         store->memLimit_, crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(secret, sizeof secret);
    if (rc != 0) return fail(Error::Code::Crypto, "cannot hash (out of memory?)", "technician PINs");
    store->dummyHash_ = hash;
    return store;
}

Result<void> PinStore::setPin(std::string_view technicianId, std::string_view pin) {
    if (!isValidTechnicianId(technicianId))
        return fail(Error::Code::InvalidInput, "a technician id has 1 to 32 letters, digits, '.', '_' or '-'",
                    "technician id");
    if (auto rules = checkPinRules(pin); !rules) return rules;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, pin.data(), pin.size(), opsLimit_, memLimit_, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return fail(Error::Code::Crypto, "cannot hash (out of memory?)", "technician PINs");
    const std::lock_guard lock(mutex_);
    auto pins = loadPins(pinFile_);
    if (!pins) return std::unexpected(pins.error());
    (*pins)[std::string(technicianId)] = hash;
    return writeFileAtomically(pinFile_, formatPins(*pins));
}

Result<VerifyOutcome> PinStore::verify(std::string_view technicianId, std::string_view pin, Clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (now < lockout_.lockedUntil) return LockedOut{lockout_.lockedUntil};

    auto pins = loadPins(pinFile_);
    if (!pins) return std::unexpected(pins.error());
    const auto entry = isValidTechnicianId(technicianId) ? pins->find(technicianId) : pins->end();
    const bool known = entry != pins->end();
    const std::string& hash = known ? entry->second : dummyHash_;
    const bool matches = crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;

    if (!known || !matches) {
        auto saved = recordFailure(now);
        if (!saved) return std::unexpected(saved.error());
        if (now < lockout_.lockedUntil) return LockedOut{lockout_.lockedUntil};
        return Rejected{options_.maxFailedPins - lockout_.consecutiveFailures};
    }

    if (lockout_.consecutiveFailures != 0 || lockout_.lockedUntil != Clock::time_point{}) {
        lockout_ = {};
        // The technician is in either way; a stale count only means an earlier lockout next time.
        (void)saveLockout();
    }
    // Upgrade hashes made with weaker parameters (never downgrade a stronger one).
    if (crypto_pwhash_str_needs_rehash(hash.c_str(), opsLimit_, memLimit_) != 0) {
        const auto memoryKib = hashParameter(hash, "m=");
        const auto passes = hashParameter(hash, "t=");
        const bool weaker = !hash.starts_with("$argon2id$") || !memoryKib || !passes ||
                            *memoryKib < memLimit_ / 1024 || *passes < opsLimit_;
        char fresh[crypto_pwhash_STRBYTES];
        if (weaker && crypto_pwhash_str_alg(fresh, pin.data(), pin.size(), opsLimit_, memLimit_,
                                            crypto_pwhash_ALG_ARGON2ID13) == 0) {
            entry->second = fresh;
            (void)writeFileAtomically(pinFile_, formatPins(*pins));  // retried at the next login
        }
    }
    return Accepted{};
}

LockoutState PinStore::lockoutState() const {
    const std::lock_guard lock(mutex_);
    return lockout_;
}

Result<bool> PinStore::hasPin(std::string_view technicianId) const {
    const std::lock_guard lock(mutex_);
    auto pins = loadPins(pinFile_);
    if (!pins) return std::unexpected(pins.error());
    return pins->contains(technicianId);
}

Result<void> PinStore::recordFailure(Clock::time_point now) {
    if (lockout_.consecutiveFailures < 1'000'000) ++lockout_.consecutiveFailures;
    if (lockout_.consecutiveFailures >= options_.maxFailedPins)
        lockout_.lockedUntil = now + lockoutFor(lockout_.consecutiveFailures);
    return saveLockout();
}

Clock::duration PinStore::lockoutFor(int failures) const {
    // 30 s at the maxFailedPins-th failure, doubling with each further one, up to the cap.
    auto delay = std::chrono::duration_cast<Clock::duration>(options_.firstLockout);
    const auto cap = std::chrono::duration_cast<Clock::duration>(options_.maxLockout);
    for (int i = options_.maxFailedPins; i < failures && delay < cap; ++i) delay *= 2;
    return std::min(delay, cap);
}

Result<void> PinStore::saveLockout() const {
    const auto until = std::chrono::duration_cast<std::chrono::seconds>(lockout_.lockedUntil.time_since_epoch());
    // Rounded up so a restart never shortens the lockout.
    const bool partial = std::chrono::duration_cast<Clock::duration>(until) < lockout_.lockedUntil.time_since_epoch();
    std::ostringstream out;
    out << "{\n  \"consecutive_failures\": " << lockout_.consecutiveFailures
        << ",\n  \"locked_until_unix\": " << std::max<std::int64_t>(0, until.count() + (partial ? 1 : 0)) << "\n}\n";
    return writeFileAtomically(lockoutFile_, out.str());
}

}  // namespace kiosk::technician

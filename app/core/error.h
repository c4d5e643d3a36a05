#pragma once
// Errors as values for everything that can fail for reasons outside the program's control
// (input, devices, files, databases). Exceptions remain for programming errors only.
#include <expected>
#include <string>
#include <utility>

namespace kiosk {

struct Error {
    enum class Code {
        InvalidInput,  // malformed data from a document, a file, a device or a user
        NotFound,      // a lookup that found nothing (not an error for the traveler, a fact)
        Io,            // file system
        Database,      // SQLite
        Crypto,        // signature, MAC or decryption failure
        Config,        // kiosk-config field missing or out of range
        Device,        // device I/O failure
        Timeout,
        Unsupported,
        Internal,
    };
    Code code = Code::Internal;
    std::string message;  // words a technician understands; never personal data
    std::string context;  // where: "MRZ line 2, columns 14-19 (date of birth)", "members.sqlite"
    int native = 0;       // the library's own code (SQLite, libusb, errno), 0 when none

    [[nodiscard]] std::string describe() const {
        return context.empty() ? message : context + ": " + message;
    }
};

template <class T>
using Result = std::expected<T, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(Error::Code code, std::string message,
                                                 std::string context = {}, int native = 0) {
    return std::unexpected<Error>(Error{code, std::move(message), std::move(context), native});
}

}  // namespace kiosk

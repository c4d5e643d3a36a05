#pragma once
// The simulator's paper: an ESC/POS job decoded back into pages, each saved as receipt-NNN.png in
// one folder and announced to a handler. The simulated printer and the emulated USB printer both
// print onto it, so tools and tests find receipts the same way whichever printer made them.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <span>

#include "app/core/error.h"

namespace kiosk::sim {

class ReceiptPaper {
public:
    using PageHandler = std::function<void(const std::filesystem::path&)>;

    ReceiptPaper(std::filesystem::path folder, int dotsPerLine);

    // Decodes the job and saves its pages; InvalidInput for a job that does not decode, Io for a
    // page that cannot be written. The handler runs on the caller's thread, once per page.
    [[nodiscard]] Result<void> print(std::span<const std::uint8_t> escposJob);
    // Once this returns, the previous handler is neither running nor will it run again, so its owner
    // may be destroyed right after (a print job runs on another thread; the simulator panel's handler
    // once ran after the panel was gone, and crashed the process at exit). A handler must not call
    // setPageHandler itself (it runs under the lock this takes).
    void setPageHandler(PageHandler handler);
    [[nodiscard]] int pagesPrinted() const;

private:
    std::filesystem::path folder_;
    int dotsPerLine_;
    mutable std::mutex mutex_;  // pages_
    std::mutex handlerMutex_;   // pageHandler_, held while it runs
    PageHandler pageHandler_;
    int pages_ = 0;
};

}  // namespace kiosk::sim

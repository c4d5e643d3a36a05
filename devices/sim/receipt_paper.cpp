#include "devices/sim/receipt_paper.h"

#include <opencv2/core/mat.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdio>

#include "devices/sim/escpos/escpos_decoder.h"

namespace kiosk::sim {

ReceiptPaper::ReceiptPaper(std::filesystem::path folder, int dotsPerLine)
    : folder_(std::move(folder)), dotsPerLine_(dotsPerLine) {}

Result<void> ReceiptPaper::print(std::span<const std::uint8_t> escposJob) {
    auto pages = decodeEscPos(escposJob, dotsPerLine_);
    if (!pages) return std::unexpected(pages.error());
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (ec) return fail(Error::Code::Io, "cannot create the paper folder: " + ec.message(), folder_.string());
    for (auto& page : *pages) {
        int number = 0;
        {
            std::lock_guard lock(mutex_);
            number = ++pages_;
        }
        char name[32];
        std::snprintf(name, sizeof name, "receipt-%03d.png", number);
        const auto path = folder_ / name;
        const cv::Mat image(page.image.height, page.image.width, CV_8UC1, page.image.pixels.data());
        if (!cv::imwrite(path.string(), image))
            return fail(Error::Code::Io, "cannot write the printed page", path.string());
        // Called under handlerMutex_, not on a copy: setPageHandler(nullptr) then waits for this call,
        // and the handler's owner can go safely (handlers only post to their owner's thread).
        std::lock_guard lock(handlerMutex_);
        if (pageHandler_) pageHandler_(path);
    }
    return {};
}

void ReceiptPaper::setPageHandler(PageHandler handler) {
    std::lock_guard lock(handlerMutex_);
    pageHandler_ = std::move(handler);
}

int ReceiptPaper::pagesPrinted() const {
    std::lock_guard lock(mutex_);
    return pages_;
}

}  // namespace kiosk::sim

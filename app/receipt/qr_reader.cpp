#include "app/receipt/qr_reader.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/objdetect.hpp>

#ifdef KIOSK_HAVE_ZXING
#include <ZXing/ReadBarcode.h>
#include <ZXing/ZXVersion.h>
#endif

namespace kiosk::receipt {
namespace {

Result<std::string> readMat(const cv::Mat& grey, const std::string& where) {
#ifdef KIOSK_HAVE_ZXING
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(true);
    const ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step));
    const ZXing::Result r = ZXing::ReadBarcode(view, hints);
    if (r.isValid()) {
        const auto& bytes = r.bytes();
        return std::string(bytes.begin(), bytes.end());
    }
#else
    cv::QRCodeDetector detector;
    std::string text = detector.detectAndDecode(grey);
    if (!text.empty()) return text;
#endif
    return fail(Error::Code::NotFound, "no readable QR code in the image", where);
}

}  // namespace

Result<std::string> readQrCode(const GreyImage& image) {
    if (!image.isValid()) return fail(Error::Code::InvalidInput, "empty or inconsistent image", "readQrCode");
    // Wrap without copying; neither decoder writes to the image.
    const cv::Mat grey(image.height, image.width, CV_8UC1, const_cast<std::uint8_t*>(image.pixels.data()));
    return readMat(grey, "readQrCode");
}

Result<std::string> readQrCodeFile(const std::filesystem::path& file) {
    const cv::Mat grey = cv::imread(file.string(), cv::IMREAD_GRAYSCALE);
    if (grey.empty()) return fail(Error::Code::Io, "cannot read the image", file.string());
    return readMat(grey, file.string());
}

std::string qrReaderBackend() {
#ifdef KIOSK_HAVE_ZXING
    return "zxing-cpp " + std::to_string(ZXING_VERSION_MAJOR) + "." + std::to_string(ZXING_VERSION_MINOR) + "." +
           std::to_string(ZXING_VERSION_PATCH);
#else
    return "opencv " CV_VERSION;
#endif
}

}  // namespace kiosk::receipt

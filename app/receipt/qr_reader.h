#pragma once
// Reads a QR code from an image: a receipt scan or the simulated printer's page. Qt-free.
// Decoder: ZXing-C++ when the build found libzxing-dev, else OpenCV's cv::QRCodeDetector (Debian's
// OpenCV 4.6 has no quirc, so there it only finds codes and cannot decode them: qrReaderBackend() says).
#include <filesystem>
#include <string>

#include "app/core/error.h"
#include "app/core/grey_image.h"

namespace kiosk::receipt {

// The text of the first QR code found. NotFound when the image holds none that decodes.
[[nodiscard]] Result<std::string> readQrCode(const GreyImage& image);
// Loads the image (PNG, JPEG, ... through OpenCV) first. Io when it cannot be read.
[[nodiscard]] Result<std::string> readQrCodeFile(const std::filesystem::path& file);
// "zxing-cpp 1.4.0" or "opencv 4.6.0".
[[nodiscard]] std::string qrReaderBackend();

}  // namespace kiosk::receipt

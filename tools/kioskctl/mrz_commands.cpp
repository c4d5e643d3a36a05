// kioskctl mrz ...: the MRZ parser and the MRZ reader from the command line.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "app/documents/country_codes.h"
#include "app/documents/mrz_parser.h"
#include "app/documents/ocr/mrz_reader.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {
namespace {


std::string dateJson(const std::optional<CalendarDate>& date) { return date ? jsonString(date->iso()) : "null"; }

// One JSON object (no braces) with the format, every field, each check digit, the verdict and the errors.
std::string reportJson(const std::vector<std::string>& lines, const documents::MrzReport& report) {
    std::string json = "\"lines\":[";
    for (std::size_t i = 0; i < lines.size(); ++i) json += (i ? "," : "") + jsonString(lines[i]);
    json += "]";
    if (report.document) {
        const auto& d = *report.document;
        json += ",\"format\":" + jsonString(documents::formatName(d.format));
        json += ",\"fields\":{\"documentCode\":" + jsonString(d.documentCode);
        json += ",\"issuingState\":" + jsonString(d.issuingState);
        json += ",\"issuingStateName\":" + jsonString(documents::countryName(d.issuingState));
        json += ",\"primaryIdentifier\":" + jsonString(d.primaryIdentifier);
        json += ",\"secondaryIdentifier\":" + jsonString(d.secondaryIdentifier);
        json += ",\"nameField\":" + jsonString(d.nameField);
        json += std::string(",\"nameTruncated\":") + (d.nameTruncated ? "true" : "false");
        json += ",\"documentNumber\":" + jsonString(d.documentNumber);
        json += ",\"nationality\":" + jsonString(d.nationality);
        json += ",\"birthDate\":" + dateJson(d.birthDate);
        json += ",\"sex\":" + jsonString(std::string(1, d.sex));
        json += ",\"expiryDate\":" + dateJson(d.expiryDate);
        json += ",\"optionalData\":" + jsonString(d.optionalData);
        if (d.format == documents::DocumentFormat::TD1) json += ",\"optionalData2\":" + jsonString(d.optionalData2);
        json += "}";
    } else {
        json += ",\"format\":null,\"fields\":null";
    }
    json += ",\"checks\":[";
    for (std::size_t i = 0; i < report.checks.size(); ++i) {
        const auto& c = report.checks[i];
        json += std::string(i ? "," : "") + "{\"field\":" + jsonString(c.field) + ",\"line\":" + std::to_string(c.line) +
                ",\"column\":" + std::to_string(c.column) + ",\"found\":" + jsonString(std::string(1, c.found)) +
                ",\"expected\":" + jsonString(std::string(1, c.expected)) + ",\"ok\":" + (c.ok ? "true" : "false") + "}";
    }
    json += std::string("],\"valid\":") + (report.valid() ? "true" : "false") + ",\"errors\":[";
    for (std::size_t i = 0; i < report.errors.size(); ++i) {
        json += std::string(i ? "," : "") + "{\"context\":" + jsonString(report.errors[i].context) +
                ",\"message\":" + jsonString(report.errors[i].message) + "}";
    }
    json += "],\"corrections\":[";
    for (std::size_t i = 0; i < report.corrections.size(); ++i) json += (i ? "," : "") + jsonString(report.corrections[i]);
    return json + "]";
}

// --today YYYY-MM-DD (default: the system date) and --tolerant.
bool parseOptions(Args& args, documents::ParseOptions& options, std::string& problem) {
    const auto today = takeOption(args, "--today");
    if (today.empty()) {
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        options.today = CalendarDate{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
    } else {
        int y = 0, m = 0, d = 0;
        if (std::sscanf(today.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || !CalendarDate{y, m, d}.isValid()) {
            problem = "--today wants a date YYYY-MM-DD, got '" + today + "'";
            return false;
        }
        options.today = CalendarDate{y, m, d};
    }
    for (auto it = args.begin(); it != args.end();) {
        if (*it == "--tolerant") {
            options.tolerant = true;
            it = args.erase(it);
        } else {
            ++it;
        }
    }
    return true;
}

}  // namespace

int mrzParse(const Args& input) {
    const std::string usage =
        "kioskctl mrz parse [--today YYYY-MM-DD] [--tolerant] < lines\n"
        "  Reads MRZ lines on stdin, one document per blank-line-separated block, and prints one JSON\n"
        "  object per document: format, fields, every check digit's verdict, the verdict and the errors.\n"
        "  Exit code 0 when every document is valid, 1 otherwise.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    documents::ParseOptions options;
    std::string problem;
    if (!parseOptions(args, options, problem)) return usageError(usage, problem);
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args[0] + "'");

    int status = 0;
    std::vector<std::string> block;
    auto flush = [&] {
        if (block.empty()) return;
        const auto report = documents::analyseMrz(block, options);
        std::printf("{%s}\n", reportJson(block, report).c_str());
        if (!report.valid()) status = 1;
        block.clear();
    };
    std::string line;
    while (std::getline(std::cin, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        if (line.empty()) {
            flush();
        } else {
            block.push_back(line);
        }
    }
    flush();
    std::fflush(stdout);
    return status;
}

int mrzOcr(const Args& input) {
    const std::string usage =
        "kioskctl mrz ocr [--today YYYY-MM-DD] IMAGE...\n"
        "  Reads the MRZ from each image (PNG, JPEG...; a data page or an ID card) and prints one JSON object\n"
        "  per image: the parse report of the lines read, the time taken, or why the image is unreadable.\n"
        "  Exit code 0 when every image was read and validated, 1 otherwise.";
    Args args = input;
    if (wantsHelp(args)) return std::printf("usage: %s\n", usage.c_str()), 0;
    documents::ParseOptions options;
    std::string problem;
    if (!parseOptions(args, options, problem)) return usageError(usage, problem);
    options.tolerant = true;  // OCR output: look-alike corrections proven by check digits
    if (args.empty()) return usageError(usage, "give at least one IMAGE");
    auto reader = documents::ocr::MrzReader::create();
    if (!reader) {
        std::fprintf(stderr, "kioskctl: %s\n", reader.error().describe().c_str());
        return 1;
    }
    int status = 0;
    for (const auto& file : args) {
        const auto start = std::chrono::steady_clock::now();
        const cv::Mat image = cv::imread(file, cv::IMREAD_GRAYSCALE);
        std::string json = "{\"image\":" + jsonString(file);
        if (image.empty()) {
            json += ",\"valid\":false,\"errors\":[{\"context\":" + jsonString(file) +
                    ",\"message\":\"cannot read the image file\"}]}";
            std::printf("%s\n", json.c_str());
            status = 1;
            continue;
        }
        GreyImage grey;
        grey.width = image.cols;
        grey.height = image.rows;
        grey.pixels.resize(image.total());
        for (int y = 0; y < image.rows; ++y) {
            const auto* row = image.ptr<std::uint8_t>(y);
            std::copy(row, row + image.cols, grey.pixels.begin() + static_cast<std::ptrdiff_t>(y) * image.cols);
        }
        const auto result = reader->read(grey, options);
        const double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        char timing[96];
        if (result) {
            std::snprintf(timing, sizeof timing, ",\"milliseconds\":%.1f,\"readMilliseconds\":%.1f", ms,
                          result->milliseconds);
            json += timing;
            json += "," + reportJson(result->lines, documents::analyseMrz(result->lines, options));
            json += ",\"confidences\":[";
            for (std::size_t i = 0; i < result->confidences.size(); ++i) {
                char value[16];
                std::snprintf(value, sizeof value, "%s%.2f", i ? "," : "", static_cast<double>(result->confidences[i]));
                json += value;
            }
            json += "]}";
        } else {
            std::snprintf(timing, sizeof timing, ",\"milliseconds\":%.1f", ms);
            json += timing;
            json += ",\"valid\":false,\"errors\":[{\"context\":" + jsonString(result.error().context) +
                    ",\"message\":" + jsonString(result.error().message) + "}]}";
            status = 1;
        }
        std::printf("%s\n", json.c_str());
        std::fflush(stdout);
    }
    return status;
}

}  // namespace kiosk::ctl

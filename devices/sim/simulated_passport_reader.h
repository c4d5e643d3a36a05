#pragma once
// A passport reader the simulator (control panel, scenario player) presents documents to. By default
// a text reader: it hands over the MRZ lines. With capturePages() it is an image reader, as a
// camera-based reader is: it photographs the presented passport's data page (the synthetic page
// generator, devices/sim/passports) and hands over the picture for the kiosk's OCR.
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "devices/passport/passport_reader.h"
#include "devices/sim/passports/passport_page_generator.h"

namespace kiosk::sim {

// How the simulated image reader photographs pages. The n-th presentation after capturePages() (from
// 0) is captured with seed + n, so a page placed again is a new photograph (and one the OCR could not
// read may read the next time).
struct PageCapture {
    Degradation level = Degradation::Mild;  // a flatbed reader's conditions
    std::uint64_t seed = 1;
};

class SimulatedPassportReader final : public devices::PassportReader {
public:
    SimulatedPassportReader() = default;
    ~SimulatedPassportReader() override;  // waits for a photograph in progress
    SimulatedPassportReader(const SimulatedPassportReader&) = delete;
    SimulatedPassportReader& operator=(const SimulatedPassportReader&) = delete;

    void setReadHandler(ReadHandler handler) override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override {
        return pageCapture() ? "simulated page reader" : "simulated passport reader";
    }
    [[nodiscard]] devices::DeviceIdentity identity() const override;

    // From now on an image reader (or, with nullopt, a text reader again); presentations count from 0.
    void capturePages(std::optional<PageCapture> capture);
    [[nodiscard]] std::optional<PageCapture> pageCapture() const;

    // Text reader: the reader framed these lines; the handler runs on the caller's thread.
    // Image reader: the page of the document these lines belong to is photographed, and the handler
    // runs on the reader's own thread (rendering a page takes longer than a UI frame).
    void present(std::vector<std::string> mrzLines);
    // The reader saw a document but could not read it (no MRZ, glare). An image reader hands over
    // a page without a machine readable zone, and the OCR finds none.
    void presentUnreadable(const std::string& reason);
    void setConnected(bool connected);
    [[nodiscard]] bool documentPresent() const override;
    void takeDocument();  // the traveler picks the passport up

    // The picture an image reader takes of the document with these lines. The page generator writes
    // the MRZ from a document, so lines that do not parse (a wrong check digit, a line cut short)
    // cannot be printed: they give a page without a machine readable zone, which the OCR reports as
    // unreadable, as it does a printed MRZ whose check digits fail.
    [[nodiscard]] static GreyImage photograph(const std::vector<std::string>& mrzLines, Degradation level,
                                              std::uint64_t seed);
    // A data page with nothing in its machine readable zone, as captured.
    [[nodiscard]] static GreyImage pageWithoutMrz();

private:
    void deliver(Result<devices::PassportRead> read);
    void photographLater(std::optional<std::vector<std::string>> mrzLines);

    mutable std::mutex mutex_;  // everything below but the handler and the photographer
    std::mutex handlerMutex_;   // held while the handler runs, so setReadHandler(nullptr) is final
    ReadHandler handler_;
    bool connected_ = true;
    bool present_ = false;
    std::optional<PageCapture> pageCapture_;
    std::uint64_t presentations_ = 0;
    std::mutex photographerMutex_;
    std::thread photographer_;  // one photograph at a time; joined before the next and at the end
};

}  // namespace kiosk::sim

#pragma once
// A receipt printer that turns the ESC/POS job it receives back into paper: each cut ends a page,
// saved as receipt-NNN.png in its output folder. Faults can be injected as on a real printer.
#include <filesystem>
#include <functional>
#include <mutex>

#include "devices/printer/receipt_printer.h"
#include "devices/sim/receipt_paper.h"

namespace kiosk::sim {

class SimulatedReceiptPrinter final : public devices::ReceiptPrinter {
public:
    SimulatedReceiptPrinter(std::filesystem::path outputDir, int dotsPerLine);

    [[nodiscard]] Result<void> print(std::span<const std::uint8_t> escposJob) override;
    [[nodiscard]] devices::PrinterStatus status() const override;
    [[nodiscard]] devices::DeviceHealth health() const override;
    [[nodiscard]] std::string name() const override { return "simulated receipt printer"; }
    [[nodiscard]] devices::DeviceIdentity identity() const override {
        return {"Kiosk simulator", "simulated 80 mm kiosk printer with presenter", "SIM-0001", "sim-1", "simulated"};
    }
    [[nodiscard]] int dotsPerLine() const override { return dotsPerLine_; }
    [[nodiscard]] Result<void> retractTicket() override;

    void setStatus(const devices::PrinterStatus& status);
    void takeTicket();  // the traveler takes the receipt from the presenter
    // Called (on the printing thread) with the path of every page saved.
    void setPageHandler(std::function<void(const std::filesystem::path&)> handler);
    [[nodiscard]] int pagesPrinted() const;
    [[nodiscard]] int ticketsRetracted() const;

private:
    int dotsPerLine_;
    mutable std::mutex mutex_;
    devices::PrinterStatus status_;
    int retracted_ = 0;
    ReceiptPaper paper_;
};

}  // namespace kiosk::sim

// kioskctl devices list: the USB devices the kiosk-config names and the ones present, with state.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

#include "devices/usb/usb_context.h"
#include "tools/kioskctl/commands.h"

namespace kiosk::ctl {

namespace {

struct Configured {
    std::string role;    // passport_reader, fingerprint_scanner, receipt_printer
    std::string driver;  // hid-keyboard, cdc-acm, r30x-cp210x, usb-printer, simulated
    usb::UsbDeviceSelector selector;
};

// "devices": {"passport_reader": "simulated" | {"driver": "hid-keyboard", "usb": "1209:0001",
//             "serial": "...", "bus_path": "1-4.2"}, ...}
std::vector<Configured> readConfig(const std::string& path, std::string& problem) {
    std::vector<Configured> out;
    QFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::ReadOnly)) {
        problem = "cannot read " + path;
        return out;
    }
    const auto devices = QJsonDocument::fromJson(f.readAll()).object().value("devices").toObject();
    for (const char* role : {"passport_reader", "fingerprint_scanner", "receipt_printer"}) {
        const auto v = devices.value(role);
        Configured c;
        c.role = role;
        if (v.isString()) {
            c.driver = v.toString().toStdString();
        } else if (v.isObject()) {
            const auto o = v.toObject();
            c.driver = o.value("driver").toString().toStdString();
            const auto ids = o.value("usb").toString().split(':');
            if (ids.size() == 2) {
                c.selector.vendorId = static_cast<std::uint16_t>(ids[0].toUInt(nullptr, 16));
                c.selector.productId = static_cast<std::uint16_t>(ids[1].toUInt(nullptr, 16));
            }
            c.selector.serial = o.value("serial").toString().toStdString();
            c.selector.busPath = o.value("bus_path").toString().toStdString();
        } else {
            continue;
        }
        out.push_back(std::move(c));
    }
    return out;
}

bool matches(const usb::UsbDeviceSelector& s, const usb::UsbDeviceInfo& d) {
    return s.vendorId == d.vendorId && s.productId == d.productId && (s.serial.empty() || s.serial == d.serial) &&
           (s.busPath.empty() || s.busPath == d.busPath);
}

}  // namespace

int devicesList(const Args& argsIn) {
    Args args = argsIn;
    const std::string usage = "kioskctl devices list [--config kiosk-config/FILE.json]";
    if (wantsHelp(args)) {
        std::printf("usage: %s\n\nLists the devices the configuration names (and whether each is present) and\n"
                    "every USB device present, with its bus path, serial number and product.\n",
                    usage.c_str());
        return 0;
    }
    const std::string configPath = takeOption(args, "--config");
    if (!args.empty()) return usageError(usage, "unexpected argument '" + args.front() + "'");

    auto context = usb::UsbContext::create();
    if (!context) {
        std::fprintf(stderr, "kioskctl: %s\n", context.error().describe().c_str());
        return 1;
    }
    auto present = (*context)->list(true);
    if (!present) {
        std::fprintf(stderr, "kioskctl: %s\n", present.error().describe().c_str());
        return 1;
    }
    int missing = 0;
    if (!configPath.empty()) {
        std::string problem;
        const auto configured = readConfig(configPath, problem);
        if (!problem.empty()) return usageError(usage, problem);
        std::printf("configured:\n");
        for (const auto& c : configured) {
            if (c.driver == "simulated" || c.selector.vendorId == 0) {
                std::printf("  %-20s %-14s\n", c.role.c_str(), c.driver.c_str());
                continue;
            }
            const usb::UsbDeviceInfo* found = nullptr;
            for (const auto& d : *present)
                if (matches(c.selector, d)) found = &d;
            if (!found) ++missing;
            std::printf("  %-20s %-14s %-32s %s\n", c.role.c_str(), c.driver.c_str(), c.selector.describe().c_str(),
                        found ? ("present at " + found->busPath).c_str() : "NOT PRESENT");
        }
        std::printf("\n");
    }
    std::printf("present USB devices:\n");
    for (const auto& d : *present)
        std::printf("  %s  serial %-16s %s\n", d.describe().c_str(), d.serial.empty() ? "-" : d.serial.c_str(),
                    d.product.c_str());
    return missing == 0 ? 0 : 3;
}

}  // namespace kiosk::ctl

#pragma once
// Every benchmark prints its figures as one JSON object per line on stdout:
//   {"bench":"mrz","figure":"parse throughput","value":1234567,"unit":"documents/s"}
// ./scripts/kiosk bench gathers them into a table and out/bench/report.json with the machine's cores.
#include <cstdio>
#include <string>

namespace kiosk::bench {

inline void report(const std::string& bench, const std::string& figure, double value,
                   const std::string& unit) {
    std::printf("{\"bench\":\"%s\",\"figure\":\"%s\",\"value\":%.6g,\"unit\":\"%s\"}\n", bench.c_str(),
                figure.c_str(), value, unit.c_str());
    std::fflush(stdout);
}

}  // namespace kiosk::bench

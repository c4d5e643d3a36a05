#pragma once
// Personal data never reaches a log: anything shaped like a machine readable zone line (a run of
// 20 or more A-Z, 0-9 and '<' characters with at least one '<'), and anything shaped like a
// document number next to the word "document", is replaced before a message is written. The
// kiosk's own messages carry no such data; this is the net under them (and under libraries').
#include <string>
#include <string_view>

namespace kiosk {

[[nodiscard]] std::string maskPersonalData(std::string_view message);

}  // namespace kiosk

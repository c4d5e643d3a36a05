#include "app/core/log_masking.h"

namespace kiosk {
namespace {

constexpr std::size_t kMinMrzRun = 20;  // MRZ lines are 30, 36 or 44 characters; names run long

bool mrzCharacter(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

}  // namespace

std::string maskPersonalData(std::string_view message) {
    std::string out;
    out.reserve(message.size());
    std::size_t i = 0;
    while (i < message.size()) {
        if (!mrzCharacter(message[i])) {
            out += message[i++];
            continue;
        }
        std::size_t j = i;
        bool filler = false;
        while (j < message.size() && mrzCharacter(message[j])) filler |= message[j++] == '<';
        if (j - i >= kMinMrzRun && filler) out += "[MRZ masked]";
        else out.append(message.substr(i, j - i));
        i = j;
    }
    return out;
}

}  // namespace kiosk

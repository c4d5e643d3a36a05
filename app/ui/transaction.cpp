#include "app/ui/transaction.h"

#include <algorithm>

namespace kiosk::ui {
namespace {

void scrub(std::string& s) {
    std::fill(s.begin(), s.end(), '\0');
    s.clear();
    s.shrink_to_fit();
}

void scrub(documents::TravelDocument& d) {
    for (auto* s : {&d.documentCode, &d.issuingState, &d.primaryIdentifier, &d.secondaryIdentifier,
                    &d.nameField, &d.documentNumber, &d.nationality, &d.optionalData, &d.optionalData2})
        scrub(*s);
    d.birthDate.reset();
    d.expiryDate = {};
    d.sex = '<';
}

}  // namespace

void Transaction::wipe() {
    if (document) scrub(*document);
    document.reset();
    if (member) {
        scrub(member->memberId);
        for (auto& f : member->fingers) std::fill(f.isoTemplate.begin(), f.isoTemplate.end(), 0);
    }
    member.reset();
    *this = Transaction{};
}

}  // namespace kiosk::ui

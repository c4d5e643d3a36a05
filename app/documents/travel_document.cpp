#include "app/documents/travel_document.h"

namespace kiosk::documents {

std::string_view formatName(DocumentFormat format) {
    switch (format) {
        case DocumentFormat::TD1: return "TD1";
        case DocumentFormat::TD2: return "TD2";
        case DocumentFormat::TD3: return "TD3";
        case DocumentFormat::MRVA: return "MRV-A";
        case DocumentFormat::MRVB: return "MRV-B";
    }
    return "unknown";
}

std::string TravelDocument::displayName() const {
    if (secondaryIdentifier.empty()) {
        return primaryIdentifier;
    }
    if (primaryIdentifier.empty()) {
        return secondaryIdentifier;
    }
    std::string name;
    name.reserve(secondaryIdentifier.size() + 1 + primaryIdentifier.size());
    name += secondaryIdentifier;
    name += ' ';
    name += primaryIdentifier;
    return name;
}

}  // namespace kiosk::documents

#pragma once
// A machine-readable travel document as ICAO Doc 9303 (8th ed.) describes it, decoded from its MRZ.
// Qt-free: the simulator, the kiosk and kioskctl share it.
#include <optional>
#include <string>
#include <string_view>

#include "app/core/calendar_date.h"

namespace kiosk::documents {

enum class DocumentFormat { TD1, TD2, TD3, MRVA, MRVB };

[[nodiscard]] std::string_view formatName(DocumentFormat);

struct TravelDocument {
    DocumentFormat format = DocumentFormat::TD3;
    std::string documentCode;          // "P", "PM", "I", "ID", "V"... fillers removed
    std::string issuingState;          // "KOR", "D", "UTO" (fillers removed)
    std::string primaryIdentifier;     // display form, '<' -> ' ': "KIM", "VAN DER BERG"
    std::string secondaryIdentifier;   // display form: "MIN JI"
    std::string nameField;             // the raw name field as printed, for matching
    bool nameTruncated = false;        // name fills the field to its last character
    std::string documentNumber;        // without fillers (TD1 long numbers joined)
    std::string nationality;
    std::optional<kiosk::CalendarDate> birthDate;  // nullopt when day/month unknown per Doc 9303
    char sex = '<';                    // 'M','F','X','<'
    kiosk::CalendarDate expiryDate;
    std::string optionalData;          // fillers removed (TD3: personal number)
    // TD1 only: the second optional data element (line 2, columns 19-29), fillers removed.
    std::string optionalData2;

    [[nodiscard]] std::string displayName() const;  // "MIN JI KIM"
};

}  // namespace kiosk::documents

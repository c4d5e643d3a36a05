#pragma once
// Doc 9303 specimens (the fictitious state of Utopia) and helpers shared by the document tests.
#include <string>
#include <vector>

#include "app/documents/mrz_parser.h"

namespace kiosk::documents::test {

// Doc 9303 part 4 specimen passport; its expiry (2012-04-15) lies in the past, so tests pin `today`.
inline const std::vector<std::string> kSpecimenTd3{"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                                   "L898902C36UTO7408122F1204159ZE184226B<<<<<10"};
inline const std::vector<std::string> kSpecimenTd1{"I<UTOD231458907<<<<<<<<<<<<<<<",
                                                   "7408122F1204159UTO<<<<<<<<<<<6",
                                                   "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"};
inline const std::vector<std::string> kSpecimenTd2{"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                                   "D231458907UTO7408122F1204159<<<<<<<6"};
inline const std::vector<std::string> kSpecimenMrvA{"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
                                                    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"};
inline const std::vector<std::string> kSpecimenMrvB{"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
                                                    "L8988901C4XXX4009078F9612109<<<<<<<<"};

inline ParseOptions specimenOptions(bool tolerant = false) { return ParseOptions{{2010, 1, 1}, tolerant}; }

}  // namespace kiosk::documents::test

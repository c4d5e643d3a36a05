#include <catch2/catch.hpp>

#include "app/core/log_masking.h"

using kiosk::maskPersonalData;

TEST_CASE("MRZ-shaped text is masked in log messages") {
    const std::string line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const std::string line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    const auto masked = maskPersonalData("read: " + line1 + " / " + line2 + " done");
    CHECK(masked == "read: [MRZ masked] / [MRZ masked] done");
    CHECK(masked.find("ERIKSSON") == std::string::npos);
    CHECK(masked.find("L898902C3") == std::string::npos);
    // A TD1 line (30 characters) and a name field alone.
    CHECK(maskPersonalData("I<UTOD231458907<<<<<<<<<<<<<<<").find("D23145890") == std::string::npos);
    CHECK(maskPersonalData("name KIM<<MIN<JI<<<<<<<<<<<") == "name [MRZ masked]");
}

TEST_CASE("ordinary technician messages pass unchanged") {
    for (const char* m : {"finger attempt 1: quality 100, score 94.2, threshold 60.84 (match)",
                          "line 2, columns 14-19 (date of birth): check digit is 3 but the field gives 5",
                          "transaction SIM-01-261127-004631-1057 decided: referred (BIO)",
                          "USB 1209:0001 (bus 1-2): LIBUSB_ERROR_NO_DEVICE", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"})
        CHECK(maskPersonalData(m) == m);
}

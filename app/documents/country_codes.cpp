#include "app/documents/country_codes.h"

#include <array>
#include <cstdint>

namespace kiosk::documents {
namespace {

struct CountryCode {
    std::string_view code;
    std::string_view name;
};

// ISO 3166-1 alpha-3 (officially assigned codes), then the Doc 9303 part 3 additions.
constexpr CountryCode kCodes[] = {
    {"ABW", "Aruba"}, {"AFG", "Afghanistan"}, {"AGO", "Angola"}, {"AIA", "Anguilla"},
    {"ALA", "Aland Islands"}, {"ALB", "Albania"}, {"AND", "Andorra"}, {"ARE", "United Arab Emirates"},
    {"ARG", "Argentina"}, {"ARM", "Armenia"}, {"ASM", "American Samoa"}, {"ATA", "Antarctica"},
    {"ATF", "French Southern Territories"}, {"ATG", "Antigua and Barbuda"}, {"AUS", "Australia"},
    {"AUT", "Austria"}, {"AZE", "Azerbaijan"}, {"BDI", "Burundi"}, {"BEL", "Belgium"}, {"BEN", "Benin"},
    {"BES", "Bonaire, Sint Eustatius and Saba"}, {"BFA", "Burkina Faso"}, {"BGD", "Bangladesh"},
    {"BGR", "Bulgaria"}, {"BHR", "Bahrain"}, {"BHS", "Bahamas"}, {"BIH", "Bosnia and Herzegovina"},
    {"BLM", "Saint Barthelemy"}, {"BLR", "Belarus"}, {"BLZ", "Belize"}, {"BMU", "Bermuda"},
    {"BOL", "Bolivia"}, {"BRA", "Brazil"}, {"BRB", "Barbados"}, {"BRN", "Brunei Darussalam"},
    {"BTN", "Bhutan"}, {"BVT", "Bouvet Island"}, {"BWA", "Botswana"}, {"CAF", "Central African Republic"},
    {"CAN", "Canada"}, {"CCK", "Cocos (Keeling) Islands"}, {"CHE", "Switzerland"}, {"CHL", "Chile"},
    {"CHN", "China"}, {"CIV", "Cote d'Ivoire"}, {"CMR", "Cameroon"}, {"COD", "Congo, Democratic Republic of the"},
    {"COG", "Congo"}, {"COK", "Cook Islands"}, {"COL", "Colombia"}, {"COM", "Comoros"},
    {"CPV", "Cabo Verde"}, {"CRI", "Costa Rica"}, {"CUB", "Cuba"}, {"CUW", "Curacao"},
    {"CXR", "Christmas Island"}, {"CYM", "Cayman Islands"}, {"CYP", "Cyprus"}, {"CZE", "Czechia"},
    {"DEU", "Germany"}, {"DJI", "Djibouti"}, {"DMA", "Dominica"}, {"DNK", "Denmark"},
    {"DOM", "Dominican Republic"}, {"DZA", "Algeria"}, {"ECU", "Ecuador"}, {"EGY", "Egypt"},
    {"ERI", "Eritrea"}, {"ESH", "Western Sahara"}, {"ESP", "Spain"}, {"EST", "Estonia"},
    {"ETH", "Ethiopia"}, {"FIN", "Finland"}, {"FJI", "Fiji"}, {"FLK", "Falkland Islands (Malvinas)"},
    {"FRA", "France"}, {"FRO", "Faroe Islands"}, {"FSM", "Micronesia (Federated States of)"},
    {"GAB", "Gabon"}, {"GBR", "United Kingdom of Great Britain and Northern Ireland"}, {"GEO", "Georgia"},
    {"GGY", "Guernsey"}, {"GHA", "Ghana"}, {"GIB", "Gibraltar"}, {"GIN", "Guinea"}, {"GLP", "Guadeloupe"},
    {"GMB", "Gambia"}, {"GNB", "Guinea-Bissau"}, {"GNQ", "Equatorial Guinea"}, {"GRC", "Greece"},
    {"GRD", "Grenada"}, {"GRL", "Greenland"}, {"GTM", "Guatemala"}, {"GUF", "French Guiana"},
    {"GUM", "Guam"}, {"GUY", "Guyana"}, {"HKG", "Hong Kong"}, {"HMD", "Heard Island and McDonald Islands"},
    {"HND", "Honduras"}, {"HRV", "Croatia"}, {"HTI", "Haiti"}, {"HUN", "Hungary"}, {"IDN", "Indonesia"},
    {"IMN", "Isle of Man"}, {"IND", "India"}, {"IOT", "British Indian Ocean Territory"}, {"IRL", "Ireland"},
    {"IRN", "Iran"}, {"IRQ", "Iraq"}, {"ISL", "Iceland"}, {"ISR", "Israel"}, {"ITA", "Italy"},
    {"JAM", "Jamaica"}, {"JEY", "Jersey"}, {"JOR", "Jordan"}, {"JPN", "Japan"}, {"KAZ", "Kazakhstan"},
    {"KEN", "Kenya"}, {"KGZ", "Kyrgyzstan"}, {"KHM", "Cambodia"}, {"KIR", "Kiribati"},
    {"KNA", "Saint Kitts and Nevis"}, {"KOR", "Korea, Republic of"}, {"KWT", "Kuwait"},
    {"LAO", "Lao People's Democratic Republic"}, {"LBN", "Lebanon"}, {"LBR", "Liberia"}, {"LBY", "Libya"},
    {"LCA", "Saint Lucia"}, {"LIE", "Liechtenstein"}, {"LKA", "Sri Lanka"}, {"LSO", "Lesotho"},
    {"LTU", "Lithuania"}, {"LUX", "Luxembourg"}, {"LVA", "Latvia"}, {"MAC", "Macao"},
    {"MAF", "Saint Martin (French part)"}, {"MAR", "Morocco"}, {"MCO", "Monaco"}, {"MDA", "Moldova"},
    {"MDG", "Madagascar"}, {"MDV", "Maldives"}, {"MEX", "Mexico"}, {"MHL", "Marshall Islands"},
    {"MKD", "North Macedonia"}, {"MLI", "Mali"}, {"MLT", "Malta"}, {"MMR", "Myanmar"}, {"MNE", "Montenegro"},
    {"MNG", "Mongolia"}, {"MNP", "Northern Mariana Islands"}, {"MOZ", "Mozambique"}, {"MRT", "Mauritania"},
    {"MSR", "Montserrat"}, {"MTQ", "Martinique"}, {"MUS", "Mauritius"}, {"MWI", "Malawi"},
    {"MYS", "Malaysia"}, {"MYT", "Mayotte"}, {"NAM", "Namibia"}, {"NCL", "New Caledonia"}, {"NER", "Niger"},
    {"NFK", "Norfolk Island"}, {"NGA", "Nigeria"}, {"NIC", "Nicaragua"}, {"NIU", "Niue"},
    {"NLD", "Netherlands"}, {"NOR", "Norway"}, {"NPL", "Nepal"}, {"NRU", "Nauru"}, {"NZL", "New Zealand"},
    {"OMN", "Oman"}, {"PAK", "Pakistan"}, {"PAN", "Panama"}, {"PCN", "Pitcairn"}, {"PER", "Peru"},
    {"PHL", "Philippines"}, {"PLW", "Palau"}, {"PNG", "Papua New Guinea"}, {"POL", "Poland"},
    {"PRI", "Puerto Rico"}, {"PRK", "Korea, Democratic People's Republic of"}, {"PRT", "Portugal"},
    {"PRY", "Paraguay"}, {"PSE", "Palestine, State of"}, {"PYF", "French Polynesia"}, {"QAT", "Qatar"},
    {"REU", "Reunion"}, {"ROU", "Romania"}, {"RUS", "Russian Federation"}, {"RWA", "Rwanda"},
    {"SAU", "Saudi Arabia"}, {"SDN", "Sudan"}, {"SEN", "Senegal"}, {"SGP", "Singapore"},
    {"SGS", "South Georgia and the South Sandwich Islands"}, {"SHN", "Saint Helena, Ascension and Tristan da Cunha"},
    {"SJM", "Svalbard and Jan Mayen"}, {"SLB", "Solomon Islands"}, {"SLE", "Sierra Leone"},
    {"SLV", "El Salvador"}, {"SMR", "San Marino"}, {"SOM", "Somalia"}, {"SPM", "Saint Pierre and Miquelon"},
    {"SRB", "Serbia"}, {"SSD", "South Sudan"}, {"STP", "Sao Tome and Principe"}, {"SUR", "Suriname"},
    {"SVK", "Slovakia"}, {"SVN", "Slovenia"}, {"SWE", "Sweden"}, {"SWZ", "Eswatini"},
    {"SXM", "Sint Maarten (Dutch part)"}, {"SYC", "Seychelles"}, {"SYR", "Syrian Arab Republic"},
    {"TCA", "Turks and Caicos Islands"}, {"TCD", "Chad"}, {"TGO", "Togo"}, {"THA", "Thailand"},
    {"TJK", "Tajikistan"}, {"TKL", "Tokelau"}, {"TKM", "Turkmenistan"}, {"TLS", "Timor-Leste"},
    {"TON", "Tonga"}, {"TTO", "Trinidad and Tobago"}, {"TUN", "Tunisia"}, {"TUR", "Turkiye"},
    {"TUV", "Tuvalu"}, {"TWN", "Taiwan, Province of China"}, {"TZA", "Tanzania, United Republic of"},
    {"UGA", "Uganda"}, {"UKR", "Ukraine"}, {"UMI", "United States Minor Outlying Islands"},
    {"URY", "Uruguay"}, {"USA", "United States of America"}, {"UZB", "Uzbekistan"},
    {"VAT", "Holy See"}, {"VCT", "Saint Vincent and the Grenadines"}, {"VEN", "Venezuela"},
    {"VGB", "Virgin Islands (British)"}, {"VIR", "Virgin Islands (U.S.)"}, {"VNM", "Viet Nam"},
    {"VUT", "Vanuatu"}, {"WLF", "Wallis and Futuna"}, {"WSM", "Samoa"}, {"YEM", "Yemen"},
    {"ZAF", "South Africa"}, {"ZMB", "Zambia"}, {"ZWE", "Zimbabwe"},
    // Doc 9303 part 3, section 5: Germany's one-letter code and the British nationality categories.
    {"D", "Germany"},
    {"GBD", "British Overseas Territories Citizen"}, {"GBN", "British National (Overseas)"},
    {"GBO", "British Overseas Citizen"}, {"GBP", "British Protected Person"}, {"GBS", "British Subject"},
    // Other codes reserved by ISO 3166/MA for Doc 9303 use.
    {"EUE", "European Union"}, {"UNO", "United Nations Organization"},
    {"UNA", "United Nations specialized agency"}, {"UNK", "Resident of Kosovo (UNMIK)"},
    {"XBA", "African Development Bank"}, {"XIM", "African Export-Import Bank"},
    {"XCC", "Caribbean Community"}, {"XCE", "Council of Europe"},
    {"XCO", "Common Market for Eastern and Southern Africa"},
    {"XEC", "Economic Community of West African States"},
    {"XPO", "International Criminal Police Organization"}, {"XES", "Organisation of Eastern Caribbean States"},
    {"XMP", "Parliamentary Assembly of the Mediterranean"}, {"XOM", "Sovereign Military Order of Malta"},
    {"XDC", "Southern African Development Community"},
    // Persons without a defined nationality.
    {"XXA", "Stateless person"}, {"XXB", "Refugee (1951 Convention)"}, {"XXC", "Refugee (other)"},
    {"XXX", "Unspecified nationality"},
    // Not in Doc 9303 but printed by Kosovo's own passports; refusing them at the kiosk helps nobody.
    {"RKS", "Kosovo"},
    // The fictitious state of Doc 9303's specimens; the tests and the simulator use it.
    {"UTO", "Utopia"},
};

// Index by the three letters (A=1..Z=26, missing = 0): one table read per lookup on the hot path.
constexpr int kRadix = 27;
constexpr int keyOf(std::string_view code) {
    if (code.empty() || code.size() > 3) {
        return -1;
    }
    int key = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        int digit = 0;
        if (i < code.size()) {
            const char c = code[i];
            if (c < 'A' || c > 'Z') {
                return -1;
            }
            digit = c - 'A' + 1;
        }
        key = key * kRadix + digit;
    }
    return key;
}

constexpr auto kIndex = [] {
    std::array<std::uint16_t, kRadix * kRadix * kRadix> index{};
    for (std::size_t i = 0; i < std::size(kCodes); ++i) {
        index[static_cast<std::size_t>(keyOf(kCodes[i].code))] = static_cast<std::uint16_t>(i + 1);
    }
    return index;
}();

}  // namespace

bool isKnownIssuerCode(std::string_view code) {
    const int key = keyOf(code);
    return key >= 0 && kIndex[static_cast<std::size_t>(key)] != 0;
}

std::string_view countryName(std::string_view code) {
    const int key = keyOf(code);
    if (key < 0) {
        return {};
    }
    const auto slot = kIndex[static_cast<std::size_t>(key)];
    return slot == 0 ? std::string_view{} : kCodes[slot - 1].name;
}

}  // namespace kiosk::documents

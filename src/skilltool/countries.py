"""Countries: ISO 3166-1 alpha-2 codes and their names in Dutch and English.

``resolve_country`` turns what a caseworker or a CSV export writes ("Syrië", "Syrie", "Syria",
"SY", "SYR", "Turkije", "Eritrea") into the alpha-2 code; ``country_name`` gives the name back.

The table below was generated once from Debian's iso-codes 4.15 (``iso_3166-1.json`` and its
Dutch ``iso_3166-1.mo`` translation) and is static reference data, so it lives in code: intake and
batch resolve 100,000 rows without reading a file. Hand-added spellings are in ``_ALIASES``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz import fuzz, process

# (alpha-2, alpha-3, English name, Dutch name, other English names) from iso-codes 4.15.
_ISO: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("AD", "AND", "Andorra", "Andorra", ("Principality of Andorra",)),
    ("AE", "ARE", "United Arab Emirates", "Verenigde Arabische Emiraten", ()),
    ("AF", "AFG", "Afghanistan", "Afghanistan", ("Islamic Republic of Afghanistan",)),
    ("AG", "ATG", "Antigua and Barbuda", "Antigua en Barbuda", ()),
    ("AI", "AIA", "Anguilla", "Anguilla", ()),
    ("AL", "ALB", "Albania", "Albanië", ("Republic of Albania",)),
    ("AM", "ARM", "Armenia", "Armenië", ("Republic of Armenia",)),
    ("AO", "AGO", "Angola", "Angola", ("Republic of Angola",)),
    ("AQ", "ATA", "Antarctica", "Antarctica", ()),
    ("AR", "ARG", "Argentina", "Argentinië", ("Argentine Republic",)),
    ("AS", "ASM", "American Samoa", "Amerikaans-Samoa", ()),
    ("AT", "AUT", "Austria", "Oostenrijk", ("Republic of Austria",)),
    ("AU", "AUS", "Australia", "Australië", ()),
    ("AW", "ABW", "Aruba", "Aruba", ()),
    ("AX", "ALA", "Åland Islands", "Ålandseilanden", ()),
    ("AZ", "AZE", "Azerbaijan", "Azerbeidzjan", ("Republic of Azerbaijan",)),
    ("BA", "BIH", "Bosnia and Herzegovina", "Bosnië en Herzegovina", ("Republic of Bosnia and Herzegovina",)),
    ("BB", "BRB", "Barbados", "Barbados", ()),
    ("BD", "BGD", "Bangladesh", "Bangladesh", ("People's Republic of Bangladesh",)),
    ("BE", "BEL", "Belgium", "België", ("Kingdom of Belgium",)),
    ("BF", "BFA", "Burkina Faso", "Burkina Faso", ()),
    ("BG", "BGR", "Bulgaria", "Bulgarije", ("Republic of Bulgaria",)),
    ("BH", "BHR", "Bahrain", "Bahrein", ("Kingdom of Bahrain",)),
    ("BI", "BDI", "Burundi", "Burundi", ("Republic of Burundi",)),
    ("BJ", "BEN", "Benin", "Benin", ("Republic of Benin",)),
    ("BL", "BLM", "Saint Barthélemy", "Saint-Barthélemy", ()),
    ("BM", "BMU", "Bermuda", "Bermuda", ()),
    ("BN", "BRN", "Brunei Darussalam", "Brunei", ()),
    (
        "BO",
        "BOL",
        "Bolivia",
        "Bolivia, Multinationale Staat",
        ("Bolivia, Plurinational State of", "Plurinational State of Bolivia"),
    ),
    ("BQ", "BES", "Bonaire, Sint Eustatius and Saba", "Bonaire, Sint Eustatius en Saba", ()),
    ("BR", "BRA", "Brazil", "Brazilië", ("Federative Republic of Brazil",)),
    ("BS", "BHS", "Bahamas", "Bahama's", ("Commonwealth of the Bahamas",)),
    ("BT", "BTN", "Bhutan", "Bhutan", ("Kingdom of Bhutan",)),
    ("BV", "BVT", "Bouvet Island", "Bouveteiland", ()),
    ("BW", "BWA", "Botswana", "Botswana", ("Republic of Botswana",)),
    ("BY", "BLR", "Belarus", "Wit-Rusland", ("Republic of Belarus",)),
    ("BZ", "BLZ", "Belize", "Belize", ()),
    ("CA", "CAN", "Canada", "Canada", ()),
    ("CC", "CCK", "Cocos (Keeling) Islands", "Cocoseilanden (Keelingeilanden)", ()),
    ("CD", "COD", "Congo, The Democratic Republic of the", "Congo, Democratische Republiek", ()),
    ("CF", "CAF", "Central African Republic", "Centraal-Afrikaanse Republiek", ()),
    ("CG", "COG", "Congo", "Congo", ("Republic of the Congo",)),
    ("CH", "CHE", "Switzerland", "Zwitserland", ("Swiss Confederation",)),
    ("CI", "CIV", "Côte d'Ivoire", "Ivoorkust", ("Republic of Côte d'Ivoire",)),
    ("CK", "COK", "Cook Islands", "Cookeilanden", ()),
    ("CL", "CHL", "Chile", "Chili", ("Republic of Chile",)),
    ("CM", "CMR", "Cameroon", "Kameroen", ("Republic of Cameroon",)),
    ("CN", "CHN", "China", "China", ("People's Republic of China",)),
    ("CO", "COL", "Colombia", "Colombia", ("Republic of Colombia",)),
    ("CR", "CRI", "Costa Rica", "Costa Rica", ("Republic of Costa Rica",)),
    ("CU", "CUB", "Cuba", "Cuba", ("Republic of Cuba",)),
    ("CV", "CPV", "Cabo Verde", "Kaapverdië", ("Republic of Cabo Verde",)),
    ("CW", "CUW", "Curaçao", "Curaçao", ()),
    ("CX", "CXR", "Christmas Island", "Christmaseiland", ()),
    ("CY", "CYP", "Cyprus", "Cyprus", ("Republic of Cyprus",)),
    ("CZ", "CZE", "Czechia", "Tsjechië", ("Czech Republic",)),
    ("DE", "DEU", "Germany", "Duitsland", ("Federal Republic of Germany",)),
    ("DJ", "DJI", "Djibouti", "Djibouti", ("Republic of Djibouti",)),
    ("DK", "DNK", "Denmark", "Denemarken", ("Kingdom of Denmark",)),
    ("DM", "DMA", "Dominica", "Dominica", ("Commonwealth of Dominica",)),
    ("DO", "DOM", "Dominican Republic", "Dominicaanse Republiek", ()),
    ("DZ", "DZA", "Algeria", "Algerije", ("People's Democratic Republic of Algeria",)),
    ("EC", "ECU", "Ecuador", "Ecuador", ("Republic of Ecuador",)),
    ("EE", "EST", "Estonia", "Estland", ("Republic of Estonia",)),
    ("EG", "EGY", "Egypt", "Egypte", ("Arab Republic of Egypt",)),
    ("EH", "ESH", "Western Sahara", "Westelijke Sahara", ()),
    ("ER", "ERI", "Eritrea", "Eritrea", ("State of Eritrea",)),
    ("ES", "ESP", "Spain", "Spanje", ("Kingdom of Spain",)),
    ("ET", "ETH", "Ethiopia", "Ethiopië", ("Federal Democratic Republic of Ethiopia",)),
    ("FI", "FIN", "Finland", "Finland", ("Republic of Finland",)),
    ("FJ", "FJI", "Fiji", "Fiji", ("Republic of Fiji",)),
    ("FK", "FLK", "Falkland Islands (Malvinas)", "Falklandeilanden (Malvinas)", ()),
    ("FM", "FSM", "Micronesia, Federated States of", "Micronesia", ("Federated States of Micronesia",)),
    ("FO", "FRO", "Faroe Islands", "Faeröer", ()),
    ("FR", "FRA", "France", "Frankrijk", ("French Republic",)),
    ("GA", "GAB", "Gabon", "Gabon", ("Gabonese Republic",)),
    (
        "GB",
        "GBR",
        "United Kingdom",
        "Verenigd Koninkrijk",
        ("United Kingdom of Great Britain and Northern Ireland",),
    ),
    ("GD", "GRD", "Grenada", "Grenada", ()),
    ("GE", "GEO", "Georgia", "Georgia", ()),
    ("GF", "GUF", "French Guiana", "Frans-Guyana", ()),
    ("GG", "GGY", "Guernsey", "Guernsey", ()),
    ("GH", "GHA", "Ghana", "Ghana", ("Republic of Ghana",)),
    ("GI", "GIB", "Gibraltar", "Gibraltar", ()),
    ("GL", "GRL", "Greenland", "Groenland", ()),
    ("GM", "GMB", "Gambia", "Gambia", ("Republic of the Gambia",)),
    ("GN", "GIN", "Guinea", "Guinee", ("Republic of Guinea",)),
    ("GP", "GLP", "Guadeloupe", "Guadeloupe", ()),
    ("GQ", "GNQ", "Equatorial Guinea", "Equatoriaal-Guinea", ("Republic of Equatorial Guinea",)),
    ("GR", "GRC", "Greece", "Griekenland", ("Hellenic Republic",)),
    (
        "GS",
        "SGS",
        "South Georgia and the South Sandwich Islands",
        "Zuid-Georgia en de Zuidelijke Sandwicheilanden",
        (),
    ),
    ("GT", "GTM", "Guatemala", "Guatemala", ("Republic of Guatemala",)),
    ("GU", "GUM", "Guam", "Guam", ()),
    ("GW", "GNB", "Guinea-Bissau", "Guinee-Bissau", ("Republic of Guinea-Bissau",)),
    ("GY", "GUY", "Guyana", "Guyana", ("Republic of Guyana",)),
    ("HK", "HKG", "Hong Kong", "Hongkong", ("Hong Kong Special Administrative Region of China",)),
    ("HM", "HMD", "Heard Island and McDonald Islands", "Heardeiland en McDonaldeilanden", ()),
    ("HN", "HND", "Honduras", "Honduras", ("Republic of Honduras",)),
    ("HR", "HRV", "Croatia", "Kroatië", ("Republic of Croatia",)),
    ("HT", "HTI", "Haiti", "Haïti", ("Republic of Haiti",)),
    ("HU", "HUN", "Hungary", "Hongarije", ()),
    ("ID", "IDN", "Indonesia", "Indonesië", ("Republic of Indonesia",)),
    ("IE", "IRL", "Ireland", "Ierland", ()),
    ("IL", "ISR", "Israel", "Israël", ("State of Israel",)),
    ("IM", "IMN", "Isle of Man", "Eiland Man", ()),
    ("IN", "IND", "India", "India", ("Republic of India",)),
    ("IO", "IOT", "British Indian Ocean Territory", "Brits Indische Oceaanterritorium", ()),
    ("IQ", "IRQ", "Iraq", "Irak", ("Republic of Iraq",)),
    ("IR", "IRN", "Iran", "Iran", ("Iran, Islamic Republic of", "Islamic Republic of Iran")),
    ("IS", "ISL", "Iceland", "IJsland", ("Republic of Iceland",)),
    ("IT", "ITA", "Italy", "Italië", ("Italian Republic",)),
    ("JE", "JEY", "Jersey", "Jersey", ()),
    ("JM", "JAM", "Jamaica", "Jamaica", ()),
    ("JO", "JOR", "Jordan", "Jordanië", ("Hashemite Kingdom of Jordan",)),
    ("JP", "JPN", "Japan", "Japan", ()),
    ("KE", "KEN", "Kenya", "Kenia", ("Republic of Kenya",)),
    ("KG", "KGZ", "Kyrgyzstan", "Kirgizië", ("Kyrgyz Republic",)),
    ("KH", "KHM", "Cambodia", "Cambodja", ("Kingdom of Cambodia",)),
    ("KI", "KIR", "Kiribati", "Kiribati", ("Republic of Kiribati",)),
    ("KM", "COM", "Comoros", "Comoren", ("Union of the Comoros",)),
    ("KN", "KNA", "Saint Kitts and Nevis", "Saint Kitts en Nevis", ()),
    (
        "KP",
        "PRK",
        "North Korea",
        "Korea, Democratische Volksrepubliek",
        ("Korea, Democratic People's Republic of", "Democratic People's Republic of Korea"),
    ),
    ("KR", "KOR", "South Korea", "Korea, Republiek", ("Korea, Republic of",)),
    ("KW", "KWT", "Kuwait", "Koeweit", ("State of Kuwait",)),
    ("KY", "CYM", "Cayman Islands", "Kaaimaneilanden", ()),
    ("KZ", "KAZ", "Kazakhstan", "Kazachstan", ("Republic of Kazakhstan",)),
    ("LA", "LAO", "Laos", "Laos Democratische Volksrepubliek", ("Lao People's Democratic Republic",)),
    ("LB", "LBN", "Lebanon", "Libanon", ("Lebanese Republic",)),
    ("LC", "LCA", "Saint Lucia", "Saint Lucia", ()),
    ("LI", "LIE", "Liechtenstein", "Liechtenstein", ("Principality of Liechtenstein",)),
    ("LK", "LKA", "Sri Lanka", "Sri Lanka", ("Democratic Socialist Republic of Sri Lanka",)),
    ("LR", "LBR", "Liberia", "Liberia", ("Republic of Liberia",)),
    ("LS", "LSO", "Lesotho", "Lesotho", ("Kingdom of Lesotho",)),
    ("LT", "LTU", "Lithuania", "Litouwen", ("Republic of Lithuania",)),
    ("LU", "LUX", "Luxembourg", "Luxemburg", ("Grand Duchy of Luxembourg",)),
    ("LV", "LVA", "Latvia", "Letland", ("Republic of Latvia",)),
    ("LY", "LBY", "Libya", "Libië", ()),
    ("MA", "MAR", "Morocco", "Marokko", ("Kingdom of Morocco",)),
    ("MC", "MCO", "Monaco", "Monaco", ("Principality of Monaco",)),
    ("MD", "MDA", "Moldova", "Moldavië, Republiek", ("Moldova, Republic of", "Republic of Moldova")),
    ("ME", "MNE", "Montenegro", "Montenegro", ()),
    ("MF", "MAF", "Saint Martin (French part)", "Sint-Maarten (Frans deel)", ()),
    ("MG", "MDG", "Madagascar", "Madagaskar", ("Republic of Madagascar",)),
    ("MH", "MHL", "Marshall Islands", "Marshalleilanden", ("Republic of the Marshall Islands",)),
    ("MK", "MKD", "North Macedonia", "Noord-Macedonië", ("Republic of North Macedonia",)),
    ("ML", "MLI", "Mali", "Mali", ("Republic of Mali",)),
    ("MM", "MMR", "Myanmar", "Myanmar", ("Republic of Myanmar",)),
    ("MN", "MNG", "Mongolia", "Mongolië", ()),
    ("MO", "MAC", "Macao", "Macau", ("Macao Special Administrative Region of China",)),
    (
        "MP",
        "MNP",
        "Northern Mariana Islands",
        "Noordelijke Marianen",
        ("Commonwealth of the Northern Mariana Islands",),
    ),
    ("MQ", "MTQ", "Martinique", "Martinique", ()),
    ("MR", "MRT", "Mauritania", "Mauritanië", ("Islamic Republic of Mauritania",)),
    ("MS", "MSR", "Montserrat", "Montserrat", ()),
    ("MT", "MLT", "Malta", "Malta", ("Republic of Malta",)),
    ("MU", "MUS", "Mauritius", "Mauritius", ("Republic of Mauritius",)),
    ("MV", "MDV", "Maldives", "Maldiven", ("Republic of Maldives",)),
    ("MW", "MWI", "Malawi", "Malawi", ("Republic of Malawi",)),
    ("MX", "MEX", "Mexico", "Mexico", ("United Mexican States",)),
    ("MY", "MYS", "Malaysia", "Maleisië", ()),
    ("MZ", "MOZ", "Mozambique", "Mozambique", ("Republic of Mozambique",)),
    ("NA", "NAM", "Namibia", "Namibië", ("Republic of Namibia",)),
    ("NC", "NCL", "New Caledonia", "Nieuw-Caledonië", ()),
    ("NE", "NER", "Niger", "Niger", ("Republic of the Niger",)),
    ("NF", "NFK", "Norfolk Island", "Norfolk", ()),
    ("NG", "NGA", "Nigeria", "Nigeria", ("Federal Republic of Nigeria",)),
    ("NI", "NIC", "Nicaragua", "Nicaragua", ("Republic of Nicaragua",)),
    ("NL", "NLD", "Netherlands", "Nederland", ("Kingdom of the Netherlands",)),
    ("NO", "NOR", "Norway", "Noorwegen", ("Kingdom of Norway",)),
    ("NP", "NPL", "Nepal", "Nepal", ("Federal Democratic Republic of Nepal",)),
    ("NR", "NRU", "Nauru", "Nauru", ("Republic of Nauru",)),
    ("NU", "NIU", "Niue", "Niue", ()),
    ("NZ", "NZL", "New Zealand", "Nieuw-Zeeland", ()),
    ("OM", "OMN", "Oman", "Oman", ("Sultanate of Oman",)),
    ("PA", "PAN", "Panama", "Panama", ("Republic of Panama",)),
    ("PE", "PER", "Peru", "Peru", ("Republic of Peru",)),
    ("PF", "PYF", "French Polynesia", "Frans-Polynesië", ()),
    ("PG", "PNG", "Papua New Guinea", "Papoea-Nieuw-Guinea", ("Independent State of Papua New Guinea",)),
    ("PH", "PHL", "Philippines", "Filipijnen", ("Republic of the Philippines",)),
    ("PK", "PAK", "Pakistan", "Pakistan", ("Islamic Republic of Pakistan",)),
    ("PL", "POL", "Poland", "Polen", ("Republic of Poland",)),
    ("PM", "SPM", "Saint Pierre and Miquelon", "Saint-Pierre en Miquelon", ()),
    ("PN", "PCN", "Pitcairn", "Pitcairneilanden", ()),
    ("PR", "PRI", "Puerto Rico", "Puerto Rico", ()),
    ("PS", "PSE", "Palestine, State of", "Palestina, Staat", ("State of Palestine",)),
    ("PT", "PRT", "Portugal", "Portugal", ("Portuguese Republic",)),
    ("PW", "PLW", "Palau", "Palau", ("Republic of Palau",)),
    ("PY", "PRY", "Paraguay", "Paraguay", ("Republic of Paraguay",)),
    ("QA", "QAT", "Qatar", "Qatar", ("State of Qatar",)),
    ("RE", "REU", "Réunion", "Réunion", ()),
    ("RO", "ROU", "Romania", "Roemenië", ()),
    ("RS", "SRB", "Serbia", "Servië", ("Republic of Serbia",)),
    ("RU", "RUS", "Russian Federation", "Rusland", ()),
    ("RW", "RWA", "Rwanda", "Rwanda", ("Rwandese Republic",)),
    ("SA", "SAU", "Saudi Arabia", "Saoedi-Arabië", ("Kingdom of Saudi Arabia",)),
    ("SB", "SLB", "Solomon Islands", "Salomonseilanden", ()),
    ("SC", "SYC", "Seychelles", "Seychellen", ("Republic of Seychelles",)),
    ("SD", "SDN", "Sudan", "Soedan", ("Republic of the Sudan",)),
    ("SE", "SWE", "Sweden", "Zweden", ("Kingdom of Sweden",)),
    ("SG", "SGP", "Singapore", "Singapore", ("Republic of Singapore",)),
    (
        "SH",
        "SHN",
        "Saint Helena, Ascension and Tristan da Cunha",
        "Sint-Helena, Ascension en Tristan da Cunha",
        (),
    ),
    ("SI", "SVN", "Slovenia", "Slovenië", ("Republic of Slovenia",)),
    ("SJ", "SJM", "Svalbard and Jan Mayen", "Spitsbergen en Jan Mayen", ()),
    ("SK", "SVK", "Slovakia", "Slowakije", ("Slovak Republic",)),
    ("SL", "SLE", "Sierra Leone", "Sierra Leone", ("Republic of Sierra Leone",)),
    ("SM", "SMR", "San Marino", "San Marino", ("Republic of San Marino",)),
    ("SN", "SEN", "Senegal", "Senegal", ("Republic of Senegal",)),
    ("SO", "SOM", "Somalia", "Somalië", ("Federal Republic of Somalia",)),
    ("SR", "SUR", "Suriname", "Suriname", ("Republic of Suriname",)),
    ("SS", "SSD", "South Sudan", "Zuid-Soedan", ("Republic of South Sudan",)),
    (
        "ST",
        "STP",
        "Sao Tome and Principe",
        "Sao Tomé en Principe",
        ("Democratic Republic of Sao Tome and Principe",),
    ),
    ("SV", "SLV", "El Salvador", "El Salvador", ("Republic of El Salvador",)),
    ("SX", "SXM", "Sint Maarten (Dutch part)", "Sint Maarten (Nederlands deel)", ()),
    ("SY", "SYR", "Syria", "Syrië", ("Syrian Arab Republic",)),
    ("SZ", "SWZ", "Eswatini", "Eswatini", ("Kingdom of Eswatini",)),
    ("TC", "TCA", "Turks and Caicos Islands", "Turks- en Caicoseilanden", ()),
    ("TD", "TCD", "Chad", "Tsjaad", ("Republic of Chad",)),
    ("TF", "ATF", "French Southern Territories", "Franse Zuidelijke Gebieden", ()),
    ("TG", "TGO", "Togo", "Togo", ("Togolese Republic",)),
    ("TH", "THA", "Thailand", "Thailand", ("Kingdom of Thailand",)),
    ("TJ", "TJK", "Tajikistan", "Tadzjikistan", ("Republic of Tajikistan",)),
    ("TK", "TKL", "Tokelau", "Tokelau", ()),
    ("TL", "TLS", "Timor-Leste", "Oost-Timor", ("Democratic Republic of Timor-Leste",)),
    ("TM", "TKM", "Turkmenistan", "Turkmenistan", ()),
    ("TN", "TUN", "Tunisia", "Tunesië", ("Republic of Tunisia",)),
    ("TO", "TON", "Tonga", "Tonga", ("Kingdom of Tonga",)),
    ("TR", "TUR", "Türkiye", "Turkije", ("Republic of Türkiye",)),
    ("TT", "TTO", "Trinidad and Tobago", "Trinidad en Tobago", ("Republic of Trinidad and Tobago",)),
    ("TV", "TUV", "Tuvalu", "Tuvalu", ()),
    ("TW", "TWN", "Taiwan", "Taiwan", ("Taiwan, Province of China",)),
    ("TZ", "TZA", "Tanzania", "Tanzania", ("Tanzania, United Republic of", "United Republic of Tanzania")),
    ("UA", "UKR", "Ukraine", "Oekraïne", ()),
    ("UG", "UGA", "Uganda", "Oeganda", ("Republic of Uganda",)),
    (
        "UM",
        "UMI",
        "United States Minor Outlying Islands",
        "Kleine afgelegen eilanden van de Verenigde Staten",
        (),
    ),
    ("US", "USA", "United States", "Verenigde Staten", ("United States of America",)),
    ("UY", "URY", "Uruguay", "Uruguay", ("Eastern Republic of Uruguay",)),
    ("UZ", "UZB", "Uzbekistan", "Oezbekistan", ("Republic of Uzbekistan",)),
    ("VA", "VAT", "Holy See (Vatican City State)", "Vaticaanstad, Staat", ()),
    ("VC", "VCT", "Saint Vincent and the Grenadines", "Saint Vincent en de Grenadines", ()),
    (
        "VE",
        "VEN",
        "Venezuela",
        "Venezuela, Bolivariaanse Republiek",
        ("Venezuela, Bolivarian Republic of", "Bolivarian Republic of Venezuela"),
    ),
    ("VG", "VGB", "Virgin Islands, British", "Maagdeneilanden, Britse", ("British Virgin Islands",)),
    (
        "VI",
        "VIR",
        "Virgin Islands, U.S.",
        "Maagdeneilanden, Amerikaanse",
        ("Virgin Islands of the United States",),
    ),
    ("VN", "VNM", "Vietnam", "Vietnam", ("Viet Nam", "Socialist Republic of Viet Nam")),
    ("VU", "VUT", "Vanuatu", "Vanuatu", ("Republic of Vanuatu",)),
    ("WF", "WLF", "Wallis and Futuna", "Wallis en Futuna", ()),
    ("WS", "WSM", "Samoa", "Samoa", ("Independent State of Samoa",)),
    ("YE", "YEM", "Yemen", "Jemen", ("Republic of Yemen",)),
    ("YT", "MYT", "Mayotte", "Mayotte", ()),
    ("ZA", "ZAF", "South Africa", "Zuid-Afrika", ("Republic of South Africa",)),
    ("ZM", "ZMB", "Zambia", "Zambia", ("Republic of Zambia",)),
    ("ZW", "ZWE", "Zimbabwe", "Zimbabwe", ("Republic of Zimbabwe",)),
)

# Shorter display names where the ISO name reads awkwardly in a sentence.
_DISPLAY: dict[str, tuple[str, str]] = {
    "BO": ("Bolivia", "Bolivia"),
    "CD": ("Democratic Republic of the Congo", "Democratische Republiek Congo"),
    "FM": ("Micronesia", "Micronesia"),
    "GB": ("United Kingdom", "Verenigd Koninkrijk"),
    "IR": ("Iran", "Iran"),
    "KP": ("North Korea", "Noord-Korea"),
    "KR": ("South Korea", "Zuid-Korea"),
    "LA": ("Laos", "Laos"),
    "MD": ("Moldova", "Moldavië"),
    "PS": ("Palestine", "Palestina"),
    "RU": ("Russia", "Rusland"),
    "TW": ("Taiwan", "Taiwan"),
    "TZ": ("Tanzania", "Tanzania"),
    "VE": ("Venezuela", "Venezuela"),
    "VN": ("Vietnam", "Vietnam"),
}

# Spellings people write that the ISO table lacks: without diacritics, older names, other languages.
_ALIASES: dict[str, tuple[str, ...]] = {
    "AF": ("Afganistan", "Afghanistán"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa", "Zaire", "Congo Kinshasa"),
    "CG": ("Congo-Brazzaville", "Congo Brazzaville"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"),
    "CZ": ("Tsjechische Republiek",),
    "DE": ("Duitsland",),
    "EG": ("Egypt", "Egypte", "Misr"),
    "ER": ("Eritrée", "Erythrea"),
    "ET": ("Ethiopie", "Ethiopia", "Abessinië"),
    "GB": ("UK", "Great Britain", "Groot-Brittannië", "Engeland", "England"),
    "IQ": ("Irak", "Iraq", "Koerdistan (Irak)", "Iraqi Kurdistan"),
    "IR": ("Perzië", "Persia"),
    "KR": ("Korea", "Zuid Korea"),
    "MA": ("Marokko", "Maroc"),
    "MK": ("Macedonia", "Macedonië", "Noord Macedonie"),
    "MM": ("Burma", "Birma"),
    "NL": ("Holland", "Nederland"),
    "PS": ("Palestina", "Gaza", "Gazastrook", "Westelijke Jordaanoever", "West Bank"),
    "RU": ("Russia", "Rusland", "Russische Federatie"),
    "SD": ("Soedan", "Sudan", "Soudan"),
    "SO": ("Somalie", "Somaliland"),
    "SS": ("Zuid Soedan", "South-Sudan"),
    "SY": ("Syrie", "Syrien", "Syrische Arabische Republiek"),
    "SZ": ("Swaziland",),
    "TR": ("Turkey", "Turkije", "Turkiye", "Turkei"),
    "UA": ("Oekraine", "Ukraina"),
    "US": ("USA", "VS", "Verenigde Staten van Amerika", "America", "Amerika"),
    "YE": ("Jemen", "Yemen"),
}

_PUNCT = re.compile(r"[^\w ]+")
_SPACES = re.compile(r"\s+")


def normalize_name(text: str) -> str:
    """Case-folded, without diacritics or punctuation: ``"Syrië"`` and ``"syrie"`` give ``"syrie"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ı", "i")
    return _SPACES.sub(" ", _PUNCT.sub(" ", stripped)).strip()


@functools.cache
def _index() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Normalised name or code -> alpha-2, and alpha-2 -> (English, Dutch) display names."""
    by_name: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for a2, a3, en, nl, _ in _ISO:  # codes and names first: an alias never hides a real name
        display = _DISPLAY.get(a2, (en, nl))
        names[a2] = display
        for text in (a2, a3, en, nl, *display):
            by_name.setdefault(normalize_name(text), a2)
    for a2, _, en, nl, other in _ISO:
        for text in (*other, *_ALIASES.get(a2, ())):
            by_name.setdefault(normalize_name(text), a2)
        # "Palestina, Staat" -> also "Staat Palestina"; "Korea, Republiek" -> "Republiek Korea"
        for text in (en, nl):
            if ", " in text:
                head, tail = text.split(", ", 1)
                by_name.setdefault(normalize_name(f"{tail} {head}"), a2)
    return by_name, names


def resolve_country(text: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code or a Dutch or English name; ``None`` when unknown.

    Exact matches on codes (alpha-2, alpha-3) and names come first, ignoring case, diacritics
    and punctuation; then a close spelling of a name of five letters or more ("Afganistan",
    "Eritria"). Two- and three-letter inputs must be exact: "IR" is Iran, never Iraq.
    """
    if not text:
        return None
    key = normalize_name(text)
    if not key:
        return None
    by_name, _ = _index()
    found = by_name.get(key)
    if found or len(key) < 5:
        return found
    best = process.extractOne(key, by_name.keys(), scorer=fuzz.ratio, score_cutoff=85)
    return by_name[best[0]] if best else None


def country_name(code: str, lang: str = "nl") -> str:
    """The country's name in Dutch (``nl``) or English; the code itself when it is unknown."""
    _, names = _index()
    pair = names.get(code.upper())
    if pair is None:
        return code
    return pair[1] if lang == "nl" else pair[0]


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an assigned ISO 3166-1 alpha-2 code (upper case)."""
    return code in _index()[1]


def all_codes() -> list[str]:
    """Every alpha-2 code in the table, sorted."""
    return sorted(_index()[1])

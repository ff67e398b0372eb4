"""Regions that reports name but no current unit is called: historic provinces ("Darfur",
"Katanga", "Orientale"), federal member states ("Puntland", "Jubaland"), peninsulas, valleys
and mountains that conflicts are named after ("Sinai", "Jebel Marra", "Donbas", "Casamance"),
and older or local spellings of units ("Hadramout", "Benadir", "Shabeellaha Hoose").

Without them "Clashes in Darfur" placed nothing, "in central Sinai" went to Sinaí, a town of
Ecuador, and "Jebel Marrah" to a hill of Turkmenistan. Each region becomes another name of the
units it covers, keyed by the P-code file's spelling and added as `native_unit_names` adds
names in other scripts: a name over several units places the country and shares its vote for
the first-level unit among them, so a town the report also names decides which. Where nothing
does, the resolver answers the first unit listed, as it answers the larger of two towns of one
name: units are listed most populous first.

Left out: regions over several countries (Kashmir, the Sahel, Lake Chad, Kurdistan alone),
names that are as often a people, a river or a newspaper ("Karen", "Acholi", "The
Irrawaddy"), and countries whose units the P-code file does not have.
"""

from __future__ import annotations

from collections.abc import Iterator

from tocsin.intake.triage.gazetteer import Gazetteer, Place
from tocsin.intake.triage.native_unit_names import units_called

_DARFUR = ("South Darfur", "North Darfur", "Central Darfur", "West Darfur", "East Darfur")
_RIFT_VALLEY = (
    "Nakuru",
    "Turkana",
    "West Pokot",
    "Samburu",
    "Trans Nzoia",
    "Uasin Gishu",
    "Elgeyo-Marakwet",
    "Nandi",
    "Baringo",
    "Laikipia",
    "Narok",
    "Kajiado",
    "Kericho",
    "Bomet",
)
_MINDANAO = (
    "Region XI (Davao Region)",
    "Region IX (Zamboanga Peninsula)",
    "Region X (Northern Mindanao)",
    "Region XII (Soccsksargen)",
    "Region XIII (Caraga)",
    "Bangsamoro Autonomous Region In Muslim Mindanao (BARMM)",
)
_WEST_NILE = (
    "Arua",
    "Koboko",
    "Maracha",
    "Nebbi",
    "Yumbe",
    "Zombo",
    "Adjumani",
    "Moyo",
    "Obongi",
    "Pakwach",
    "Madi Okollo",
)
_KARAMOJA = (
    "Moroto",
    "Kaabong",
    "Karenga",
    "Kotido",
    "Abim",
    "Napak",
    "Nakapiripirit",
    "Nabilatuk",
    "Amudat",
)
_ACHOLI = ("Gulu", "Omoro", "Amuru", "Nwoya", "Kitgum", "Lamwo", "Pader", "Agago")

# iso3 -> (names of the region, the P-code file's units it covers).
REGION_NAMES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]] = {
    "AFG": (
        (("Urozgan", "Orozgan"), ("Uruzgan",)),
        (("Wardak", "Wardag", "Maydan Wardak"), ("Maidan Wardak",)),
        (("Daikundi", "Daikondi"), ("Daykundi",)),
    ),
    "BFA": (
        (("Komondjari", "Komonjdjari"), ("Komandjari",)),
        (("Kouritenga",), ("Kourittenga",)),
    ),
    "SDN": (
        (("Darfur", "Greater Darfur"), _DARFUR),
        (("Kordofan", "Greater Kordofan"), ("North Kordofan", "South Kordofan", "West Kordofan")),
        (("Jebel Marra", "Jebel Marrah", "Jabal Marra", "Jabal Marrah"), ("Central Darfur",)),
        (("Nuba Mountains",), ("South Kordofan",)),
        (("Gadarif", "Gedarif", "Al Qadarif"), ("Gedaref",)),
        (("Omdurman",), ("Um Durman",)),
        (("El Geneina", "Geneina"), ("Ag Geneina",)),
    ),
    "SSD": (
        (
            ("Equatoria", "Greater Equatoria"),
            ("Central Equatoria", "Eastern Equatoria", "Western Equatoria"),
        ),
        (("Greater Upper Nile",), ("Jonglei", "Upper Nile", "Unity")),
    ),
    "EGY": (
        (("Sinai", "Sinai Peninsula"), ("North Sinai", "South Sinai")),
        (("Al Qahirah",), ("Cairo",)),
        (("Al Jizah",), ("Giza",)),
        (("Al Minya", "Minya"), ("Menia",)),
        (("Bur Said", "Bur Sa'id"), ("Port Said",)),
        (("Al Wadi al Jadid",), ("New Valley",)),
        (("Sharqia", "Sharqiya", "Ash Sharqiyah"), ("Sharkia",)),
        (("Qalyubia", "Qalyubiyah", "Al Qalyubiyah"), ("Kalyoubia",)),
        (("Monufia", "Menofia", "Al Minufiyah"), ("Menoufia",)),
        (("Daqahlia", "Ad Daqahliyah"), ("Dakahlia",)),
        (("Gharbiya", "Gharbiyah", "Al Gharbiyah"), ("Gharbia",)),
    ),
    "ETH": (
        (("Ogaden",), ("Somali",)),
        (("Wollo", "Wello"), ("Amhara",)),
        (
            ("Benishangul-Gumuz", "Benishangul", "Benshangul/Gumuz", "Benshangul-Gumuz"),
            ("Benishangul Gumz",),
        ),
        (("Southern Nations",), ("Snnp",)),
    ),
    "SEN": ((("Casamance",), ("Ziguinchor", "Sedhiou", "Kolda")),),
    "UKR": (
        (("Donbas", "Donbass"), ("Donetska", "Luhanska")),
        (("Chernivtsi",), ("Chernivetska",)),
    ),
    "GEO": (
        (("Abkhazia",), ("Autonomous Republic of Abkhazia",)),
        (("South Ossetia", "Tskhinvali Region"), ("Provisional Administration",)),
    ),
    "AZE": (
        (
            ("Nagorno-Karabakh", "Karabakh", "Artsakh"),
            ("Khankendi", "Khojaly", "Shusha", "Khojavand"),
        ),
    ),
    "SOM": (
        (("Somaliland",), ("Awdal", "Woqooyi Galbeed", "Togdheer", "Sool", "Sanaag")),
        (("Puntland",), ("Bari", "Nugaal", "Mudug")),
        (("Jubaland", "Jubbaland"), ("Gedo", "Middle Juba", "Lower Juba")),
        (("Galmudug",), ("Galgaduud", "Mudug")),
        (("Hirshabelle", "Hirshabeelle"), ("Middle Shabelle", "Hiraan")),
        (("South West State", "Southwest State"), ("Bay", "Bakool", "Lower Shabelle")),
        (("Benadir", "Banaadir"), ("Banadir",)),
        (("Shabeellaha Hoose",), ("Lower Shabelle",)),
        (("Shabeellaha Dhexe",), ("Middle Shabelle",)),
        (("Jubbada Hoose",), ("Lower Juba",)),
        (("Jubbada Dhexe",), ("Middle Juba",)),
    ),
    "LBY": (
        (("Cyrenaica", "Barqa"), ("East",)),
        (("Tripolitania",), ("West",)),
        (("Fezzan", "Fazzan"), ("South",)),
        # GeoNames' names of the districts, which the P-code file spells otherwise.
        (("Al Kufrah", "Kufra"), ("Alkufra",)),
        (("Al Jufrah", "Jufra"), ("Aljufra",)),
        (("Al Marqab", "Murqub"), ("Almargeb",)),
        (("An Nuqat al Khams", "Zuwara", "Zuwarah"), ("Zwara",)),
        (("Az Zawiyah", "Zawiya", "Zawiyah"), ("Azzawya",)),
        (("Darnah",), ("Derna",)),
        (("Wadi al Hayat",), ("Ubari",)),
        (("Al Jafarah", "Jafara"), ("Aljfara",)),
        (("Al Wahat", "Ajdabiya", "Ajdabiyah"), ("Ejdabia",)),
    ),
    "DZA": ((("Kabylie", "Kabylia"), ("Tizi Ouzou", "Bejaia", "Bouira")),),
    "CMR": ((("Ambazonia",), ("Nord-Ouest", "Sud-Ouest")),),
    "PAK": (
        (("Waziristan", "Federally Administered Tribal Areas"), ("Khyber Pakhtunkhwa",)),
        (("Baluchistan",), ("Balochistan",)),
        (("Islamabad Capital Territory",), ("Islamabad",)),
        (("Azad Jammu and Kashmir", "Azad Jammu & Kashmir", "AJK"), ("Azad Kashmir",)),
        (("KP", "KPK"), ("Khyber Pakhtunkhwa",)),
    ),
    "PHL": (
        (("Mindanao",), _MINDANAO),
        (("Bangsamoro",), ("Bangsamoro Autonomous Region In Muslim Mindanao (BARMM)",)),
    ),
    "IRQ": (
        (
            ("Kurdistan Region", "Iraqi Kurdistan", "Kurdistan Region of Iraq"),
            ("Erbil", "Duhok", "Al-Sulaymaniyah"),
        ),
        (("Qadissiya", "Qadisiyah"), ("Al-Qadissiya",)),
        (("Muthanna",), ("Al-Muthanna",)),
        (("Nineveh",), ("Ninewa",)),
    ),
    "SYR": (
        (("Ghouta",), ("Rural Damascus",)),
        (("Hauran", "Houran"), ("Dar'a",)),
    ),
    "LBN": (
        (("South Lebanon", "Southern Lebanon"), ("South", "El Nabatieh")),
        (("North Lebanon", "Northern Lebanon"), ("North", "Akkar")),
        # Districts as ACLED and the press spell them ("Aita al-Shaab (Bint Jbeil)").
        (("Bint Jbeil", "Bint Jbail"), ("Bent Jbeil",)),
        (("Marjayoun", "Marjeyoun", "Marjayoun District"), ("Marjaayoun",)),
        (("Keserwan", "Kesrouan", "Kisrawan"), ("Kesrwane",)),
        (("Metn", "Matn", "El Metn"), ("El Meten",)),
        (("Rashaya", "Rashayya"), ("Rachaya",)),
        (("Miniyeh-Danniyeh", "Minieh-Danniyeh", "Minnieh-Dinnieh"), ("El Minieh-Dennie",)),
        (("Bsharri", "Bsharre"), ("Bcharre",)),
        (("Shouf",), ("Chouf",)),
    ),
    "YEM": (
        (("Hadramout", "Hadramaut", "Hadhramaut", "Hadhramout"), ("Hadramawt",)),
        (("Hodeidah", "Hodeida", "Hudaydah", "Al Hudaydah"), ("Al Hodeidah",)),
        (("Dhale", "Al Dhale", "Dhalea", "Al Dhalea"), ("Ad Dali'",)),
        (("Amanat al Asimah",), ("Sana'a City",)),
        (("Suqutra", "Soqotra"), ("Socotra",)),
    ),
    "KEN": (
        (("Rift Valley",), _RIFT_VALLEY),
        (("North Eastern Province",), ("Garissa", "Wajir", "Mandera")),
        (("Trans Mara", "Transmara"), ("Narok",)),
        (
            ("Nyanza Province", "Nyanza region"),
            ("Kisumu", "Siaya", "Homa Bay", "Migori", "Kisii", "Nyamira"),
        ),
    ),
    "UGA": (
        (("Karamoja",), _KARAMOJA),
        (("West Nile",), _WEST_NILE),
        (("Acholiland", "Acholi sub-region"), _ACHOLI),
    ),
    "COD": (
        (("Kivu", "Kivus"), ("Nord-Kivu", "Sud-Kivu")),
        (("Katanga",), ("Haut-Katanga", "Lualaba", "Haut-Lomami", "Tanganyika")),
        (
            ("Orientale", "Province Orientale", "Oriental Province"),
            ("Ituri", "Tshopo", "Haut-Uele", "Bas-Uele"),
        ),
    ),
    "NGA": (
        (("Niger Delta",), ("Rivers", "Bayelsa", "Delta")),
        (("FCT", "Abuja FCT"), ("Federal Capital Territory",)),
    ),
    "MLI": ((("Azawad",), ("Tombouctou", "Gao", "Kidal", "Menaka")),),
    "MMR": (
        (("Arakan",), ("Rakhine",)),
        (("Karen State", "Kawthoolei"), ("Kayin",)),
        (("Karenni",), ("Kayah",)),
        (("Irrawaddy Region", "Irrawaddy Division"), ("Ayeyarwady",)),
        (("Tenasserim",), ("Tanintharyi",)),
        (("Pegu",), ("Bago",)),
    ),
    "CAF": ((("Nana-Grebizi",), ("Nana-Gribizi",)),),
    "HTI": ((("Grand'Anse", "Grand Anse"), ("Grande'Anse",)),),
    "TZA": (
        (("Zanzibar North",), ("Kaskazini Unguja",)),
        (("Zanzibar Central/South",), ("Kusini Unguja",)),
        (("Zanzibar Urban/West",), ("Mjini Magharibi",)),
        (("Pemba North",), ("Kaskazini Pemba",)),
        (("Pemba South",), ("Kusini Pemba",)),
    ),
    "GHA": ((("Brong-Ahafo", "Brong Ahafo"), ("Bono", "Bono East", "Ahafo")),),
    "THA": ((("Deep South",), ("Narathiwat", "Pattani", "Yala")),),
    "COL": (
        (("Catatumbo",), ("Norte de Santander",)),
        (("Uraba", "Urabá"), ("Antioquia",)),
    ),
}


def region_entries(gazetteer: Gazetteer) -> Iterator[tuple[Place, list[str]]]:
    """Each region's names for each unit it covers that the gazetteer knows; a unit it lacks
    (a smaller P-code file) is left out rather than invented."""
    for iso3, regions in REGION_NAMES.items():
        for names, units in regions:
            for unit in units:
                for place in units_called(gazetteer, iso3, unit):
                    yield place, list(names)

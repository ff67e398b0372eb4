"""First-level units' names in Arabic, for reports written in Arabic.

The P-code file names units in English or French, and GeoNames gives Arabic names to towns but
not to units: "هاجمت قوات الدعم السريع قرى في غرب دارفور" (West Darfur) named no place Tocsin
knew. These are the names in use in Sudan, Syria and Yemen, keyed by the P-code file's spelling.
A name that is also a common word is left out: الجزيرة ("the island", and Al Jazeera) for Aj
Jazirah, الشمالية ("the northern") for Northern, البحر الأحمر for the Red Sea state (the sea is
named far more often), نهر النيل ("the river Nile") for River Nile, البيضاء ("white", as in
الأسلحة البيضاء, bladed weapons) for Al Bayda, حماة ("guardians") for Hama, إب and حجة (a
father, a pretext) for Ibb and Hajjah, and عمران, a man's name, for Amran.
"""

from __future__ import annotations

from collections.abc import Iterator

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind

ARABIC_UNIT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "SDN": {
        "Khartoum": ("الخرطوم",),
        "North Darfur": ("شمال دارفور",),
        "South Darfur": ("جنوب دارفور",),
        "West Darfur": ("غرب دارفور",),
        "East Darfur": ("شرق دارفور",),
        "Central Darfur": ("وسط دارفور",),
        "North Kordofan": ("شمال كردفان",),
        "South Kordofan": ("جنوب كردفان",),
        "West Kordofan": ("غرب كردفان",),
        "Blue Nile": ("النيل الأزرق",),
        "White Nile": ("النيل الأبيض",),
        "Kassala": ("كسلا",),
        "Gedaref": ("القضارف",),
        "Sennar": ("سنار",),
        "Abyei PCA": ("أبيي",),
    },
    "SYR": {
        "Damascus": ("دمشق",),
        "Rural Damascus": ("ريف دمشق",),
        "Aleppo": ("حلب",),
        "Homs": ("حمص",),
        "Idleb": ("إدلب",),
        "Lattakia": ("اللاذقية",),
        "Tartous": ("طرطوس",),
        "Al-Hasakeh": ("الحسكة",),
        "Deir-ez-Zor": ("دير الزور",),
        "Ar-Raqqa": ("الرقة",),
        "Dar'a": ("درعا",),
        "As-Sweida": ("السويداء",),
        "Quneitra": ("القنيطرة",),
    },
    "YEM": {
        "Sana'a": ("صنعاء",),
        "Aden": ("عدن",),
        "Ta'iz": ("تعز",),
        "Al Hodeidah": ("الحديدة",),
        "Ma'rib": ("مأرب",),
        "Sa'dah": ("صعدة",),
        "Al Jawf": ("الجوف",),
        "Hadramawt": ("حضرموت",),
        "Shabwah": ("شبوة",),
        "Abyan": ("أبين",),
        "Lahj": ("لحج",),
        "Ad Dali'": ("الضالع",),
        "Dhamar": ("ذمار",),
        "Al Mahwit": ("المحويت",),
        "Al Maharah": ("المهرة",),
        "Raymah": ("ريمة",),
        "Socotra": ("سقطرى",),
    },
}


def arabic_unit_entries(gazetteer: Gazetteer) -> Iterator[tuple[Place, list[str]]]:
    """The first-level units of the table that the gazetteer's P-code file has, under their
    Arabic names (a unit it lacks, under another spelling, is left out rather than invented)."""
    for iso3, units in ARABIC_UNIT_NAMES.items():
        official = set(gazetteer.admin1_names.get(iso3, {}).values())
        for name, arabic in units.items():
            if name in official:
                yield Place(PlaceKind.ADMIN1, iso3, name, admin1=name), list(arabic)

"""First-level units' names in Arabic, for reports written in Arabic (see `native_unit_names`).

The P-code file names units in English or French, and GeoNames gives Arabic names to towns but
not to units: "هاجمت قوات الدعم السريع قرى في غرب دارفور" (West Darfur) named no place Tocsin
knew. These are the names in use in Sudan, Syria, Yemen, Iraq, Lebanon and Palestine, keyed by the
P-code file's spelling. A name that is also a common word counts only with the word for state
or governorate before it: الجزيرة ("the island", and Al Jazeera) for Aj Jazirah, الشمالية ("the
northern") for Northern, البحر الأحمر for the Red Sea state (the sea is named far more often),
نهر النيل ("the river Nile") for River Nile, البيضاء ("white", as in الأسلحة البيضاء, bladed
weapons) for Al Bayda, حماة ("guardians") for Hama, إب and حجة (a father, a pretext) for Ibb
and Hajjah, عمران, a man's name, for Amran, and الشمال and الجنوب ("the north", "the south")
for Lebanon's North and South. Alone, Hama, Hajjah and Amran are still found as towns.
"""

from __future__ import annotations

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
        "Aj Jazirah": ("ولاية الجزيرة",),
        "Northern": ("الولاية الشمالية",),
        "Red Sea": ("ولاية البحر الأحمر",),
        "River Nile": ("ولاية نهر النيل",),
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
        "Hama": ("محافظة حماة",),
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
        "Al Bayda": ("محافظة البيضاء",),
        "Ibb": ("محافظة إب",),
        "Hajjah": ("محافظة حجة",),
        "Amran": ("محافظة عمران",),
    },
    "IRQ": {
        "Baghdad": ("بغداد",),
        "Ninewa": ("نينوى",),
        "Al-Anbar": ("الأنبار",),
        "Salah Al-Din": ("صلاح الدين",),
        "Kirkuk": ("كركوك",),
        "Diyala": ("ديالى",),
        "Erbil": ("أربيل",),
        "Duhok": ("دهوك",),
        "Al-Sulaymaniyah": ("السليمانية",),
        "Babil": ("بابل",),
        "Kerbala": ("كربلاء",),
        "Al-Najaf": ("النجف",),
        "Al-Qadissiya": ("القادسية", "الديوانية"),
        "Wassit": ("واسط",),
        "Maysan": ("ميسان",),
        "Thi Qar": ("ذي قار",),
        "Al-Muthanna": ("المثنى",),
        "Al-Basrah": ("البصرة",),
    },
    "LBN": {
        "Beirut": ("بيروت",),
        "Mount Lebanon": ("جبل لبنان",),
        "Akkar": ("عكار",),
        "Bekaa": ("البقاع",),
        "Baalbek-El Hermel": ("بعلبك الهرمل", "بعلبك"),
        "El Nabatieh": ("النبطية",),
        "North": ("محافظة الشمال", "شمال لبنان"),
        "South": ("محافظة الجنوب", "جنوب لبنان"),
    },
    "PSE": {
        "Gaza Strip": ("قطاع غزة",),
        "West Bank": ("الضفة الغربية",),
    },
}

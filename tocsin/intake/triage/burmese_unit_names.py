"""Myanmar's states and regions by their Burmese names, for reports written in Burmese.

GeoNames gives Burmese names to towns ("စစ်တွေမြို့", Sittwe) but not to units, so "စစ်ကိုင်းတိုင်း
ဒီပဲယင်းမြို့နယ်" (Depayin township, Sagaing Region) named no place Tocsin knew. Units are keyed by
the P-code file's spelling. That file splits Shan State in three and Bago Region in two: bare
Shan (ရှမ်း) is read as Shan (South), where the state's capital Taunggyi is, and bare Bago (ပဲခူး)
as the P-code file's Bago district, as the English names are.

Burmese is written without spaces, so names are found as substrings: a name that is also a
common word, or the name of a people whose armed groups fight in several units, is listed only
with the word for state (ပြည်နယ်) or region (တိုင်း) after it. Chin (ချင်း) is in အချင်းချင်း ("each
other"), Mon (မွန်) in ကောင်းမွန် ("good"), Kayin (ကရင်) names the Karen National Union wherever it
fights, and the Ayeyarwady (ဧရာဝတီ) is the country's great river.
"""

from __future__ import annotations

STATE = "ပြည်နယ်"
REGION = "တိုင်း"

BURMESE_UNIT_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "MMR": {
        "Kachin": ("ကချင်",),
        "Kayah": ("ကယား", "ကရင်နီ" + STATE),
        "Kayin": ("ကရင်" + STATE,),
        "Chin": ("ချင်း" + STATE,),
        "Mon": ("မွန်" + STATE,),
        "Rakhine": ("ရခိုင်",),
        "Shan (North)": ("ရှမ်းမြောက်", "ရှမ်း" + STATE + "မြောက်ပိုင်း", "ရှမ်းပြည်မြောက်ပိုင်း"),
        "Shan (South)": ("ရှမ်း", "ရှမ်းတောင်", "ရှမ်း" + STATE + "တောင်ပိုင်း", "ရှမ်းပြည်တောင်ပိုင်း"),
        "Shan (East)": ("ရှမ်းအရှေ့", "ရှမ်း" + STATE + "အရှေ့ပိုင်း", "ရှမ်းပြည်အရှေ့ပိုင်း"),
        "Sagaing": ("စစ်ကိုင်း",),
        "Magway": ("မကွေး",),
        "Mandalay": ("မန္တလေး",),
        "Bago": ("ပဲခူး",),
        "Yangon": ("ရန်ကုန်" + REGION,),
        "Ayeyarwady": ("ဧရာဝတီ" + REGION,),
        "Tanintharyi": ("တနင်္သာရီ",),
        "Nay Pyi Taw": ("နေပြည်တော်",),
    },
}

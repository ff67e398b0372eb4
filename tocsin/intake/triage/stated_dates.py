"""The day a report says its event happened, as written in it ("On 30 December 2021", "le 3
juin", "March 11th", "2021-12-30", "30 ديسمبر"): day and month, the year aside.

Near-duplicate clustering uses it to keep apart what a retelling would not change. Formulaic
notes of one place ("On 25 December 2021, demonstrators responded to the call ... in Atbara")
repeat every word but the date, week after week, and embed alike; a report and its
translation keep the date. Only the first date a text states counts: a report opens with its
event's date far more often than with another's ("following the attack of 18 June").
Months are named in English, French and Arabic (Egyptian and Levantine names), as reports to
Tocsin are mostly written.
"""

from __future__ import annotations

import re

from tocsin.intake.triage.folding import fold

_MONTH_NAMES = (
    ("january", "jan", "janvier", "يناير", "كانون الثاني"),
    ("february", "feb", "fevrier", "فبراير", "شباط"),
    ("march", "mar", "mars", "مارس", "اذار"),
    ("april", "apr", "avril", "ابريل", "نيسان"),
    ("may", "mai", "مايو", "ايار"),
    ("june", "jun", "juin", "يونيو", "حزيران"),
    ("july", "jul", "juillet", "يوليو", "تموز"),
    ("august", "aug", "aout", "اغسطس", "اب"),
    ("september", "sep", "sept", "septembre", "سبتمبر", "ايلول"),
    ("october", "oct", "octobre", "اكتوبر", "تشرين الاول"),
    ("november", "nov", "novembre", "نوفمبر", "تشرين الثاني"),
    ("december", "dec", "decembre", "ديسمبر", "كانون الاول"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "|".join(sorted((re.escape(name) for name in _MONTHS), key=len, reverse=True))
_DAY = r"(?P<{}>\d{{1,2}})(?:st|nd|rd|th|er)?"
# Read on folded text, which has no capitals, accents or punctuation.
_NAMED = re.compile(
    rf"(?<!\w){_DAY.format('day')}\s+(?:of\s+)?(?P<month>{_MONTH})(?!\w)"
    rf"|(?<!\w)(?P<month2>{_MONTH})\s+{_DAY.format('day2')}(?!\w)"
)
_ISO = re.compile(r"(?<!\d)\d{4}-(\d{2})-(\d{2})(?!\d)")

StatedDay = tuple[int, int]  # (month, day)


def stated_day(text: str) -> StatedDay | None:
    """(month, day) of the first date `text` states with the month's name, else of its first
    ISO date; None where it states none."""
    for match in _NAMED.finditer(fold(text)):
        month = _MONTHS[match["month"] or match["month2"]]
        day = int(match["day"] or match["day2"])
        if 1 <= day <= 31:
            return month, day
    for match in _ISO.finditer(text):
        month, day = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None

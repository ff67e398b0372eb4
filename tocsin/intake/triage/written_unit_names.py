"""A first-level unit in the spelling the report itself writes.

The P-code file transliterates many units otherwise than the people who report from them:
"Hilmand", "Hirat", "Paktya", "Jawzjan", "Uruzgan" where reports, the press and ACLED write
"Helmand", "Herat", "Paktia", "Jowzjan", "Urozgan". The gazetteer knows both spellings, so the
unit is found either way; the answer is better given in the one the report used, which is the
one its readers know (a third of a public Afghan sample of 2020 came back in the P-code file's
spellings, though its notes, and ACLED's coding, spell those provinces otherwise). Duplicate
detection still takes the two spellings for one unit (`TriagePipeline`).

Only a spelling in Latin letters, of capitalised words, is taken: a report in Arabic or Burmese
still gets the unit's Latin name, and a name read through a translation of its words of
direction ("North Kivu" for "Nord-Kivu") or written in lower case ("north Darfur") keeps the
file's, since the report did not spell the unit's own name. A trained model's own names come
first, its spellings (`unit_spellings`) and the names it writes as the P-code file does ("Duhok",
where a report says "Dahuk"): they are the desk's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.direction_words import is_position_word
from tocsin.intake.triage.gazetteer import PlaceKind
from tocsin.intake.triage.place_mentions import Mention
from tocsin.intake.triage.similar_unit_names import similar_unit

_POSSESSIVE = re.compile(r"['\u2019]s$")  # "in Assam's Kamrup district"
_CAPITALISED_WORDS = re.compile(r"[A-Z][a-z'\u2019]+(?:[ -][A-Z][a-z'\u2019]+)*")


def written_unit_name(
    text: str, mentions: Sequence[Mention], country: str, admin1: str
) -> str | None:
    """How `text` spells the first-level unit `admin1` of `country`, where it names the unit
    in another spelling than `admin1`'s; None where it does not."""
    key = admin_key(admin1)
    for mention in mentions:
        units = {
            p.admin1 for p in mention.places if p.kind is PlaceKind.ADMIN1 and p.iso3 == country
        }
        if units != {admin1}:  # not this unit, or a region of several ("Puntland")
            continue
        written = _POSSESSIVE.sub("", text[mention.start : mention.end])
        if _CAPITALISED_WORDS.fullmatch(written) is None:
            continue
        positioned = any(is_position_word(word) for word in re.split(r"[ -]", written))
        if not positioned and _another_spelling(admin_key(written), key):
            return written
    return None


def _another_spelling(written: str, official: str) -> bool:
    """Whether two folded names differ, but only as spellings of one name do ("helmand",
    "hilmand", by `similar_unit`; "wardak", "maidan wardak"), not as two names of a unit
    ("trans mara", a former district, for "narok")."""
    if written == official:
        return False
    if f" {written} " in f" {official} " or f" {official} " in f" {written} ":
        return True
    return similar_unit(written, [official]) is not None

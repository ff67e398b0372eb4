"""A GeoNames first-level unit matched to the P-code file's name for it when the two spell it
differently: another transliteration ("Oromiya" and Oromia, "Adis Abeba" and Addis Ababa,
"Dahuk" and Duhok), another form of a word of direction ("Western Darfur", West Darfur), words
of office around the name ("Mayorality of Baghdad", "Nairobi Area"), or the town a Ukrainian
oblast's adjectival name is formed on ("Rivne", Rivnenska).

Used only for the units neither their names nor their places' second-level units match
(`unit_index`): without it their towns answered GeoNames' spelling, which no ACLED file or
P-code file uses, so a right place still scored as a wrong unit. A match must stand out: two
units of one country with similar names ("North Kordofan", "South Kordofan") match neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.direction_words import as_noun

_OFFICE_WORDS = frozenset(["mayorality", "area", "shabiyat", "baladiyat", "madinat"])
_VOWELS = re.compile("[aeiouy ]")
# Ratio of matching letters (difflib) for two spellings of one name, and by how much the best
# match must beat the next: "oromiya"/"oromia" 0.92, "tartus"/"tartous" 0.92.
_SIMILAR = 0.8
_MARGIN = 0.1
# Shorter skeletons or stems name too many things: "bari" and "bay" share "b" and "br".
_SHORTEST_SKELETON = 3
_SHORTEST_STEM = 4


def _core(name: str) -> str:
    words = [as_noun(w) for w in admin_key(name).split() if w not in _OFFICE_WORDS]
    return " ".join(words)


def _skeleton(core: str) -> str:
    """The consonants: transliterations of Arabic and Amharic names differ most in vowels."""
    return _VOWELS.sub("", core)


def _opens_word_of(key: str, core: str) -> bool:
    """Whether `core` is `key` with letters added to its last word ("rivne", "rivnenska"), not
    with words added ("centre", "centre nord": another unit)."""
    return core.startswith(key) and core[len(key) : len(key) + 1].isalpha()


def _only(found: list[str]) -> str | None:
    return found[0] if len(found) == 1 else None


def similar_unit(name: str, official: Iterable[str]) -> str | None:
    """The one name of `official` that `name` is another spelling of, or None."""
    key = _core(name)
    if not key:
        return None
    cores = {unit: _core(unit) for unit in official}
    same = _only([unit for unit, core in cores.items() if core == key])
    if same is not None:
        return same
    skeleton = _skeleton(key)
    if len(skeleton) >= _SHORTEST_SKELETON:
        same = _only([unit for unit, core in cores.items() if _skeleton(core) == skeleton])
        if same is not None:
            return same
    if len(key) >= _SHORTEST_STEM:
        same = _only([unit for unit, core in cores.items() if _opens_word_of(key, core)])
        if same is not None:
            return same
    scored = sorted(
        ((SequenceMatcher(None, key, core).ratio(), unit) for unit, core in cores.items()),
        reverse=True,
    )
    if not scored or scored[0][0] < _SIMILAR:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN:
        return None
    return scored[0][1]

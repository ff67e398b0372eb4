"""Scripts written in one country, or nearly: a report in one of them most likely comes from there.

A report in Burmese that names only a village no gazetteer has is about Myanmar far more often
than not; one in Khmer, about Cambodia. Only scripts whose every language is mostly written in
one or two countries are listed: Arabic, Cyrillic, Devanagari or Bengali say little, and Hangul
would not tell the two Koreas apart. The vote is weak, below any place the text names (a report
in Burmese from a camp in Thailand names the camp).
"""

from __future__ import annotations

import unicodedata

# (first code point, last code point, ((iso3, share), ...)): the Unicode blocks of each script.
_SCRIPTS: tuple[tuple[int, int, tuple[tuple[str, float], ...]], ...] = (
    (0x1000, 0x109F, (("MMR", 1.0),)),  # Myanmar: Burmese, Shan, Mon, Karen
    (0xA9E0, 0xA9FF, (("MMR", 1.0),)),  # Myanmar Extended-B
    (0xAA60, 0xAA7F, (("MMR", 1.0),)),  # Myanmar Extended-A
    (0x1780, 0x17FF, (("KHM", 1.0),)),  # Khmer
    (0x0E80, 0x0EFF, (("LAO", 1.0),)),  # Lao
    (0x0E00, 0x0E7F, (("THA", 1.0),)),  # Thai
    (0x0D80, 0x0DFF, (("LKA", 1.0),)),  # Sinhala
    (0x10A0, 0x10FF, (("GEO", 1.0),)),  # Georgian
    (0x0530, 0x058F, (("ARM", 1.0),)),  # Armenian
    (0x0780, 0x07BF, (("MDV", 1.0),)),  # Thaana
    (0x1200, 0x137F, (("ETH", 1.0), ("ERI", 0.4))),  # Ethiopic: Amharic, Tigrinya, Oromo
)
# The script must hold at least this share of the text's letters: a Latin report quoting one
# Burmese word is not a Burmese report.
_MOST = 0.5


def _script_of(character: str) -> int | None:
    point = ord(character)
    for number, (first, last, _) in enumerate(_SCRIPTS):
        if first <= point <= last:
            return number
    return None


def script_countries(text: str) -> tuple[tuple[str, float], ...]:
    """The countries the script of most of `text`'s letters is written in, each with its share;
    () when that script is not one country's."""
    counts: dict[int, int] = {}
    letters = 0
    for character in text:
        # Letters and marks: Burmese vowel signs are marks, and carry the script as letters do.
        if unicodedata.category(character)[0] not in "LM":
            continue
        letters += 1
        script = _script_of(character)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return ()
    script, count = max(counts.items(), key=lambda item: item[1])
    return _SCRIPTS[script][2] if count >= _MOST * letters else ()

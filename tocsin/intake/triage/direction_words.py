"""French words of direction in the names of units, as English writes them.

The P-code file names the units of francophone countries in French ("Nord-Kivu",
"Extreme-Nord", "Sud-Ouest"); reports in English and GeoNames say "North Kivu", "Far North",
"South-West Province". Both the gazetteer's names and the matching of GeoNames' units to the
P-code file's read the English form. Myanmar's parts of a state are written with the direction
in brackets ("Shan (North)"), which ACLED writes "Shan-North" and reports "northern Shan".
"""

from __future__ import annotations

import re

_ENGLISH = {
    "nord": "North",
    "sud": "South",
    "est": "East",
    "ouest": "West",
    "haut": "Upper",
    "haute": "Upper",
    "bas": "Lower",
    "basse": "Lower",
}
_FAR = ("extreme", "extrême")
_COMPASS = ("north", "south", "east", "west")
_AS_NOUN = {f"{direction}ern": direction for direction in _COMPASS}
# Words that place a unit within a larger one rather than name it, in English and French.
_POSITION_WORDS = frozenset(
    [*_COMPASS, *_AS_NOUN, *_ENGLISH, *_FAR, "central", "centre", "upper", "lower", "middle", "far"]
)
_PARTS = re.compile(r"([\s-]+)")
_IN_BRACKETS = re.compile(r"^(.+?)\s*\((North|South|East|West)\)$")
_OPENING_DIRECTION = re.compile(
    r"^(North|South|East|West)[\s-]+(?!(?:North|South|East|West)\b)(\w.*)$"
)


def in_english(name: str, *, one_word: bool = False) -> str | None:
    """ "Nord-Kivu" -> "North-Kivu", "Extreme-Nord" -> "Far-North"; None when nothing changes.

    A name of one word ("Nord", "Est") is translated only with `one_word`: as a name to find
    in any report, "North" and "East" alone would name too much.
    """
    parts = _PARTS.split(name)
    words = parts[::2]
    if len(words) < 2 and not one_word:
        return None
    english = [_ENGLISH.get(word.lower(), word) for word in words]
    for i, word in enumerate(words[:-1]):
        if word.lower() in _FAR and english[i + 1] == "North":
            english[i] = "Far"
    if english == words:
        return None
    parts[::2] = english
    return "".join(parts)


def bracketed_forms(name: str) -> list[str]:
    """ "Shan (North)" -> ["Shan", "Shan-North", "North Shan", "Northern Shan"]; [] for other
    names. The bare name is each part's too: "Kyaukme District, Shan State" is in Shan State
    whichever part, and its town says which."""
    match = _IN_BRACKETS.match(name)
    if match is None:
        return []
    base, direction = match.groups()
    return [
        base,
        f"{base}-{direction}",
        f"{direction} {base}",
        *adjective_forms(f"{direction} {base}"),
    ]


def adjective_forms(name: str) -> list[str]:
    """ "North Sinai" -> ["Northern Sinai"], "East Darfur" -> ["Eastern Darfur"]: reports write
    the adjective as often as the unit's name, and "Northern" alone is a unit of Fiji, Ghana
    and Sudan. [] for other names and for a direction made of two ("South West")."""
    match = _OPENING_DIRECTION.match(name)
    if match is None:
        return []
    direction, rest = match.groups()
    return [f"{direction}ern {rest}"]


def as_noun(word: str) -> str:
    """ "northern" -> "north" (lower case in, lower case out); any other word unchanged: "Western
    Darfur" and "West Darfur" are one unit's names."""
    return _AS_NOUN.get(word, word)


def is_position_word(word: str) -> bool:
    """Whether `word` ("North", "eastern", "Haut", "central") says where within a larger unit,
    in English or French, rather than naming one."""
    return word.lower() in _POSITION_WORDS

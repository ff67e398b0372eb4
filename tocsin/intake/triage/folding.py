"""One way of spelling a name, so that "Fada N'Gourma", "FADA NGOURMA" and "Fada Ngourma" meet.

Place names reach us typed by hand, in several scripts, with or without accents, hyphens and
apostrophes. Both the gazetteer and the text are folded with the same function, so a name matches
whatever its spelling differs by only in those respects.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHE_CHARS = "'`\u2019\u02bc\u00b4\u2018"
APOSTROPHES = re.compile(f"[{_APOSTROPHE_CHARS}]")
# Letters and digits, plus the vowel signs of the Brahmic and South-East Asian scripts (Hindi,
# Bengali, Burmese, Thai, Khmer, ...), which are letters in all but Unicode category.
_WORD = re.compile(
    "(?:[^\\W_]|[\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff])+"
    f"(?:[{_APOSTROPHE_CHARS}](?:[^\\W_]|[\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff])+)*"
)
# Accents on Latin, Greek and Cyrillic letters, and Arabic short vowels, are optional in writing.
_OPTIONAL_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# Arabic writes "in Khartoum" as one word (bi+al+Khartoum); the article and its proclitics are
# dropped from every word so that the bare name matches.
_ARABIC_ARTICLE = re.compile(r"(?<!\w)(?:[وف]?[بلك]?ال|[وف]?لل)(?=\w\w)")
# Hamza and madda forms of alef, taa marbuta and alef maqsura, as often written without them.
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0629": "\u0647",
        "\u0649": "\u064a",
    }
)
_HYPHENS = frozenset("-\u2010\u2011\u2013")
# The English possessive ("Pretoria's city centre", "North Sinai's Al Arish") is not part of the
# name it follows.
_POSSESSIVE = re.compile(f"[{_APOSTROPHE_CHARS}]s$")
# Scripts written without spaces between words: names are found in them as substrings.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u4e00-\u9fff]")


def fold_word(word: str) -> str:
    """Text folded: no accents or apostrophes, no case, Arabic article and letter variants unified.

    Offsets are kept only where the input has no accents to strip, so callers fold word by word.
    """
    if word.isascii():
        return APOSTROPHES.sub("", word).lower()
    folded = _OPTIONAL_MARKS.sub("", unicodedata.normalize("NFKD", word))
    folded = unicodedata.normalize("NFC", folded).casefold().translate(_ARABIC_LETTERS)
    folded = APOSTROPHES.sub("", folded)
    return _ARABIC_ARTICLE.sub("", folded)


def fold(text: str) -> str:
    """A whole name or phrase, folded and joined with single spaces."""
    return " ".join(_WORD.findall(fold_word(text)))


# A possessive inside a name: "Cox's Bazar", "King's Lynn".
_INNER_POSSESSIVE = re.compile(f"[{_APOSTROPHE_CHARS}]s\\b")


def read_as_words(name: str) -> str | None:
    """A name with a possessive in it as `words` reads it in a text ("Cox's Bazar" -> "cox
    bazar", the possessive dropped as in "Kenya's forces"), or None when `fold` reads it alike."""
    if not _INNER_POSSESSIVE.search(name):
        return None
    return folded_words(name)


def folded_words(text: str) -> str:
    """The words `words` reads in `text`, folded and joined with single spaces: the form in
    which a name is found among a text's words ("Mai-Mai" -> "mai mai")."""
    return " ".join(word.folded for word in words(text))


# Burmese names a town with "town" or "township" after it ("စစ်တွေမြို့", Sittwe town), as GeoNames
# does, but reports often drop it ("စစ်တွေတွင်", in Sittwe). A stem shorter than this may be a
# common word ("ကလေး", Kalay, is "child").
_BURMESE_TOWN_WORDS = ("မြို့နယ်", "မြို့")
_SHORTEST_BURMESE_STEM = 6


def without_town_word(name: str) -> str | None:
    """A Burmese town's name without "town" or "township" after it, when long enough to be
    unmistakable, else None."""
    for word in _BURMESE_TOWN_WORDS:
        stem = name.removesuffix(word).strip()
        if stem != name:
            return stem if len(stem) >= _SHORTEST_BURMESE_STEM and is_unspaced(stem) else None
    return None


def is_unspaced(text: str) -> bool:
    """Whether `text` contains a script written without spaces between words."""
    return _UNSPACED.search(text) is not None


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the original text: its folded form, where it sits, and whether it is capitalised.

    `capitalised` is True for scripts without case (Arabic, Burmese, ...), so that the proper-noun
    filter applied to Latin, Cyrillic and Greek text never hides a name written in them.
    `upper` marks a word written all in capitals, as acronyms are ("VDP", "ISGS"); `hyphenated`
    one joined to the word before by a hyphen, as in "Pobe-Mengao".
    """

    folded: str
    start: int
    end: int
    capitalised: bool
    upper: bool
    hyphenated: bool


@functools.lru_cache(maxsize=64)
def words(text: str) -> tuple[Word, ...]:
    """The words of `text`, folded, in order; hyphens and other punctuation split words.

    Kept for the next caller: the place reader, the misspelling finder and the country cues
    read the same report one after the other."""
    found: list[Word] = []
    previous_end = -2
    for match in _WORD.finditer(text):
        raw = match.group()
        if len(raw) > 2 and _POSSESSIVE.search(raw) and raw[-3].isascii():
            raw = raw[:-2]
        folded = fold_word(raw)
        if folded:
            first = raw[0]
            capitalised = first.isupper() or first.lower() == first.upper()
            upper = len(raw) > 1 and raw.isupper()
            hyphenated = match.start() == previous_end + 1 and text[previous_end] in _HYPHENS
            found.append(Word(folded, match.start(), match.end(), capitalised, upper, hyphenated))
            previous_end = match.end()
    return tuple(found)

"""Finding which of several cue lists a text matches, fast enough to run on every report.

Cues are phrases; a word ending in "*" matches any word it starts ("massacr*"). Text and cues are
folded alike (no accents or case; apostrophes split words). One-word cues are looked up in the
text's set of words, which costs the same for ten cues or a thousand; phrases go through one
regular expression per list; cues in Arabic or Burmese, which attach particles to words, are
searched inside words.

A cue does not count when a negation ("no", "not", "didn't", "pas", "aucun", "sans", "لم",
"لا", ...) stands in the three words before it within the same clause: "no weapons were found"
is not a report of weapons, "ils n'ont pas menacé" not a threat. Clauses end at punctuation, so
"no one came, they are surrounding us" still warns. Burmese marks negation with a particle on
the verb (မ...ဘူး), which is not read: a negated Burmese cue still counts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from tocsin.intake.triage.folding import APOSTROPHES, fold

Name = TypeVar("Name", bound=Hashable)


# Folded; "didn't" folds to "didn t", so the first half is the negation. Not "non" ("non-state
# armed group" is no negation), not "won" (won't, but also the past of win).
_NEGATIONS = (
    "no not never without none nobody neither nor cannot didn doesn don wasn weren isn aren "
    "hasn haven hadn wouldn couldn shouldn "
    "pas aucun aucune aucuns sans jamais ni rien "
    "لا لم لن ليس ليست ليسوا دون بدون عدم"
)
# "not only", "no doubt", "pas seulement", "ليس فقط": the word after turns the negation off.
_NOT_NEGATING = frozenset({"only", "just", "doubt", "seulement", "uniquement", "que", "فقط"})
_WINDOW = 3
# Sentence and clause punctuation of the scripts we read (Latin, Arabic, Burmese).
_CLAUSE_BREAK = re.compile("[.;:!?,\n\u060c\u061b\u061f\u06d4\u104a\u104b]+")


def fold_for_cues(text: str) -> str:
    """The text as cues are matched against: folded, "l'école" as two words."""
    return fold(APOSTROPHES.sub(" ", text))


@dataclass(frozen=True)
class CueText:
    """A text folded for cues, with the word each word's clause starts at."""

    folded: str
    words: tuple[str, ...]
    clause_start: tuple[int, ...]

    def negated(self, word: int) -> bool:
        """Whether a negation stands in the few words before `word`, in its clause ("not only"
        and "no doubt" are no negation)."""
        negations = _negations()
        return any(
            self.words[at] in negations and self.words[at + 1] not in _NOT_NEGATING
            for at in range(max(self.clause_start[word], word - _WINDOW), word)
        )

    def word_at(self, offset: int) -> int:
        """The index of the word holding character `offset` of `folded`."""
        return self.folded.count(" ", 0, offset)


@functools.lru_cache(maxsize=64)
def cue_text(text: str) -> CueText:
    """`text` prepared for matching; kept for the next caller, as risk factors and urgency read
    the same report one after the other."""
    words: list[str] = []
    clause_start: list[int] = []
    for clause in _CLAUSE_BREAK.split(text):
        folded = fold_for_cues(clause).split()
        clause_start.extend([len(words)] * len(folded))
        words.extend(folded)
    return CueText(" ".join(words), tuple(words), tuple(clause_start))


@functools.cache
def _negations() -> frozenset[str]:
    return frozenset(fold_for_cues(_NEGATIONS).split())


@dataclass(frozen=True)
class _CueList:
    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: re.Pattern[str] | None
    # The first word of each phrase: where none occurs, the expression need not run (it is
    # slow, since it tries every phrase at every position).
    phrase_starts: tuple[str, ...]
    inside: tuple[str, ...]

    def phrase_matches(self, folded: str) -> Iterator[re.Match[str]]:
        """The phrases' occurrences in `folded`, found lazily."""
        if self.phrases is None or not any(start in folded for start in self.phrase_starts):
            return iter(())
        return self.phrases.finditer(folded)


def _compile(cues: Iterable[str]) -> _CueList:
    words: set[str] = set()
    stems: list[str] = []
    phrases: list[str] = []
    starts: set[str] = set()
    inside: list[str] = []
    for cue in cues:
        parts = cue.split()
        folded = [fold_for_cues(p.rstrip("*")) for p in parts]
        if not cue.isascii():
            inside.append(" ".join(folded))
        elif len(parts) == 1 and cue.endswith("*"):
            stems.append(folded[0])
        elif len(parts) == 1:
            words.add(folded[0])
        else:
            body = r"\s+".join(
                re.escape(f) + (r"\w*" if p.endswith("*") else "")
                for f, p in zip(folded, parts, strict=True)
            )
            phrases.append(rf"(?<!\w){body}(?!\w)")
            starts.add(folded[0])
    pattern = re.compile("|".join(phrases)) if phrases else None
    return _CueList(frozenset(words), tuple(stems), pattern, tuple(sorted(starts)), tuple(inside))


class CueMatcher(Generic[Name]):
    """Named cue lists, compiled once; `matches` says which lists a text touches, in order."""

    def __init__(self, lists: Mapping[Name, Iterable[str]]) -> None:
        self._lists = {name: _compile(cues) for name, cues in lists.items()}

    def matches(self, text: str) -> list[Name]:
        """Names of the lists with a cue in `text` that is not negated, in the lists' order."""
        prepared = cue_text(text)
        tokens = set(prepared.words)
        return [
            name
            for name, cues in self._lists.items()
            # The set test is cheap and settles most lists; positions only for the rest.
            if (
                not cues.words.isdisjoint(tokens)
                or any(t.startswith(cues.stems) for t in tokens)
                or any(cue in prepared.folded for cue in cues.inside)
                or next(cues.phrase_matches(prepared.folded), None) is not None
            )
            and any(not prepared.negated(at) for at in _occurrences(cues, prepared))
        ]


def _occurrences(cues: _CueList, text: CueText) -> Iterator[int]:
    """The word index of every occurrence of every cue of a list."""
    for at, word in enumerate(text.words):
        if word in cues.words or word.startswith(cues.stems):
            yield at
    for match in cues.phrase_matches(text.folded):
        yield text.word_at(match.start())
    for cue in cues.inside:
        offset = text.folded.find(cue)
        while offset >= 0:
            yield text.word_at(offset)
            offset = text.folded.find(cue, offset + 1)

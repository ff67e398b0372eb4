"""Finding which of several cue lists a text matches, fast enough to run on every report.

Cues are phrases; a word ending in "*" matches any word it starts ("massacr*"). Text and cues are
folded alike (no accents or case; apostrophes split words). One-word cues are looked up in the
text's set of words, which costs the same for ten cues or a thousand; phrases go through one
regular expression per list; cues in Arabic or Burmese, which attach particles to words, are
searched inside words.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from tocsin.intake.triage.folding import APOSTROPHES, fold

Name = TypeVar("Name", bound=Hashable)


def fold_for_cues(text: str) -> str:
    """The text as cues are matched against: folded, "l'école" as two words."""
    return fold(APOSTROPHES.sub(" ", text))


@dataclass(frozen=True)
class _CueList:
    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: re.Pattern[str] | None
    inside: tuple[str, ...]


def _compile(cues: Iterable[str]) -> _CueList:
    words: set[str] = set()
    stems: list[str] = []
    phrases: list[str] = []
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
    pattern = re.compile("|".join(phrases)) if phrases else None
    return _CueList(frozenset(words), tuple(stems), pattern, tuple(inside))


class CueMatcher(Generic[Name]):
    """Named cue lists, compiled once; `matches` says which lists a text touches, in order."""

    def __init__(self, lists: Mapping[Name, Iterable[str]]) -> None:
        self._lists = {name: _compile(cues) for name, cues in lists.items()}

    def matches(self, folded: str) -> list[Name]:
        """Names of the lists with a cue in `folded` (a text passed through `fold_for_cues`)."""
        tokens = set(folded.split())
        found = []
        for name, cues in self._lists.items():
            if (
                not cues.words.isdisjoint(tokens)
                or any(t.startswith(cues.stems) for t in tokens)
                or any(cue in folded for cue in cues.inside)
                or (cues.phrases is not None and cues.phrases.search(folded) is not None)
            ):
                found.append(name)
        return found

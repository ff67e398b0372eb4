"""Names of the deployment's own places, found again when a report misspells them by a letter.

Reports are typed in a hurry, on phones, by people writing names they have heard more than read:
ACLED's own Kenyan notes have "Nygeri" for Nyeri, "Nariobi", "Machokos", "Kibabi" for Kibabii.
A name the gazetteer does not know is matched against the names of the home country's
best-known places (its first-level units and large cities) that differ from it by one letter
added, dropped, changed or two swapped. Only capitalised words of six letters or more are
tried (or five, for the one-letter-dropped form of a longer name), since short words are within
a letter of too much; only a match to a single name counts, and it counts less than a name
spelt right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from tocsin.intake.triage.folding import Word, fold, words
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.place_mentions import DECAY_WORDS, LARGE_CITY, NOT_PLACE_WORDS, Mention

MIN_LENGTH = 5
# How much a misspelt name counts against one spelt right.
MISSPELT_SALIENCE = 0.6


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Whether `b` is `a` with one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long)


class MisspeltPlaces:
    """An index of one-word place names (folded) for finding them again when misspelt."""

    def __init__(self, names: Iterable[tuple[str, Sequence[Place]]]) -> None:
        self.places: dict[str, tuple[Place, ...]] = {}
        for name, places in names:
            if " " not in name and len(name) >= MIN_LENGTH:
                self.places[name] = (*self.places.get(name, ()), *places)
        # Every name under itself and under each form with one letter dropped: two words are
        # within one edit only if these sets meet (the symmetric-deletion trick).
        self._keys: dict[str, set[str]] = defaultdict(set)
        for name in self.places:
            for key in _deletions(name) | {name}:
                self._keys[key].add(name)

    def __len__(self) -> int:
        return len(self.places)

    def match(self, word: str) -> tuple[Place, ...]:
        """The places of the one name `word` misspells, or nothing if none or several."""
        if word in self.places or len(word) < MIN_LENGTH:
            return ()
        near = set().union(*(self._keys.get(key, set()) for key in _deletions(word) | {word}))
        found = [name for name in near if within_one_edit(word, name)]
        # Spellings of one place ("Mombasa", "Mombassa") are one match.
        meant = {self.places[name] for name in found}
        if len(meant) != 1 or max(len(word), *map(len, found)) <= MIN_LENGTH:
            return ()
        return meant.pop()

    def mentions(self, text: str, known: Sequence[Mention]) -> list[Mention]:
        """Mentions of misspelt names among the words no known mention covers."""
        taken = [(m.start, m.end) for m in known]
        chain = max((m.chain for m in known), default=0)
        found: list[Mention] = []
        for position, token in enumerate(words(text)):
            if not _candidate(text, token) or _overlaps(token, taken):
                continue
            places = self.match(token.folded)
            if places:
                chain += 1
                salience = MISSPELT_SALIENCE / (1.0 + position / DECAY_WORDS)
                found.append(Mention(places, token.start, token.end, salience, chain))
        return found


def home_places(
    gazetteer: Gazetteer, learned: Iterable[tuple[Place, Sequence[str]]], home: str
) -> MisspeltPlaces:
    """The best-known places of the home country: its first-level units (the gazetteer's and
    the model's) and its cities of 100,000 people or more. Villages and second-level units are
    left out: too many of them are a letter apart from one another ("Kangemi" in Nairobi,
    "Kangema" in Murang'a), so a misspelling would as often land on the wrong one."""
    names: list[tuple[str, Sequence[Place]]] = []
    for place, spellings in learned:
        if place.iso3 == home and place.kind is PlaceKind.ADMIN1:
            names += [(fold(spelling), (place,)) for spelling in spellings]
    for key, places in gazetteer.names.items():
        best_known = [p for p in places if p.iso3 == home and _best_known(p)]
        if best_known:
            names.append((key, best_known))
    return MisspeltPlaces(names)


def _best_known(place: Place) -> bool:
    return place.kind is PlaceKind.ADMIN1 or (
        place.kind is PlaceKind.CITY and place.population >= LARGE_CITY
    )


def _overlaps(token: Word, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < token.end and token.start < end for start, end in spans)


def _candidate(text: str, token: Word) -> bool:
    return (
        text[token.start].isupper()
        and not token.upper
        and not token.hyphenated
        and token.folded not in NOT_PLACE_WORDS
    )

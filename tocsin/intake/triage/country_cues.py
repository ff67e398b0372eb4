"""Names that point to a country without being places, learned from the events a model is
trained on.

Reports name armed groups, parties, forces and people far more often than a gazetteer can
know: "Boko Haram" is a town of Congo to GeoNames, "UPND" and "FARDC" are nothing at all. An
ACLED file says in which country each note's event happened, so the capitalised names its notes
use (runs of one to three capitalised words or acronyms) can be counted by country. A name
seen in enough events, most of them in one country, becomes a cue: a soft vote for the
countries it was seen in more often than their share of all the events. Place names are kept
too (a village ACLED locates is a cue as well as a learned place); the resolver weighs cues
below places, so a cue settles a report that names no known place and tips one whose places
are ambiguous. In a file of one country no name is a cue: the home country says it all. A single
word the notes also write in lower case is a common word capitalised ("People's Militia",
"Central Prison", "Group Editor"), not a name, and is no cue either.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tocsin.intake.triage.folding import Word, folded_words, words
from tocsin.intake.triage.place_mentions import NEVER_NAMES, SENTENCE_START

# A cue must come from this many training events, and at least this share of them from one
# country: rarer names are noise, and names spread over many countries say nothing.
MIN_EVENTS = 3
MIN_SHARE = 0.5
_LONGEST = 3
# Countries a cue favours by less than this (see `learn_country_cues`) get no vote from it.
_MIN_KEPT = 0.1


@dataclass(frozen=True)
class CountryCues:
    """Folded name -> ((iso3, how much it favours that country, 0 to 1), ...)."""

    table: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    # Names of the table found as whole folded words, in any case, where no run of capitalised
    # words holds them ("Clan del Golfo", "Jamaat-e-Islami", "Sudan Liberation Army"). A class
    # default, so that cues saved before it existed load.
    phrases: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.table)

    def over(self, fallback: CountryCues) -> CountryCues:
        """These cues, and those of `fallback` for names these do not have."""
        if not fallback.table:
            return self
        return CountryCues({**fallback.table, **self.table}, fallback.phrases | self.phrases)

    def only_for(self, iso3: str) -> CountryCues:
        """These cues' votes for `iso3` alone."""
        table = {
            name: tuple(g for g in gains if g[0] == iso3)
            for name, gains in self.table.items()
            if any(country == iso3 for country, _ in gains)
        }
        return CountryCues(table, self.phrases & table.keys())

    def votes(self, text: str) -> dict[str, float]:
        """Each country's votes summed over the distinct cues `text` contains; a cue inside a
        longer one ("haram" in "boko haram") is the same name and is not counted again. A known
        name opening a sentence counts ("Houthis shelled ..."): only learning distrusts it."""
        if not self.table:
            return {}
        matched = names_in(text, openings=True) & self.table.keys()
        if any(_uncased(ch) for ch in text):
            matched |= _uncased_names_in(text, self.table.keys())
        if self.phrases:
            folded = f" {folded_words(text)} "
            matched |= {name for name in self.phrases if f" {name} " in folded}
        found: dict[str, float] = defaultdict(float)
        for name in matched:
            if any(f" {name} " in f" {other} " for other in matched if other != name):
                continue
            for iso3, gain in self.table[name]:
                found[iso3] += gain
        return dict(found)


def _uncased(character: str) -> bool:
    """A letter of a script without capitals (Arabic, Burmese), where no run of capitalised
    words marks a name."""
    return character.isalpha() and character.lower() == character.upper()


def _uncased_names_in(text: str, names: Iterable[str]) -> set[str]:
    """The names in a script without capitals that `text` contains as whole folded words
    ("الدعم السريع" in "هاجمت قوات الدعم السريع", the folded article and prefixes aside)."""
    folded = f" {folded_words(text)} "
    return {name for name in names if _uncased(name[:1]) and f" {name} " in folded}


def _is_name_word(text: str, word: Word) -> bool:
    return text[word.start].isupper() and word.folded not in NEVER_NAMES


def names_in(text: str, openings: bool = False) -> set[str]:
    """Every run of one to `_LONGEST` adjacent capitalised words, folded ("boko haram", "upnd");
    a lone word opening a sentence only with `openings`."""
    tokens = words(text)
    found: set[str] = set()
    run: list[str] = []
    previous_end = -1
    opening = False
    for word in tokens:
        joined = run and text[previous_end : word.start] in (" ", "-")
        if not _is_name_word(text, word):
            run = []
            continue
        if joined:
            run = [*run, word.folded]
        else:
            run = [word.folded]
            # Any word opening a sentence is capitalised ("Gunmen attack ..."): alone, only an
            # acronym there is taken for a name.
            opening = (
                not openings
                and not word.upper
                and SENTENCE_START.search(text[: word.start]) is not None
            )
        for n in range(1, min(_LONGEST, len(run)) + 1):
            if not (n == len(run) == 1 and opening):
                found.add(" ".join(run[-n:]))
        previous_end = word.end
    return found


def learn_country_cues(
    texts: Sequence[str],
    countries: Sequence[str],
    *,
    min_events: int = MIN_EVENTS,
    min_share: float = MIN_SHARE,
) -> CountryCues:
    """Cues from training notes and the iso3 code of each note's event ("" when unknown)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    events: Counter[str] = Counter()
    common: set[str] = set()
    for text, iso3 in zip(texts, countries, strict=True):
        common.update(w.folded for w in words(text) if text[w.start].islower())
        if iso3:
            events[iso3] += 1
            for name in names_in(text):
                counts[name][iso3] += 1
    everything = sum(events.values())
    table: dict[str, tuple[tuple[str, float], ...]] = {}
    for name, by_country in counts.items():
        total = sum(by_country.values())
        if (
            name in common
            or total < min_events
            or by_country.most_common(1)[0][1] < min_share * total
        ):
            continue
        # What a name says beyond how common its country already is in the data: in a file of
        # one country every name is that country's, and says nothing the home prior does not.
        gains = []
        for iso3, n in by_country.most_common():
            base = events[iso3] / everything
            gain = (n / total - base) / (1.0 - base) if base < 1.0 else 0.0
            if gain >= _MIN_KEPT:
                gains.append((iso3, round(gain, 3)))
        if gains:
            table[name] = tuple(gains)
    return CountryCues(table)

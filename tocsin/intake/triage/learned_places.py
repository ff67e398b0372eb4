"""Places learned from the events a model is trained on, added to the gazetteer at run time.

ACLED codes every event with its location, admin units and coordinates: its files are a
gazetteer of exactly the villages that conflict reports name, most of which GeoNames lacks.
A model trained on an ACLED file keeps these places (as data derived from the file the operator
supplied, stored with the model, never in the repository) and the resolver knows them from then
on. The country most training events happened in is kept too: the "home" of the deployment,
used only for a report that names no place at all; the names of groups and people that its
notes tie to one country (`country_cues`); and, per country, the first-level unit where most of
its events whose notes name no place of theirs were coded. ACLED codes an event reported only
nationally ("the countrywide blockade entered its 13th day") at the capital, so a deployment's
own file teaches where such reports belong; an install without one answers no unit for them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from tocsin.intake.triage.country_cues import CountryCues, learn_country_cues
from tocsin.intake.triage.folding import folded_words
from tocsin.intake.triage.gazetteer import Place, PlaceKind

NO_CUES = CountryCues()
# The share of training events one country must hold to become the home country.
HOME_SHARE = 0.6
# A country's notes that name no place of theirs teach a unit for such reports when at least
# this many of them were coded there, and more than this share.
PLACELESS_MIN_EVENTS = 5
PLACELESS_SHARE = 0.5


@dataclass(frozen=True)
class LearnedPlaces:
    """Named places from training events, the home country (None when there is none) and the
    names that point to a country."""

    places: tuple[tuple[Place, tuple[str, ...]], ...] = ()
    home_country: str | None = None
    # A class-level default (not a factory), so that models saved before cues existed load.
    cues: CountryCues = NO_CUES
    # (iso3, share of the training events), most events first; empty in models saved before.
    country_shares: tuple[tuple[str, float], ...] = ()
    # (iso3, admin1) where most events whose notes name no place were coded; empty before.
    placeless_units: tuple[tuple[str, str], ...] = ()

    def entries(self) -> Iterator[tuple[Place, tuple[str, ...]]]:
        return iter(self.places)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _coordinate(value: object) -> float | None:
    """A finite number, or None for a blank or missing coordinate."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _names_its_place(text: str, names: tuple[str, ...]) -> bool:
    """Whether `text` writes one of its event's place names as whole words."""
    folded = f" {folded_words(text)} "
    return any(f" {name} " in folded for name in map(folded_words, names) if name)


def learn_placeless_units(events: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """Per country, the first-level unit that most of its located events whose notes name
    none of their location, admin3, admin2 or admin1 were coded at, where they agree enough."""
    by_country: dict[str, Counter[str]] = {}
    for row in events.itertuples(index=False):
        iso3, admin1 = _text(row.iso3), _text(row.admin1)
        names = (_text(row.location), _text(row.admin3), _text(row.admin2), admin1)
        if iso3 and admin1 and not _names_its_place(_text(row.text), names):
            by_country.setdefault(iso3, Counter())[admin1] += 1
    units = []
    for iso3, counts in sorted(by_country.items()):
        admin1, count = counts.most_common(1)[0]
        if count >= PLACELESS_MIN_EVENTS and count > PLACELESS_SHARE * counts.total():
            units.append((iso3, admin1))
    return tuple(units)


def learn_places(events: pd.DataFrame) -> LearnedPlaces:
    """Places of events with the columns iso3, admin1, admin2, admin3, location, latitude,
    longitude, and cues from their text."""
    located = events[(events["iso3"] != "") & (events["admin1"] != "")]
    found: dict[tuple[PlaceKind, str, str, str], Place] = {}
    events_at: Counter[tuple[PlaceKind, str, str, str]] = Counter()
    for row in located.itertuples(index=False):
        iso3, admin1, admin2 = _text(row.iso3), _text(row.admin1), _text(row.admin2) or None
        lat, lon = _coordinate(row.latitude), _coordinate(row.longitude)
        key1 = (PlaceKind.ADMIN1, iso3, admin1, "")
        found.setdefault(key1, Place(PlaceKind.ADMIN1, iso3, admin1, admin1=admin1))
        if admin2:
            key2 = (PlaceKind.ADMIN2, iso3, admin2, admin1)
            found.setdefault(key2, Place(PlaceKind.ADMIN2, iso3, admin2, admin1, admin2))
        for name in {_text(row.location), _text(row.admin3)} - {""}:
            key = (PlaceKind.CITY, iso3, name, admin1)
            events_at[key] += 1
            found.setdefault(
                key, Place(PlaceKind.CITY, iso3, name, admin1, admin2, lat, lon, 0, True)
            )
    # A learned town's "population" is the number of training events there: where one name is
    # a town in two units (Mirpur of Dhaka and of Kushtia), the one events are at more often wins.
    for key, count in events_at.items():
        found[key] = replace(found[key], population=count)
    counts = Counter(located["iso3"])
    home = None
    if counts:
        country, count = counts.most_common(1)[0]
        home = country if count >= HOME_SHARE * len(located) else None
    places = tuple((place, (place.name,)) for place in found.values())
    cues = learn_country_cues(events["text"].tolist(), events["iso3"].tolist())
    shares = tuple((iso3, count / len(located)) for iso3, count in counts.most_common())
    return LearnedPlaces(places, home, cues, shares, learn_placeless_units(located))

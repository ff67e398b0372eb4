"""Places learned from the events a model is trained on, added to the gazetteer at run time.

ACLED codes every event with its location, admin units and coordinates: its files are a
gazetteer of exactly the villages that conflict reports name, most of which GeoNames lacks.
A model trained on an ACLED file keeps these places (as data derived from the file the operator
supplied, stored with the model, never in the repository) and the resolver knows them from then
on. The country most training events happened in is kept too: the "home" of the deployment,
used only for a report that names no place at all; and the names of groups and people that its
notes tie to one country (`country_cues`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pandas as pd

from tocsin.intake.triage.country_cues import CountryCues, learn_country_cues
from tocsin.intake.triage.gazetteer import Place, PlaceKind

NO_CUES = CountryCues()
# The share of training events one country must hold to become the home country.
HOME_SHARE = 0.6


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
    return LearnedPlaces(places, home, cues, shares)

"""The deployment's own names for first-level units, learned from where its training events lie.

The gazetteer names units as the HDX P-code file (or GeoNames) does; the operator's ACLED file
may name the same unit otherwise ("Tombouctou" / "Timbuktu", "Jubbada Hoose" / "Lower Juba",
"Donetska" / "Donetsk"), or keep an older division ("Darfur" for five states today). Desks
read and filter by their data's names, so the resolver answers in them: every town the
training events locate says which gazetteer unit its coordinates fall in and what the file
calls that unit, and a gazetteer unit takes the name most of its towns give.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind, admin_key

# Towns of a gazetteer unit that must agree on the file's name for it, and how many.
MIN_EVENTS = 2
MIN_AGREEMENT = 0.6

Spellings = dict[str, dict[str, str]]


def learn_unit_spellings(places: Iterable[Place], gazetteer: Gazetteer) -> Spellings:
    """iso3 -> {admin_key(gazetteer's admin1): the training data's admin1}, for learned towns."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    own: dict[str, set[str]] = defaultdict(set)
    for place in places:
        if place.kind is not PlaceKind.CITY or place.admin1 is None or place.latitude is None:
            continue
        own[place.iso3].add(admin_key(place.admin1))
        unit = gazetteer.unit_at(place.latitude, place.longitude or 0.0, place.iso3)
        if unit is not None:
            votes[(place.iso3, admin_key(unit[1]))][place.admin1] += 1
    spellings: Spellings = defaultdict(dict)
    for (iso3, key), names in votes.items():
        name, count = names.most_common(1)[0]
        total = sum(names.values())
        if key in own[iso3] or total < MIN_EVENTS or count < MIN_AGREEMENT * total:
            continue
        spellings[iso3][key] = name
    return dict(spellings)

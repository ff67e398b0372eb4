"""The deployment's own names for first-level units, learned from where its training events lie.

The gazetteer names units as the HDX P-code file (or GeoNames) does; the operator's ACLED file
may name the same unit otherwise ("Tombouctou" / "Timbuktu", "Jubbada Hoose" / "Lower Juba",
"Donetska" / "Donetsk"), or keep an older division ("Darfur" for five states today). Desks
read and filter by their data's names, so the resolver answers in them: every town the
training events locate says which gazetteer unit its coordinates fall in and what the file
calls that unit, and a gazetteer unit takes the name most of its towns give. A unit no town
names that way takes the file's name for it when that is the one name a letter away ("Tirane" /
"Tirana", "Lahj" / "Lahij"), or when the file calls it by another name the gazetteer knows for
it and for no other unit ("Amanat al Asimah", GeoNames' name of "Sana'a City").

Some files also divide a country one level further down than the P-code file's first level:
ACLED's first-level units of Libya, Tunisia and Uganda are the P-code file's second-level ones
(its first level there is three to six regions). `learn_admin2_countries` finds such countries
from the file's own unit names, and the resolver answers with the second-level unit there.
Those three and Russia it does even untrained (`REGION_LAYER_COUNTRIES`): their first-level
administrative units are the 22 districts of Libya, the 24 governorates of Tunisia, the
districts of Uganda and the federal subjects of Russia (oblasts, krais, republics: ACLED's
"Belgorod", "Kursk"); the P-code file's first level there is regions (Russia's eight federal
districts) that administer nothing.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.misspelt_places import within_one_edit

# Towns of a gazetteer unit that must agree on the file's name for it, and how many.
MIN_EVENTS = 2
MIN_AGREEMENT = 0.6
# Names this short are a letter away from too many others.
MIN_NEAR_LENGTH = 4
# File units that must be second-level units of the P-code file, and by how many times more
# than are first-level ones, for the file to count as a level down.
MIN_LEVEL_EVIDENCE = 3
LEVEL_MARGIN = 2

Spellings = dict[str, dict[str, str]]


def learn_unit_spellings(places: Iterable[Place], gazetteer: Gazetteer) -> Spellings:
    """iso3 -> {admin_key(gazetteer's admin1): the training data's admin1}, for learned towns
    (and for the gazetteer's second-level units, which answer as first-level ones where the
    file is a level down)."""
    places = list(places)
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
        official = gazetteer.admin1_names.get(iso3, {})
        if key in official and admin_key(name) in official:
            # Two units of the P-code file, not two spellings of one: towns near a border
            # ("Moi University" lies nearest places of Nandi, and the file says Uasin Gishu).
            continue
        spellings[iso3][key] = name
    for iso3, file_names in file_units(places).items():
        for key, name in _other_names(iso3, file_names, gazetteer).items():
            spellings[iso3].setdefault(key, name)
        units = {*gazetteer.admin1_names.get(iso3, {}), *gazetteer.admin2_names.get(iso3, {})}
        for key in units:
            if key in file_names or key in spellings[iso3] or len(key) < MIN_NEAR_LENGTH:
                continue
            near = [
                name
                for other, name in file_names.items()
                if other not in units and within_one_edit(key, other)
            ]
            if len(near) == 1:
                spellings[iso3][key] = near[0]
    return {iso3: names for iso3, names in spellings.items() if names}


def _other_names(iso3: str, file_names: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    """{admin_key(gazetteer's admin1): the file's name} where the file calls a unit by another
    name the gazetteer knows for it, and for no other unit ("Amanat al Asimah", GeoNames' name of
    the P-code file's "Sana'a City"): the name says it, whether or not the file's towns there do."""
    official = gazetteer.admin1_names.get(iso3, {})
    names_of: dict[str, set[str]] = defaultdict(set)
    for key, name in file_names.items():
        if key in official:
            continue
        units = gazetteer.admin1_units(iso3, name)
        if len(units) == 1:
            names_of[admin_key(next(iter(units)))].add(name)
    return {
        key: next(iter(names))
        for key, names in names_of.items()
        if len(names) == 1 and key not in file_names
    }


def file_units(places: Iterable[Place]) -> dict[str, dict[str, str]]:
    """iso3 -> {admin_key: name} of the first-level units the training events name."""
    units: dict[str, dict[str, str]] = defaultdict(dict)
    for place in places:
        if place.admin1 is not None:
            units[place.iso3].setdefault(admin_key(place.admin1), place.admin1)
    return units


def learn_admin2_countries(
    places: Iterable[Place], gazetteer: Gazetteer
) -> dict[str, frozenset[str]]:
    """Countries whose first-level units in the training file are the gazetteer's second-level
    ones (most of the file's unit names are among those, few among the first level's), each
    with the file's own unit names (folded by `admin_key`): an answer already among them, from
    a town the model learned, needs no change."""
    found = {}
    for iso3, file_names in file_units(places).items():
        first = gazetteer.admin1_names.get(iso3, {})
        second = gazetteer.admin2_names.get(iso3, {})
        as_first = sum(key in first for key in file_names)
        as_second = sum(key in second and key not in first for key in file_names)
        if as_second >= MIN_LEVEL_EVIDENCE and as_second > LEVEL_MARGIN * as_first:
            found[iso3] = frozenset(file_names)
    return found

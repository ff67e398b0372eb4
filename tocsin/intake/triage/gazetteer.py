"""The offline gazetteer: every name a place goes by, folded, mapped to the places it may mean.

One name often means several places ("Centre" is a region of Burkina Faso, Cameroon and Haiti);
the gazetteer keeps them all and leaves choosing to the resolver, which weighs the other names in
the same text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from tocsin.intake.triage.admin_keys import UNIT_KIND_WORDS, admin_key
from tocsin.intake.triage.direction_words import in_english
from tocsin.intake.triage.folding import fold, is_unspaced, read_as_words, without_town_word
from tocsin.intake.triage.similar_unit_names import similar_unit
from tocsin.intake.triage.unit_index import Point, Unit, UnitIndex

# Where the P-code file's first level is a layer of regions that administer nothing, above the
# units ACLED and reports call first-level (`unit_spellings`): Libya's districts, Tunisia's
# governorates, Uganda's districts, Russia's federal subjects.
REGION_LAYER_COUNTRIES = frozenset({"LBY", "RUS", "TUN", "UGA"})


class PlaceKind(IntEnum):
    """How large a place is; lower is larger. DEMONYM: a word for its people ("Burkinabe")."""

    COUNTRY = 0
    ADMIN1 = 1
    ADMIN2 = 2
    CITY = 3
    DEMONYM = 4


@dataclass(frozen=True, slots=True)
class Place:
    """One place a name may mean. Cities carry coordinates; administrative units their parents.

    `confirmed` marks a place that someone located for an event of the model's own training data
    (an ACLED location): for this deployment it is as sure as an official unit name.
    """

    kind: PlaceKind
    iso3: str
    name: str
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    confirmed: bool = False


@dataclass
class Gazetteer:
    """Names to places, plus what the resolver needs to complete a place it found.

    `admin1_names[iso3][admin_key]` gives the P-code file's spelling of a first-level unit;
    `admin2_names[iso3][admin_key]` gives (parent admin1, admin2). `units` says which units a
    populated place lies in; `capitals[iso3]` names the capital city, for a report that says
    only "the capital"; `common_names[iso3][official name]` is the shorter name a first-level
    unit goes by ("Veracruz" for "Veracruz de Ignacio de la Llave"). `longest[word]` is the
    most words of a name that starts with `word`, so a reader tries only lengths some name has.
    `town_units[(iso3, latitude, longitude)]` is a town's own first-level unit where the nearest
    place of `units` lies across a border (`town_units`). `unit_names[iso3][admin_key]` gives
    the units known under a name, their own or another (`region_names`).
    """

    names: dict[str, list[Place]] = field(default_factory=dict)
    unspaced: dict[str, list[Place]] = field(default_factory=dict)
    admin1_names: dict[str, dict[str, str]] = field(default_factory=dict)
    admin2_names: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    units: UnitIndex | None = None
    longest: dict[str, int] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    common_names: dict[str, dict[str, str]] = field(default_factory=dict)
    town_units: dict[tuple[str, float, float], str] = field(default_factory=dict)
    unit_names: dict[str, dict[str, set[Place]]] = field(default_factory=dict)

    def add(self, place: Place, names: Iterable[str]) -> None:
        """Index `place` under each of `names` (spellings that fold alike count once), a name
        with a possessive in it as a text's words read it too, and a Burmese town's name also
        without the word for town. A name that is only a word of a unit's kind ("City", a
        district of Saint Lucia) is not indexed: reports write the word of other places."""
        keys = set()
        for name in names:
            folded = fold(name)
            keys.add(folded)
            for variant in (read_as_words(name), without_town_word(folded)):
                if variant is not None:
                    keys.add(variant)
        for key in keys:
            if not key or key in UNIT_KIND_WORDS:
                continue
            if is_unspaced(key):
                self.unspaced.setdefault(key, []).append(place)
            else:
                self.names.setdefault(key, []).append(place)
                _note_length(self.longest, key)
        if place.kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2):
            known = self.unit_names.setdefault(place.iso3, {})
            for name in names:
                known.setdefault(admin_key(name), set()).add(place)
        if place.kind is PlaceKind.ADMIN1:
            self.admin1_names.setdefault(place.iso3, {})[admin_key(place.name)] = place.name
        elif place.kind is PlaceKind.ADMIN2 and place.admin1 is not None:
            entry = (place.admin1, place.name)
            self.admin2_names.setdefault(place.iso3, {})[admin_key(place.name)] = entry

    def add_all(self, entries: Iterable[tuple[Place, Iterable[str]]]) -> None:
        for place, names in entries:
            self.add(place, names)

    def extended(self, entries: Iterable[tuple[Place, Iterable[str]]]) -> Gazetteer:
        """A copy that also knows `entries`; this gazetteer is left as it is.

        Only the name table is copied (shallowly, then copied on write), so extending a full
        gazetteer with a few thousand places costs milliseconds, not a rebuild.
        """
        names = dict(self.names)
        unspaced = dict(self.unspaced)
        longest = dict(self.longest)
        for place, spellings in entries:
            for key in {fold(name) for name in spellings} - {""}:
                table = unspaced if is_unspaced(key) else names
                table[key] = [*table.get(key, ()), place]
                if table is names:
                    _note_length(longest, key)
        return Gazetteer(
            names,
            unspaced,
            self.admin1_names,
            self.admin2_names,
            self.units,
            longest,
            self.capitals,
            self.common_names,
            self.town_units,
            self.unit_names,
        )

    def admin1_units(self, iso3: str, name: str) -> frozenset[str]:
        """The official names of the first-level units of `iso3` that `name` may denote, under
        any of their spellings ("Herat" -> {"Hirat"}); empty when it denotes none."""
        official = self.admin1_names.get(iso3, {})
        found = {p.admin1 for p in self.names.get(fold(name), ()) if p.iso3 == iso3}
        units = {unit for unit in found if unit is not None and unit in official.values()}
        spelt = official.get(admin_key(name))
        return frozenset(units | {spelt} if spelt else units)

    def same_admin1(self, iso3: str, name: str, other: str) -> bool:
        """Whether two names of first-level units of `iso3` may denote the same unit: spelt
        alike, or one unit has both names (a report's "Helmand" is the P-code file's "Hilmand")."""
        if admin_key(name) == admin_key(other):
            return True
        return bool(self.admin1_units(iso3, name) & self.admin1_units(iso3, other))

    def words_from(self, word: str) -> int:
        """The most words of a name starting with `word` (0: no name starts with it)."""
        return self.longest.get(word, 0)

    def index_units(self, points: Sequence[Point], names: Sequence[str] = ()) -> None:
        """Learn the units of populated places from another source (see `UnitIndex`);
        `names` are the places' own, in the order of `points`."""
        english: dict[str, dict[str, str]] = {}
        for iso3, official in self.admin1_names.items():
            for name in official.values():
                translated = in_english(name, one_word=True)
                if translated is not None:
                    english.setdefault(iso3, {})[admin_key(translated)] = name

        def admin1_of(iso3: str, name: str) -> str | None:
            key = admin_key(name)  # GeoNames' "Far North" is the file's "Extreme-Nord"
            found = self.admin1_names.get(iso3, {}).get(key) or english.get(iso3, {}).get(key)
            known = self._unit_known_as(iso3, name, PlaceKind.ADMIN1)
            return found or (known.admin1 if known else None)

        self.units = UnitIndex.build(
            points,
            admin1_of,
            lambda iso3, name: self.admin2_names.get(iso3, {}).get(admin_key(name)),
            names,
            lambda iso3, name: similar_unit(name, self.admin1_names.get(iso3, {}).values()),
            self._second_level_unit,
        )

    def _unit_known_as(self, iso3: str, name: str, kind: PlaceKind) -> Place | None:
        """The one unit of `kind` that `name` is another name of, where the units were added
        under other names too (`region_names`: GeoNames' "Muhafazat al Qahirah" is Cairo)."""
        found = {
            place
            for place in self.unit_names.get(iso3, {}).get(admin_key(name), ())
            if place.kind is kind
        }
        return found.pop() if len(found) == 1 else None

    def _second_level_unit(self, iso3: str, name: str) -> tuple[str, str] | None:
        """(parent, unit) of the second-level unit called `name`, or spelt like it, where the
        first level is a layer of regions: elsewhere a second-level unit of the name is
        another unit ("Oromia", a zone of Amhara)."""
        if iso3 not in REGION_LAYER_COUNTRIES:
            return None
        units = self.admin2_names.get(iso3, {})
        found = units.get(admin_key(name))
        if found is None:
            known = self._unit_known_as(iso3, name, PlaceKind.ADMIN2)
            if known is not None and known.admin1 is not None:
                found = (known.admin1, known.name)
        if found is None:
            similar = similar_unit(name, [unit for _, unit in units.values()])
            found = units.get(admin_key(similar)) if similar else None
        return found

    def unit_at(self, latitude: float, longitude: float, iso3: str | None = None) -> Unit | None:
        own = self.town_units.get((iso3, latitude, longitude)) if iso3 else None
        if own is not None:
            return (iso3 or "", own, None)
        return self.units.unit_at(latitude, longitude, iso3) if self.units else None

    def centroid(self, iso3: str, admin1: str, admin2: str | None) -> tuple[float, float] | None:
        return self.units.centroid(iso3, admin1, admin2) if self.units else None


def _note_length(longest: dict[str, int], key: str) -> None:
    first, _, rest = key.partition(" ")
    words = rest.count(" ") + 2 if rest else 1
    if words > longest.get(first, 0):
        longest[first] = words

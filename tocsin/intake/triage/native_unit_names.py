"""Units under their names in the country's own script (`arabic_unit_names`,
`burmese_unit_names`), added to a gazetteer that knows them under Latin names.

A table keys each unit by its P-code file spelling; the native names are added for the units of
that name, first-level ones first (Homs, the governorate, rather than Homs, the district), else
second-level ones (Bago, whose region the P-code file splits in two). A unit the gazetteer lacks
is left out rather than invented.
"""

from __future__ import annotations

from collections.abc import Iterator

from tocsin.intake.triage.arabic_unit_names import ARABIC_UNIT_NAMES
from tocsin.intake.triage.burmese_unit_names import BURMESE_UNIT_NAMES
from tocsin.intake.triage.folding import fold
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind

NATIVE_UNIT_NAMES = (ARABIC_UNIT_NAMES, BURMESE_UNIT_NAMES)


def units_called(gazetteer: Gazetteer, iso3: str, name: str) -> list[Place]:
    """The units of `iso3` the gazetteer knows as `name`, at the highest level it has them."""
    places = [p for p in gazetteer.names.get(fold(name), ()) if p.iso3 == iso3]
    for kind in (PlaceKind.ADMIN1, PlaceKind.ADMIN2):
        units = list(dict.fromkeys(p for p in places if p.kind is kind))
        if units:
            return units
    return []


def native_unit_entries(gazetteer: Gazetteer) -> Iterator[tuple[Place, list[str]]]:
    for table in NATIVE_UNIT_NAMES:
        for iso3, units in table.items():
            for name, native in units.items():
                for place in units_called(gazetteer, iso3, name):
                    yield place, list(native)

from __future__ import annotations

import pytest

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.place_resolver import PlaceResolver


def unit(iso3: str, name: str) -> Place:
    return Place(PlaceKind.ADMIN1, iso3, name, admin1=name)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    gazetteer = Gazetteer()
    gazetteer.add(unit("AFG", "Hilmand"), ["Hilmand", "Helmand"])
    gazetteer.add(unit("AFG", "Maidan Wardak"), ["Maidan Wardak", "Wardak"])
    gazetteer.add(unit("KEN", "Narok"), ["Narok", "Trans Mara"])
    gazetteer.add(unit("COD", "Nord-Kivu"), ["Nord-Kivu", "North Kivu"])
    for name in ("Bari", "Nugaal"):  # a region of several units
        gazetteer.add(unit("SOM", name), [name, "Puntland"])
    return gazetteer


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # Another spelling of the unit's name: the report's.
        ("Taliban militants attacked a check point in Nad Ali district, Helmand.", "Helmand"),
        ("An IED hit a convoy in Lashkargah city, Helmand's capital.", "Helmand"),
        ("A soldier was killed in Jaghatu district, Wardak.", "Wardak"),
        ("A soldier was killed in Hilmand.", "Hilmand"),
        # Not a spelling of its own: the file's name.
        ("A police officer shot a driver in Trans Mara, Narok County.", "Narok"),
        ("A police officer shot a driver in Trans Mara.", "Narok"),
        ("Clashes were reported in North Kivu.", "Nord-Kivu"),
        ("Soldiers patrolled the roads of Puntland near Bari.", "Bari"),
    ],
)
def test_a_unit_is_answered_as_the_report_spells_it(
    gazetteer: Gazetteer, text: str, admin1: str
) -> None:
    assert PlaceResolver(gazetteer).resolve(text).admin1 == admin1


def test_the_desk_s_own_spelling_comes_first(gazetteer: Gazetteer) -> None:
    spellings = {"AFG": {admin_key("Hilmand"): "Helmand Province"}}
    resolver = PlaceResolver(gazetteer, spellings=spellings)
    assert resolver.resolve("Clashes in Nad Ali, Helmand.").admin1 == "Helmand Province"


def test_a_unit_the_desk_names_as_the_gazetteer_does_keeps_that_name(
    gazetteer: Gazetteer,
) -> None:
    # Iraq 2024: the file says "Duhok" as the P-code file does, a report "Dahuk".
    file_units = {"AFG": frozenset([admin_key("Hilmand")])}
    resolver = PlaceResolver(gazetteer, file_units=file_units)
    assert resolver.resolve("Clashes in Nad Ali, Helmand.").admin1 == "Hilmand"
    # A unit the file never names is still answered as the report spells it.
    assert resolver.resolve("A soldier was killed in Jaghatu district, Wardak.").admin1 == "Wardak"

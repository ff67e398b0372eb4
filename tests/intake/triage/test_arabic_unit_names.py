from __future__ import annotations

from tests.conftest import shared_path
from tocsin.intake.triage.arabic_unit_names import ARABIC_UNIT_NAMES, arabic_unit_entries
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.gazetteer_sources import read_pcodes
from tocsin.intake.triage.place_resolver import PlaceResolver


def test_every_unit_of_the_table_is_spelt_as_the_pcode_file_spells_it() -> None:
    gazetteer = Gazetteer()
    gazetteer.add_all(
        read_pcodes(shared_path("hxl", "hdx_real", "download-global-pcodes-adm-1-2.csv"))
    )
    for iso3, units in ARABIC_UNIT_NAMES.items():
        official = set(gazetteer.admin1_names[iso3].values())
        assert set(units) <= official, (iso3, set(units) - official)


def test_a_state_named_in_arabic_places_the_report() -> None:
    gazetteer = Gazetteer()
    for name in ("West Darfur", "Blue Nile"):
        gazetteer.add(Place(PlaceKind.ADMIN1, "SDN", name, admin1=name), [name])
    gazetteer.add_all(list(arabic_unit_entries(gazetteer)))
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("هاجمت قوات الدعم السريع قرى في غرب دارفور")
    assert (place.country_iso3, place.admin1) == ("SDN", "West Darfur")
    place = resolver.resolve("هاجم مسلحون قرية في ولاية النيل الأزرق")
    assert (place.country_iso3, place.admin1) == ("SDN", "Blue Nile")


def test_units_the_gazetteer_lacks_are_not_invented() -> None:
    assert list(arabic_unit_entries(Gazetteer())) == []

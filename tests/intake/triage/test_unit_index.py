from __future__ import annotations

from tocsin.intake.triage.unit_index import UnitIndex

HDX_ADMIN1 = {("BFA", "sud-ouest"): "Sud-Ouest", ("BFA", "sahel"): "Sahel"}
HDX_ADMIN2 = {
    ("COD", "bunia"): ("Ituri", "Bunia"),
    ("COD", "aru"): ("Ituri", "Aru"),
    ("COD", "kisangani"): ("Tshopo", "Kisangani"),
    ("COD", "yangambi"): ("Tshopo", "Yangambi"),
    ("COD", "isangi"): ("Tshopo", "Isangi"),
    ("CHN", "pingyang"): ("Henan", "Pingyang"),
    ("CHN", "wenzhou"): ("Zhejiang", "Wenzhou"),
    ("CHN", "ruian"): ("Zhejiang", "Ruian"),
    ("CHN", "yueqing"): ("Zhejiang", "Yueqing"),
    ("CHN", "lishui"): ("Zhejiang", "Lishui"),
    ("BFA", "poni"): ("Sud-Ouest", "Poni"),
    ("BFA", "seno"): ("Sahel", "Seno"),
    ("HTI", "jacmel"): ("South-East", "Jacmel"),
    ("UKR", "iziumskyi"): ("Kharkivska", "Iziumskyi"),
    ("UKR", "pokrovskyi"): ("Donetska", "Pokrovskyi"),
    ("UKR", "sumskyi"): ("Sumska", "Sumskyi"),
    ("MMR", "lashio"): ("Shan (North)", "Lashio"),
    ("MMR", "taunggyi"): ("Shan (South)", "Taunggyi"),
}


def admin1_of(iso3: str, name: str) -> str | None:
    return HDX_ADMIN1.get((iso3, name.casefold()))


def admin2_of(iso3: str, name: str) -> tuple[str, str] | None:
    key = name.casefold().replace("province du ", "")
    return HDX_ADMIN2.get((iso3, key))


def test_a_first_level_unit_named_otherwise_is_matched_through_its_second_level_units() -> None:
    index = UnitIndex.build(
        [
            ("BFA", "Southwest", "Province du Poni", 10.3, -3.2),  # GeoNames' English name
            ("BFA", "Sahel", "Province du Seno", 14.0, -0.03),
        ],
        admin1_of,
        admin2_of,
    )
    assert index.unit_at(10.31, -3.21) == ("BFA", "Sud-Ouest", "Poni")
    assert index.unit_at(14.0, 0.0) == ("BFA", "Sahel", "Seno")


def test_places_without_second_level_units_vote_by_their_own_names() -> None:
    points = [("HTI", "Sud-Est", "", 18.23, -72.53), ("HTI", "Sud-Est", "", 18.3, -72.4)]
    voted = UnitIndex.build(points, admin1_of, admin2_of, ["Jacmel", "Marigot"])
    assert voted.unit_at(18.3, -72.4) == ("HTI", "South-East", None)
    unnamed = UnitIndex.build(points, admin1_of, admin2_of)
    assert unnamed.unit_at(18.3, -72.4) == ("HTI", "Sud-Est", None)


def test_towns_vote_for_the_raions_named_after_them_with_an_adjective() -> None:
    # GeoNames gives Ukrainian places no second-level unit and names oblasts after their
    # centres ("Kharkiv"); the P-code file's raion of Izium is "Iziumskyi", of Kharkivska.
    points = [
        ("UKR", "Kharkiv", "", 49.2, 37.3),
        ("UKR", "Donetsk", "", 48.3, 37.2),
        ("UKR", "Sumy", "", 50.9, 34.8),
    ]
    index = UnitIndex.build(points, admin1_of, admin2_of, ["Izium", "Pokrovsk", "Sumy"])
    units = [index.unit_at(lat, lon) for _, _, _, lat, lon in points]
    assert [unit[1] if unit else None for unit in units] == ["Kharkivska", "Donetska", "Sumska"]


def test_unknown_units_keep_their_own_names_and_centroids_average() -> None:
    index = UnitIndex.build(
        [("MLI", "Mopti", "", 14.0, -4.0), ("MLI", "Mopti", "", 16.0, -2.0)],
        admin1_of,
        admin2_of,
    )
    assert index.unit_at(14.0, -4.0) == ("MLI", "Mopti", None)
    assert index.centroid("MLI", "Mopti", None) == (15.0, -3.0)


def test_the_nearest_place_of_a_given_country_across_a_border() -> None:
    index = UnitIndex.build(
        [("UGA", "Northern", "", 3.6, 34.6), ("KEN", "Turkana", "", 3.1, 35.6)],
        admin1_of,
        admin2_of,
    )
    kakuma = (3.71, 34.86)
    assert index.unit_at(*kakuma) == ("UGA", "Northern", None)
    assert index.unit_at(*kakuma, iso3="KEN") == ("KEN", "Turkana", None)
    assert index.unit_at(*kakuma, iso3="SSD") is None


def test_an_empty_index_knows_nothing() -> None:
    index = UnitIndex.build([], admin1_of, admin2_of)
    assert index.unit_at(0.0, 0.0) is None


def test_a_unit_since_divided_gives_each_place_the_part_nearest_to_it() -> None:
    # GeoNames still has DR Congo's Orientale province, divided in 2015: its towns named like
    # the P-code file's towns vote for Ituri (east) and Tshopo (west); Mambasa, unnamed in the
    # file, lies nearest to the Ituri towns.
    places = [
        ("Bunia", 1.56, 30.25),
        ("Aru", 2.87, 30.84),
        ("Kisangani", 0.52, 25.19),
        ("Yangambi", 0.77, 24.43),
        ("Isangi", 0.78, 24.27),
        ("Mambasa", 1.36, 29.05),
    ]
    points = [("COD", "Eastern Province", "", lat, lon) for _, lat, lon in places]
    index = UnitIndex.build(points, admin1_of, admin2_of, [name for name, _, _ in places])
    assert index.unit_at(1.36, 29.05) == ("COD", "Ituri", None)
    assert index.unit_at(1.56, 30.25) == ("COD", "Ituri", None)
    assert index.unit_at(0.52, 25.19) == ("COD", "Tshopo", None)


def test_a_vote_for_a_unit_that_has_its_own_match_is_a_shared_name() -> None:
    # Pingyang is a county of Zhejiang and a town of Henan: a town of Zhejiang named so does
    # not make Zhejiang a divided unit, since Henan has GeoNames' own "Henan Sheng".
    places = [
        ("Wenzhou", 28.0, 120.7),
        ("Ruian", 27.8, 120.6),
        ("Yueqing", 28.1, 120.9),
        ("Lishui", 28.4, 119.9),
        ("Pingyang", 27.7, 120.6),
        ("Pingyang", 27.6, 120.5),
    ]
    points = [("CHN", "Zhejiang Sheng", "", lat, lon) for _, lat, lon in places]
    points.append(("CHN", "Henan Sheng", "", 34.7, 113.6))
    names = [name for name, _, _ in places] + ["Pingyang"]
    index = UnitIndex.build(points, admin1_of, admin2_of, names)
    assert index.unit_at(27.6, 120.5) == ("CHN", "Zhejiang", None)
    assert index.unit_at(34.7, 113.6) == ("CHN", "Henan", None)


def test_a_unit_the_pcode_file_splits_by_name_is_split_on_one_vote_each() -> None:
    # GeoNames has two places in Shan State; the P-code file splits the state in three. One
    # vote each is no proof of a division elsewhere, but "Shan (North)" and "Shan (South)" are
    # parts of "Shan" by their very names.
    places = [("Lashio", 22.94, 97.75), ("Taunggyi", 20.79, 97.04)]
    points = [("MMR", "Shan", "", lat, lon) for _, lat, lon in places]
    index = UnitIndex.build(points, admin1_of, admin2_of, [name for name, _, _ in places])
    assert index.unit_at(22.9, 97.7) == ("MMR", "Shan (North)", None)
    assert index.unit_at(20.8, 97.0) == ("MMR", "Shan (South)", None)


def test_a_unit_nothing_else_matches_is_matched_by_its_spelling_last() -> None:
    points = [("ETH", "Oromiya", "", 8.54, 39.27), ("HTI", "Sud-Est", "", 18.23, -72.53)]

    def similar_of(iso3: str, name: str) -> str | None:
        return {"Oromiya": "Oromia", "Sud-Est": "Sud-Est"}.get(name)

    index = UnitIndex.build(points, admin1_of, admin2_of, ["Adama", "Jacmel"], similar_of)
    assert index.unit_at(8.54, 39.27) == ("ETH", "Oromia", None)
    # Jacmel's vote for the P-code file's "South-East" comes before any spelling.
    assert index.unit_at(18.23, -72.53) == ("HTI", "South-East", None)


def test_a_first_level_unit_that_the_pcode_file_has_a_level_down_keeps_both_levels() -> None:
    # GeoNames' first level in Tunisia is the governorate; the P-code file's is six regions,
    # with the governorates under them.
    governorates = {("TUN", "madanin"): ("South East", "Medenine")}

    def second_of(iso3: str, name: str) -> tuple[str, str] | None:
        return governorates.get((iso3, name.casefold()))

    points = [("TUN", "Madanin", "", 33.14, 11.22), ("TUN", "Madanin", "", 33.35, 10.5)]
    index = UnitIndex.build(points, admin1_of, admin2_of, second_of=second_of)
    assert index.unit_at(33.14, 11.22) == ("TUN", "South East", "Medenine")
    assert index.centroid("TUN", "South East", "Medenine") is not None
    # Without it the governorate is lost: GeoNames' spelling answers, which no file uses.
    assert UnitIndex.build(points, admin1_of, admin2_of).unit_at(33.14, 11.22) == (
        "TUN",
        "Madanin",
        None,
    )

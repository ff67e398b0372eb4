from __future__ import annotations

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind

OUDALAN = Place(PlaceKind.ADMIN2, "BFA", "Oudalan", admin1="Sahel", admin2="Oudalan")
SAHEL = Place(PlaceKind.ADMIN1, "BFA", "Sahel", admin1="Sahel")


def test_add_indexes_each_folded_spelling_once() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(OUDALAN, ["Oudalan", "OUDALAN", "Oudalàn"])
    assert gazetteer.names == {"oudalan": [OUDALAN]}
    assert gazetteer.admin2_names["BFA"]["oudalan"] == ("Sahel", "Oudalan")


def test_a_word_of_a_unit_s_kind_alone_is_no_name_to_find() -> None:
    # Iraq 2024: "Sports City" of a report from Basra was Saint Lucia's district "City".
    gazetteer = Gazetteer()
    city = Place(PlaceKind.ADMIN2, "LCA", "City", admin1="Castries", admin2="City")
    gazetteer.add(city, ["City"])
    assert gazetteer.names == {}
    gazetteer.add(Place(PlaceKind.CITY, "KWT", "Kuwait City"), ["Kuwait City"])
    assert list(gazetteer.names) == ["kuwait city"]


def test_unspaced_names_go_to_their_own_table_and_lengths_follow_first_words() -> None:
    gazetteer = Gazetteer()
    place = Place(PlaceKind.COUNTRY, "MMR", "Myanmar")
    gazetteer.add(place, ["မြန်မာ", "Republic of the Union of Myanmar", "Republic of Burma"])
    assert "မြန်မာ" in gazetteer.unspaced
    assert gazetteer.words_from("republic") == 6
    assert gazetteer.words_from("myanmar") == gazetteer.words_from("မြန်မာ") == 0


def test_a_burmese_town_is_found_with_or_without_the_word_for_town() -> None:
    gazetteer = Gazetteer()
    sittwe = Place(PlaceKind.CITY, "MMR", "Sittwe", "Rakhine")
    gazetteer.add(sittwe, ["Sittwe", "စစ်တွေမြို့"])
    assert gazetteer.unspaced == {"စစ်တွေမြို့": [sittwe], "စစ်တွေ": [sittwe]}


def test_extended_copies_leave_the_original_untouched() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(SAHEL, ["Sahel"])
    village = Place(PlaceKind.CITY, "BFA", "Tin-Akoff", "Sahel", "Oudalan", 14.9, -0.2)
    sahel_town = Place(PlaceKind.CITY, "BFA", "Sahel", "Sahel", None, 14.0, -0.5)
    bigger = gazetteer.extended([(village, ["Tin-Akoff"]), (sahel_town, ["Sahel"])])
    assert bigger.names["tin akoff"] == [village]
    assert bigger.names["sahel"] == [SAHEL, sahel_town]
    assert "tin akoff" not in gazetteer.names and gazetteer.names["sahel"] == [SAHEL]
    assert bigger.words_from("tin") == 2 and gazetteer.words_from("tin") == 0
    assert bigger.words_from("sahel") == gazetteer.words_from("sahel") == 1


def test_units_and_centroids_come_from_populated_places() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(SAHEL, ["Sahel"])
    gazetteer.add(OUDALAN, ["Oudalan"])
    gazetteer.index_units(
        [
            ("BFA", "Sahel", "Province de l'Oudalan", 14.0, 0.0),
            ("BFA", "Sahel", "Province de l'Oudalan", 15.0, 1.0),
        ]
    )
    assert gazetteer.unit_at(14.1, 0.1) == ("BFA", "Sahel", "Oudalan")
    assert gazetteer.centroid("BFA", "Sahel", "Oudalan") == (14.5, 0.5)
    assert gazetteer.centroid("BFA", "Nowhere", None) is None


def test_a_gazetteer_without_units_answers_none() -> None:
    assert Gazetteer().unit_at(0.0, 0.0) is None
    assert Gazetteer().centroid("BFA", "Sahel", None) is None


def test_two_names_of_one_first_level_unit_are_the_same_unit() -> None:
    gazetteer = Gazetteer()
    hirat = Place(PlaceKind.ADMIN1, "AFG", "Hirat", admin1="Hirat")
    gazetteer.add(hirat, ["Hirat", "Herat"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "AFG", "Hilmand", admin1="Hilmand"), ["Hilmand"])
    gazetteer.add(Place(PlaceKind.CITY, "AFG", "Herat", admin1="Hirat"), ["Herat"])
    assert gazetteer.admin1_units("AFG", "Herat") == {"Hirat"}
    assert gazetteer.same_admin1("AFG", "Herat", "Hirat")
    assert gazetteer.same_admin1("AFG", "Hirat Province", "hirat")
    assert not gazetteer.same_admin1("AFG", "Herat", "Hilmand")
    assert not gazetteer.same_admin1("IRN", "Herat", "Hirat")  # in another country: no unit
    assert not gazetteer.same_admin1("AFG", "", "Hirat")


def test_a_name_with_a_possessive_is_found_as_a_report_writes_it() -> None:
    gazetteer = Gazetteer()
    coxs_bazar = Place(PlaceKind.ADMIN2, "BGD", "Cox's Bazar", admin1="Chittagong")
    gazetteer.add(coxs_bazar, ["Cox's Bazar"])
    assert gazetteer.names["coxs bazar"] == gazetteer.names["cox bazar"] == [coxs_bazar]


def test_geonames_english_names_of_french_units_are_matched() -> None:
    # GeoNames says "Far North" and "North-West Province"; the P-code file "Extreme-Nord" and
    # "Nord-Ouest", and "Est" for GeoNames' "East".
    gazetteer = Gazetteer()
    for name in ("Extreme-Nord", "Nord-Ouest", "Est"):
        gazetteer.add(Place(PlaceKind.ADMIN1, "CMR", name, admin1=name), [name])
    gazetteer.index_units(
        [
            ("CMR", "Far North", "", 10.6, 14.3),
            ("CMR", "North-West Province", "", 5.96, 10.15),
            ("CMR", "East", "", 4.58, 13.68),
        ]
    )
    assert gazetteer.unit_at(10.6, 14.3) == ("CMR", "Extreme-Nord", None)
    assert gazetteer.unit_at(5.96, 10.15) == ("CMR", "Nord-Ouest", None)
    assert gazetteer.unit_at(4.58, 13.68) == ("CMR", "Est", None)


def _unit(kind: PlaceKind, iso3: str, name: str, admin1: str) -> Place:
    return Place(kind, iso3, name, admin1=admin1, admin2=name if kind is PlaceKind.ADMIN2 else None)


def test_a_geonames_unit_is_matched_through_another_name_of_one_unit() -> None:
    # GeoNames' "Muhafazat al Qahirah" is Cairo, which `region_names` also calls "Al Qahirah".
    gazetteer = Gazetteer()
    gazetteer.add(_unit(PlaceKind.ADMIN1, "EGY", "Cairo", "Cairo"), ["Cairo", "Al Qahirah"])
    gazetteer.index_units([("EGY", "Muhafazat al Qahirah", "", 30.05, 31.25)])
    assert gazetteer.unit_at(30.05, 31.25) == ("EGY", "Cairo", None)


def test_a_geonames_unit_a_level_down_keeps_both_levels_only_under_regions() -> None:
    gazetteer = Gazetteer()
    # Tunisia: the P-code file's first level is six regions, GeoNames' the governorates.
    gazetteer.add(_unit(PlaceKind.ADMIN1, "TUN", "South East", "South East"), ["South East"])
    gazetteer.add(_unit(PlaceKind.ADMIN2, "TUN", "Medenine", "South East"), ["Medenine"])
    # Ethiopia: Oromia, the region, is not the Oromia zone of Amhara.
    gazetteer.add(_unit(PlaceKind.ADMIN1, "ETH", "Amhara", "Amhara"), ["Amhara"])
    gazetteer.add(_unit(PlaceKind.ADMIN2, "ETH", "Oromia", "Amhara"), ["Oromia"])
    gazetteer.index_units([("TUN", "Madanin", "", 33.14, 11.22), ("ETH", "Oromia", "", 9.0, 38.7)])
    assert gazetteer.unit_at(33.14, 11.22) == ("TUN", "South East", "Medenine")
    assert gazetteer.unit_at(9.0, 38.7) == ("ETH", "Oromia", None)

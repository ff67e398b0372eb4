from __future__ import annotations

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.place_resolver import PlaceResolver
from tocsin.intake.triage.unit_spellings import (
    file_units,
    learn_admin2_countries,
    learn_unit_spellings,
)

TIMBUKTU = (16.77, -3.0)


def towns(*names_and_units: tuple[str, str]) -> list[Place]:
    lat, lon = TIMBUKTU
    return [
        Place(PlaceKind.CITY, "MLI", name, unit, None, lat + k / 100, lon, 0, True)
        for k, (name, unit) in enumerate(names_and_units)
    ]


def test_a_unit_takes_the_name_its_training_towns_give(small_gazetteer: Gazetteer) -> None:
    unit = small_gazetteer.unit_at(*TIMBUKTU)
    assert unit is not None and unit[0] == "MLI"
    learned = learn_unit_spellings(
        towns(("Ber", "Timbuktu"), ("Lerneb", "Timbuktu")), small_gazetteer
    )
    assert learned == {"MLI": {admin_key(unit[1]): "Timbuktu"}}
    resolver = PlaceResolver(small_gazetteer, spellings=learned)
    assert resolver.resolve("Soldiers were attacked near Tombouctou.").admin1 == "Timbuktu"


def test_one_town_or_a_split_vote_is_not_enough(small_gazetteer: Gazetteer) -> None:
    assert learn_unit_spellings(towns(("Ber", "Timbuktu")), small_gazetteer) == {}
    split = towns(("Ber", "Timbuktu"), ("Lerneb", "Gao"), ("Goundam", "Mopti"))
    assert learn_unit_spellings(split, small_gazetteer) == {}


def test_names_the_training_data_uses_itself_are_kept(small_gazetteer: Gazetteer) -> None:
    unit = small_gazetteer.unit_at(*TIMBUKTU)
    assert unit is not None
    same = towns(("Ber", unit[1]), ("Lerneb", "Timbuktu"), ("Goundam", "Timbuktu"))
    assert learn_unit_spellings(same, small_gazetteer) == {}


def test_towns_near_a_border_do_not_rename_the_unit_next_door(
    small_gazetteer: Gazetteer,
) -> None:
    # Two training towns lie nearest places of Sahel, and the file puts them in Est: another
    # unit of the P-code file, not another spelling of Sahel (Kenya 2019: Moi University was
    # read as in Nandi, the file says Uasin Gishu, and every report from Nandi followed).
    dori = (14.035, -0.035)
    unit = small_gazetteer.unit_at(*dori)
    assert unit is not None and unit[1] == "Sahel"
    near_border = [
        Place(PlaceKind.CITY, "BFA", name, "Est", None, dori[0], dori[1] + k / 100, 0, True)
        for k, name in enumerate(("Ber", "Lerneb"))
    ]
    assert learn_unit_spellings(near_border, small_gazetteer) == {}


def test_a_unit_a_letter_away_from_another_unit_is_not_its_spelling() -> None:
    # Zabul and Kabul are both provinces of Afghanistan: a file whose training events are all
    # in Kabul says nothing about what it calls Zabul.
    gazetteer = Gazetteer()
    for name in ("Kabul", "Zabul"):
        gazetteer.add(Place(PlaceKind.ADMIN1, "AFG", name, admin1=name), [name])
    kabul = Place(PlaceKind.ADMIN1, "AFG", "Kabul", admin1="Kabul")
    learned = learn_unit_spellings([kabul], gazetteer)
    assert learned == {}
    resolver = PlaceResolver(gazetteer, spellings=learned)
    assert resolver.resolve("Shelling in Zabul.").admin1 == "Zabul"


def units(*names: str) -> list[Place]:
    return [Place(PlaceKind.ADMIN1, "BFA", name, admin1=name) for name in names]


def test_a_unit_takes_the_file_s_name_one_letter_away(small_gazetteer: Gazetteer) -> None:
    # No town of the file lies in it, but the file names it "Sahell" ("Tirana" / "Tirane").
    assert learn_unit_spellings(units("Sahell", "Est"), small_gazetteer) == {
        "BFA": {"sahel": "Sahell"}
    }
    # Two names a letter away, or a name too short to tell, are not taken.
    assert learn_unit_spellings(units("Sahell", "Sahela"), small_gazetteer) == {}
    assert learn_unit_spellings(units("Esto"), small_gazetteer) == {}


def test_a_file_a_level_down_is_answered_at_its_level(small_gazetteer: Gazetteer) -> None:
    # The file's first-level units are the gazetteer's second-level ones (as ACLED's are in
    # Libya, Tunisia and Uganda).
    text = "Gunmen killed two people in Solhan (Solhan, Soum)."
    learned = learn_admin2_countries(units("Oudalan", "Soum", "Gourma"), small_gazetteer)
    assert learned == {"BFA": frozenset({"oudalan", "soum", "gourma"})}
    place = PlaceResolver(small_gazetteer, admin2_countries=learned).resolve(text)
    assert (place.country_iso3, place.admin1, place.admin2) == ("BFA", "Soum", None)
    # Without the level, the same text answers with the first level; and where that is one
    # of the file's own names too (a town the model learned gave it), it is kept.
    assert PlaceResolver(small_gazetteer).resolve(text).admin1 == "Sahel"
    mixed = learn_admin2_countries(units("Oudalan", "Soum", "Gourma", "Sahel"), small_gazetteer)
    assert PlaceResolver(small_gazetteer, admin2_countries=mixed).resolve(text).admin1 == "Sahel"
    # A file mostly at the first level is not a level down.
    assert learn_admin2_countries(units("Sahel", "Est", "Soum"), small_gazetteer) == {}


def test_file_units_are_the_units_the_training_events_name() -> None:
    places = towns(("Ber", "Timbuktu"), ("Lerneb", "Region de Timbuktu"), ("Gao", "Gao"))
    assert file_units(places) == {"MLI": {"timbuktu": "Timbuktu", "gao": "Gao"}}


def test_a_unit_the_file_calls_by_another_of_its_names_is_answered_so() -> None:
    # Yemen: the P-code file's "Sana'a City" is ACLED's (and GeoNames') "Amanat al Asimah".
    gazetteer = Gazetteer()
    capital = Place(PlaceKind.ADMIN1, "YEM", "Sana'a City", admin1="Sana'a City")
    gazetteer.add(capital, ["Sana'a City", "Amanat al Asimah"])
    gazetteer.add(Place(PlaceKind.ADMIN1, "YEM", "Marib", admin1="Marib"), ["Marib", "Saba"])
    gazetteer.add(Place(PlaceKind.CITY, "YEM", "Saba", "Sana'a City"), ["Saba"])
    file_unit = Place(PlaceKind.ADMIN1, "YEM", "Amanat al Asimah", admin1="Amanat al Asimah")
    learned = learn_unit_spellings([file_unit], gazetteer)
    assert learned == {"YEM": {admin_key("Sana'a City"): "Amanat al Asimah"}}
    # A name of two units (Marib's other name, a town of the capital) says neither.
    other = Place(PlaceKind.ADMIN1, "YEM", "Saba", admin1="Saba")
    assert learn_unit_spellings([other], gazetteer) == {}

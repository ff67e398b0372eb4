from __future__ import annotations

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind, admin_key
from tocsin.intake.triage.place_resolver import PlaceResolver
from tocsin.intake.triage.unit_spellings import learn_unit_spellings

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

from __future__ import annotations

from tocsin.intake.triage.folding import fold
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.native_unit_names import (
    NATIVE_UNIT_NAMES,
    native_unit_entries,
    units_called,
)
from tocsin.intake.triage.place_mentions import LONGEST_UNSPACED
from tocsin.intake.triage.place_resolver import PlaceResolver


def test_every_unit_of_the_tables_is_spelt_as_the_pcode_file_spells_it(
    pcode_units: Gazetteer,
) -> None:
    for table in NATIVE_UNIT_NAMES:
        for iso3, units in table.items():
            missing = [name for name in units if not units_called(pcode_units, iso3, name)]
            assert not missing, (iso3, missing)


def test_every_unspaced_name_is_short_enough_to_be_found() -> None:
    for table in NATIVE_UNIT_NAMES:
        for units in table.values():
            for names in units.values():
                assert all(len(fold(name)) <= LONGEST_UNSPACED for name in names), names


def _unit(iso3: str, name: str, kind: PlaceKind = PlaceKind.ADMIN1) -> Place:
    admin1 = name if kind is PlaceKind.ADMIN1 else "Bago (East)"
    return Place(kind, iso3, name, admin1=admin1)


def test_a_state_named_in_arabic_places_the_report() -> None:
    gazetteer = Gazetteer()
    for name in ("West Darfur", "Blue Nile"):
        gazetteer.add(_unit("SDN", name), [name])
    gazetteer.add_all(list(native_unit_entries(gazetteer)))
    resolver = PlaceResolver(gazetteer)
    place = resolver.resolve("هاجمت قوات الدعم السريع قرى في غرب دارفور")
    assert (place.country_iso3, place.admin1) == ("SDN", "West Darfur")
    place = resolver.resolve("هاجم مسلحون قرية في ولاية النيل الأزرق")
    assert (place.country_iso3, place.admin1) == ("SDN", "Blue Nile")


def test_a_state_named_in_burmese_is_found_inside_unspaced_text() -> None:
    gazetteer = Gazetteer()
    for name in ("Sagaing", "Shan (North)", "Shan (South)", "Chin"):
        gazetteer.add(_unit("MMR", name), [name])
    gazetteer.add_all(list(native_unit_entries(gazetteer)))
    resolver = PlaceResolver(gazetteer)
    cases = {
        "စစ်ကောင်စီတပ်များသည် စစ်ကိုင်းတိုင်းတွင် အိမ်များကို မီးရှို့ခဲ့သည်။": "Sagaing",
        "ရှမ်းပြည်နယ်မြောက်ပိုင်းတွင် တိုက်ပွဲဖြစ်ပွားခဲ့သည်။": "Shan (North)",
        "ရှမ်းမြောက်တွင် တိုက်ပွဲ": "Shan (North)",
        "ရှမ်းပြည်နယ်တွင် ဆန္ဒပြပွဲ": "Shan (South)",
        "ချင်းပြည်နယ်တွင် လေကြောင်းတိုက်ခိုက်မှု": "Chin",
    }
    for text, unit in cases.items():
        place = resolver.resolve(text)
        assert (place.country_iso3, place.admin1) == ("MMR", unit), text
    # Chin's name alone is inside "each other": soldiers fired on each other, in no unit named
    # (in Myanmar, as the script says).
    place = resolver.resolve("စစ်သားများ အချင်းချင်း ပစ်ခတ်ခဲ့ကြသည်")
    assert (place.country_iso3, place.admin1) == ("MMR", None)


def test_a_first_level_unit_is_preferred_and_else_a_second_level_one() -> None:
    gazetteer = Gazetteer()
    gazetteer.add(_unit("SYR", "Homs"), ["Homs"])
    gazetteer.add(Place(PlaceKind.ADMIN2, "SYR", "Homs", admin1="Homs"), ["Homs"])
    gazetteer.add(_unit("MMR", "Bago", PlaceKind.ADMIN2), ["Bago"])
    assert [p.kind for p in units_called(gazetteer, "SYR", "Homs")] == [PlaceKind.ADMIN1]
    assert [p.kind for p in units_called(gazetteer, "MMR", "Bago")] == [PlaceKind.ADMIN2]
    assert units_called(gazetteer, "IRQ", "Homs") == []


def test_units_the_gazetteer_lacks_are_not_invented() -> None:
    assert list(native_unit_entries(Gazetteer())) == []

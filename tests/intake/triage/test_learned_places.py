from __future__ import annotations

import pandas as pd

from tocsin.intake.triage.gazetteer import PlaceKind
from tocsin.intake.triage.learned_places import learn_placeless_units, learn_places


def events(rows: list[tuple[str, str, str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["iso3", "admin1", "admin2", "admin3", "location", "latitude"]
    ).assign(longitude=0.5, text="")


def test_units_and_located_places_are_learned_once() -> None:
    learned = learn_places(
        events(
            [
                ("BFA", "Sahel", "Oudalan", "Tin-Akoff", "Tin-Akoff", 14.9),
                ("BFA", "Sahel", "Oudalan", "Tin-Akoff", "Tin-Akoff", 14.9),
                ("BFA", "Sahel", "Soum", "", "Djibo", 14.1),
                ("", "", "", "", "Nowhere", float("nan")),
            ]
        )
    )
    kinds = sorted((p.kind.name, p.name) for p, _ in learned.entries())
    assert kinds == [
        ("ADMIN1", "Sahel"),
        ("ADMIN2", "Oudalan"),
        ("ADMIN2", "Soum"),
        ("CITY", "Djibo"),
        ("CITY", "Tin-Akoff"),
    ]
    events_at = {p.name: p.population for p, _ in learned.entries() if p.kind is PlaceKind.CITY}
    assert events_at == {"Djibo": 1, "Tin-Akoff": 2}  # a learned town's population: its events
    djibo = next(p for p, _ in learned.entries() if p.name == "Djibo")
    assert djibo.kind is PlaceKind.CITY and djibo.confirmed
    assert (djibo.admin1, djibo.admin2, djibo.latitude, djibo.longitude) == (
        "Sahel",
        "Soum",
        14.1,
        0.5,
    )


def test_home_country_needs_a_clear_majority() -> None:
    mostly = events(
        [("BFA", "Sahel", "", "", "A", 1.0)] * 7 + [("MLI", "Mopti", "", "", "B", 1.0)] * 3
    )
    assert learn_places(mostly).home_country == "BFA"
    split = events(
        [("BFA", "Sahel", "", "", "A", 1.0)] * 5 + [("MLI", "Mopti", "", "", "B", 1.0)] * 5
    )
    assert learn_places(split).home_country is None
    assert learn_places(events([])).home_country is None
    # Each country's share of the located events, most first.
    assert learn_places(mostly).country_shares == (("BFA", 0.7), ("MLI", 0.3))
    assert learn_places(events([])).country_shares == ()


def test_names_in_the_notes_become_country_cues() -> None:
    nigeria = events([("NGA", "Borno", "", "", "Gwoza", 11.0)] * 3).assign(
        text="Boko Haram fighters attacked Gwoza."
    )
    somalia = events([("SOM", "Bay", "", "", "Baidoa", 3.1)] * 3).assign(
        text="Al Shabaab fighters shelled Baidoa."
    )
    cues = learn_places(pd.concat([nigeria, somalia])).cues
    assert cues.votes("A Boko Haram raid.") == {"NGA": 1.0}


def test_where_events_whose_notes_name_no_place_were_coded_is_learned() -> None:
    national = ("BGD", "Dhaka", "Dhaka", "", "Dhaka", 23.7)
    named = ("BGD", "Khulna", "Jessore", "", "Khejura", 23.1)
    notes = ["The countrywide blockade entered its 13th day."] * 5
    notes += ["Pickets torched a bus at Khejura bus stand.", "A bus was torched in Jessore."]
    notes += ["Blockaders clashed with police."]
    frame = events([national] * 5 + [named] * 3).assign(text=notes)
    # Notes naming their own place (as whole words) are left out of the count.
    assert learn_placeless_units(frame) == (("BGD", "Dhaka"),)
    assert learn_places(frame).placeless_units == (("BGD", "Dhaka"),)
    # Too few such notes, or no unit holding half of them, teach nothing.
    assert learn_placeless_units(frame.iloc[1:]) == ()
    split = events([national] * 5 + [named] * 5).assign(text=[notes[0]] * 10)
    assert learn_placeless_units(split) == ()

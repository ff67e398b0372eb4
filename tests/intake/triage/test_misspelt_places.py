from __future__ import annotations

import pytest

from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.misspelt_places import MisspeltPlaces, home_places, within_one_edit
from tocsin.intake.triage.place_mentions import find_mentions
from tocsin.intake.triage.place_resolver import PlaceResolver

NYERI = Place(PlaceKind.ADMIN1, "KEN", "Nyeri", "Nyeri")
NAIROBI = Place(PlaceKind.CITY, "KEN", "Nairobi", None, None, -1.28, 36.82, 2_750_000)
MOMBASA = Place(PlaceKind.CITY, "KEN", "Mombasa", None, None, -4.05, 39.67, 800_000)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("nygeri", "nyeri", True),  # one added
        ("kibabi", "kibabii", True),  # one dropped
        ("machokos", "machakos", True),  # one changed
        ("nariobi", "nairobi", True),  # two neighbours swapped
        ("nairobi", "nairobi", False),  # the same is no misspelling
        ("kangemi", "kangama", False),  # two changed
        ("nairobi", "narobi", True),
        ("mombasa", "mambasaa", False),
    ],
)
def test_within_one_edit(a: str, b: str, expected: bool) -> None:
    assert within_one_edit(a, b) is expected
    assert within_one_edit(b, a) is expected


def index() -> MisspeltPlaces:
    return MisspeltPlaces(
        [
            ("nyeri", [NYERI]),
            ("nairobi", [NAIROBI]),
            ("mombasa", [MOMBASA]),
            ("mombassa", [MOMBASA]),
        ]
    )


def test_a_misspelling_finds_the_one_place_it_misspells() -> None:
    places = index()
    assert places.match("nygeri") == (NYERI,)
    assert places.match("nariobi") == (NAIROBI,)
    assert places.match("mombasso") == (MOMBASA,)  # near two spellings of one place
    assert places.match("nairobi") == ()  # spelt right: the gazetteer has it already
    assert places.match("nyer") == ()  # too short to tell from other words
    assert places.match("kisumu") == ()


def test_a_misspelling_near_two_places_finds_neither() -> None:
    kangema = Place(PlaceKind.ADMIN1, "KEN", "Kangema")
    kangemo = Place(PlaceKind.ADMIN1, "KEN", "Kangemo")
    assert MisspeltPlaces([("kangema", [kangema]), ("kangemo", [kangemo])]).match("kangemi") == ()


def test_only_capitalised_words_no_name_covers_are_tried(small_gazetteer: Gazetteer) -> None:
    text = "Students of Nariobi marched; nariobi, NARIOBI and Nairobi-Mombasa were quiet."
    known = find_mentions(text, small_gazetteer)
    found = index().mentions(text, known)
    assert [text[m.start : m.end] for m in found] == ["Nariobi"]
    (misspelt,) = found
    assert misspelt.places == (NAIROBI,) and misspelt.chain not in {m.chain for m in known}


def test_the_home_country_s_units_and_large_cities(small_gazetteer: Gazetteer) -> None:
    learned = [
        (
            Place(PlaceKind.ADMIN1, "BFA", "Boucle du Mouhoun", "Boucle du Mouhoun"),
            ("Boucle du Mouhoun",),
        ),
        (Place(PlaceKind.CITY, "BFA", "Tin-Akoff", "Sahel", confirmed=True), ("Tin-Akoff",)),
    ]
    places = home_places(small_gazetteer, learned, "BFA")
    assert places.match("ouagadougu")  # a city of two million
    assert places.match("sahell")  # a first-level unit
    assert places.match("tin-akof") == ()  # villages are too many to tell apart
    assert all(p.iso3 == "BFA" for p in places.match("ouagadougu"))


def test_a_misspelt_city_places_a_report(small_gazetteer: Gazetteer) -> None:
    text = "Police fired tear gas at students in Ouagadugou."
    assert PlaceResolver(small_gazetteer).resolve(text).admin1 is None
    misspelt = home_places(small_gazetteer, [], "BFA")
    resolver = PlaceResolver(small_gazetteer, "BFA", misspelt=misspelt)
    assert resolver.resolve(text).admin1 == "Centre"

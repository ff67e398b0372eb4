from __future__ import annotations

import pytest

from tocsin.intake.triage.similar_unit_names import similar_unit

ETHIOPIA = ["Addis Ababa", "Afar", "Amhara", "Benishangul Gumz", "Oromia", "Somali", "Tigray"]
IRAQ = ["Baghdad", "Duhok", "Erbil", "Kerbala", "Ninewa"]
SUDAN = ["North Darfur", "South Darfur", "West Darfur", "North Kordofan", "South Kordofan"]


@pytest.mark.parametrize(
    ("name", "official", "expected"),
    [
        ("Oromiya", ETHIOPIA, "Oromia"),  # another transliteration
        ("Adis Abeba", ETHIOPIA, "Addis Ababa"),
        ("Binshangul Gumuz", ETHIOPIA, "Benishangul Gumz"),
        ("Dahuk", IRAQ, "Duhok"),  # the same consonants
        ("Mayorality of Baghdad", IRAQ, "Baghdad"),  # words of office
        ("Muhafazat Karbala'", IRAQ, "Kerbala"),
        ("Western Darfur", SUDAN, "West Darfur"),  # another form of a word of direction
        ("Rivne", ["Rivnenska", "Volynska"], "Rivnenska"),  # an oblast's adjectival name
        ("Nairobi Area", ["Nairobi", "Nakuru"], "Nairobi"),
    ],
)
def test_another_spelling_of_one_unit_is_matched(
    name: str, official: list[str], expected: str
) -> None:
    assert similar_unit(name, official) == expected


@pytest.mark.parametrize(
    ("name", "official"),
    [
        ("Central Kordofan", SUDAN),  # as near to North as to South Kordofan
        ("Darfur", SUDAN),  # the start of several names
        ("Centre", ["Centre-Nord", "Sahel"]),  # the start of another unit's name
        ("Al Qadarif", ["Gedaref", "Kassala"]),  # too far apart to tell
        ("Bari", ["Bay", "Bakool"]),  # too short to compare by consonants
        ("", SUDAN),
        ("Oromiya", []),
    ],
)
def test_no_match_unless_one_unit_stands_out(name: str, official: list[str]) -> None:
    assert similar_unit(name, official) is None

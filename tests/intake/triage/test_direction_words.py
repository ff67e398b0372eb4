from __future__ import annotations

import pytest

from tocsin.intake.triage.direction_words import (
    adjective_forms,
    as_noun,
    bracketed_forms,
    in_english,
    is_position_word,
)


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Nord-Kivu", "North-Kivu"),
        ("Sud-Ouest", "South-West"),
        ("Extreme-Nord", "Far-North"),
        ("Haut-Uele", "Upper-Uele"),
        ("Basse-Kotto", "Lower-Kotto"),
        ("Mayo-Kebbi Est", "Mayo-Kebbi East"),
        # Nothing to translate.
        ("Boucle du Mouhoun", None),
        ("Kasai-Oriental", None),
        # One word alone names too much for a report's text.
        ("Nord", None),
    ],
)
def test_french_words_of_direction_read_in_english(name: str, english: str | None) -> None:
    assert in_english(name) == english


def test_one_word_is_translated_when_asked() -> None:
    # Matching GeoNames' "East" to the P-code file's "Est" within one country is safe.
    assert in_english("Est", one_word=True) == "East"
    assert in_english("Littoral", one_word=True) is None


def test_a_direction_in_brackets_is_written_as_reports_write_it() -> None:
    # Myanmar's P-code file: "Shan (North)"; ACLED: "Shan-North"; reports: "northern Shan".
    assert bracketed_forms("Shan (North)") == ["Shan", "Shan-North", "North Shan", "Northern Shan"]
    assert bracketed_forms("Bago (East)") == ["Bago", "Bago-East", "East Bago", "Eastern Bago"]
    assert bracketed_forms("Shan") == []


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("North Sinai", ["Northern Sinai"]),
        ("East Darfur", ["Eastern Darfur"]),
        ("North-Kivu", ["Northern Kivu"]),
        # A direction of two words, one word alone, and names that open otherwise.
        ("South West Ethiopia", []),
        ("North-West", []),
        ("North", []),
        ("Northern Bahr el Ghazal", []),
        ("Boucle du Mouhoun", []),
    ],
)
def test_an_opening_direction_is_written_as_an_adjective_too(name: str, forms: list[str]) -> None:
    assert adjective_forms(name) == forms


def test_as_noun_reads_the_adjective_of_a_direction_as_the_direction() -> None:
    assert [as_noun(w) for w in ("northern", "western", "north", "darfur")] == [
        "north",
        "west",
        "north",
        "darfur",
    ]


def test_position_words_are_told_from_names_in_english_and_french() -> None:
    assert all(is_position_word(w) for w in ("North", "eastern", "Central", "Haut", "Sud", "Far"))
    assert not any(is_position_word(w) for w in ("Kivu", "Helmand", "Northam", "Estonia"))

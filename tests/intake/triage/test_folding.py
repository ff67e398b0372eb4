from __future__ import annotations

import pytest

from tocsin.intake.triage.folding import (
    fold,
    folded_words,
    is_unspaced,
    read_as_words,
    without_town_word,
    words,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Fada N'Gourma", "FADA NGOURMA"),
        ("Fada N\u2019Gourma", "fada ngourma"),
        ("Ziniaré", "Ziniare"),
        ("Tin-Akoff", "tin akoff"),
        ("بالخرطوم", "الخرطوم"),  # "in Khartoum" and "Khartoum"
        ("أسوان", "اسوان"),  # hamza on alef is optional in writing
    ],
)
def test_spellings_that_differ_only_in_accents_case_and_punctuation_fold_alike(
    a: str, b: str
) -> None:
    assert fold(a) == fold(b)


def test_different_names_stay_different() -> None:
    assert fold("Kaya") != fold("Kayan")
    assert fold("ဘာကီးနား") != fold("ဘာ")  # Burmese vowel signs are kept, not stripped


def test_words_carry_offsets_capitals_acronyms_and_hyphens() -> None:
    text = "Police in Pobe-Mengao and the VDP"
    found = words(text)
    assert [w.folded for w in found] == ["police", "in", "pobe", "mengao", "and", "the", "vdp"]
    assert text[found[2].start : found[2].end] == "Pobe"
    assert [w.capitalised for w in found][:3] == [True, False, True]
    assert found[3].hyphenated and not found[2].hyphenated
    assert found[-1].upper and not found[0].upper


def test_uncased_scripts_count_as_capitalised() -> None:
    assert all(w.capitalised for w in words("هاجم مسلحون القرية"))


def test_unspaced_scripts_are_recognised() -> None:
    assert is_unspaced("စစ်တပ်က ရွာကို")
    assert not is_unspaced("Ouagadougou") and not is_unspaced("الخرطوم")


def test_an_english_possessive_is_not_part_of_the_name() -> None:
    found = words("in Pretoria's centre and North Sinai\u2019s capital, Fada N'Gourma")
    assert [w.folded for w in found] == [
        "in",
        "pretoria",
        "centre",
        "and",
        "north",
        "sinai",
        "capital",
        "fada",
        "ngourma",
    ]


def test_a_name_with_a_possessive_in_it_is_also_read_as_a_text_reads_it() -> None:
    # A report's "Cox's Bazar" reads as "cox bazar" (the possessive dropped, as in "Kenya's").
    assert read_as_words("Cox's Bazar") == "cox bazar"
    assert read_as_words("Cox\u2019s B\u0101z\u0101r") == "cox bazar"
    assert read_as_words("Fada N'Gourma") is None


def test_a_burmese_town_is_also_named_without_the_word_for_town() -> None:
    assert without_town_word("မြစ်ကြီးနားမြို့") == "မြစ်ကြီးနား"  # Myitkyina town
    assert without_town_word("သနပ္ပင်မြို့နယ်") == "သနပ္ပင်"  # Thanatpin township
    assert without_town_word("ကလေးမြို့") is None  # Kalay; "ကလေး" alone is "child"
    assert without_town_word("မြစ်ကြီးနား") is None
    assert without_town_word("Myitkyina") is None


def test_folded_words_are_a_text_s_words_as_names_are_matched() -> None:
    assert folded_words("Mai-Mai and Kenya's forces") == "mai mai and kenya forces"
    assert folded_words("والدعم السريع") == "دعم سريع"
    assert folded_words("") == ""

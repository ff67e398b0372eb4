from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tocsin.intake.triage.name_masking import PLACEHOLDER, without_names


def test_names_inside_sentences_are_blanked_and_openings_kept() -> None:
    text = "Gunmen kidnapped two civilians near Liboi. Al Shabaab claimed it; Kenya Police deny."
    assert without_names(text) == (
        f"Gunmen kidnapped two civilians near {PLACEHOLDER}. Al {PLACEHOLDER} claimed it; "
        f"Kenya {PLACEHOLDER} deny."
    )


def test_acronyms_lower_case_words_and_scripts_without_capitals_stay() -> None:
    assert without_names("an IED hit a JNIM convoy") == "an IED hit a JNIM convoy"
    assert without_names("قتل مسلحون ثلاثة مدنيين في كسلا") == "قتل مسلحون ثلاثة مدنيين في كسلا"
    assert without_names("des hommes armés ont attaqué Djibo") == (
        f"des hommes armés ont attaqué {PLACEHOLDER}"
    )


def test_an_opening_word_with_a_capital_inside_is_a_name() -> None:
    assert without_names("Bobo-Dioulasso was calm.") == f"{PLACEHOLDER} was calm."
    assert without_names("Al-Shabaab's men attacked Mandera.") == (
        f"{PLACEHOLDER} men attacked {PLACEHOLDER}."
    )
    assert without_names("Ouahigouya-based men fled. N'Djamena Police arrested two.") == (
        f"Ouahigouya-based men fled. {PLACEHOLDER} arrested two."
    )


@given(st.text())
def test_masking_never_fails_and_is_stable(text: str) -> None:
    once = without_names(text)
    assert without_names(once) == once

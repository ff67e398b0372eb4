from __future__ import annotations

import pytest

from tocsin.intake.triage.risk_factors import risk_factors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Militiamen massacred civilians and burned several villages.", {2, 5, 11}),
        ("Les miliciens ont violé des femmes et incendié l'école du village peul.", {5, 7, 9, 13}),
        ("اغتصب مسلحون نساء في مخيم النازحين وهددوا عمال الإغاثة", {1, 5, 7, 13, 14}),
        ("They called the Tutsi cockroaches and vowed to exterminate them.", {10}),
        ("A curfew was declared and the internet cut before the election.", {7, 8}),
        ("The army was ordered to carry out systematic attacks.", {12}),
        ("Peacekeepers withdrew; the village has no protection.", {6, 14}),
        ("စစ်တပ်က ရွာများကို မီးရှို့ပြီး အရပ်သားများကို သတ်ခဲ့သည်", {5, 11}),
    ],
)
def test_factors_our_sentences_point_to(text: str, expected: set[int]) -> None:
    assert set(risk_factors(text)) == expected


def test_tags_are_sorted_and_words_must_be_whole() -> None:
    assert risk_factors("Refugees returned to the hospital.") == (13,)
    assert risk_factors("The armsmith sold ploughs.") == ()  # "arms" is not "armsmith"
    assert risk_factors("No weapons were found and no clashes were reported.") == ()
    assert risk_factors("") == ()

from __future__ import annotations

import pytest

from tocsin.intake.triage.script_countries import script_countries


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("ရွာကို စစ်တပ်က မီးရှို့ခဲ့သည်", (("MMR", 1.0),)),  # the army burned the village
        ("ทหารยิงชาวบ้าน", (("THA", 1.0),)),
        ("ወታደሮች መንደሩን አቃጠሉ", (("ETH", 1.0), ("ERI", 0.4))),
        # Scripts of many countries say nothing.
        ("هاجم مسلحون قرية", ()),
        ("Soldiers burned the village.", ()),
        ("", ()),
    ],
)
def test_a_script_of_one_country_names_it(text: str, countries: tuple[object, ...]) -> None:
    assert script_countries(text) == countries


def test_a_word_quoted_in_another_script_does_not_make_the_report_its() -> None:
    assert script_countries("Soldiers burned the village the locals call ရွာသစ် in Kayin.") == ()

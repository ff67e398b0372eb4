from __future__ import annotations

import pytest

from tocsin.intake.triage.language import UNDETERMINED, detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Armed men attacked the village at dawn and killed six farmers.", "en"),
        ("Des hommes armés ont attaqué le village à l'aube et tué six paysans.", "fr"),
        ("هاجم مسلحون القرية فجرا وقتلوا ستة مزارعين", "ar"),
        ("စစ်တပ်က ရွာကို မီးရှို့ခဲ့သည်", "my"),
        ("Hombres armados atacaron el pueblo al amanecer y mataron a seis campesinos.", "es"),
    ],
)
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   ", "12345 !!", "Gunmen attacked"])
def test_too_little_to_tell(text: str) -> None:
    assert detect_language(text) == UNDETERMINED

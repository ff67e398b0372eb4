from __future__ import annotations

import re

from tocsin.domain.violations import RISK_FACTORS
from tocsin.intake.triage.risk_factor_cues import RISK_FACTOR_CUES


def test_every_factor_of_the_framework_has_a_title_and_cues() -> None:
    assert set(RISK_FACTORS) == set(range(1, 15)) == set(RISK_FACTOR_CUES)


def test_every_factor_has_cues_in_english_or_french_and_in_arabic() -> None:
    arabic = re.compile("[\u0600-\u06ff]")
    for rf, cues in RISK_FACTOR_CUES.items():
        assert any(c.isascii() for c in cues), rf
        assert any(arabic.search(c) for c in cues), rf
        assert all(c == c.strip() and c for c in cues), rf

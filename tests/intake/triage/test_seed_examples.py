from __future__ import annotations

import re

from tocsin.intake.triage.seed_examples import SEED_EXAMPLES, seed_pairs
from tocsin.intake.triage.violation_types import VIOLATION_CODES

SCRIPTS = {
    "latin": re.compile("[A-Za-z]"),
    "arabic": re.compile("[\u0600-\u06ff]"),
    "burmese": re.compile("[\u1000-\u109f]"),
}
FRENCH = re.compile(r"\b(des|les|le|la|ont|une|été)\b")


def test_every_type_has_exemplars_in_english_french_arabic_and_burmese() -> None:
    assert {kind.value for kind in SEED_EXAMPLES} == set(VIOLATION_CODES)
    for kind, texts in SEED_EXAMPLES.items():
        latin = [t for t in texts if SCRIPTS["latin"].search(t)]
        french = [t for t in latin if FRENCH.search(t)]
        assert len(latin) - len(french) >= 3, kind  # English
        assert len(french) >= 3, kind
        assert sum(bool(SCRIPTS["arabic"].search(t)) for t in texts) >= 3, kind
        assert sum(bool(SCRIPTS["burmese"].search(t)) for t in texts) >= 3, kind


def test_pairs_are_text_and_code_without_duplicates() -> None:
    pairs = seed_pairs()
    assert len(pairs) == sum(len(t) for t in SEED_EXAMPLES.values())
    assert len({text for text, _ in pairs}) == len(pairs)
    assert {code for _, code in pairs} == set(VIOLATION_CODES)

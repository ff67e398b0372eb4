from __future__ import annotations

import re

from tocsin.domain.violations import VIOLATION_TYPES
from tocsin.intake.channels.tocsin_form import (
    CHOICES,
    FORM_ID,
    KNOWN_FORMS,
    LANGUAGES,
    QUESTIONS,
    TOCSIN_REPORT,
)

SCRIPTS = {
    "Arabic (ar)": re.compile(r"[\u0600-\u06FF]"),
    "Burmese (my)": re.compile(r"[\u1000-\u109F]"),
}


def test_violation_choices_are_the_domain_vocabulary() -> None:
    codes = [(c.name, c.label[0]) for c in CHOICES if c.list_name == "violation_types"]
    assert codes == list(VIOLATION_TYPES.items())


def test_every_wording_exists_in_every_language_in_its_script() -> None:
    texts = [q.label for q in QUESTIONS] + [q.hint for q in QUESTIONS]
    texts += [q.constraint_message for q in QUESTIONS] + [c.label for c in CHOICES]
    for text in filter(None, texts):
        assert len(text) == len(LANGUAGES) and all(t.strip() for t in text), text
        for language, script in SCRIPTS.items():
            assert script.search(text[LANGUAGES.index(language)]), (language, text)
        # French shares words with English ("Photo (facultatif)"), never a whole wording.
        assert text[1] != text[0], text


def test_every_question_that_is_not_a_group_end_has_a_label() -> None:
    for question in QUESTIONS:
        assert (question.label is None) == (question.type == "end_group"), question.name


def test_the_mapping_reads_the_form_by_its_id() -> None:
    assert KNOWN_FORMS.get(FORM_ID) is TOCSIN_REPORT
    assert set(TOCSIN_REPORT.identity) == {"name", "contact"}
    assert set(TOCSIN_REPORT.consent) == {
        "share_with_partners",
        "use_as_evidence",
        "contact_back",
        "keep_original_media",
    }


def test_the_reporter_is_only_asked_how_to_be_reached_after_agreeing_to_be() -> None:
    contact = next(q for q in QUESTIONS if q.name == "contact")
    assert contact.relevant == "${contact_back} = 'yes'"

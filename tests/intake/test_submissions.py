"""From draft to stored report: cleaning, limits, sealing, coarsening, deduplication."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from tests.intake.helpers import LIMITS, OFFICER, SEALER, add_reports, draft
from tocsin.db import Database
from tocsin.intake.drafts import Consent
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report
from tocsin.intake.sealing import open_sealed
from tocsin.intake.submissions import clean_text, new_submission_id, prepare


def test_identity_is_sealed_and_nothing_of_it_is_left_in_the_values() -> None:
    prepared = prepare(
        draft(identity={"name": "Moussa Ouédraogo", "contact": "+22670123456"}),
        SEALER,
        LIMITS,
        namespace="p",
    )
    assert "Moussa" not in repr(prepared.values) and "22670123456" not in repr(prepared.values)
    sealed = prepared.values["sealed_identity"]
    opened = open_sealed(OFFICER, sealed, prepared.submission_key)
    assert opened["identity"] == {"name": "Moussa Ouédraogo", "contact": "+22670123456"}
    assert prepared.values["sealed_key_id"] == SEALER.key_id


def test_blank_identity_fields_seal_nothing() -> None:
    prepared = prepare(draft(identity={"name": " ", "contact": ""}), SEALER, LIMITS)
    assert "sealed_identity" not in prepared.values


def test_coordinates_are_coarsened_and_must_come_in_pairs() -> None:
    prepared = prepare(draft(latitude=12.345678, longitude=-1.987654), SEALER, LIMITS)
    assert (prepared.values["latitude"], prepared.values["longitude"]) == (12.35, -1.99)
    with pytest.raises(IntakeInputError, match="both a latitude and a longitude"):
        prepare(draft(latitude=12.3), SEALER, LIMITS)


@pytest.mark.parametrize(
    ("text", "message"),
    [("   \n ", "empty"), ("x" * 5_001, "5001 characters long; the limit is 5000")],
)
def test_empty_and_oversized_texts_are_refused(text: str, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        prepare(draft(text), SEALER, LIMITS)


def test_control_characters_go_and_unicode_is_normalised() -> None:
    assert clean_text("a\x00b\x1bc\td\ne\u0301", what="t", limit=100) == "abc\td\né"


@pytest.mark.parametrize("bad", ["", " x", "a" * 129, "a b", "<script>"])
def test_submission_ids_are_checked(bad: str) -> None:
    with pytest.raises(IntakeInputError, match="submission id"):
        prepare(draft(submission_id=bad), SEALER, LIMITS)


def test_the_ids_handed_to_forms_are_always_accepted() -> None:
    """A form's id that the intake refuses loses the report (it failed 1 time in 32)."""
    for _ in range(2_000):
        prepare(draft(submission_id=new_submission_id()), SEALER, LIMITS)


def test_the_same_id_is_the_same_submission_per_namespace_and_bind_content_allows_edits() -> None:
    a = prepare(draft(submission_id="s-1"), SEALER, LIMITS, namespace="p1")
    b = prepare(draft("other text", submission_id="s-1"), SEALER, LIMITS, namespace="p1")
    c = prepare(draft(submission_id="s-1"), SEALER, LIMITS, namespace="p2")
    assert a.submission_key == b.submission_key != c.submission_key
    assert a.content_hash != b.content_hash
    d = prepare(draft(submission_id="s-1"), SEALER, LIMITS, namespace="f", bind_content=True)
    e = prepare(
        draft("edited", submission_id="s-1"), SEALER, LIMITS, namespace="f", bind_content=True
    )
    assert d.submission_key != e.submission_key
    without_id = [prepare(draft(), SEALER, LIMITS, namespace=n) for n in ("x", "y")]
    assert without_id[0].submission_key == without_id[1].submission_key  # same content


def test_store_accepts_once_then_answers_duplicate_or_conflict(database: Database) -> None:
    first = add_reports(
        database,
        [
            draft(
                submission_id="a",
                consent=Consent(use_as_evidence=True),
                occurred_on=date(2020, 1, 2),
            ),
            draft(
                submission_id="a",
                consent=Consent(use_as_evidence=True),
                occurred_on=date(2020, 1, 2),
            ),
        ],
    )
    assert [r.outcome for r in first] == ["accepted", "duplicate"]
    assert first[0].reference == first[1].reference and len(first[0].reference) == 16
    again = add_reports(
        database, [draft(submission_id="a", occurred_on=date(2020, 1, 2)), draft("new")]
    )
    assert [r.outcome for r in again] == ["conflict", "accepted"]
    with database.session() as session:
        stored = session.scalars(select(Report).order_by(Report.id)).all()
        assert len(stored) == 2
        assert stored[0].consent_evidence and not stored[0].consent_share
        assert stored[0].occurred_on == date(2020, 1, 2) and stored[0].status == "new"


@given(st.text(max_size=300))
def test_clean_text_never_raises_and_never_keeps_nul(text: str) -> None:
    cleaned = clean_text(text, what="t", limit=10_000)
    assert "\x00" not in cleaned

"""The analyst's decisions: labels confirmed, duplicates merged, everything audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.intake.helpers import add_reports, draft
from tocsin import accounts
from tocsin.db import Database
from tocsin.intake import review
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report


def _analyst(db: Database) -> accounts.User:
    with db.session() as session:
        user, _ = accounts.create_user(
            session, username="ana", role="analyst", password="a long test passphrase"
        )
        session.expunge(user)
        return user


def test_review_confirms_labels_and_feeds_the_training_set(database: Database) -> None:
    [receipt] = add_reports(database, [draft("Men in uniform took three teachers away.")])
    analyst = _analyst(database)
    with database.session() as session:
        report = session.get(Report, receipt.report_id)
        assert report is not None
        changed = review.review(
            session,
            report,
            review.LabelUpdate(
                violation_type="abduction_disappearance",
                risk_factors=(8, 2, 2),
                country_iso3="BFA",
                source_reliability="B",
                info_credibility="2",
            ),
            session.merge(analyst),
        )
        assert set(changed) >= {"violation_type", "risk_factors", "country_iso3"}
    with database.session() as session:
        report = session.get(Report, receipt.report_id)
        assert report is not None and report.labels_confirmed and report.status == "reviewed"
        assert report.risk_factors == [2, 8]
        assert review.confirmed_examples(session) == [
            ("Men in uniform took three teachers away.", "abduction_disappearance")
        ]
        actions = [e.action for e in accounts.audit.query(session, accounts.audit.AuditFilter())]
        assert "report.review" in actions


@pytest.mark.parametrize(
    ("update", "message"),
    [
        (review.LabelUpdate(violation_type="genocide"), "unknown violation type"),
        (review.LabelUpdate(risk_factors=(0, 15)), "1 to 14"),
        (review.LabelUpdate(urgency="panic"), "urgency"),
        (review.LabelUpdate(country_iso3="bf"), "alpha-3"),
        (review.LabelUpdate(source_reliability="G"), "A to F"),
        (review.LabelUpdate(info_credibility="7"), "1 to 6"),
        (review.LabelUpdate(verification="maybe"), "verification"),
    ],
)
def test_bad_labels_are_refused(update: review.LabelUpdate, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        update.check()


def test_merging_points_at_the_original_and_refuses_cycles(database: Database) -> None:
    receipts = add_reports(database, [draft("one"), draft("two"), draft("three")])
    a, b, c = (r.report_id for r in receipts)
    analyst = _analyst(database)
    with database.session() as session:
        actor = session.merge(analyst)
        ra, rb, rc = (session.get(Report, i) for i in (a, b, c))
        assert ra and rb and rc
        review.merge(session, rb, ra, actor)
        review.merge(session, rc, rb, actor)  # into a duplicate: lands on the original
        assert rc.duplicate_of == a and rb.status == "duplicate"
        with pytest.raises(IntakeInputError, match="itself"):
            review.merge(session, ra, ra, actor)
        with pytest.raises(IntakeInputError, match="its own duplicate"):
            review.merge(session, ra, rb, actor)


def test_listing_filters_and_reading_is_audited(database: Database) -> None:
    receipts = add_reports(database, [draft("shelling in Kaya"), draft("arrests in Ouagadougou")])
    analyst = _analyst(database)
    with database.session() as session:
        first = session.get(Report, receipts[0].report_id)
        assert first is not None
        first.urgency, first.risk_factors, first.country_iso3 = "imminent", [1, 8], "BFA"
    with database.session() as session:
        where = review.ReportFilter
        assert [r.text for r in review.list_reports(session, where(urgency="imminent"))] == [
            "shelling in Kaya"
        ]
        assert len(review.list_reports(session, where(risk_factor=8))) == 1
        assert len(review.list_reports(session, where(search="ouaga"))) == 1
        assert len(review.list_reports(session, where(country_iso3="BFA"))) == 1
        assert review.count_by_status(session) == {"new": 2}
        review.read_report(session, receipts[1].report_id, session.merge(analyst))
    with database.session() as session:
        events = session.scalars(
            select(accounts.AuditEvent).where(accounts.AuditEvent.action == "report.read")
        ).all()
        assert [e.target_id for e in events] == [str(receipts[1].report_id)]

"""The purge: identities first, whole reports later, legal holds never."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.intake.helpers import add_reports, draft
from tocsin import accounts
from tocsin.db import Database
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report, ReportMedia
from tocsin.intake.retention import RetentionPolicy, compact, purge

NOW = datetime(2026, 6, 1, tzinfo=UTC)
POLICY = RetentionPolicy(report_days=700, identity_days=300)


def _aged(db: Database, days: int, *, hold: bool = False) -> int:
    [receipt] = add_reports(
        db, [draft(f"report {days} {hold}", identity={"name": "Someone", "contact": "+1 555"})]
    )
    with db.session() as session:
        report = session.get(Report, receipt.report_id)
        assert report is not None
        report.received_at = NOW - timedelta(days=days)
        report.legal_hold = hold
        session.add(
            ReportMedia(
                report_id=report.id,
                content_type="image/png",
                sha256="0" * 64,
                size=1,
                data=b"x",
                removed=[],
                sealed_original=b"sealed",
            )
        )
    return receipt.report_id


def test_purge_removes_old_identities_then_old_reports_but_keeps_holds(database: Database) -> None:
    fresh, middle, old, held = (
        _aged(database, 10),
        _aged(database, 400),
        _aged(database, 800),
        _aged(database, 800, hold=True),
    )
    with database.session() as session:
        preview = purge(session, POLICY, now=NOW, dry_run=True)
    assert (preview.reports_deleted, preview.identities_removed, preview.originals_removed) == (
        1,
        1,
        1,
    )
    with database.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Report)) == 4
        )  # dry run changed nothing
        result = purge(session, POLICY, now=NOW)
    assert (result.reports_deleted, result.identities_removed) == (1, 1)
    with database.session() as session:
        compact(session)
        left = {r.id: r for r in session.scalars(select(Report))}
        assert set(left) == {fresh, middle, held}
        assert left[fresh].sealed_identity is not None
        assert left[middle].sealed_identity is None and left[middle].sealed_key_id is None
        assert left[held].sealed_identity is not None
        originals = dict(
            session.execute(select(ReportMedia.report_id, ReportMedia.sealed_original)).all()
        )
        assert originals[middle] is None and originals[fresh] == b"sealed" and old not in originals
        events = accounts.audit.query(session, accounts.audit.AuditFilter(action="report.purge"))
        assert events[0].detail["reports_deleted"] == 1


def test_duplicates_of_purged_reports_are_kept_unlinked(database: Database) -> None:
    old, young = _aged(database, 800), _aged(database, 5)
    with database.session() as session:
        report = session.get(Report, young)
        assert report is not None
        report.duplicate_of = old
    with database.session() as session:
        purge(session, POLICY, now=NOW)
    with database.session() as session:
        report = session.get(Report, young)
        assert report is not None and report.duplicate_of is None


def test_a_zero_retention_is_refused(database: Database) -> None:
    with database.session() as session, pytest.raises(IntakeInputError, match="at least one day"):
        purge(session, RetentionPolicy(report_days=0), now=NOW)

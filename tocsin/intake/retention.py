"""Keeping reports no longer than needed: the purge behind `tocsin intake purge`.

Two clocks: a sealed identity (and a sealed original photo or video) is removed after
`identity_days`; the whole report, with its triage and media, after `report_days`. A report
under legal hold (linked to evidence for a case) is never purged. On SQLite, deleted pages are
overwritten (`secure_delete`) and the write-ahead log truncated, so purged data does not linger
in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tocsin import accounts
from tocsin.db import utcnow
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report, ReportMedia, ReportTriage


@dataclass(frozen=True)
class RetentionPolicy:
    report_days: int = 730
    identity_days: int = 365

    def check(self) -> None:
        if self.report_days < 1 or self.identity_days < 1:
            raise IntakeInputError("retention periods are at least one day")


@dataclass(frozen=True)
class PurgeResult:
    reports_deleted: int
    identities_removed: int
    originals_removed: int
    dry_run: bool


def purge(
    session: Session,
    policy: RetentionPolicy,
    *,
    actor: accounts.User | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
) -> PurgeResult:
    policy.check()
    now = now or utcnow()
    report_cutoff = now - timedelta(days=policy.report_days)
    identity_cutoff = now - timedelta(days=policy.identity_days)
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")
    doomed = session.scalars(
        select(Report.id).where(Report.received_at < report_cutoff, Report.legal_hold.is_(False))
    ).all()
    aged = [
        Report.received_at < identity_cutoff,
        Report.legal_hold.is_(False),
        Report.id.not_in(doomed) if doomed else Report.id.is_not(None),
    ]
    identities = session.scalars(
        select(Report.id).where(*aged, Report.sealed_identity.is_not(None))
    ).all()
    originals = session.scalars(
        select(ReportMedia.id)
        .join(Report, Report.id == ReportMedia.report_id)
        .where(*aged, ReportMedia.sealed_original.is_not(None))
    ).all()
    result = PurgeResult(len(doomed), len(identities), len(originals), dry_run)
    if dry_run:
        return result
    if identities:
        session.execute(
            update(Report)
            .where(Report.id.in_(identities))
            .values(sealed_identity=None, sealed_key_id=None)
        )
    if originals:
        session.execute(
            update(ReportMedia).where(ReportMedia.id.in_(originals)).values(sealed_original=None)
        )
    if doomed:
        session.execute(
            update(Report).where(Report.duplicate_of.in_(doomed)).values(duplicate_of=None)
        )
        session.execute(delete(ReportMedia).where(ReportMedia.report_id.in_(doomed)))
        session.execute(delete(ReportTriage).where(ReportTriage.report_id.in_(doomed)))
        session.execute(delete(Report).where(Report.id.in_(doomed)))
    accounts.audit.record(
        session,
        actor,
        "report.purge",
        target_type="report",
        detail={
            "reports_deleted": result.reports_deleted,
            "identities_removed": result.identities_removed,
            "originals_removed": result.originals_removed,
        },
    )
    return result


def compact(session: Session) -> None:
    """After a purge, on SQLite: push the WAL into the main file and empty it."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

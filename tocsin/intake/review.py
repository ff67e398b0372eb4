"""The analyst's side of a report: find it, confirm or correct its labels, merge, verify.

A confirmed label is what the triage classifier learns from next time (`confirmed_examples`),
so the model improves as analysts work. Every read of a report and every change leaves an audit
event naming the report, never its content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from tocsin import accounts
from tocsin.db import utcnow
from tocsin.domain.violations import RISK_FACTORS, URGENCY_LEVELS, VIOLATION_TYPES
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import (
    CREDIBILITY,
    RELIABILITY,
    STATUSES,
    VERIFICATION,
    Report,
    ReportMedia,
    ReportTriage,
)

ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class ReportFilter:
    status: str | None = None
    country_iso3: str | None = None
    violation_type: str | None = None
    urgency: str | None = None
    language: str | None = None
    risk_factor: int | None = None
    search: str | None = None
    since: datetime | None = None


def list_reports(
    session: Session, where: ReportFilter, *, limit: int = 50, before_id: int | None = None
) -> Sequence[Report]:
    """Newest first; imminent ones are found with `urgency`, page with `before_id`."""
    stmt = select(Report).order_by(Report.id.desc()).limit(limit)
    if where.status:
        stmt = stmt.where(Report.status == where.status)
    if where.country_iso3:
        stmt = stmt.where(Report.country_iso3 == where.country_iso3)
    if where.violation_type:
        stmt = stmt.where(Report.violation_type == where.violation_type)
    if where.urgency:
        stmt = stmt.where(Report.urgency == where.urgency)
    if where.language:
        stmt = stmt.where(Report.language == where.language)
    if where.since:
        stmt = stmt.where(Report.received_at >= where.since)
    if where.search:
        pattern = f"%{where.search}%"
        stmt = stmt.where(or_(Report.text.ilike(pattern), Report.place.ilike(pattern)))
    if before_id is not None:
        stmt = stmt.where(Report.id < before_id)
    found = session.scalars(stmt).all()
    if where.risk_factor is not None:  # a JSON list: filtered here, the same on both backends
        found = [r for r in found if where.risk_factor in (r.risk_factors or [])]
    return found


def count_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Report.status, func.count()).group_by(Report.status)).all()
    return {str(status): int(count) for status, count in rows}


def read_report(session: Session, report_id: int, actor: accounts.User) -> Report | None:
    """A report for a person to look at: the read is audited."""
    report = session.get(Report, report_id)
    if report is not None:
        accounts.audit.record(
            session, actor, "report.read", target_type="report", target_id=report.id
        )
    return report


def audit_list(session: Session, actor: accounts.User, report_ids: list[int]) -> None:
    """A list of reports shows their text: one audit event names every report shown."""
    accounts.audit.record(
        session,
        actor,
        "reports.list",
        target_type="report",
        detail={"count": len(report_ids), "ids": report_ids[:200]},
    )


def audit_media(session: Session, actor: accounts.User, media: ReportMedia) -> None:
    accounts.audit.record(
        session,
        actor,
        "report.media.read",
        target_type="report",
        target_id=media.report_id,
        detail={"media": media.id},
    )


def triage_history(session: Session, report_id: int) -> Sequence[ReportTriage]:
    """Every triage run's suggestions for a report, newest first (one row per model version)."""
    stmt = (
        select(ReportTriage)
        .where(ReportTriage.report_id == report_id)
        .order_by(ReportTriage.id.desc())
    )
    return session.scalars(stmt).all()


def same_cluster(session: Session, report: Report, *, limit: int = 20) -> Sequence[Report]:
    """Other reports triage put in the same near-duplicate cluster: candidates to merge."""
    if not report.cluster:
        return []
    stmt = (
        select(Report)
        .where(Report.cluster == report.cluster, Report.id != report.id)
        .order_by(Report.id)
        .limit(limit)
    )
    return session.scalars(stmt).all()


@dataclass(frozen=True)
class LabelUpdate:
    """An analyst's decision; None leaves a field as it is."""

    violation_type: str | None = None
    risk_factors: tuple[int, ...] | None = None
    urgency: str | None = None
    country_iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    verification: str | None = None
    source_reliability: str | None = None
    info_credibility: str | None = None
    evidence_ref: str | None = None
    legal_hold: bool | None = None

    def check(self) -> None:
        if self.violation_type is not None and self.violation_type not in VIOLATION_TYPES:
            raise IntakeInputError(f"unknown violation type {self.violation_type!r}")
        if self.risk_factors is not None and not set(self.risk_factors) <= set(RISK_FACTORS):
            raise IntakeInputError("risk factors are numbers from 1 to 14")
        if self.urgency is not None and self.urgency not in URGENCY_LEVELS:
            raise IntakeInputError(f"urgency is one of {', '.join(URGENCY_LEVELS)}")
        if self.country_iso3 is not None and not ISO3.match(self.country_iso3):
            raise IntakeInputError("country must be an ISO 3166 alpha-3 code such as BFA")
        if self.verification is not None and self.verification not in VERIFICATION:
            raise IntakeInputError(f"verification is one of {', '.join(VERIFICATION)}")
        if self.source_reliability is not None and self.source_reliability not in RELIABILITY:
            raise IntakeInputError("source reliability is an Admiralty letter from A to F")
        if self.info_credibility is not None and self.info_credibility not in CREDIBILITY:
            raise IntakeInputError("information credibility is an Admiralty digit from 1 to 6")


LABELS = ("violation_type", "risk_factors", "urgency", "country_iso3", "admin1", "admin2")


def review(
    session: Session, report: Report, update: LabelUpdate, actor: accounts.User
) -> list[str]:
    """Apply an analyst's decision; returns the names of the fields that changed."""
    update.check()
    changed = []
    for item in fields(update):
        value = getattr(update, item.name)
        if value is None:
            continue
        if item.name == "risk_factors":
            value = sorted(set(value))
        if getattr(report, item.name) != value:
            setattr(report, item.name, value)
            changed.append(item.name)
    if any(name in LABELS for name in changed) or not report.labels_confirmed:
        report.labels_confirmed = True
    if report.status != "duplicate":
        report.status = "reviewed"
    report.reviewed_by = actor.id
    report.reviewed_at = utcnow()
    accounts.audit.record(
        session,
        actor,
        "report.review",
        target_type="report",
        target_id=report.id,
        detail={"changed": changed},
    )
    return changed


def merge(session: Session, duplicate: Report, into: Report, actor: accounts.User) -> None:
    """Mark `duplicate` as a repeat of `into`; both are kept, the queue shows the original."""
    if duplicate.id == into.id:
        raise IntakeInputError("a report cannot be a duplicate of itself")
    root = into
    seen = {into.id}
    while root.duplicate_of is not None:  # merge into the original, never into a chain
        if root.duplicate_of == duplicate.id:
            raise IntakeInputError("that would make a report a duplicate of its own duplicate")
        parent = session.get(Report, root.duplicate_of)
        if parent is None or parent.id in seen:
            break
        seen.add(parent.id)
        root = parent
    duplicate.duplicate_of = root.id
    duplicate.status = "duplicate"
    accounts.audit.record(
        session,
        actor,
        "report.merge",
        target_type="report",
        target_id=duplicate.id,
        detail={"into": root.id},
    )


def confirmed_examples(session: Session) -> list[tuple[str, str]]:
    """(text, violation type) pairs an analyst confirmed: the classifier's training labels."""
    rows = session.execute(
        select(Report.text, Report.violation_type).where(
            Report.labels_confirmed.is_(True), Report.violation_type.is_not(None)
        )
    ).all()
    return [(text, label) for text, label in rows if label]


__all__ = [
    "STATUSES",
    "LabelUpdate",
    "ReportFilter",
    "audit_list",
    "audit_media",
    "confirmed_examples",
    "count_by_status",
    "list_reports",
    "merge",
    "read_report",
    "review",
    "same_cluster",
    "triage_history",
]

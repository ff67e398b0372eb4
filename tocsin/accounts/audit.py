"""The audit log: every write, and every read of a sensitive record, leaves one event.

Events are only ever inserted (the database refuses UPDATE and DELETE on the table). Details
must never carry secrets or personal data of people at risk: callers pass identifiers, not
contents.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tocsin.accounts.models import AuditEvent, User

SYSTEM = "system"


def record(
    session: Session,
    actor: User | None,
    action: str,
    *,
    target_type: str = "",
    target_id: str | int = "",
    detail: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor=actor.username if actor else SYSTEM,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail or {},
        note=note,
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True)
class Actor:
    """Who did it, as the log names them: enough to write events without loading the user."""

    id: int
    username: str

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.username)


def record_many(
    session: Session,
    action: str,
    *,
    target_type: str,
    events: Sequence[tuple[Actor | None, str | int, dict[str, Any]]],
) -> None:
    """One event per (actor, target, detail), in one multi-row INSERT: for bulk writes such as
    a batch of submissions from many partners, where an ORM object and a flush per event, or a
    user lookup per actor, would cost more than the write itself."""
    if not events:
        return
    rows = [
        {
            "actor_id": actor.id if actor else None,
            "actor": actor.username if actor else SYSTEM,
            "action": action,
            "target_type": target_type,
            "target_id": str(target_id),
            "detail": detail,
            "note": "",
        }
        for actor, target_id, detail in events
    ]
    session.execute(insert(AuditEvent), rows)


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def query(
    session: Session, where: AuditFilter, *, limit: int = 100, before_id: int | None = None
) -> Sequence[AuditEvent]:
    """Newest first; page with `before_id` (the smallest id of the previous page)."""
    stmt = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if where.actor:
        stmt = stmt.where(AuditEvent.actor == where.actor)
    if where.action:
        stmt = stmt.where(AuditEvent.action == where.action)
    if where.since:
        stmt = stmt.where(AuditEvent.at >= where.since)
    if where.until:
        stmt = stmt.where(AuditEvent.at < where.until)
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    return session.scalars(stmt).all()


EXPORT_FIELDS = ("id", "at", "actor", "action", "target_type", "target_id", "detail", "note")


def as_row(event: AuditEvent) -> dict[str, str]:
    return {
        "id": str(event.id),
        "at": event.at.isoformat(),
        "actor": event.actor,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "detail": json.dumps(event.detail, sort_keys=True),
        "note": event.note,
    }


def iter_all(session: Session, where: AuditFilter, batch: int = 1000) -> Iterator[AuditEvent]:
    before: int | None = None
    while True:
        page = query(session, where, limit=batch, before_id=before)
        if not page:
            return
        yield from page
        before = page[-1].id


def to_csv(events: Iterable[AuditEvent]) -> Iterator[str]:
    """CSV text in chunks; cells that a spreadsheet would run as formulas are defused."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    yield buffer.getvalue()
    for event in events:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: _defuse(v) for k, v in as_row(event).items()})
        yield buffer.getvalue()


def _defuse(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value

"""The audit log, for admins: browse and export. Reading it is itself audited."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from tocsin import accounts
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import AuditEventPublic
from tocsin.web.deps import BeforeId, DbSession, Principal, State, policy

router = APIRouter(tags=["audit"])
Auditor = Annotated[Principal, policy(Permission.AUDIT_READ)]


def _filter(
    actor: str | None, action: str | None, since: datetime | None, until: datetime | None
) -> accounts.audit.AuditFilter:
    return accounts.audit.AuditFilter(actor=actor, action=action, since=since, until=until)


@router.get("/audit", response_model=list[AuditEventPublic])
def browse(
    session: DbSession,
    principal: Auditor,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: BeforeId = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditEventPublic]:
    where = _filter(actor, action, since, until)
    events = accounts.audit.query(session, where, limit=limit, before_id=before_id)
    accounts.audit.record(
        session,
        principal.user,
        "audit.read",
        detail={"actor": actor, "action": action, "count": len(events)},
    )
    session.commit()
    return [AuditEventPublic.model_validate(e) for e in events]


@router.get("/audit/export", response_class=StreamingResponse, response_model=None)
def export(
    state: State,
    principal: Auditor,
    actor: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> StreamingResponse:
    """The whole (filtered) log as CSV, streamed newest first."""
    where = _filter(actor, action, since, until)
    with state.db.session() as session:
        accounts.audit.record(
            session, principal.user, "audit.export", detail={"actor": actor, "action": action}
        )

    def chunks() -> Iterator[str]:
        with state.db.session() as session:
            yield from accounts.audit.to_csv(accounts.audit.iter_all(session, where))

    return StreamingResponse(
        chunks(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tocsin-audit.csv"'},
    )

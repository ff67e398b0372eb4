"""The analyst queue: community reports to read, label, merge and verify."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from tocsin import intake
from tocsin.domain.permissions import Permission
from tocsin.domain.violations import RISK_FACTORS, URGENCY_LEVELS, VIOLATION_TYPES
from tocsin.web.deps import BeforeId, DbSession, Principal, RowId, policy
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False)
Reader = Annotated[Principal, policy(Permission.REPORTS_READ)]
Reviewer = Annotated[Principal, policy(Permission.REPORTS_REVIEW)]
Opt = Annotated[str, Form(max_length=200)]
VOCABULARY = {
    "violation_types": VIOLATION_TYPES,
    "risk_factors": RISK_FACTORS,
    "urgencies": URGENCY_LEVELS,
    "verifications": intake.VERIFICATION,
    "reliabilities": intake.RELIABILITY,
    "credibilities": intake.CREDIBILITY,
}


@router.get("/reports")
def queue(
    request: Request,
    session: DbSession,
    principal: Reader,
    status: Annotated[str | None, Query(pattern="^(|new|triaged|reviewed|duplicate)$")] = None,
    country: Annotated[str | None, Query(pattern="^([A-Za-z]{3})?$")] = None,
    violation_type: Annotated[str | None, Query(max_length=32)] = None,
    urgency: Annotated[str | None, Query(pattern="^(|imminent|high|routine)$")] = None,
    risk_factor: Annotated[int | None, Query(ge=1, le=14)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    before_id: BeforeId = None,
) -> Response:
    where = intake.review.ReportFilter(
        status=status or None,
        country_iso3=(country or "").upper() or None,
        violation_type=violation_type or None,
        urgency=urgency or None,
        risk_factor=risk_factor,
        search=q or None,
    )
    found = intake.review.list_reports(session, where, limit=50, before_id=before_id)
    intake.review.audit_list(session, session.merge(principal.user), [r.id for r in found])
    counts = intake.review.count_by_status(session)
    session.commit()
    context = {"reports": found, "where": where, "counts": counts, **VOCABULARY}
    return render(request, "reports/queue.html", context)


@router.get("/reports/{report_id}")
def detail(report_id: RowId, request: Request, session: DbSession, principal: Reader) -> Response:
    report = intake.review.read_report(session, report_id, session.merge(principal.user))
    if report is None:
        raise HTTPException(404, f"no report {report_id}")
    triage = intake.review.triage_history(session, report.id)
    media = session.scalars(
        select(intake.ReportMedia).where(intake.ReportMedia.report_id == report.id)
    ).all()
    similar = intake.review.same_cluster(session, report)
    session.commit()
    context = {"r": report, "triage": triage, "media": media, "similar": similar, **VOCABULARY}
    return render(request, "reports/detail.html", context)


@router.get("/reports/{report_id}/media/{media_id}")
def media_file(
    report_id: RowId, media_id: RowId, session: DbSession, principal: Reader
) -> Response:
    """The stripped copy only; originals stay sealed."""
    item = session.get(intake.ReportMedia, media_id)
    if item is None or item.report_id != report_id:
        raise HTTPException(404, f"no media {media_id} on report {report_id}")
    intake.review.audit_media(session, session.merge(principal.user), item)
    session.commit()
    return Response(
        item.data,
        media_type=item.content_type,
        headers={"Content-Disposition": "inline", "Cache-Control": "no-store"},
    )


@router.post("/reports/{report_id}")
def save_review(
    report_id: RowId,
    request: Request,
    session: DbSession,
    principal: Reviewer,
    violation_type: Opt = "",
    risk_factors: Annotated[list[int] | None, Form()] = None,
    urgency: Opt = "",
    country_iso3: Opt = "",
    admin1: Opt = "",
    admin2: Opt = "",
    verification: Opt = "",
    source_reliability: Opt = "",
    info_credibility: Opt = "",
    evidence_ref: Opt = "",
    legal_hold: Annotated[str | None, Form(max_length=8)] = None,
    duplicate_of: Annotated[str, Form(max_length=9, pattern="^[0-9]*$")] = "",
) -> Response:
    report = session.get(intake.Report, report_id)
    if report is None:
        raise HTTPException(404, f"no report {report_id}")
    actor = session.merge(principal.user)
    update = intake.review.LabelUpdate(
        violation_type=violation_type or None,
        risk_factors=tuple(risk_factors or ()),
        urgency=urgency or None,
        country_iso3=country_iso3.upper() or None,
        admin1=admin1 or None,
        admin2=admin2 or None,
        verification=verification or None,
        source_reliability=source_reliability or None,
        info_credibility=info_credibility or None,
        evidence_ref=evidence_ref or None,
        legal_hold=legal_hold is not None,
    )
    try:
        if duplicate_of and int(duplicate_of) != report.duplicate_of:
            into = session.get(intake.Report, int(duplicate_of))
            if into is None:
                raise intake.IntakeInputError(f"no report {duplicate_of} to merge into")
            intake.review.merge(session, report, into, actor)
        intake.review.review(session, report, update, actor)
    except intake.IntakeInputError as exc:
        session.rollback()
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return RedirectResponse(f"/reports/{report_id}", status_code=303)

"""Community reports over the API: partner apps submit (idempotently), analysts read and label."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from tocsin import intake
from tocsin.accounts.audit import Actor
from tocsin.domain.permissions import Permission
from tocsin.web.api.report_schemas import ReportCreate, ReportPublic, ReportReceipt, ReportUpdate
from tocsin.web.deps import BeforeId, DbSession, Principal, RowId, State, policy

router = APIRouter(tags=["reports"])
Submitter = Annotated[Principal, policy(Permission.REPORTS_SUBMIT)]
Reader = Annotated[Principal, policy(Permission.REPORTS_READ)]
Reviewer = Annotated[Principal, policy(Permission.REPORTS_REVIEW)]


def public(report: intake.Report) -> ReportPublic:
    data = {
        name: getattr(report, name)
        for name in ReportPublic.model_fields
        if name != "has_sealed_identity"
    }
    return ReportPublic(**data, has_sealed_identity=report.sealed_identity is not None)


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportReceipt,
    responses={200: {"model": ReportReceipt, "description": "the same submission again"}, 409: {}},
)
async def submit(body: ReportCreate, principal: Submitter, state: State) -> Response:
    """Store one report; the response comes only after it is durably committed. Sending the
    same `submission_id` again returns the first receipt (200); the same id with other content
    is refused (409)."""
    reporter = body.reporter or None
    draft = intake.ReportDraft(
        channel="api",
        text=body.text,
        submission_id=body.submission_id,
        occurred_on=body.occurred_on,
        place=body.place,
        latitude=body.latitude,
        longitude=body.longitude,
        language=body.language,
        identity={"name": reporter.name, "contact": reporter.contact} if reporter else {},
        consent=intake.Consent(**body.consent.model_dump()),
        fields=body.fields,
    )
    try:
        prepared = state.intake.prepare(draft, namespace=f"api:{principal.user.id}")
    except intake.IntakeInputError as exc:
        raise HTTPException(422, str(exc)) from None
    receipt = await asyncio.wrap_future(
        state.intake.writer.submit(prepared, Actor.of(principal.user))
    )
    if receipt.outcome == "conflict":
        raise HTTPException(409, "this submission id was already used for a different report")
    status = 201 if receipt.outcome == "accepted" else 200
    return JSONResponse(
        {"reference": receipt.reference, "status": receipt.outcome}, status_code=status
    )


@router.get("/reports", response_model=list[ReportPublic])
def list_reports(
    session: DbSession,
    principal: Reader,
    status: Annotated[str | None, Query(pattern="^(new|triaged|reviewed|duplicate)$")] = None,
    country: Annotated[str | None, Query(pattern="^[A-Z]{3}$")] = None,
    violation_type: Annotated[str | None, Query(max_length=32)] = None,
    urgency: Annotated[str | None, Query(pattern="^(imminent|high|routine)$")] = None,
    risk_factor: Annotated[int | None, Query(ge=1, le=14)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    before_id: BeforeId = None,
) -> list[ReportPublic]:
    where = intake.review.ReportFilter(
        status=status,
        country_iso3=country,
        violation_type=violation_type,
        urgency=urgency,
        risk_factor=risk_factor,
        search=q,
    )
    found = intake.review.list_reports(session, where, limit=limit, before_id=before_id)
    intake.review.audit_list(session, session.merge(principal.user), [r.id for r in found])
    session.commit()
    return [public(r) for r in found]


@router.get("/reports/{report_id}", response_model=ReportPublic)
def get_report(report_id: RowId, session: DbSession, principal: Reader) -> ReportPublic:
    report = intake.review.read_report(session, report_id, session.merge(principal.user))
    if report is None:
        raise HTTPException(404, f"no report {report_id}")
    session.commit()
    return public(report)


@router.patch("/reports/{report_id}", response_model=ReportPublic)
def update_report(
    report_id: RowId, body: ReportUpdate, session: DbSession, principal: Reviewer
) -> ReportPublic:
    report = session.get(intake.Report, report_id)
    if report is None:
        raise HTTPException(404, f"no report {report_id}")
    actor = session.merge(principal.user)
    values = body.model_dump(exclude_unset=True, exclude={"duplicate_of"})
    if "risk_factors" in values and values["risk_factors"] is not None:
        values["risk_factors"] = tuple(values["risk_factors"])
    try:
        if body.duplicate_of is not None:
            into = session.get(intake.Report, body.duplicate_of)
            if into is None:
                raise HTTPException(422, f"no report {body.duplicate_of} to merge into")
            intake.review.merge(session, report, into, actor)
        intake.review.review(session, report, intake.review.LabelUpdate(**values), actor)
    except intake.IntakeInputError as exc:
        session.rollback()
        raise HTTPException(422, str(exc)) from None
    session.commit()
    return public(report)


@router.post("/reports/triage", status_code=202)
async def start_triage(principal: Reviewer, state: State) -> dict[str, int]:
    """Queue a triage run over every report the current model has not seen."""
    job_id = await run_in_threadpool(intake.triage_jobs.queue_triage, state.db, principal.user.id)
    return {"job_id": job_id}

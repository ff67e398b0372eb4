"""Background jobs: start one, list them, follow one's progress."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tocsin import jobs, risk
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import JobCreate, JobPublic
from tocsin.web.deps import DbSession, Principal, RowId, policy

router = APIRouter(tags=["jobs"])


@router.post("/jobs", response_model=JobPublic, status_code=202)
def create_job(
    body: JobCreate,
    session: DbSession,
    response: Response,
    principal: Annotated[Principal, policy(Permission.RISK_RUN)],
) -> JobPublic:
    params = body.params.model_dump(exclude_none=True)
    job, new = risk.jobs.submit(session, body.kind, params, principal.user)
    session.commit()
    response.headers["Location"] = f"/api/v1/jobs/{job.id}"
    if not new:
        response.status_code = 200
    return JobPublic.model_validate(job)


@router.get("/jobs", response_model=list[JobPublic], dependencies=[policy(Permission.JOBS_READ)])
def list_jobs(
    session: DbSession,
    status: Annotated[str | None, Query(pattern="^(queued|running|succeeded|failed)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[JobPublic]:
    return [
        JobPublic.model_validate(j) for j in jobs.list_jobs(session, limit=limit, status=status)
    ]


@router.get("/jobs/{job_id}", response_model=JobPublic, dependencies=[policy(Permission.JOBS_READ)])
def get_job(job_id: RowId, session: DbSession) -> JobPublic:
    job = jobs.get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return JobPublic.model_validate(job)

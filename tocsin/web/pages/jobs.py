"""Background jobs and their progress; htmx polls a running job's progress fragment."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from tocsin import jobs
from tocsin.domain.permissions import Permission
from tocsin.web.deps import DbSession, RowId, policy
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[policy(Permission.JOBS_READ)])


@router.get("/jobs")
def job_list(request: Request, session: DbSession) -> Response:
    return render(
        request, "jobs.html", {"jobs": jobs.list_jobs(session, limit=100), "kinds": jobs.KINDS}
    )


@router.get("/jobs/{job_id}")
def job_page(job_id: RowId, request: Request, session: DbSession) -> Response:
    job = jobs.get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return render(request, "job.html", {"job": job, "kinds": jobs.KINDS})


@router.get("/jobs/{job_id}/progress")
def job_progress(job_id: RowId, request: Request, session: DbSession) -> Response:
    job = jobs.get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return render(request, "_job_progress.html", {"job": job})

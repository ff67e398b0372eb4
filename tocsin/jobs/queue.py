"""The database as a job queue: enqueue, claim atomically, report progress, finish, recover.

Claiming is a single UPDATE ... RETURNING on both backends (PostgreSQL adds SKIP LOCKED so
several workers never wait on each other), so two workers can never run the same job.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tocsin.db import Database, utcnow
from tocsin.jobs.models import Job, JobStatus


def enqueue(
    session: Session,
    kind: str,
    params: dict[str, Any] | None = None,
    *,
    created_by: int | None = None,
) -> Job:
    job = Job(kind=kind, params=params or {}, status=JobStatus.QUEUED, created_by=created_by)
    session.add(job)
    session.flush()
    return job


def get_job(session: Session, job_id: int) -> Job | None:
    return session.get(Job, job_id)


def list_jobs(session: Session, *, limit: int = 50, status: str | None = None) -> Sequence[Job]:
    stmt = select(Job).order_by(Job.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(Job.status == status)
    return session.scalars(stmt).all()


def pending(session: Session, kind: str, params: dict[str, Any]) -> Job | None:
    """A queued or running job of this kind with these parameters (to avoid duplicates)."""
    active = (JobStatus.QUEUED, JobStatus.RUNNING)
    stmt = select(Job).where(Job.kind == kind, Job.status.in_(active)).order_by(Job.id)
    for job in session.scalars(stmt):
        if job.params == params:
            return job
    return None


def claim_next(db: Database, worker: str, kinds: Sequence[str]) -> int | None:
    """Mark the oldest queued job of one of `kinds` running under `worker`; its id, or None."""
    if not kinds:
        return None
    oldest = (
        select(Job.id)
        .where(Job.status == JobStatus.QUEUED, Job.kind.in_(list(kinds)))
        .order_by(Job.id)
        .limit(1)
    )
    if db.backend == "postgresql":
        oldest = oldest.with_for_update(skip_locked=True)
    now = utcnow()
    stmt = (
        update(Job)
        .where(Job.id == oldest.scalar_subquery())
        .values(
            status=JobStatus.RUNNING,
            worker=worker,
            started_at=now,
            heartbeat_at=now,
            attempts=Job.attempts + 1,
        )
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    )
    with db.session() as session:
        claimed = session.execute(stmt).scalar()
    return int(claimed) if claimed is not None else None


def report(db: Database, job_id: int, done: int, total: int, message: str = "") -> None:
    """Progress and a heartbeat in one write."""
    with db.session() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(
                progress_done=done,
                progress_total=total,
                message=message[:500],
                heartbeat_at=utcnow(),
            )
        )


def beat(db: Database, job_id: int) -> None:
    with db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=utcnow()))


def finish(db: Database, job_id: int, result: dict[str, Any]) -> None:
    with db.session() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(
                status=JobStatus.SUCCEEDED,
                result=result,
                finished_at=utcnow(),
                progress_done=Job.progress_total,
            )
        )


def fail(db: Database, job_id: int, error: BaseException | str) -> None:
    """Record a failure; a user-caused error keeps its one line, a bug keeps its last frame."""
    if isinstance(error, BaseException):
        # The type and message, not format_exception_only's last line: with add_note() notes,
        # that line is the last note and the error itself would be lost.
        typed = f"{type(error).__name__}: {error}".strip()
        message = str(error) if getattr(error, "exit_code", None) else typed
    else:
        message = error
    with db.session() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status=JobStatus.FAILED, error=message[:2000], finished_at=utcnow())
        )


def recover(
    db: Database, *, stale_after: timedelta, resumable: Sequence[str], max_attempts: int = 3
) -> tuple[list[int], list[int]]:
    """Jobs whose worker stopped beating: requeue the resumable ones, fail the others.

    Returns (requeued ids, failed ids). Nothing is left 'running' without a live worker.
    """
    cutoff = utcnow() - stale_after
    requeued: list[int] = []
    failed: list[int] = []
    with db.session() as session:
        stale = session.scalars(
            select(Job).where(Job.status == JobStatus.RUNNING, Job.heartbeat_at < cutoff)
        ).all()
        for job in stale:
            if job.kind in resumable and job.attempts < max_attempts:
                job.status = JobStatus.QUEUED
                job.worker = ""
                job.message = f"resumed after an interruption (attempt {job.attempts + 1})"
                requeued.append(job.id)
            else:
                job.status = JobStatus.FAILED
                job.error = "interrupted: the worker stopped before the job finished"
                job.finished_at = utcnow()
                failed.append(job.id)
    return requeued, failed

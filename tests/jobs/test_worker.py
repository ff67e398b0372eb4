"""The worker: runs registered handlers, records their end, keeps heartbeats, survives restarts."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

import tocsin.jobs.worker as worker_module
from tocsin import jobs
from tocsin.db import Database, utcnow
from tocsin.errors import TocsinError
from tocsin.jobs import Job, JobContext, JobStatus, queue

Handler = Callable[[JobContext], dict[str, Any]]
Register = Callable[..., str]


@pytest.fixture
def register() -> Iterator[Register]:
    """Register handlers under unique kind names; unregister them afterwards."""
    names: list[str] = []

    def add(handler: Handler, *, resumable: bool = True, label: str = "test") -> str:
        name = f"test.{label}.{uuid.uuid4().hex[:8]}"
        jobs.register(name, title=f"Test {label}", resumable=resumable)(handler)
        names.append(name)
        return name

    yield add
    for name in names:
        jobs.KINDS.pop(name, None)


@pytest.fixture
def worker(database: Database, tmp_path: Path) -> jobs.Worker:
    return jobs.Worker(database, tmp_path / "work", n_jobs=1, poll_seconds=0.05)


def submit(db: Database, kind: str, params: dict[str, Any] | None = None) -> int:
    with db.session() as session:
        return jobs.enqueue(session, kind, params).id


def get(db: Database, job_id: int) -> Job:
    with db.session() as session:
        job = jobs.get_job(session, job_id)
        assert job is not None
        return job


def heartbeat(db: Database, job_id: int) -> datetime:
    with db.session() as session:
        moment = session.scalar(select(Job.heartbeat_at).where(Job.id == job_id))
    assert moment is not None
    return moment


def test_register_adds_a_kind_and_the_fixture_removes_it(register: Register) -> None:
    def handler(ctx: JobContext) -> dict[str, Any]:
        return {}

    name = register(handler, resumable=False, label="reg")
    kind = jobs.KINDS[name]
    assert (kind.name, kind.handler, kind.resumable, kind.title) == (
        name,
        handler,
        False,
        "Test reg",
    )


def test_run_one_with_nothing_queued_returns_false(worker: jobs.Worker, register: Register) -> None:
    register(lambda ctx: {}, label="idle")
    assert worker.run_one() is False


def test_a_handler_runs_with_its_context_and_its_result_is_recorded(
    database: Database, worker: jobs.Worker, register: Register, tmp_path: Path
) -> None:
    seen: list[JobContext] = []

    def handler(ctx: JobContext) -> dict[str, Any]:
        seen.append(ctx)
        ctx.progress(1, 3, "one")
        ctx.progress(3, 3, "done")
        return {"answer": 42, "echo": ctx.params}

    kind = register(handler, label="ok")
    job_id = submit(database, kind, {"x": [1, 2]})
    assert worker.run_one() is True
    job = get(database, job_id)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.result == {"answer": 42, "echo": {"x": [1, 2]}}
    assert (job.progress_done, job.progress_total, job.message) == (3, 3, "done")
    assert job.worker == worker.name and job.attempts == 1 and job.finished_at is not None
    [ctx] = seen
    assert ctx.job_id == job_id and ctx.params == {"x": [1, 2]}
    assert ctx.db is database and ctx.data_dir == tmp_path / "work" and ctx.n_jobs == 1
    assert worker.run_one() is False


def test_a_failing_handler_fails_its_job_and_the_worker_goes_on(
    database: Database, worker: jobs.Worker, register: Register
) -> None:
    def broken(ctx: JobContext) -> dict[str, Any]:
        ctx.progress(1, 4, "started")
        raise RuntimeError("kaput")

    def refused(ctx: JobContext) -> dict[str, Any]:
        raise TocsinError("model 'nope':\nnot known")

    def fine(ctx: JobContext) -> dict[str, Any]:
        return {"ok": True}

    ids = [
        submit(database, register(broken, label="broken")),
        submit(database, register(refused, label="refused")),
        submit(database, register(fine, label="fine")),
    ]
    assert [worker.run_one() for _ in ids] == [True, True, True]
    broken_job, refused_job, fine_job = (get(database, job_id) for job_id in ids)
    assert broken_job.status == JobStatus.FAILED
    assert broken_job.error == "RuntimeError: kaput"
    assert broken_job.progress_done == 1 and broken_job.finished_at is not None
    assert refused_job.status == JobStatus.FAILED
    assert refused_job.error == "model 'nope': not known"
    assert fine_job.status == JobStatus.SUCCEEDED and fine_job.result == {"ok": True}


def test_jobs_run_in_the_order_they_were_queued(
    database: Database, worker: jobs.Worker, register: Register
) -> None:
    order: list[int] = []

    def handler(ctx: JobContext) -> dict[str, Any]:
        order.append(ctx.job_id)
        return {}

    kind = register(handler, label="fifo")
    ids = [submit(database, kind, {"n": n}) for n in range(4)]
    while worker.run_one():
        pass
    assert order == ids


def test_the_heartbeat_stays_fresh_during_a_long_handler(
    database: Database,
    worker: jobs.Worker,
    register: Register,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(worker_module, "HEARTBEAT", timedelta(milliseconds=50))
    beats: list[datetime] = []

    def slow(ctx: JobContext) -> dict[str, Any]:
        beats.append(heartbeat(ctx.db, ctx.job_id))
        time.sleep(0.6)  # no progress reported: only the worker's heartbeat keeps it fresh
        beats.append(heartbeat(ctx.db, ctx.job_id))
        beats.append(utcnow())
        return {}

    job_id = submit(database, register(slow, label="slow"))
    assert worker.run_one()
    assert get(database, job_id).status == JobStatus.SUCCEEDED
    first, last, now = beats
    assert last - first >= timedelta(milliseconds=300)
    assert now - last < timedelta(milliseconds=400)
    # Once the job is over, nobody beats for it any more.
    after = heartbeat(database, job_id)
    time.sleep(0.2)
    assert heartbeat(database, job_id) == after


def test_a_result_the_database_cannot_store_does_not_leave_the_job_running(
    database: Database,
    worker: jobs.Worker,
    register: Register,
) -> None:
    """NaN is stored as null on both backends (PostgreSQL's JSON refuses NaN itself)."""
    job_id = submit(database, register(lambda ctx: {"score": float("nan")}, label="nan"))
    worker.run_one()
    job = get(database, job_id)
    assert job.status == JobStatus.SUCCEEDED and job.result == {"score": None}


def test_a_started_worker_runs_queued_jobs_until_stopped(
    database: Database, worker: jobs.Worker, register: Register
) -> None:
    kind = register(lambda ctx: {"n": ctx.params["n"]}, label="loop")
    ids = [submit(database, kind, {"n": n}) for n in range(3)]
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if all(get(database, job_id).status == JobStatus.SUCCEEDED for job_id in ids):
                break
            time.sleep(0.05)
    finally:
        worker.stop(timeout=5)
    assert [get(database, job_id).result for job_id in ids] == [{"n": 0}, {"n": 1}, {"n": 2}]
    # Stopped means stopped: a job queued now stays queued.
    late = submit(database, kind, {"n": 3})
    time.sleep(0.3)
    assert get(database, late).status == JobStatus.QUEUED


# --- a restart after the worker died (as after a SIGKILL) ---------------------------------------


def kill_while_running(db: Database, kind: str) -> int:
    """A job claimed by a worker that then died: running, with a heartbeat long gone stale."""
    job_id = submit(db, kind)
    assert queue.claim_next(db, "dead-host:1:dead", [kind]) == job_id
    stale = utcnow() - worker_module.STALE_AFTER - timedelta(seconds=5)
    with db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=stale))
    return job_id


def test_after_a_crash_a_resumable_job_is_requeued_and_finished_by_a_new_worker(
    database: Database, worker: jobs.Worker, register: Register
) -> None:
    kind = register(lambda ctx: {"done": True}, resumable=True, label="resumable")
    job_id = kill_while_running(database, kind)
    alive = submit(database, kind)
    queue.claim_next(database, "live-host:2:live", [kind])  # fresh heartbeat: still working

    requeued, failed = jobs.recover(database)
    assert (requeued, failed) == ([job_id], [])
    assert get(database, job_id).status == JobStatus.QUEUED
    assert get(database, alive).status == JobStatus.RUNNING  # left to its live worker

    assert worker.run_one()
    job = get(database, job_id)
    assert job.status == JobStatus.SUCCEEDED and job.result == {"done": True}
    assert job.worker == worker.name and job.attempts == 2


def test_after_a_crash_a_non_resumable_job_is_failed_not_left_running(
    database: Database, worker: jobs.Worker, register: Register
) -> None:
    ran: list[int] = []

    def once(ctx: JobContext) -> dict[str, Any]:
        ran.append(ctx.job_id)
        return {}

    kind = register(once, resumable=False, label="once")
    job_id = kill_while_running(database, kind)
    requeued, failed = jobs.recover(database)
    assert (requeued, failed) == ([], [job_id])
    job = get(database, job_id)
    assert job.status == JobStatus.FAILED and "interrupted" in job.error
    assert job.finished_at is not None
    assert worker.run_one() is False and ran == []
    assert get(database, job_id).status == JobStatus.FAILED

"""The database as a job queue: FIFO claims, never a job claimed twice, reports, recovery."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from sqlalchemy import select, update

from tocsin.db import Database, utcnow
from tocsin.errors import TocsinError
from tocsin.jobs import Job, JobStatus, queue


def enqueue_all(db: Database, *kinds: str) -> list[int]:
    with db.session() as session:
        return [queue.enqueue(session, kind, {"n": n}).id for n, kind in enumerate(kinds)]


def get(db: Database, job_id: int) -> Job:
    with db.session() as session:
        job = queue.get_job(session, job_id)
        assert job is not None
        return job


def claim_all(db: Database, worker: str, kinds: list[str]) -> list[int]:
    claimed = []
    while (job_id := queue.claim_next(db, worker, kinds)) is not None:
        claimed.append(job_id)
    return claimed


def test_enqueue_makes_a_queued_job_with_its_parameters(database: Database) -> None:
    with database.session() as session:
        job = queue.enqueue(session, "k", {"model": "gbm", "years": [2019, 2020]}, created_by=None)
        job_id = job.id
    stored = get(database, job_id)
    assert stored.status == "queued"
    assert stored.kind == "k" and stored.params == {"model": "gbm", "years": [2019, 2020]}
    assert (stored.attempts, stored.worker, stored.started_at) == (0, "", None)
    assert abs(utcnow() - stored.created_at) < timedelta(minutes=1)


def test_claims_are_first_in_first_out_per_kind(database: Database) -> None:
    a1, b1, a2, b2, a3, c1 = enqueue_all(database, "a", "b", "a", "b", "a", "c")
    assert queue.claim_next(database, "w", []) is None
    assert queue.claim_next(database, "w", ["nothing-queued"]) is None
    assert claim_all(database, "w", ["a"]) == [a1, a2, a3]
    assert claim_all(database, "w", ["c", "b"]) == [b1, b2, c1]  # oldest first across kinds
    assert claim_all(database, "w", ["a", "b", "c"]) == []


def test_a_claimed_job_is_running_under_its_worker(database: Database) -> None:
    [job_id] = enqueue_all(database, "k")
    before = utcnow()
    assert queue.claim_next(database, "host:1:abc", ["k"]) == job_id
    job = get(database, job_id)
    assert job.status == JobStatus.RUNNING and job.worker == "host:1:abc"
    assert job.attempts == 1
    assert job.started_at is not None and job.started_at >= before
    assert job.heartbeat_at is not None and job.heartbeat_at >= before
    assert queue.claim_next(database, "someone-else", ["k"]) is None


def test_concurrent_workers_never_claim_the_same_job(database: Database) -> None:
    ids = enqueue_all(database, *(["race"] * 40))
    workers = 6
    start = threading.Barrier(workers)
    claimed: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            start.wait()
            claimed[name] = claim_all(database, name, ["race"])
        except BaseException as exc:  # surfaced below; a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    everything = [job_id for got in claimed.values() for job_id in got]
    counts = Counter(everything)
    assert sorted(counts) == sorted(ids)
    assert set(counts.values()) == {1}, [j for j, n in counts.items() if n > 1]
    # The rows agree: each job ran once, under the worker that says it claimed it.
    with database.session() as session:
        rows = {job.id: job for job in session.scalars(select(Job))}
    for name, got in claimed.items():
        for job_id in got:
            assert rows[job_id].worker == name
            assert rows[job_id].status == JobStatus.RUNNING and rows[job_id].attempts == 1


def test_report_records_progress_and_a_heartbeat(database: Database) -> None:
    [job_id] = enqueue_all(database, "k")
    queue.claim_next(database, "w", ["k"])
    with database.session() as session:
        session.execute(
            update(Job).where(Job.id == job_id).values(heartbeat_at=utcnow() - timedelta(hours=1))
        )
    queue.report(database, job_id, 3, 10, "fold 3 of 10")
    job = get(database, job_id)
    assert (job.progress_done, job.progress_total, job.message) == (3, 10, "fold 3 of 10")
    assert job.heartbeat_at is not None and utcnow() - job.heartbeat_at < timedelta(minutes=1)
    queue.report(database, job_id, 4, 10, "m" * 5000)
    assert len(get(database, job_id).message) == 500


def test_finish_records_the_result_and_completes_the_progress(database: Database) -> None:
    [job_id] = enqueue_all(database, "k")
    queue.claim_next(database, "w", ["k"])
    queue.report(database, job_id, 2, 5)
    queue.finish(database, job_id, {"run_id": 7, "metrics": {"auc": 0.8}})
    job = get(database, job_id)
    assert job.status == JobStatus.SUCCEEDED
    assert job.result == {"run_id": 7, "metrics": {"auc": 0.8}}
    assert job.progress_done == job.progress_total == 5
    assert job.finished_at is not None and job.error == ""


def test_fail_keeps_a_user_error_as_one_line_and_a_bugs_type(database: Database) -> None:
    user_error, bug, text, long = enqueue_all(database, "k", "k", "k", "k")
    queue.fail(database, user_error, TocsinError("year 1800:\ncannot forecast"))
    queue.fail(database, bug, KeyError("missing"))
    queue.fail(database, text, "stopped by an operator")
    queue.fail(database, long, ValueError("x" * 5000))
    assert get(database, user_error).error == "year 1800: cannot forecast"
    assert get(database, bug).error == "KeyError: 'missing'"
    assert get(database, text).error == "stopped by an operator"
    assert len(get(database, long).error) == 2000
    for job_id in (user_error, bug, text, long):
        job = get(database, job_id)
        assert job.status == JobStatus.FAILED and job.finished_at is not None


def test_fail_keeps_the_type_and_message_of_an_exception_with_notes(database: Database) -> None:
    [job_id] = enqueue_all(database, "k")
    error = ValueError("bad shape")
    error.add_note("while fitting fold 3")
    queue.fail(database, job_id, error)
    assert "ValueError: bad shape" in get(database, job_id).error


def test_list_jobs_and_pending(database: Database) -> None:
    first, second, third = enqueue_all(database, "k", "k", "other")
    queue.claim_next(database, "w", ["other"])
    queue.finish(database, third, {})
    with database.session() as session:
        assert [j.id for j in queue.list_jobs(session)] == [third, second, first]
        assert [j.id for j in queue.list_jobs(session, limit=2)] == [third, second]
        assert [j.id for j in queue.list_jobs(session, status="succeeded")] == [third]
        found = queue.pending(session, "k", {"n": 1})
        assert found is not None and found.id == second
        assert queue.pending(session, "k", {"n": 9}) is None
        assert queue.pending(session, "other", {"n": 2}) is None  # finished jobs are not pending
    queue.claim_next(database, "w", ["k"])
    with database.session() as session:
        running = queue.pending(session, "k", {"n": 0})
        assert running is not None and running.id == first


def test_recover_requeues_resumable_stale_jobs_and_fails_the_rest(database: Database) -> None:
    ids = enqueue_all(database, "resumable", "one-shot", "resumable", "resumable", "resumable")
    resumed, one_shot, worn_out, fresh, waiting = ids
    for _ in range(4):
        queue.claim_next(database, "dead", ["resumable", "one-shot"])
    stale = utcnow() - timedelta(minutes=5)
    with database.session() as session:
        for job_id in (resumed, one_shot, worn_out):
            session.execute(update(Job).where(Job.id == job_id).values(heartbeat_at=stale))
        session.execute(update(Job).where(Job.id == worn_out).values(attempts=3))
        session.execute(
            update(Job).where(Job.id == waiting).values(heartbeat_at=stale)
        )  # queued, so never "stale"

    requeued, failed = queue.recover(
        database, stale_after=timedelta(minutes=1), resumable=["resumable"], max_attempts=3
    )
    assert requeued == [resumed]
    assert sorted(failed) == sorted([one_shot, worn_out])

    job = get(database, resumed)
    assert job.status == JobStatus.QUEUED and job.worker == "" and "resumed" in job.message
    for job_id in (one_shot, worn_out):
        job = get(database, job_id)
        assert job.status == JobStatus.FAILED and "interrupted" in job.error
        assert job.finished_at is not None
    assert get(database, fresh).status == JobStatus.RUNNING
    assert get(database, waiting).status == JobStatus.QUEUED

    # A requeued job is claimed again, and its attempts keep counting.
    assert queue.claim_next(database, "alive", ["resumable"]) == resumed
    assert get(database, resumed).attempts == 2
    # Nothing stale is left running.
    assert queue.recover(database, stale_after=timedelta(minutes=1), resumable=[]) == ([], [])

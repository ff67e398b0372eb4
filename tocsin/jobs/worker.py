"""The worker: a thread that claims jobs, runs them, keeps their heartbeat, records the end.

In the embedded mode it runs inside the web process (no broker, no second process); in team mode
`tocsin jobs worker` runs the same loop on its own. A worker that dies leaves its job's heartbeat
to go stale, and the next `recover` (at start-up and every minute) resumes or fails it.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta
from pathlib import Path

from tocsin.db import Database
from tocsin.jobs import queue
from tocsin.jobs.registry import KINDS, JobContext

log = logging.getLogger("tocsin.jobs")

HEARTBEAT = timedelta(seconds=5)
STALE_AFTER = timedelta(seconds=30)


def recover(db: Database) -> tuple[list[int], list[int]]:
    resumable = [k.name for k in KINDS.values() if k.resumable]
    requeued, failed = queue.recover(db, stale_after=STALE_AFTER, resumable=resumable)
    if requeued or failed:
        log.warning("recovered interrupted jobs: requeued %s, failed %s", requeued, failed)
    return requeued, failed


class Worker:
    def __init__(
        self, db: Database, data_dir: Path, *, n_jobs: int = 1, poll_seconds: float = 1.0
    ) -> None:
        self.db = db
        self.data_dir = data_dir
        self.n_jobs = n_jobs
        self.poll_seconds = poll_seconds
        self.name = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run_forever, name="tocsin-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run_forever(self) -> None:
        ticks = 0
        while not self._stop.is_set():
            if ticks % 60 == 0:
                recover(self.db)
            ticks += 1
            try:
                ran = self.run_one()
            except Exception:  # a database hiccup must not kill the worker
                log.exception("worker loop error")
                ran = False
            if not ran:
                self._stop.wait(self.poll_seconds)

    def run_one(self) -> bool:
        """Claim and run one job; False when there was none."""
        job_id = queue.claim_next(self.db, self.name, list(KINDS))
        if job_id is None:
            return False
        with self.db.session() as session:
            job = queue.get_job(session, job_id)
            assert job is not None
            kind, params = KINDS[job.kind], dict(job.params)
        done = threading.Event()
        beating = threading.Thread(target=self._beat, args=(job_id, done), daemon=True)
        beating.start()

        def progress(done_steps: int, total_steps: int, message: str = "") -> None:
            queue.report(self.db, job_id, done_steps, total_steps, message)

        context = JobContext(
            job_id=job_id,
            params=params,
            db=self.db,
            data_dir=self.data_dir,
            n_jobs=self.n_jobs,
            progress=progress,
        )
        try:
            result = kind.handler(context)
        except Exception as exc:
            log.warning("job %s (%s) failed: %s", job_id, kind.name, exc)
            queue.fail(self.db, job_id, exc)
        else:
            try:
                queue.finish(self.db, job_id, result)
            except Exception as exc:  # e.g. a result that is not JSON at all
                log.warning("job %s (%s): result not stored: %s", job_id, kind.name, exc)
                queue.fail(
                    self.db, job_id, f"the job ran, but its result could not be stored: {exc}"
                )
        finally:
            done.set()
            beating.join()
        return True

    def _beat(self, job_id: int, done: threading.Event) -> None:
        while not done.wait(HEARTBEAT.total_seconds()):
            try:
                queue.beat(self.db, job_id)
            except Exception:
                log.exception("heartbeat failed for job %s", job_id)

"""Group commit: many reports, one durable transaction, every sender answered after it.

Submissions arrive faster than a disk syncs. One writer thread per process takes whatever is
waiting (up to a batch), stores it in one transaction with an fsync'd commit (SQLite is switched
to `synchronous=FULL` on this connection; PostgreSQL commits synchronously by default) and only
then resolves each sender's future. A report is never acknowledged before it is on disk, and a
crash loses only reports nobody was told were kept.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tocsin import accounts
from tocsin.accounts.audit import Actor
from tocsin.db import Database
from tocsin.intake.submissions import PreparedReport, Receipt, store

log = logging.getLogger("tocsin.intake")
_STOP = object()


@dataclass(frozen=True)
class _Pending:
    prepared: PreparedReport
    actor: Actor | None
    future: Future[Receipt]


def store_and_audit(
    session: Session, prepared: list[PreparedReport], actors: list[Actor | None]
) -> list[Receipt]:
    """Store a batch and leave one audit event per new report (identifiers only)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and not connection.info.get("synchronous_full"):
        # Once per pooled connection; it stays FULL, which only makes its later writes safer.
        connection.exec_driver_sql("PRAGMA synchronous=FULL")
        connection.info["synchronous_full"] = True
    receipts = store(session, prepared)
    accounts.audit.record_many(
        session,
        "report.receive",
        target_type="report",
        events=[
            (actor, receipt.report_id, {"channel": item.values["channel"]})
            for receipt, item, actor in zip(receipts, prepared, actors, strict=True)
            if receipt.outcome == "accepted"
        ],
    )
    return receipts


class GroupCommitWriter:
    """On SQLite, the writers of several server processes take turns through a file lock: a
    blocked `flock` wakes the moment the lock is free, where SQLite's own busy handler polls
    with sleeps of up to 100 ms, which would be the slowest submissions' whole latency."""

    def __init__(
        self,
        db: Database,
        *,
        max_batch: int = 200,
        after_commit: Callable[[int], None] | None = None,
    ) -> None:
        self.db = db
        self.max_batch = max_batch
        self.after_commit = after_commit  # told how many new reports each commit stored
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread: threading.Thread | None = None
        database = db.url.database if db.backend == "sqlite" else None
        self._lock_path = Path(f"{database}.intake-lock") if database else None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="intake-writer", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None

    def submit(self, prepared: PreparedReport, actor: Actor | None = None) -> Future[Receipt]:
        future: Future[Receipt] = Future()
        self.start()
        self._queue.put(_Pending(prepared, actor, future))
        return future

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch = [first]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = _STOP in batch
            pending = [b for b in batch if isinstance(b, _Pending)]
            if pending:
                self._write(pending)
            if stop:
                return

    def _write(self, pending: list[_Pending]) -> None:
        try:
            receipts = self._commit(pending)
        except IntegrityError:
            # Another process stored one of these keys meanwhile: go one by one, so each
            # sender learns whether theirs was new or a repeat.
            for item in pending:
                try:
                    self._resolve([item], self._commit([item]))
                except Exception as exc:  # answer the sender; never kill the writer
                    item.future.set_exception(exc)
            return
        except Exception as exc:
            log.error("intake batch of %d not stored: %s", len(pending), exc.__class__.__name__)
            for item in pending:
                item.future.set_exception(exc)
            return
        self._resolve(pending, receipts)
        accepted = sum(r.outcome == "accepted" for r in receipts)
        if accepted and self.after_commit is not None:
            try:
                self.after_commit(accepted)
            except Exception as exc:  # the reports are stored; a follow-up must not undo that
                log.error("after storing reports: %s", exc.__class__.__name__)

    def _commit(self, pending: list[_Pending]) -> list[Receipt]:
        with self._turn(), self.db.session() as session:
            return store_and_audit(
                session, [p.prepared for p in pending], [p.actor for p in pending]
            )

    @contextlib.contextmanager
    def _turn(self) -> Iterator[None]:
        if self._lock_path is None:
            yield
            return
        with self._lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @staticmethod
    def _resolve(pending: list[_Pending], receipts: list[Receipt]) -> None:
        for item, receipt in zip(pending, receipts, strict=True):
            item.future.set_result(receipt)

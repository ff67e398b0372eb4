"""Group commit: concurrent senders share transactions, and each learns its own outcome."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from tests.intake.helpers import LIMITS, SEALER, draft
from tocsin import accounts
from tocsin.db import Database
from tocsin.intake.models import Report
from tocsin.intake.submissions import Receipt, prepare
from tocsin.intake.writer import GroupCommitWriter


def test_many_senders_one_writer_every_report_stored_and_audited(database: Database) -> None:
    writer = GroupCommitWriter(database, max_batch=16)
    writer.start()
    try:
        prepared = [
            prepare(draft(f"report {i}", submission_id=f"id-{i % 150}"), SEALER, LIMITS)
            for i in range(200)
        ]

        def send(i: int) -> Receipt:
            return writer.submit(prepared[i]).result(timeout=30)

        with ThreadPoolExecutor(8) as pool:
            receipts = list(pool.map(send, range(200)))
    finally:
        writer.stop()
    outcomes = [r.outcome for r in receipts]
    assert outcomes.count("accepted") == 150
    # ids 0-49 were sent twice with different texts: the second is a conflict, not a new report
    assert outcomes.count("conflict") == 50
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 150
        events = accounts.audit.query(
            session, accounts.audit.AuditFilter(action="report.receive"), limit=500
        )
        assert len(events) == 150 and all(e.actor == "system" for e in events)


def test_a_failed_batch_is_answered_with_the_error_and_the_writer_goes_on(
    database: Database,
) -> None:
    writer = GroupCommitWriter(database)
    good = prepare(draft("fine"), SEALER, LIMITS)
    broken = prepare(draft("broken"), SEALER, LIMITS)
    broken.values["channel"] = "x" * 5000  # longer than the column: PostgreSQL refuses it
    try:
        first = writer.submit(broken)
        error = first.exception(timeout=30)
        second = writer.submit(good).result(timeout=30)
    finally:
        writer.stop()
    if database.backend == "postgresql":
        assert error is not None
    assert second.outcome == "accepted"

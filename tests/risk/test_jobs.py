"""Risk work as background jobs, run by a real worker on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from tocsin import accounts, jobs, risk
from tocsin.db import Database
from tocsin.errors import TocsinError


def run_all(db: Database, data_dir: Path) -> None:
    worker = jobs.Worker(db, data_dir, n_jobs=1)
    while worker.run_one():
        pass


def status(db: Database, job_id: int) -> jobs.Job:
    with db.session() as session:
        job = jobs.get_job(session, job_id)
        assert job is not None
        return job


def test_forecast_and_backtest_jobs_store_runs(seeded: Database, tmp_path: Path) -> None:
    with seeded.session() as session:
        admin, _ = accounts.create_user(
            session, username="boss", role="admin", password="a long test passphrase"
        )
        forecast, new = risk.jobs.submit(
            session, risk.jobs.FORECAST, {"model": "ewp-enet", "boot": 3}, admin
        )
        assert new
        again, new_again = risk.jobs.submit(
            session, risk.jobs.FORECAST, {"model": "ewp-enet", "boot": 3}, admin
        )
        assert again.id == forecast.id and not new_again
        backtest, _ = risk.jobs.submit(
            session,
            risk.jobs.BACKTEST,
            {"model": "ewp-enet", "first_cutoff": 2019, "last_cutoff": 2020},
            admin,
        )
        ids = forecast.id, backtest.id
    run_all(seeded, tmp_path)
    done_forecast, done_backtest = status(seeded, ids[0]), status(seeded, ids[1])
    assert done_forecast.status == "succeeded", done_forecast.error
    assert done_backtest.status == "succeeded", done_backtest.error
    assert done_forecast.progress_done == done_forecast.progress_total == 5
    with seeded.session() as session:
        run = risk.store.forecast_run(session, "ewp-enet")
        assert run is not None and run.year == 2024 and run.job_id == ids[0]
        report = risk.store.latest_run(session, "backtest", "ewp-enet")
        assert report is not None and report.metrics["anchor"] is not None
        assert (Path(report.report_dir) / "catch.png").exists()
        events = accounts.audit.query(session, accounts.audit.AuditFilter(action="job.submit"))
        assert len(events) == 3


def test_a_failing_job_keeps_a_one_line_reason(seeded: Database, tmp_path: Path) -> None:
    with seeded.session() as session:
        job = jobs.enqueue(session, risk.jobs.FORECAST, {"model": "ewp-enet", "year": 1800})
        job_id = job.id
    run_all(seeded, tmp_path)
    failed = status(seeded, job_id)
    assert failed.status == "failed"
    assert failed.error.startswith("year 1800: cannot forecast") and "\n" not in failed.error


def test_submit_refuses_unknown_kinds_and_empty_databases(database: Database) -> None:
    with database.session() as session:
        admin, _ = accounts.create_user(
            session, username="boss", role="admin", password="a long test passphrase"
        )
        with pytest.raises(TocsinError, match="unknown job kind"):
            risk.jobs.submit(session, "risk.nope", {}, admin)
        with pytest.raises(TocsinError, match="no data set imported"):
            risk.jobs.submit(session, risk.jobs.FORECAST, {}, admin)


def test_import_job_loads_fetched_files_and_queues_follow_ups(
    database: Database, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    risk.fetch_ewp(data_dir, risk.load_spec(), source=shared_path("ewp"), base_url="unused")
    follow = [[risk.jobs.FORECAST, {"model": "ewp-enet", "boot": 0}]]
    with database.session() as session:
        job_id = jobs.enqueue(session, risk.jobs.IMPORT, {"then": follow}).id
    worker = jobs.Worker(database, data_dir)
    assert worker.run_one()
    imported = status(database, job_id)
    assert imported.status == "succeeded", imported.error
    assert imported.result["rows"] == 9463
    with database.session() as session:
        queued = jobs.list_jobs(session, status="queued")
        assert [(j.kind, j.params) for j in queued] == [(follow[0][0], follow[0][1])]
        published = risk.store.latest_run(session, "backtest", risk.store.PUBLISHED)
        assert published is not None
        assert round(published.metrics["ours"]["1994-2024"]["auc"], 3) == 0.825
        panel = risk.jobs.panel_from_db(session, risk.store.current_dataset(session))  # type: ignore[arg-type]
        assert len(panel.frame) == 9463

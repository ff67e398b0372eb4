"""Structural-risk work as background jobs: import EWP's data, forecast, backtest.

Every handler can be run again from the start after an interruption (they write their results
in one transaction at the end), so all three are registered as resumable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.accounts import audit
from tocsin.errors import TocsinError
from tocsin.jobs import Job, JobContext, enqueue, pending, register
from tocsin.risk import store
from tocsin.risk.backtest import FoosProtocol, read_ewp_foos, run_backtest, score_table
from tocsin.risk.dataset import Panel, load_panel
from tocsin.risk.forecast import forecast
from tocsin.risk.models import get_model
from tocsin.risk.report import build_report, write_report
from tocsin.risk.sources import ewp_path, read_provenance
from tocsin.risk.spec import load_spec
from tocsin.risk.tables import DatasetRecord, ForecastRow, ModelRun, PanelRow

IMPORT, FORECAST, BACKTEST = "risk.import", "risk.forecast", "risk.backtest"
DEFAULT_MODEL = "champion"


def panel_from_db(session: Session, dataset: DatasetRecord) -> Panel:
    """Rebuild the validated panel from the database, which is the source of truth."""
    spec = load_spec(dataset.spec)
    rows = session.execute(
        select(PanelRow.ewp_name, PanelRow.year, PanelRow.values).where(
            PanelRow.dataset_id == dataset.id
        )
    ).all()
    frame = pd.DataFrame([v for _, _, v in rows], dtype=float)
    frame[spec.ids.year] = [int(y) for _, y, _ in rows]  # also a predictor in EWP's spec
    frame.insert(0, spec.ids.country, [n for n, _, _ in rows])
    frame = frame.sort_values([spec.ids.country, spec.ids.year], ignore_index=True)
    return Panel(frame=frame, spec=spec, source=dataset.source, sha256=dataset.sha256)


def _current(session: Session) -> DatasetRecord:
    dataset = store.current_dataset(session)
    if dataset is None:
        raise TocsinError("no data set imported yet: import EWP's data first")
    return dataset


def _published_backtest(session: Session, dataset: DatasetRecord) -> pd.DataFrame | None:
    run = session.scalar(
        select(ModelRun).where(
            ModelRun.model == store.PUBLISHED,
            ModelRun.kind == "backtest",
            ModelRun.dataset_id == dataset.id,
        )
    )
    if run is None:
        return None
    rows = session.execute(
        select(ForecastRow.ewp_name, ForecastRow.year, ForecastRow.risk, ForecastRow.rank).where(
            ForecastRow.run_id == run.id
        )
    ).all()
    return pd.DataFrame(rows, columns=["ewp_name", "year", "risk", "rank"])


@register(IMPORT, title="Import EWP data", resumable=True)
def import_ewp(ctx: JobContext) -> dict[str, Any]:
    """Load the fetched EWP files from the data directory into the database."""
    spec = load_spec(ctx.params.get("spec"))
    path = ewp_path(ctx.data_dir, "predictors")
    ctx.progress(0, 3, "validating the predictors file")
    panel = load_panel(path, spec)
    provenance = read_provenance(ctx.data_dir)
    foos_path, final_path = ewp_path(ctx.data_dir, "foos"), ewp_path(ctx.data_dir, "forecasts")
    foos = read_ewp_foos(str(foos_path)) if foos_path.exists() else None
    final = pd.read_csv(final_path) if final_path.exists() else None
    ctx.progress(1, 3, "storing the country-year table")
    runs = store.published_runs(foos, final, panel.years()[1])
    metrics = None
    for kind, table, _ in runs:
        if kind == "backtest":
            protocol = FoosProtocol()
            score = score_table(table, panel, protocol)
            report = build_report(
                store.PUBLISHED,
                score,
                protocol,
                data_source=str(foos_path),
                data_sha256=panel.sha256,
                n_boot=1000,
            )
            metrics = report.as_dict()
    # One write transaction, and no progress report inside it: SQLite has a single writer.
    with ctx.db.session() as session:
        dataset = store.import_dataset(session, panel, provenance.get("predictors", {}))
        store.replace_published(session, dataset, runs, metrics=metrics)
        dataset_id = dataset.id
        for kind, params in ctx.params.get("then", []):
            if pending(session, kind, params) is None:
                enqueue(session, kind, params)
    ctx.progress(3, 3, "stored; the first forecast and backtest are queued")
    return {"dataset_id": dataset_id, "rows": len(panel.frame), "published_runs": len(runs)}


@register(FORECAST, title="Forecast", resumable=True)
def forecast_job(ctx: JobContext) -> dict[str, Any]:
    model = get_model(ctx.params.get("model", DEFAULT_MODEL))
    boot = int(ctx.params.get("boot", 100))
    with ctx.db.session() as session:
        dataset = _current(session)
        panel = panel_from_db(session, dataset)
    year = int(ctx.params.get("year") or panel.years()[1])
    total = boot + 2
    steps = [0]

    def step() -> None:
        steps[0] += 1
        ctx.progress(steps[0], total, f"{model.name} from {year}")

    ctx.progress(0, total, f"{model.name} from {year}")
    table = forecast(panel, model, year, n_boot=boot, n_jobs=ctx.n_jobs, on_step=step)
    with ctx.db.session() as session:
        run = store.save_run(
            session,
            kind="forecast",
            model=model.name,
            dataset=session.merge(dataset),
            forecasts=table,
            year=year,
            params={"boot": boot},
            job_id=ctx.job_id,
        )
        run_id = run.id
    return {"run_id": run_id, "countries": len(table), "year": year}


@register(BACKTEST, title="Backtest", resumable=True)
def backtest_job(ctx: JobContext) -> dict[str, Any]:
    model = get_model(ctx.params.get("model", DEFAULT_MODEL))
    protocol = FoosProtocol(
        first_cutoff=int(ctx.params.get("first_cutoff", 1991)),
        last_cutoff=int(ctx.params.get("last_cutoff", 2021)),
    )
    with ctx.db.session() as session:
        dataset = _current(session)
        panel = panel_from_db(session, dataset)
        published = _published_backtest(session, dataset)
    total = len(protocol.cutoffs) + 1
    done = [0]

    def fold() -> None:
        done[0] += 1
        ctx.progress(done[0], total, f"{model.name}: {done[0]} of {total - 1} folds")

    ctx.progress(0, total, f"{model.name}: starting")
    forecasts = run_backtest(panel, model, protocol, n_jobs=ctx.n_jobs, on_fold=fold)
    score = score_table(forecasts, panel, protocol)
    anchor = score_table(published, panel, protocol) if published is not None else None
    report = build_report(
        model.name,
        score,
        protocol,
        data_source=panel.source,
        data_sha256=panel.sha256,
        anchor=anchor,
        n_boot=1000,
    )
    folder = Path(ctx.data_dir) / "runs" / f"backtest-{ctx.job_id}"
    write_report(report, folder, score, anchor)
    with ctx.db.session() as session:
        run = store.save_run(
            session,
            kind="backtest",
            model=model.name,
            dataset=session.merge(dataset),
            forecasts=forecasts,
            params={"first_cutoff": protocol.first_cutoff, "last_cutoff": protocol.last_cutoff},
            metrics=report.as_dict(),
            report_dir=str(folder),
            job_id=ctx.job_id,
        )
        run_id = run.id
    ctx.progress(total, total, "report written")
    return {"run_id": run_id, "auc": report.ours[next(iter(report.ours))].auc}


KINDS = (IMPORT, FORECAST, BACKTEST)


def submit(session: Session, kind: str, params: dict[str, Any], actor: Any) -> tuple[Job, bool]:
    """Queue a risk job for `actor` (an accounts.User), unless the same one is already pending.

    Returns the job and whether it is new. Every submission is audited.
    """
    if kind not in KINDS:
        raise TocsinError(f"unknown job kind {kind!r}; known: {', '.join(KINDS)}")
    if kind != IMPORT and store.current_dataset(session) is None:
        raise TocsinError("no data set imported yet: import EWP's data first")
    existing = pending(session, kind, params)
    job = existing or enqueue(session, kind, params, created_by=actor.id)
    audit.record(
        session,
        actor,
        "job.submit",
        target_type="job",
        target_id=job.id,
        detail={"kind": kind, "params": params, "new": existing is None},
    )
    return job, existing is None

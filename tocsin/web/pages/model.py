"""The model page: backtest figures beside EWP's, data provenance, and starting new runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request, Response
from fastapi.responses import FileResponse, RedirectResponse

from tocsin import risk
from tocsin.domain.permissions import Permission
from tocsin.web.deps import DbSession, Principal, RowId, policy
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False)
FIGURES = {"catch": "catch.png", "roc": "roc.png", "reliability": "reliability.png"}
METRICS = ("auc", "recall@10", "recall@20", "recall@30", "average_precision", "brier", "log_loss")


def metric_cells(metrics: dict[str, Any], period: str, key: str) -> str:
    m = metrics.get(period)
    if not m:
        return ""
    if key.startswith("recall@"):
        k = key.split("@")[1]
        return f"{m['caught'][k]}/{m['onsets']}"
    value = m.get(key)
    if value is None:
        return "n/a"
    return f"{value:.5f}" if key == "brier" else f"{value:.3f}"


@router.get("/model", dependencies=[policy(Permission.RISK_READ)])
def model_page(request: Request, session: DbSession) -> Response:
    runs = risk.store.list_runs(session, kind="backtest", limit=20)
    dataset = risk.store.current_dataset(session)
    tables = []
    for run in runs:
        ours, anchor = run.metrics.get("ours") or {}, run.metrics.get("anchor") or {}
        rows = [
            (key, [(metric_cells(ours, p, key), metric_cells(anchor, p, key)) for p in ours])
            for key in METRICS
        ]
        tables.append(
            {
                "run": run,
                "periods": list(ours),
                "rows": rows,
                "has_figures": bool(run.report_dir),
                "anchor": bool(anchor),
                "intervals": run.metrics.get("intervals_95") or {},
            }
        )
    context = {
        "tables": tables,
        "dataset": dataset,
        "models": list(risk.MODELS),
        "forecasts": risk.store.list_runs(session, kind="forecast", limit=10),
    }
    return render(request, "model.html", context)


@router.get("/model/runs/{run_id}/{figure}.png", dependencies=[policy(Permission.RISK_READ)])
def figure(run_id: RowId, figure: str, session: DbSession) -> Response:
    run = risk.store.get_run(session, run_id)
    if run is None or figure not in FIGURES or not run.report_dir:
        raise HTTPException(404, "no such figure")
    path = Path(run.report_dir) / FIGURES[figure]
    if not path.is_file():
        raise HTTPException(404, "the figure file is missing")
    return FileResponse(path, media_type="image/png")


@router.post("/model/jobs")
def start_job(
    session: DbSession,
    principal: Annotated[Principal, policy(Permission.RISK_RUN)],
    kind: Annotated[str, Form(pattern="^(forecast|backtest)$")],
    model: Annotated[str, Form(max_length=64)],
) -> Response:
    if model not in risk.MODELS:
        raise HTTPException(422, f"unknown model {model!r}")
    job_kind = risk.jobs.FORECAST if kind == "forecast" else risk.jobs.BACKTEST
    job, _ = risk.jobs.submit(session, job_kind, {"model": model}, session.merge(principal.user))
    session.commit()
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)

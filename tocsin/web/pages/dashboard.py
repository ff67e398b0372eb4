"""The dashboard: the world map by current risk, the watchlist, filters and search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from tocsin import jobs, risk
from tocsin.domain.permissions import Permission
from tocsin.web.deps import DbSession, State, policy
from tocsin.web.state import AppState
from tocsin.web.templating import render
from tocsin.web.worldmap import MapValue, render_world_map

router = APIRouter(include_in_schema=False, dependencies=[policy(Permission.RISK_READ)])
SPEC = risk.load_spec()
# Factors an analyst can list countries by (EWP's "sort by risk factor"): the predictors that
# describe a country's situation, not the calendar or region dummies.
FACTORS = [
    (c, SPEC.label(c))
    for c in SPEC.predictors.names
    if c not in SPEC.predictors.calendar and not c.startswith("reg.")
]
Text = Annotated[str | None, Query(max_length=100)]


def world_map(state: AppState, snapshot: risk.store.RunSnapshot) -> Markup:
    """The map depends only on the run, so it is drawn once per run and reused."""
    cached = state.maps.get(snapshot.run_id)
    if cached is None:
        values = {
            r.iso3: MapValue(risk=r.risk, rank=r.rank, label=r.name, href=f"/countries/{r.iso3}")
            for r in snapshot.rows
        }
        title = f"Risk of a mass-killing onset in {snapshot.year + 1}-{snapshot.year + 2}"
        cached = render_world_map(values, title=title)
        state.maps[snapshot.run_id] = cached
    return cached


def _context(
    session: Session,
    state: AppState,
    model: str | None,
    region: str | None,
    factor: str | None,
    q: str | None,
) -> dict[str, Any]:
    run = risk.store.forecast_run(session, model)
    if run is None:
        active = [j for j in jobs.list_jobs(session, limit=20) if j.status in ("queued", "running")]
        return {"snapshot": None, "active_jobs": active}
    snapshot = state.runs.get(session, run)
    factor = factor if factor in dict(FACTORS) else None
    return {
        "snapshot": snapshot,
        "rows": snapshot.watchlist(region=region or None, factor=factor, search=q),
        "regions": snapshot.regions(),
        "factors": FACTORS,
        "models": risk.store.models_with_runs(session, "forecast"),
        "filters": {
            "model": run.model,
            "region": region or "",
            "factor": factor or "",
            "q": q or "",
        },
        "factor_label": dict(FACTORS).get(factor or "", ""),
    }


@router.get("/")
def dashboard(
    request: Request,
    session: DbSession,
    state: State,
    model: Text = None,
    region: Text = None,
    factor: Text = None,
    q: Text = None,
) -> Response:
    context = _context(session, state, model, region, factor, q)
    if context["snapshot"] is not None:
        context["map"] = world_map(state, context["snapshot"])
    return render(request, "dashboard.html", context)


@router.get("/watchlist")
def watchlist(
    request: Request,
    session: DbSession,
    state: State,
    model: Text = None,
    region: Text = None,
    factor: Text = None,
    q: Text = None,
) -> Response:
    """The watchlist alone, for htmx to swap in when a filter changes."""
    return render(request, "_watchlist.html", _context(session, state, model, region, factor, q))

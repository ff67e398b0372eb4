"""The dashboard: the world map by current risk, the watchlist, filters and search."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from tocsin import jobs, risk
from tocsin.domain.permissions import Permission
from tocsin.web.deps import State, policy, principal_of
from tocsin.web.state import AppState, Current
from tocsin.web.templating import TEMPLATES, render, render_page
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


def _filters(
    current: Current, region: str | None, factor: str | None, q: str | None
) -> dict[str, Any]:
    assert current.snapshot is not None
    factor = factor if factor in dict(FACTORS) else None
    return {
        "snapshot": current.snapshot,
        "rows": current.snapshot.watchlist(region=region or None, factor=factor, search=q),
        "regions": current.snapshot.regions(),
        "factors": FACTORS,
        "models": current.models,
        "filters": {
            "model": current.snapshot.model,
            "region": region or "",
            "factor": factor or "",
            "q": q or "",
        },
        "factor_label": dict(FACTORS).get(factor or "", ""),
    }


def _fragment(state: AppState, template: str, current: Current, *filters: str | None) -> Markup:
    """A page part rendered once per (run, filters) and reused for every user."""
    assert current.snapshot is not None
    key = (template, current.snapshot.run_id, current.models, *filters)

    def draw() -> Markup:
        context = _filters(current, *filters)
        if template == "_dashboard_body.html":
            context["map"] = world_map(state, context["snapshot"])
        return Markup(TEMPLATES.get_template(template).render(context))  # noqa: S704 (autoescaped)

    fragment: Markup = state.fragments.get(key, draw)
    return fragment


async def _waiting_jobs(state: AppState) -> list[Any]:
    def load() -> list[Any]:
        with state.db.session() as session:
            found = jobs.list_jobs(session, limit=20)
            return [j for j in found if j.status in ("queued", "running")]

    return await run_in_threadpool(load)


@router.get("/")
async def dashboard(
    request: Request,
    state: State,
    model: Text = None,
    region: Text = None,
    factor: Text = None,
    q: Text = None,
) -> Response:
    current = await state.current_forecast(model)
    if current.snapshot is None:
        return render(
            request, "dashboard.html", {"body": None, "active_jobs": await _waiting_jobs(state)}
        )
    principal = principal_of(request)
    assert principal is not None
    # The whole page for this session, run and filters: the busiest page is then a lookup.
    key = (
        "dashboard",
        principal.session_id,
        principal.user.id,
        principal.user.role,
        current.snapshot.run_id,
        current.models,
        region,
        factor,
        q,
    )

    def draw() -> bytes:
        body = _fragment(state, "_dashboard_body.html", current, region, factor, q)
        return render_page("dashboard.html", principal, {"body": body}).encode()

    return Response(state.fragments.get(key, draw), media_type="text/html; charset=utf-8")


@router.get("/watchlist")
async def watchlist(
    request: Request,
    state: State,
    model: Text = None,
    region: Text = None,
    factor: Text = None,
    q: Text = None,
) -> Response:
    """The watchlist alone, for htmx to swap in when a filter changes."""
    current = await state.current_forecast(model)
    if current.snapshot is None:
        return HTMLResponse("<p>No forecast yet.</p>")
    return HTMLResponse(_fragment(state, "_watchlist.html", current, region, factor, q))

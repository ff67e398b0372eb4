"""A country's picture: risk history, drivers, indicators, and last year's comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from tocsin import risk
from tocsin.domain.permissions import Permission
from tocsin.web.charts import bar_chart, line_chart
from tocsin.web.deps import DbSession, State, policy
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[policy(Permission.RISK_READ)])
label = risk.load_spec().label


@router.get("/countries/{iso3}")
def country(
    iso3: str,
    request: Request,
    session: DbSession,
    state: State,
    model: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    page = risk.store.country_page(session, state.runs, iso3.upper()[:3], model)
    if page is None:
        raise HTTPException(404, f"no forecast for country {iso3[:3]!r}")
    f = page.forecast
    previous = dict(page.history).get(page.year - 1)
    drivers = [(label(n), v) for n, v in f.drivers]
    indicators = [
        (label(c), v, p, None if v is None or p is None else v - p) for c, v, p in page.indicators
    ]
    context = {
        "page": page,
        "f": f,
        "previous_risk": previous,
        "previous_rank": None if f.rank_change is None else f.rank + f.rank_change,
        "history_chart": line_chart(
            page.history, title=f"{f.name}: forecast risk by data year", highlight=page.year
        ),
        "drivers_chart": bar_chart(drivers, title=f"{f.name}: what drives the forecast"),
        "drivers": drivers,
        "indicators": indicators,
    }
    return render(request, "country.html", context)

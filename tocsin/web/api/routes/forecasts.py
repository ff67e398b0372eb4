"""Forecasts: the watchlist and one country's picture."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response

from tocsin import risk
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import CountryDetail, Driver, Indicator, Watchlist, WatchlistEntry
from tocsin.web.deps import DbSession, State, policy

router = APIRouter(tags=["forecasts"], dependencies=[policy(Permission.RISK_READ)])
label = risk.load_spec().label


@router.get("/forecasts/latest", response_model=Watchlist)
async def watchlist(
    state: State,
    model: Annotated[str | None, Query(max_length=64)] = None,
    region: Annotated[str | None, Query(max_length=64)] = None,
    factor: Annotated[str | None, Query(max_length=64)] = None,
    q: Annotated[str | None, Query(max_length=100, description="Country name contains")] = None,
    limit: Annotated[int, Query(ge=1, le=250)] = 30,
) -> Response:
    """The ranked list; the same JSON for every caller, so it is serialised once per run."""
    current = await state.current_forecast(model)
    snapshot = current.snapshot
    if snapshot is None:
        raise HTTPException(404, "no forecast yet: import EWP's data and run a forecast")

    def serialise() -> bytes:
        assert snapshot is not None
        rows = snapshot.watchlist(region=region, factor=factor, search=q, limit=limit)
        entries = [
            WatchlistEntry(
                rank=r.rank,
                iso3=r.iso3,
                country=r.name,
                region=r.region,
                risk=r.risk,
                risk_low=r.risk_low,
                risk_high=r.risk_high,
                rank_change=r.rank_change,
                factor_value=r.factors.get(factor) if factor else None,
            )
            for r in rows
        ]
        body = Watchlist(
            run_id=snapshot.run_id, model=snapshot.model, year=snapshot.year, entries=entries
        )
        return body.model_dump_json().encode()

    key = ("api-watchlist", snapshot.run_id, region, factor, q, limit)
    return Response(state.fragments.get(key, serialise), media_type="application/json")


@router.get("/countries/{iso3}", response_model=CountryDetail)
def country(
    iso3: str,
    session: DbSession,
    state: State,
    model: Annotated[str | None, Query(max_length=64)] = None,
) -> CountryDetail:
    page = risk.store.country_page(session, state.runs, iso3.upper()[:3], model)
    if page is None:
        raise HTTPException(404, f"no forecast for country {iso3!r}")
    f = page.forecast
    return CountryDetail(
        iso3=f.iso3,
        name=f.name,
        ewp_name=f.ewp_name,
        region=f.region,
        model=page.model,
        year=page.year,
        risk=f.risk,
        rank=f.rank,
        risk_low=f.risk_low,
        risk_high=f.risk_high,
        rank_change=f.rank_change,
        drivers=[Driver(feature=n, label=label(n), contribution=v) for n, v in f.drivers],
        history=page.history,
        indicators=[
            Indicator(column=c, label=label(c), value=v, previous=p) for c, v, p in page.indicators
        ],
    )

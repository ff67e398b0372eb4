"""Model runs and data sets: what was computed, from which data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from tocsin import risk
from tocsin.domain.permissions import Permission
from tocsin.web.api.schemas import DatasetPublic, RunDetail, RunPublic
from tocsin.web.deps import DbSession, RowId, policy

router = APIRouter(tags=["runs"], dependencies=[policy(Permission.RISK_READ)])


@router.get("/runs", response_model=list[RunPublic])
def runs(
    session: DbSession,
    kind: Annotated[str | None, Query(pattern="^(forecast|backtest)$")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[RunPublic]:
    return [
        RunPublic.model_validate(r) for r in risk.store.list_runs(session, kind=kind, limit=limit)
    ]


@router.get("/runs/{run_id}", response_model=RunDetail)
def run(run_id: RowId, session: DbSession) -> RunDetail:
    found = risk.store.get_run(session, run_id)
    if found is None:
        raise HTTPException(404, f"no run {run_id}")
    return RunDetail.model_validate(found)


@router.get("/datasets", response_model=list[DatasetPublic])
def datasets(session: DbSession) -> list[DatasetPublic]:
    return [DatasetPublic.model_validate(d) for d in risk.store.list_datasets(session)]

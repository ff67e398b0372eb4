"""The health check: is the app up, and can it reach its database at the expected schema."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tocsin import __version__
from tocsin.db import current_revision
from tocsin.web.api.schemas import Health
from tocsin.web.deps import PUBLIC, State

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, dependencies=[PUBLIC])
def healthz(state: State) -> Health | JSONResponse:
    try:
        with state.db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        revision = current_revision(state.db)
    except Exception:
        return JSONResponse({"detail": "database unreachable"}, status_code=503)
    if revision != state.schema_head:
        return JSONResponse({"detail": f"schema at {revision}, not head"}, status_code=503)
    return Health(
        status="ok", database=state.db.backend, schema_revision=revision, version=__version__
    )

"""What the app keeps for its lifetime: settings, database, caches, the embedded worker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from tocsin import accounts, intake, risk
from tocsin.config import Settings
from tocsin.db import Database
from tocsin.jobs import Worker
from tocsin.web.cache import TtlCache, cached


@dataclass(frozen=True)
class Current:
    snapshot: risk.store.RunSnapshot | None
    models: tuple[str, ...]


@dataclass
class AppState:
    settings: Settings
    db: Database
    secret_key: str
    intake: intake.IntakeService
    limits: accounts.Limits = field(default_factory=accounts.Limits)
    runs: risk.store.RunCache = field(default_factory=risk.store.RunCache)
    maps: dict[int, Markup] = field(default_factory=dict)  # rendered world map per run id
    worker: Worker | None = None
    first_admin_password: str | None = None
    schema_head: str | None = None  # read once: parsing migration files per request is slow
    principals: TtlCache[Any] = field(default_factory=lambda: TtlCache(ttl=5.0))
    current: TtlCache[Current] = field(default_factory=lambda: TtlCache(ttl=2.0))
    # Rendered page parts that depend only on an (immutable) run and the filters, not the user.
    fragments: TtlCache[Any] = field(default_factory=lambda: TtlCache(ttl=300.0, size=512))

    async def current_forecast(self, model: str | None) -> Current:
        """The forecast to show for `model` (or the preferred one): cached for a moment, and
        looked up off the event loop when the cache is cold."""
        hit = cached(self.current, model or "", lambda: self._load(model))
        if isinstance(hit, Current):
            return hit
        return await run_in_threadpool(self.current.get, model or "", lambda: self._load(model))

    def _load(self, model: str | None) -> Current:
        with self.db.session() as session:
            run = risk.store.forecast_run(session, model)
            snapshot = None if run is None else self.runs.get(session, run)
            return Current(snapshot, tuple(risk.store.models_with_runs(session, "forecast")))

    def forget_principals(self) -> None:
        """After a logout, revocation or account change: look every credential up afresh."""
        self.principals.clear()


async def app_state(request: Request) -> AppState:
    """Async so that FastAPI calls it inline: a sync dependency costs a thread hop per request."""
    state: AppState = request.app.state.tocsin
    return state

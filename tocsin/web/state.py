"""What the app keeps for its lifetime: settings, database, caches, the embedded worker."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from markupsafe import Markup

from tocsin import accounts, risk
from tocsin.config import Settings
from tocsin.db import Database
from tocsin.jobs import Worker


@dataclass
class AppState:
    settings: Settings
    db: Database
    secret_key: str
    limits: accounts.Limits = field(default_factory=accounts.Limits)
    runs: risk.store.RunCache = field(default_factory=risk.store.RunCache)
    maps: dict[int, Markup] = field(default_factory=dict)  # rendered world map per run id
    worker: Worker | None = None
    first_admin_password: str | None = None


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.tocsin
    return state

"""Bringing an installation up: schema, first administrator, interrupted jobs, first data.

Shared by `tocsin serve`, `tocsin jobs worker` and the web app factory, and idempotent, so any of
them can start first.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin import accounts, jobs, risk
from tocsin.config import Settings
from tocsin.db import Database, upgrade


@dataclass(frozen=True)
class Prepared:
    db: Database
    admin_password: str | None  # the first run's one-time password, to print once
    queued_import: int | None


def open_database(settings: Settings) -> Database:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url())
    upgrade(db)
    return db


def first_steps() -> list[list[object]]:
    """What to compute once EWP's data is in: the champion's forecast and its backtest.

    Lists, not tuples: job parameters round-trip through JSON and are compared afterwards.
    """
    return [
        [risk.jobs.FORECAST, {"model": risk.jobs.DEFAULT_MODEL}],
        [risk.jobs.BACKTEST, {"model": risk.jobs.DEFAULT_MODEL}],
    ]


def prepare(settings: Settings, db: Database | None = None) -> Prepared:
    db = db or open_database(settings)
    password = None
    queued = None
    with db.session() as session:
        created = accounts.ensure_first_admin(session)
        if created is not None:
            password = created[1]
    jobs.recover(db)
    predictors = risk.ewp_path(settings.data_dir, "predictors")
    if predictors.exists():
        sha = risk.read_provenance(settings.data_dir).get("predictors", {}).get("sha256")
        with db.session() as session:
            known = risk.store.dataset_by_sha(session, sha) if sha else None
            params = {"then": first_steps()}
            if known is None and jobs.pending(session, risk.jobs.IMPORT, params) is None:
                queued = jobs.enqueue(session, risk.jobs.IMPORT, params).id
    return Prepared(db=db, admin_password=password, queued_import=queued)

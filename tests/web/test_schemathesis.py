"""Property-based fuzzing of the JSON API from its own OpenAPI schema: no request may get a 5xx.

The app runs in-process on a seeded SQLite database, called with an administrator's API token so
that every operation is reachable. (Authorisation itself is covered by test_authz.py.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from tests.conftest import SHARED
from tocsin import accounts, risk
from tocsin.config import Settings
from tocsin.db import Database, upgrade
from tocsin.web import create_app

WORKDIR = Path(tempfile.mkdtemp(prefix="tocsin-fuzz-"))


def build_app() -> tuple[object, str]:
    db = Database(f"sqlite:///{WORKDIR / 'fuzz.db'}")
    upgrade(db)
    if (SHARED / "ewp").exists():
        from tests.fixtures import ewp_inputs

        panel, foos, final = ewp_inputs()
        with db.session() as session:
            dataset = risk.store.import_dataset(session, panel, {"source": "fuzz"})
            risk.store.replace_published(
                session, dataset, risk.store.published_runs(foos, final, 2024)
            )
    settings_ = Settings(
        data_dir=WORKDIR / "data",
        secret_key="f" * 40,
        embedded_worker=False,
        max_body_bytes=100_000,
    )
    app = create_app(settings_, database=db, start_worker=False)
    with db.session() as session:
        user, _ = accounts.create_user(
            session, username="fuzzer", role="admin", password="a long fuzzing passphrase"
        )
        secret, _ = accounts.create_token(session, user, "fuzz", actor=user)
    return app, secret


APP, TOKEN = build_app()
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:  # type: ignore[type-arg]
    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"

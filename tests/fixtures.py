"""Fixtures for the web app: settings, a database seeded with EWP data, users of every role."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tocsin import accounts, risk
from tocsin.config import Settings
from tocsin.db import Database
from tocsin.domain.permissions import Role
from tocsin.web import create_app

PASSWORD = "a long test passphrase"
FIRST_YEAR = 2014  # seed recent years only: enough for every page, fast to insert


@cache
def ewp_inputs() -> tuple[risk.Panel, pd.DataFrame, pd.DataFrame]:
    from tests.conftest import shared_path

    panel = risk.load_panel(
        shared_path("ewp", "prepared2024predictors-2025-09-03.csv"), risk.load_spec()
    )
    recent = panel.frame[panel.frame["year"] >= FIRST_YEAR].reset_index(drop=True)
    panel = risk.Panel(frame=recent, spec=panel.spec, source=panel.source, sha256=panel.sha256)
    foos = risk.read_ewp_foos(str(shared_path("ewp", "FOOSforecasts_3Sep2025.csv")))
    final = pd.read_csv(shared_path("ewp", "final_forecasts_data_3Sep2025.csv"))
    return panel, foos[foos["year"] >= FIRST_YEAR + 2], final


@pytest.fixture
def seeded(database: Database) -> Database:
    """The database with EWP's recent data and EWP's published forecast and backtest runs."""
    panel, foos, final = ewp_inputs()
    with database.session() as session:
        dataset = risk.store.import_dataset(session, panel, {"source": "test", "bytes": 1})
        runs = risk.store.published_runs(foos, final, panel.years()[1])
        risk.store.replace_published(session, dataset, runs)
    return database


@pytest.fixture
def web_settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        secret_key="k" * 40,
        embedded_worker=False,
        max_body_bytes=100_000,
    )


@pytest.fixture
def app(web_settings: Settings, seeded: Database) -> FastAPI:
    return create_app(web_settings, database=seeded, start_worker=False)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


@dataclass
class Roles:
    """One user per role, with a known password, and helpers to act as them."""

    app: FastAPI
    tokens: dict[str, str]

    def login(self, client: TestClient, role: str) -> str:
        """Log `client` in as the user of `role`; returns the session's CSRF token."""
        response = client.post(
            "/login",
            data={"username": f"user-{role}", "password": PASSWORD},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        page = client.get("/")
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match, page.text[:500]
        return match.group(1)

    def bearer(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}

    def session(self, role: str) -> tuple[str, str]:
        """A fresh browser session for `role` without a password check: (cookie, CSRF token)."""
        db: Database = self.app.state.tocsin.db
        with db.session() as session:
            user = accounts.get_user(session, f"user-{role}")
            assert user is not None
            raw, record = accounts.create_session(session, user, lifetime=accounts.SESSION_LIFETIME)
            return raw, record.csrf_token


@pytest.fixture
def roles(app: FastAPI) -> Roles:
    db: Database = app.state.tocsin.db
    tokens = {}
    with db.session() as session:
        for role in Role:
            user, _ = accounts.create_user(
                session, username=f"user-{role.value}", role=role.value, password=PASSWORD
            )
            secret, _ = accounts.create_token(session, user, "test", actor=user)
            tokens[role.value] = secret
    return Roles(app=app, tokens=tokens)

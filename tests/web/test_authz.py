"""Authorisation, generated from the permission matrix: every route x every role, and anonymous.

Each route declares one policy (`Require(permission)` or `PUBLIC`); this test reads those
declarations, calls every route as every role (API routes with a bearer token, pages with a
session cookie and its CSRF token) and as an anonymous client, and checks that the answer is
"allowed" exactly when the matrix says so.
"""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.fixtures import Roles
from tocsin import accounts, intake
from tocsin.domain.permissions import MATRIX, Role
from tocsin.web.access import route_policies as routes
from tocsin.web.deps import PublicPolicy, Require

ANONYMOUS_ALLOWED = {"/login", "/healthz", "/api/docs", "/report"}


def fill(path: str, ids: dict[str, int]) -> str:
    values = {"iso3": "SDN", "figure": "catch", **{k: str(v) for k, v in ids.items()}}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def call(
    client: TestClient, method: str, path: str, headers: dict[str, str], csrf: str | None
) -> int:
    if method in ("GET", "DELETE"):
        response = client.request(method, path, headers=headers, follow_redirects=False)
    elif path.startswith("/api/"):
        response = client.request(method, path, json={}, headers=headers, follow_redirects=False)
    else:
        data = {"csrf_token": csrf} if csrf else {}
        response = client.request(method, path, data=data, headers=headers, follow_redirects=False)
    return response.status_code


def allowed(policy: Require | PublicPolicy, role: str | None) -> bool:
    if isinstance(policy, PublicPolicy):
        return True
    if role is None:
        return False
    return policy.permission is None or policy.permission in MATRIX[Role(role)]


@pytest.fixture
def target_ids(app: FastAPI) -> dict[str, int]:
    """A user and token that no acting role owns, and an existing run and job id."""
    db = app.state.tocsin.db
    with db.session() as session:
        user, _ = accounts.create_user(
            session, username="target", role="viewer", password="a long test passphrase"
        )
        _, token = accounts.create_token(session, user, "t", actor=user)
        from tocsin import jobs, risk

        run = risk.store.list_runs(session, kind="backtest")[0]
        job = jobs.enqueue(session, "risk.forecast", {"model": "ewp-enet"})
        ids = {"user_id": user.id, "token_id": token.id, "run_id": run.id, "job_id": job.id}
    service: intake.IntakeService = app.state.tocsin.intake
    [receipt] = service.import_drafts([intake.ReportDraft(channel="csv", text="a report")])
    with db.session() as session:
        media = intake.ReportMedia(
            report_id=receipt.report_id,
            content_type="image/png",
            sha256="0" * 64,
            size=1,
            data=b"x",
            removed=[],
        )
        session.add(media)
        session.flush()
        return {**ids, "report_id": receipt.report_id, "media_id": media.id}


def test_every_route_declares_one_policy(app: FastAPI) -> None:
    assert len(routes(app)) > 30


@pytest.mark.parametrize("role", [None, *[r.value for r in Role]])
def test_every_route_answers_as_the_matrix_says(
    app: FastAPI, client: TestClient, roles: Roles, target_ids: dict[str, int], role: str | None
) -> None:
    wrong = []
    for method, path, policy in routes(app):
        if path == "/logout":
            continue  # ends the session used by the other calls: covered in test_pages
        url = fill(path, target_ids)
        headers: dict[str, str] = {}
        csrf = None
        client.cookies.clear()
        if role is not None and url.startswith("/api/"):
            headers = roles.bearer(role)
        elif role is not None:
            cookie, csrf = roles.session(role)
            client.cookies.set("tocsin_session", cookie)
        status = call(client, method, url, headers, csrf)
        expected = allowed(policy, role)
        if expected and status in (401, 403):
            wrong.append(f"{method} {path}: {role} refused ({status})")
        if not expected:
            denied = 403 if role else (401, 303)
            if status not in (denied if isinstance(denied, tuple) else (denied,)):
                wrong.append(f"{method} {path}: {role or 'anonymous'} got {status}")
    assert not wrong, "\n".join(wrong)


def test_anonymous_reaches_only_the_public_routes(app: FastAPI, client: TestClient) -> None:
    public = {path for _, path, policy in routes(app) if isinstance(policy, PublicPolicy)}
    assert public == ANONYMOUS_ALLOWED
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/static/css/tocsin.css").status_code == 200
    redirect = client.get("/countries/SDN", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/login?next=/countries/SDN"

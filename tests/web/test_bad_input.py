"""Bad input gets a clear 4xx with a one-line message; never a 5xx or a stack trace."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.fixtures import Roles


def assert_clear(response: object, status: int, fragment: str) -> None:
    code = response.status_code  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert code == status, body
    assert fragment in body["detail"], body
    assert "\n" not in body["detail"] and "Traceback" not in str(body)


def test_malformed_json(client: TestClient, roles: Roles) -> None:
    response = client.post(
        "/api/v1/tokens",
        content=b'{"name": ',
        headers={**roles.bearer("analyst"), "Content-Type": "application/json"},
    )
    assert_clear(response, 400, "not valid JSON")


def test_non_utf8_json(client: TestClient, roles: Roles) -> None:
    response = client.post(
        "/api/v1/tokens",
        content='{"name": "é"}'.encode("latin-1"),
        headers={**roles.bearer("analyst"), "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert "UTF-8" in response.json()["detail"] or "JSON" in response.json()["detail"]


def test_wrong_types_and_unknown_fields(client: TestClient, roles: Roles) -> None:
    admin = roles.bearer("admin")
    assert_clear(
        client.post("/api/v1/users", json={"username": 5, "role": "admin"}, headers=admin),
        422,
        "username",
    )
    assert_clear(
        client.post("/api/v1/users", json={"username": "ok-name", "role": "king"}, headers=admin),
        422,
        "role",
    )
    assert_clear(
        client.post("/api/v1/tokens", json={"name": "x", "admin": True}, headers=admin),
        422,
        "admin: unknown field",
    )
    assert_clear(
        client.get("/api/v1/forecasts/latest", params={"limit": "lots"}, headers=admin),
        422,
        "limit",
    )


def test_bodies_over_the_limit(client: TestClient, roles: Roles) -> None:
    big = b'{"name": "' + b"x" * 200_000 + b'"}'
    response = client.post(
        "/api/v1/tokens",
        content=big,
        headers={**roles.bearer("analyst"), "Content-Type": "application/json"},
    )
    assert_clear(response, 413, "larger than the limit")

    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 10_000

    streamed = client.post(
        "/api/v1/tokens",
        content=chunks(),
        headers={
            **roles.bearer("analyst"),
            "Content-Type": "application/json",
        },
    )
    assert streamed.status_code == 413


@pytest.mark.parametrize("path", ["/api/v1/users/abc", "/api/v1/jobs/-1", "/api/v1/runs/99999"])
def test_bad_ids(client: TestClient, roles: Roles, path: str) -> None:
    response = client.get(path, headers=roles.bearer("admin"))
    assert response.status_code in (404, 405, 422)


def test_forms_with_bad_values(client: TestClient, roles: Roles) -> None:
    csrf = roles.login(client, "admin")
    page = client.post(
        "/admin/users", data={"csrf_token": csrf, "username": "x" * 500, "role": "admin"}
    )
    assert page.status_code == 422 and "username" in page.text
    assert "Traceback" not in page.text
    latin = client.post(
        "/admin/users",
        content="username=\xe9&role=admin".encode("latin-1"),
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf},
    )
    assert 400 <= latin.status_code < 500

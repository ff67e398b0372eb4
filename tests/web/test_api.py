"""The JSON API through the real ASGI stack, on both databases."""

from __future__ import annotations

import csv
import io

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.fixtures import Roles


def test_health_and_schema(client: TestClient) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["schema_revision"] == "0002"
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/forecasts/latest" in schema["paths"]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/" in docs.text
    assert "cdn." not in docs.text


def test_tokens_authenticate_and_revoked_tokens_do_not(client: TestClient, roles: Roles) -> None:
    me = client.get("/api/v1/me", headers=roles.bearer("partner")).json()
    assert me["username"] == "user-partner" and me["role"] == "partner"
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer tcs_nope"}).status_code == 401
    created = client.post("/api/v1/tokens", json={"name": "sync"}, headers=roles.bearer("partner"))
    assert created.status_code == 201
    secret, token_id = created.json()["secret"], created.json()["token"]["id"]
    assert secret.startswith("tcs_")
    listed = client.get("/api/v1/tokens", headers=roles.bearer("partner")).json()
    assert secret not in str(listed) and any(t["id"] == token_id for t in listed)
    new = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=new).status_code == 200
    assert client.delete(f"/api/v1/tokens/{token_id}", headers=new).status_code == 204
    assert client.get("/api/v1/me", headers=new).status_code == 401
    other = client.delete(f"/api/v1/tokens/{token_id}", headers=roles.bearer("viewer"))
    assert other.status_code == 403  # viewers may not manage tokens at all


def test_watchlist_and_country(client: TestClient, roles: Roles) -> None:
    headers = roles.bearer("viewer")
    body = client.get("/api/v1/forecasts/latest", headers=headers).json()
    assert body["model"] == "ewp-published" and body["year"] == 2024
    assert [e["iso3"] for e in body["entries"][:3]] == ["MMR", "TCD", "SDN"]
    assert len(body["entries"]) == 30
    europe = client.get(
        "/api/v1/forecasts/latest", params={"region": "Europe", "limit": 200}, headers=headers
    ).json()
    assert europe["entries"] and all(e["region"] == "Europe" for e in europe["entries"])
    sudan = client.get("/api/v1/countries/sdn", headers=headers).json()
    assert sudan["name"] == "Sudan" and sudan["history"][-1][0] == 2024
    assert any(i["column"] == "discrimpop" for i in sudan["indicators"])
    assert client.get("/api/v1/countries/ZZZ", headers=headers).status_code == 404


def test_users_api_and_audited_reads(client: TestClient, roles: Roles) -> None:
    admin = roles.bearer("admin")
    made = client.post(
        "/api/v1/users", json={"username": "field-1", "role": "liaison"}, headers=admin
    )
    assert made.status_code == 201
    assert len(made.json()["one_time_password"]) >= 16
    user_id = made.json()["user"]["id"]
    assert (
        client.post(
            "/api/v1/users", json={"username": "field-1", "role": "liaison"}, headers=admin
        ).status_code
        == 400
    )
    changed = client.patch(f"/api/v1/users/{user_id}", json={"role": "analyst"}, headers=admin)
    assert changed.json()["role"] == "analyst"
    client.get("/api/v1/users", headers=admin)
    events = client.get("/api/v1/audit", params={"action": "users.read"}, headers=admin).json()
    assert events and events[0]["actor"] == "user-admin"
    actions = {e["action"] for e in client.get("/api/v1/audit", headers=admin).json()}
    assert {"user.create", "user.update", "users.read", "audit.read"} <= actions


def test_audit_export_is_csv_and_audited(client: TestClient, roles: Roles) -> None:
    admin = roles.bearer("admin")
    response = client.get("/api/v1/audit/export", headers=admin)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"id", "at", "actor", "action"} <= set(rows[0])
    again = client.get("/api/v1/audit", params={"action": "audit.export"}, headers=admin).json()
    assert again


def test_jobs_api_queues_deduplicates_and_reports(
    app: FastAPI, client: TestClient, roles: Roles
) -> None:
    analyst = roles.bearer("analyst")
    body = {"kind": "risk.forecast", "params": {"model": "ewp-enet", "boot": 0}}
    first = client.post("/api/v1/jobs", json=body, headers=analyst)
    assert first.status_code == 202 and first.json()["status"] == "queued"
    assert first.headers["location"] == f"/api/v1/jobs/{first.json()['id']}"
    second = client.post("/api/v1/jobs", json=body, headers=analyst)
    assert second.status_code == 200 and second.json()["id"] == first.json()["id"]
    job = client.get(f"/api/v1/jobs/{first.json()['id']}", headers=analyst).json()
    assert job["params"] == {"model": "ewp-enet", "boot": 0}
    refused = client.post(
        "/api/v1/jobs", json={"kind": "risk.forecast", "params": {"model": "x"}}, headers=analyst
    )
    assert refused.status_code == 422

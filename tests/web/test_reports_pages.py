"""The analyst queue and the country page's community section, as a browser gets them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.fixtures import Roles
from tocsin import intake


def _submit(client: TestClient, roles: Roles, n: int, text: str) -> None:
    response = client.post(
        "/api/v1/reports",
        json={"submission_id": f"p-{n}", "text": text},
        headers=roles.bearer("partner"),
    )
    assert response.status_code == 201


def test_the_queue_filters_and_a_review_confirms_labels(client: TestClient, roles: Roles) -> None:
    _submit(client, roles, 1, "Soldiers detained the imam of Arbinda at the checkpoint.")
    _submit(client, roles, 2, "<script>alert(1)</script> shelling near Kaya")
    csrf = roles.login(client, "analyst")
    queue = client.get("/reports")
    assert queue.status_code == 200 and "Soldiers detained the imam" in queue.text
    assert "<script>alert(1)" not in queue.text and "&lt;script&gt;" in queue.text
    assert "shelling" in client.get("/reports", params={"q": "kaya"}).text
    assert "Soldiers" not in client.get("/reports", params={"q": "kaya"}).text
    detail = client.get("/reports/1")
    assert detail.status_code == 200 and "Confirm labels" in detail.text
    saved = client.post(
        "/reports/1",
        data={
            "csrf_token": csrf,
            "violation_type": "arrest_detention",
            "risk_factors": ["7", "9"],
            "country_iso3": "bfa",
            "verification": "partly_verified",
            "source_reliability": "B",
            "info_credibility": "2",
            "duplicate_of": "",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    report = client.get("/api/v1/reports/1", headers=roles.bearer("analyst")).json()
    assert report["violation_type"] == "arrest_detention" and report["risk_factors"] == [7, 9]
    assert report["country_iso3"] == "BFA" and report["verification"] == "partly_verified"
    merged = client.post(
        "/reports/2", data={"csrf_token": csrf, "duplicate_of": "1"}, follow_redirects=False
    )
    assert merged.status_code == 303
    assert (
        client.get("/api/v1/reports/2", headers=roles.bearer("analyst")).json()["status"]
        == "duplicate"
    )
    missing = client.post("/reports/2", data={"csrf_token": csrf, "violation_type": "nonsense"})
    assert missing.status_code == 422
    no_csrf = client.post("/reports/1", data={"violation_type": "other"})
    assert no_csrf.status_code == 403


def test_investigators_read_but_may_not_review(client: TestClient, roles: Roles) -> None:
    _submit(client, roles, 1, "Mass grave reported near Yirgou.")
    csrf = roles.login(client, "investigator")
    assert client.get("/reports/1").status_code == 200
    assert "Confirm labels" not in client.get("/reports/1").text
    assert client.post("/reports/1", data={"csrf_token": csrf}).status_code == 403


def test_the_country_page_shows_monthly_reports_and_the_divergence_flag(
    app: FastAPI, client: TestClient, roles: Roles
) -> None:
    today = datetime.now(UTC).date()
    for n in range(6):
        _submit(client, roles, n, f"Attack on civilians in village {n}")
    with app.state.tocsin.db.session() as session:
        for report in session.query(intake.Report):
            report.country_iso3 = "NOR"  # Norway: ranked low by every model
            report.violation_type = "attack_on_civilians"
            report.risk_factors = [1]
            report.occurred_on = today - timedelta(days=report.id)
    roles.login(client, "analyst")
    page = client.get("/countries/NOR")
    assert page.status_code == 200
    assert "Divergence:" in page.text and "6 community reports" in page.text
    assert 'href="/reports/1"' in page.text and "Attack on civilians" in page.text
    client.cookies.clear()
    roles.login(client, "viewer")
    viewer = client.get("/countries/NOR")
    assert "Divergence:" in viewer.text and 'href="/reports/1"' not in viewer.text
    assert "your role may not read them" in viewer.text
    quiet = client.get("/countries/SDN")
    assert "No community reports" in quiet.text

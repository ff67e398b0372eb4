"""Community reports over the API: idempotent submission, reading, labelling, on both databases."""

from __future__ import annotations

from typing import get_args

from fastapi.testclient import TestClient

from tests.fixtures import Roles
from tocsin.domain.violations import URGENCY_LEVELS, VIOLATION_TYPES
from tocsin.web.api.report_schemas import Urgency, ViolationType

REPORT = {
    "submission_id": "app-7f3a",
    "text": "Militia burned granaries in Koumbri and ordered Fulani families to leave by Friday.",
    "occurred_on": "2026-11-02",
    "place": "Koumbri",
    "latitude": 13.712345,
    "longitude": -2.054321,
    "reporter": {"name": "Amadou", "contact": "+22670000001"},
    "consent": {"share_with_partners": True},
}


def test_submit_is_idempotent_and_a_changed_resend_conflicts(
    client: TestClient, roles: Roles
) -> None:
    partner = roles.bearer("partner")
    first = client.post("/api/v1/reports", json=REPORT, headers=partner)
    assert first.status_code == 201, first.text
    assert first.json()["status"] == "accepted"
    again = client.post("/api/v1/reports", json=REPORT, headers=partner)
    assert again.status_code == 200 and again.json() == {**first.json(), "status": "duplicate"}
    changed = client.post("/api/v1/reports", json={**REPORT, "text": "other"}, headers=partner)
    assert changed.status_code == 409
    # another partner's id space is its own
    other = client.post("/api/v1/reports", json=REPORT, headers=roles.bearer("liaison"))
    assert other.status_code == 201


def test_analysts_read_and_label_but_see_no_identity(client: TestClient, roles: Roles) -> None:
    client.post("/api/v1/reports", json=REPORT, headers=roles.bearer("partner"))
    analyst = roles.bearer("analyst")
    [report] = client.get("/api/v1/reports", headers=analyst).json()
    assert report["has_sealed_identity"] and "Amadou" not in str(report)
    assert (report["latitude"], report["longitude"]) == (13.71, -2.05)
    assert report["consent_share"] and not report["consent_evidence"]
    patched = client.patch(
        f"/api/v1/reports/{report['id']}",
        json={
            "violation_type": "looting_destruction",
            "risk_factors": [9, 7],
            "country_iso3": "BFA",
            "source_reliability": "C",
            "info_credibility": "3",
        },
        headers=analyst,
    )
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert (
        body["labels_confirmed"] and body["risk_factors"] == [7, 9] and body["status"] == "reviewed"
    )
    bad = client.patch(
        f"/api/v1/reports/{report['id']}", json={"violation_type": "war"}, headers=analyst
    )
    assert bad.status_code == 422
    filtered = client.get(
        "/api/v1/reports", params={"country": "BFA", "risk_factor": 9}, headers=analyst
    )
    assert len(filtered.json()) == 1
    assert client.get("/api/v1/reports/999999", headers=analyst).status_code == 404
    actions = {
        e["action"] for e in client.get("/api/v1/audit", headers=roles.bearer("admin")).json()
    }
    assert {"report.receive", "reports.list", "report.review"} <= actions


def test_partners_submit_but_cannot_read_and_viewers_can_do_neither(
    client: TestClient, roles: Roles
) -> None:
    assert client.get("/api/v1/reports", headers=roles.bearer("partner")).status_code == 403
    viewer = client.post("/api/v1/reports", json=REPORT, headers=roles.bearer("viewer"))
    assert viewer.status_code == 403
    assert client.post("/api/v1/reports", json=REPORT).status_code == 401


def test_bad_submissions_are_refused_with_a_reason(client: TestClient, roles: Roles) -> None:
    partner = roles.bearer("partner")
    cases = [
        ({**REPORT, "unknown": 1}, 422),
        ({**REPORT, "submission_id": "has space"}, 422),
        ({**REPORT, "latitude": 91}, 422),
        ({**REPORT, "text": ""}, 422),
        ({**REPORT, "text": "\u0000\u0001"}, 422),
        ({**REPORT, "submission_id": "long-1", "text": "y" * 20_001}, 422),
    ]
    for body, status in cases:
        response = client.post("/api/v1/reports", json=body, headers=partner)
        assert response.status_code == status, (body["submission_id"], response.text)
        assert "detail" in response.json()


def test_the_api_vocabulary_is_the_domain_vocabulary() -> None:
    assert get_args(ViolationType) == tuple(VIOLATION_TYPES)
    assert get_args(Urgency) == URGENCY_LEVELS

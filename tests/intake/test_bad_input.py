"""Hostile and broken submissions, through the real app and the real import command.

Each gets a clear 4xx (or a one-line error and exit 1) or a deduplicated accept; nothing is
stored half-way, nothing is executed, no entity is expanded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.conftest import RunCli
from tests.fixtures import Roles
from tocsin import startup
from tocsin.config import get_settings
from tocsin.db import Database
from tocsin.intake.models import Report

TWENTY_MB = "x" * (20 * 1024 * 1024)
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY leak SYSTEM "file:///etc/passwd">]>
<data id="tocsin_report"><incident><what_happened>&leak;</what_happened></incident>
<meta><instanceID>uuid:1</instanceID></meta></data>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE data [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<data id="tocsin_report"><incident><what_happened>&d;</what_happened></incident>
<meta><instanceID>uuid:2</instanceID></meta></data>"""
UNKNOWN_FORM = b"""<?xml version="1.0"?><survey id="someone_elses_form">
<q>text</q><meta><instanceID>uuid:3</instanceID></meta></survey>"""


def _reports(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Report)) or 0)


def test_web_submissions_that_are_too_big_badly_encoded_or_malformed(
    client: TestClient, roles: Roles, database: Database
) -> None:
    partner = {**roles.bearer("partner"), "Content-Type": "application/json"}
    huge = client.post(
        "/api/v1/reports", json={"submission_id": "h", "text": TWENTY_MB}, headers=partner
    )
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]
    latin = client.post(
        "/api/v1/reports",
        content='{"submission_id": "l", "text": "village brûlé"}'.encode("latin-1"),
        headers=partner,
    )
    assert latin.status_code in (400, 422)
    broken = client.post(
        "/api/v1/reports", content=b'{"submission_id": "b", "text": ', headers=partner
    )
    assert broken.status_code in (400, 422)
    form_huge = client.post("/report", data={"submission_id": "f", "text": TWENTY_MB})
    assert form_huge.status_code in (400, 413, 422)  # the multipart parser caps a field at 1 MB
    form_latin = client.post(
        "/report",
        content="submission_id=g&text=village+br\xfbl\xe9".encode("latin-1"),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form_latin.status_code < 500
    assert _reports(database) <= 1  # at most the latin-1 form text, decoded with replacement


def test_scripts_are_stored_as_text_and_served_inert(
    client: TestClient, roles: Roles, database: Database
) -> None:
    script = '<script>fetch("/api/v1/users")</script><svg onload=alert(1)>'
    sent = client.post(
        "/api/v1/reports",
        json={"submission_id": "s-1", "text": script, "place": script},
        headers=roles.bearer("partner"),
    )
    assert sent.status_code == 201
    roles.login(client, "analyst")
    for page in ("/reports", "/reports/1"):
        body = client.get(page).text
        assert "<script>fetch" not in body and "<svg onload" not in body
        assert "&lt;script&gt;" in body
    api = client.get("/api/v1/reports/1", headers=roles.bearer("analyst"))
    assert api.headers["content-type"].startswith("application/json")
    assert api.json()["text"] == script


def test_replays_are_one_report(client: TestClient, roles: Roles, database: Database) -> None:
    body = {"submission_id": "r-1", "text": "replayed"}
    answers = [
        client.post("/api/v1/reports", json=body, headers=roles.bearer("partner")).status_code
        for _ in range(5)
    ]
    assert answers == [201, 200, 200, 200, 200] and _reports(database) == 1


@pytest.mark.parametrize(
    ("xml", "message"),
    [(XXE, "DTD"), (LAUGHS, "DTD"), (UNKNOWN_FORM, "unknown form id"), (b"\xff\xfe<data", "")],
)
def test_hostile_xml_imports_are_refused_and_store_nothing(
    run_cli: RunCli, tmp_path: Path, xml: bytes, message: str
) -> None:
    path = tmp_path / "instance.xml"
    path.write_bytes(xml)
    result = run_cli("intake", "import", "xform", str(path))
    assert result.code == 1 and result.err.startswith("error:")
    assert message.lower() in result.err.lower()
    assert "root:" not in result.err and "lol" not in result.err
    db = startup.open_database(get_settings())
    assert _reports(db) == 0

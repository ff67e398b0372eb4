"""The promises of docs/threat-model.md, checked end to end through the real app.

Reports come in through every channel with a name, a phone number and an e-mail address; the
database is then dumped, every table and every column, and the logs read: none of those, and
nothing of the sender's network identity, may appear in clear.
"""

from __future__ import annotations

import logging

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.databases import dump_database
from tests.fixtures import Roles
from tests.intake.images import jpeg_with_gps
from tocsin import intake
from tocsin.db import Database

NAME = "Zeinabou Canary-Name"
PHONE = "+22670998877"
EMAIL = "canary.reporter@example.org"
AGENT = "CanaryAgent/7.31 (reporter phone)"
SECRETS = (
    NAME,
    "Zeinabou",
    PHONE,
    "70998877",
    EMAIL,
    AGENT,
    "CanaryAgent",
    "testclient",
    "TestPhone",
)


def test_no_identity_contact_or_network_trace_reaches_the_database_or_the_logs(
    app: FastAPI,
    client: TestClient,
    roles: Roles,
    database: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    headers = {"User-Agent": AGENT, "X-Forwarded-For": "203.0.113.77"}
    form = client.post(
        "/report",
        data={
            "submission_id": "f-1",
            "text": "They said the camp will be cleared tonight.",
            "name": NAME,
            "contact": PHONE,
        },
        files={"media": ("IMG_0042.jpg", jpeg_with_gps(), "image/jpeg")},
        headers=headers,
    )
    assert form.status_code == 200, form.text
    api = client.post(
        "/api/v1/reports",
        json={
            "submission_id": "a-1",
            "text": "Checkpoint detentions in Djibo.",
            "reporter": {"name": NAME, "contact": EMAIL},
            "latitude": 14.101234,
            "longitude": -1.627891,
        },
        headers={**headers, **roles.bearer("partner")},
    )
    assert api.status_code == 201, api.text
    service: intake.IntakeService = app.state.tocsin.intake
    service.import_drafts(
        [
            intake.ReportDraft(
                channel="csv", text="Imported account.", identity={"name": NAME, "phone": PHONE}
            )
        ]
    )
    dump = dump_database(database)
    assert "203.0.113.77" not in dump
    for secret in SECRETS:
        assert secret not in dump, f"{secret!r} found in the database dump"
    assert "14.101234" not in dump and "-1.627891" not in dump  # coarsened to 14.1, -1.63
    logs = "\n".join(r.getMessage() for r in caplog.records)
    for secret in (*SECRETS, "203.0.113.77"):
        assert secret not in logs


def test_every_sealed_identity_opens_with_the_officer_key_and_only_it(
    app: FastAPI, client: TestClient, roles: Roles, database: Database
) -> None:
    client.post(
        "/api/v1/reports",
        json={"submission_id": "a-2", "text": "x", "reporter": {"name": NAME}},
        headers=roles.bearer("partner"),
    )
    key_file = app.state.tocsin.intake.key.private_key_on_server
    assert key_file is not None  # the development pair; production has none on the server
    officer = intake.read_private_key(key_file)
    with database.session() as session:
        revealed = intake.reveal(session, "1", officer)
    assert revealed.identity == {"name": NAME}


def test_consent_defaults_to_no_and_originals_are_kept_only_with_consent(
    client: TestClient, database: Database
) -> None:
    for sid, keep in (("c-1", None), ("c-2", "yes")):
        data = {"submission_id": sid, "text": f"photo {sid}"}
        if keep:
            data["consent_keep_original"] = keep
        response = client.post(
            "/report", data=data, files={"media": ("p.jpg", jpeg_with_gps(), "image/jpeg")}
        )
        assert response.status_code == 200
    with database.session() as session:
        reports = session.scalars(select(intake.Report).order_by(intake.Report.id)).all()
        media = session.scalars(select(intake.ReportMedia).order_by(intake.ReportMedia.id)).all()
    assert not any(r.consent_share or r.consent_evidence or r.consent_contact for r in reports)
    assert media[0].sealed_original is None and media[1].sealed_original is not None
    assert b"TestPhone" not in media[1].sealed_original  # sealed, not stored open


def test_production_refuses_to_run_without_the_officer_public_key(tmp_path: object) -> None:
    from pathlib import Path

    from tocsin.config import Settings
    from tocsin.errors import TocsinError
    from tocsin.web import create_app

    settings = Settings(data_dir=Path(str(tmp_path)) / "d", env="production", secret_key="s" * 40)
    with pytest.raises(TocsinError, match="TOCSIN_INTAKE_PUBLIC_KEY"):
        create_app(settings, start_worker=False)

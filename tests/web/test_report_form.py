"""The public report form through the real ASGI stack: no account, no JavaScript, four languages."""

from __future__ import annotations

import io
import re

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from tocsin.db import Database
from tocsin.intake.models import Report

LIMIT = 50_000


def _nonce(page: str) -> str:
    found = re.search(r'name="submission_id" value="([^"]+)"', page)
    assert found
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "direction", "heading"),
    [
        ("en", "ltr", "Report what is happening"),
        ("fr", "ltr", "Signaler ce qui se passe"),
        ("ar", "rtl", "أبلغ عمّا يحدث"),
        ("my", "ltr", "ဖြစ်ပျက်နေသည်ကို သတင်းပို့ပါ"),
    ],
)
def test_the_form_is_small_scriptless_and_translated(
    client: TestClient, lang: str, direction: str, heading: str
) -> None:
    page = client.get("/report", params={"lang": lang})
    assert page.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in page.text
    assert heading in page.text
    assert "<script" not in page.text and "htmx" not in page.text
    css = client.get("/static/public.css")
    weight = len(page.content) + len(css.content)
    assert weight < LIMIT, f"page and style weigh {weight} bytes"
    assert page.headers["cache-control"] == "no-store"
    assert "set-cookie" not in page.headers


def test_the_browser_language_is_used_when_no_lang_is_given(client: TestClient) -> None:
    page = client.get("/report", headers={"Accept-Language": "ar-SD,ar;q=0.9,en;q=0.5"})
    assert 'dir="rtl"' in page.text
    fallback = client.get("/report", headers={"Accept-Language": "sw, zz;q=0.1, *"})
    assert '<html lang="en"' in fallback.text
    assert '<html lang="en"' in client.get("/report", params={"lang": "xx"}).text


def test_a_report_is_accepted_without_an_account_and_a_resend_is_one_report(
    client: TestClient, database: Database
) -> None:
    nonce = _nonce(client.get("/report").text)
    form = {
        "submission_id": nonce,
        "text": "Armed men gathered near the school in Barsalogho and threatened families.",
        "occurred_on": "2026-11-20",
        "place": "Barsalogho",
        "name": "Issa",
        "contact": "+226 76 11 22 33",
        "consent_share": "yes",
        "lang": "fr",
    }
    first = client.post("/report", data=form)
    assert first.status_code == 200 and "Signalement reçu" in first.text
    again = client.post("/report", data=form)
    ref = re.search(r'class="ref">([0-9a-f]+)<', first.text)
    assert ref and ref.group(1) in again.text
    edited = client.post("/report", data={**form, "text": form["text"] + " Two were taken."})
    assert edited.status_code == 200 and ref.group(1) not in edited.text
    with database.session() as session:
        stored = session.scalars(select(Report).order_by(Report.id)).all()
    assert len(stored) == 2
    assert (
        stored[0].channel == "form" and stored[0].consent_share and not stored[0].consent_evidence
    )
    assert stored[0].sealed_identity is not None and stored[0].fields == {"form_language": "fr"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "   "}, "Please describe what happened."),
        ({"occurred_on": "2026-13-45"}, "The date is not valid."),
        ({"text": "x" * 20_001}, "The description is too long."),
    ],
)
def test_bad_reports_get_a_clear_message_in_the_form_and_keep_what_was_typed(
    client: TestClient, change: dict[str, str], message: str
) -> None:
    form = {"submission_id": "n-1", "text": "something", "place": "Kaya", **change}
    page = client.post("/report", data=form)
    assert page.status_code == 422 and message in page.text
    assert 'value="Kaya"' in page.text


def test_script_tags_in_a_report_stay_inert(client: TestClient) -> None:
    text = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = client.post("/report", data={"submission_id": "n-2", "text": "   ", "place": text})
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text


def test_a_photo_is_stripped_before_storage(client: TestClient, database: Database) -> None:
    from tests.intake.images import jpeg_with_gps

    photo = jpeg_with_gps()
    response = client.post(
        "/report",
        data={"submission_id": "n-3", "text": "photo of the burned houses"},
        files={"media": ("IMG_0001.jpg", photo, "image/jpeg")},
    )
    assert response.status_code == 200, response.text
    from tocsin.intake.models import ReportMedia

    with database.session() as session:
        [media] = session.scalars(select(ReportMedia)).all()
    assert media.content_type == "image/jpeg" and media.sealed_original is None
    assert b"TestPhone" not in media.data
    exif = Image.open(io.BytesIO(media.data)).getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif


def test_a_file_that_is_not_a_photo_or_video_is_refused_kindly(client: TestClient) -> None:
    response = client.post(
        "/report",
        data={"submission_id": "n-4", "text": "see attached"},
        files={"media": ("x.html", b"<html><script>alert(1)</script></html>", "image/png")},
    )
    assert response.status_code == 422
    assert "could not be accepted" in response.text

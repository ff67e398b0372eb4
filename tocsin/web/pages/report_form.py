"""The public report form: no account, no JavaScript, in the reporter's language.

Nothing about the visitor is kept: no IP address, no user agent, no cookie; the access log is
off (`tocsin serve`). The submission id hidden in the form makes a resent form (a double tap,
a reload after a timeout) the same report, not two. The answer is rendered in place, never a
redirect, so the browser history holds only `/report`.
"""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from tocsin import intake
from tocsin.web.deps import PUBLIC, State
from tocsin.web.i18n import Language, negotiate, render_public, translations

router = APIRouter(include_in_schema=False, dependencies=[PUBLIC])
NO_STORE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
Text = Annotated[str, Form(max_length=200_000)]
Short = Annotated[str, Form(max_length=500)]
Box = Annotated[str | None, Form(max_length=8)]


def _page(
    language: Language,
    state: State,
    *,
    error: str | None = None,
    form: dict[str, object] | None = None,
    status: int = 200,
) -> HTMLResponse:
    body = render_public(
        "public/report.html",
        language,
        {
            "submission_id": intake.new_submission_id(),
            "max_chars": state.settings.intake_max_text_chars,
            "error": error,
            "form": form or {},
        },
    )
    return HTMLResponse(body, status_code=status, headers=NO_STORE)


@router.get("/report")
def report_form(
    request: Request, state: State, lang: Annotated[str | None, Query(max_length=8)] = None
) -> HTMLResponse:
    return _page(negotiate(lang, request.headers.get("accept-language")), state)


def _friendly(language: Language, problem: str) -> str:
    """The reporter sees a short message in their language; the details stay server-side."""
    tr = translations(language.code)
    if "empty" in problem:
        return tr.gettext("Please describe what happened.")
    if "characters long" in problem:
        return tr.gettext("The description is too long. Please shorten it.")
    if any(word in problem for word in ("photo or video", "media", "image", "attachment")):
        return tr.gettext(
            "The photo or video could not be accepted. You can send the report without it."
        )
    return tr.gettext("The report could not be accepted. Please check it and send it again.")


@router.post("/report")
async def submit_report(
    request: Request,
    state: State,
    text: Text,
    submission_id: Annotated[str, Form(max_length=128)],
    lang: Annotated[str | None, Form(max_length=8)] = None,
    occurred_on: Annotated[str, Form(max_length=10)] = "",
    place: Short = "",
    name: Short = "",
    contact: Short = "",
    consent_share: Box = None,
    consent_evidence: Box = None,
    consent_contact: Box = None,
    consent_keep_original: Box = None,
    media: UploadFile | None = None,
) -> HTMLResponse:
    language = negotiate(lang, request.headers.get("accept-language"))
    kept = {
        "text": text,
        "occurred_on": occurred_on,
        "place": place,
        "consent_share": bool(consent_share),
        "consent_evidence": bool(consent_evidence),
        "consent_keep_original": bool(consent_keep_original),
    }
    try:
        day = date.fromisoformat(occurred_on) if occurred_on else None
    except ValueError:
        tr = translations(language.code)
        return _page(
            language, state, error=tr.gettext("The date is not valid."), form=kept, status=422
        )
    attachments: tuple[intake.Attachment, ...] = ()
    if media is not None and media.filename:
        data = await media.read()
        if data:
            attachments = (intake.Attachment("upload", media.content_type or "", data),)
    draft = intake.ReportDraft(
        channel="form",
        text=text,
        submission_id=submission_id,
        occurred_on=day,
        place=place or None,
        identity={"name": name, "contact": contact},
        consent=intake.Consent(
            share_with_partners=bool(consent_share),
            use_as_evidence=bool(consent_evidence),
            contact_back=bool(consent_contact),
            keep_original_media=bool(consent_keep_original),
        ),
        attachments=attachments,
        fields={"form_language": language.code},
    )
    intake_state = state.intake
    try:
        prepared = (
            await run_in_threadpool(intake_state.prepare, draft)
            if attachments
            else intake_state.prepare(draft)
        )
    except intake.IntakeInputError as exc:
        return _page(language, state, error=_friendly(language, str(exc)), form=kept, status=422)
    receipt = await asyncio.wrap_future(intake_state.writer.submit(prepared))
    body = render_public("public/thanks.html", language, {"reference": receipt.reference})
    return HTMLResponse(body, status_code=200, headers=NO_STORE)

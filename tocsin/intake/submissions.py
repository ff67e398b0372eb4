"""From a channel's draft to a stored report: check, seal, strip, coarsen, deduplicate, store.

Everything that could expose a reporter happens in `prepare`, before anything touches the
database: identity sealed, media metadata stripped (originals sealed, and only with consent),
coordinates coarsened. `store` then writes prepared reports in one transaction, so a batch is
stored whole or not at all, and the same submission sent twice is one report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from tocsin.intake.coordinates import coarsen
from tocsin.intake.drafts import CHANNELS, ReportDraft
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media import strip_media
from tocsin.intake.models import Report, ReportMedia
from tocsin.intake.sealing import Sealer

# Pillow logs every EXIF tag it reads, values included (a phone's make, model, serial number),
# at DEBUG: a server run with debug logging would write them out. Its loggers stay at WARNING.
logging.getLogger("PIL").setLevel(logging.WARNING)

SUBMISSION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$")
MAX_FIELDS = 100
MAX_FIELD_CHARS = 2_000
MAX_ATTACHMENTS = 5


def new_submission_id() -> str:
    """An id for a form to carry, so that a resent form is the same report. Hex, because
    `secrets.token_urlsafe` starts with '-' or '_' one time in 32, which SUBMISSION_ID refuses."""
    return secrets.token_hex(16)


# Control characters other than tab and newline: no report needs them, NUL breaks PostgreSQL.
_CONTROL = {c for c in range(32) if c not in (9, 10, 13)} | {127}


@dataclass(frozen=True)
class IntakeLimits:
    max_text_chars: int = 20_000
    max_media_bytes: int = 25_000_000
    coordinate_decimals: int = 2


@dataclass(frozen=True)
class PreparedMedia:
    content_type: str
    data: bytes
    removed: tuple[str, ...]
    sealed_original: bytes | None


@dataclass(frozen=True)
class PreparedReport:
    """A report ready to store: nothing in it is readable identity."""

    submission_key: str
    content_hash: str
    values: dict[str, Any]
    media: tuple[PreparedMedia, ...] = field(default=())


@dataclass(frozen=True)
class Receipt:
    reference: str
    # "accepted"; "duplicate": the same submission again; "conflict": same id, other content
    outcome: str
    report_id: int


def clean_text(text: str, *, what: str, limit: int) -> str:
    cleaned = unicodedata.normalize("NFC", text).translate(dict.fromkeys(_CONTROL))
    cleaned = cleaned.strip()
    if len(cleaned) > limit:
        raise IntakeInputError(f"{what} is {len(cleaned)} characters long; the limit is {limit}")
    return cleaned


def submission_key(
    namespace: str, draft: ReportDraft, content_hash: str, *, bind_content: bool = False
) -> str:
    """The same sender's id in the same namespace is the same submission; without an id, the
    same content is. `bind_content` makes an edited resend under the same id a new report (the
    public form's id is ours, not the reporter's: going back and changing the text is a new
    report, not a conflict)."""
    if draft.submission_id is None:
        basis = f"content\0{content_hash}"
    else:
        if not SUBMISSION_ID.match(draft.submission_id):
            raise IntakeInputError(
                "submission id must be 1-128 characters of letters, digits and ._:@/+=-"
            )
        basis = f"{namespace}\0{draft.submission_id}"
        if bind_content:
            basis += f"\0{content_hash}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def prepare(
    draft: ReportDraft,
    sealer: Sealer,
    limits: IntakeLimits,
    *,
    namespace: str = "",
    bind_content: bool = False,
) -> PreparedReport:
    if draft.channel not in CHANNELS:
        raise IntakeInputError(f"unknown channel {draft.channel!r}")
    text = clean_text(draft.text, what="the report text", limit=limits.max_text_chars)
    if not text:
        raise IntakeInputError("the report text is empty")
    if len(draft.fields) > MAX_FIELDS:
        raise IntakeInputError(f"a report carries at most {MAX_FIELDS} extra fields")
    if len(draft.attachments) > MAX_ATTACHMENTS:
        raise IntakeInputError(f"a report carries at most {MAX_ATTACHMENTS} photos or videos")
    fields = {
        clean_text(k, what="a field name", limit=200): clean_text(
            v, what=f"field {k[:40]!r}", limit=MAX_FIELD_CHARS
        )
        for k, v in draft.fields.items()
    }
    place = clean_text(draft.place, what="the place", limit=500) if draft.place else None
    latitude = longitude = None
    if draft.latitude is not None or draft.longitude is not None:
        if draft.latitude is None or draft.longitude is None:
            raise IntakeInputError("coordinates need both a latitude and a longitude")
        latitude, longitude = coarsen(draft.latitude, draft.longitude, limits.coordinate_decimals)
    media = tuple(
        _prepare_media(a, sealer, limits, keep_original=draft.consent.keep_original_media)
        for a in draft.attachments
    )
    values: dict[str, Any] = {
        "channel": draft.channel,
        "form_id": draft.form_id,
        "text": text,
        "occurred_on": draft.occurred_on,
        "place": place,
        "latitude": latitude,
        "longitude": longitude,
        "language": (draft.language or None) and draft.language[:16],
        "fields": fields,
        "consent_share": draft.consent.share_with_partners,
        "consent_evidence": draft.consent.use_as_evidence,
        "consent_contact": draft.consent.contact_back,
        "consent_keep_original": draft.consent.keep_original_media,
    }
    digest = _content_hash(values, media)
    key = submission_key(namespace or draft.channel, draft, digest, bind_content=bind_content)
    identity = {
        clean_text(k, what="an identity field name", limit=100): clean_text(
            v, what="an identity field", limit=MAX_FIELD_CHARS
        )
        for k, v in draft.identity.items()
        if v and v.strip()
    }
    if identity:
        values["sealed_identity"] = sealer.seal(key, {"identity": identity})
        values["sealed_key_id"] = sealer.key_id
    return PreparedReport(submission_key=key, content_hash=digest, values=values, media=media)


def _prepare_media(
    attachment: Any, sealer: Sealer, limits: IntakeLimits, *, keep_original: bool
) -> PreparedMedia:
    if len(attachment.data) > limits.max_media_bytes:
        raise IntakeInputError(
            f"a photo or video is {len(attachment.data)} bytes; the limit is"
            f" {limits.max_media_bytes}"
        )
    stripped = strip_media(attachment, max_bytes=limits.max_media_bytes)
    original = sealer.seal_bytes(attachment.data) if keep_original else None
    return PreparedMedia(
        content_type=stripped.attachment.content_type,
        data=stripped.attachment.data,
        removed=tuple(stripped.report.removed),
        sealed_original=original,
    )


def _content_hash(values: dict[str, Any], media: Sequence[PreparedMedia]) -> str:
    canonical = {k: v for k, v in values.items() if k not in ("channel",)}
    canonical["media"] = [hashlib.sha256(m.data).hexdigest() for m in media]
    blob = json.dumps(canonical, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def store(session: Session, prepared: Sequence[PreparedReport]) -> list[Receipt]:
    """Insert the new reports of a batch (the caller commits); repeats get the first receipt.

    One multi-row INSERT for the reports and one for their media: at hundreds of submissions a
    second, an ORM object and a flush per row would cost more than the disk.
    """
    keys = list({p.submission_key for p in prepared})
    known: dict[str, tuple[int, str, str]] = {
        key: (rid, ref, digest)
        for rid, key, ref, digest in session.execute(
            select(Report.id, Report.submission_key, Report.reference, Report.content_hash).where(
                Report.submission_key.in_(keys)
            )
        )
    }
    fresh: dict[str, tuple[str, PreparedReport]] = {}
    for item in prepared:
        if item.submission_key not in known and item.submission_key not in fresh:
            fresh[item.submission_key] = (secrets.token_hex(8), item)
    if fresh:
        rows = [
            {
                "reference": ref,
                "submission_key": key,
                "content_hash": item.content_hash,
                **item.values,
            }
            for key, (ref, item) in fresh.items()
        ]
        inserted = session.execute(
            insert(Report).returning(Report.id, sort_by_parameter_order=True), rows
        ).scalars()
        media_rows = []
        for report_id, (key, (ref, item)) in zip(inserted, fresh.items(), strict=True):
            known[key] = (report_id, ref, "")  # "" marks: stored by this batch
            media_rows += [
                {
                    "report_id": report_id,
                    "content_type": m.content_type,
                    "sha256": hashlib.sha256(m.data).hexdigest(),
                    "size": len(m.data),
                    "data": m.data,
                    "removed": list(m.removed),
                    "sealed_original": m.sealed_original,
                }
                for m in item.media
            ]
        if media_rows:
            session.execute(insert(ReportMedia), media_rows)
    receipts: list[Receipt] = []
    first_of_batch: set[str] = set()
    for item in prepared:
        report_id, ref, digest = known[item.submission_key]
        if digest == "" and item.submission_key not in first_of_batch:
            first_of_batch.add(item.submission_key)
            receipts.append(Receipt(ref, "accepted", report_id))
            continue
        stored_hash = digest or fresh[item.submission_key][1].content_hash
        outcome = "duplicate" if stored_hash == item.content_hash else "conflict"
        receipts.append(Receipt(ref, outcome, report_id))
    return receipts

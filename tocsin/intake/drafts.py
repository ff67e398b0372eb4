"""The one shape every channel turns a submission into before it is sealed and stored.

The public form, the JSON API, KoboToolbox/ODK imports and CSV imports all differ in how a
report arrives; from here on they are the same. Who the reporter is (`identity`) travels apart
from what they report, because it is sealed at the door and never stored in clear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CHANNELS = ("form", "api", "kobo", "odk", "csv")


@dataclass(frozen=True)
class Attachment:
    """A photo or video as received, before its metadata is stripped."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Consent:
    """What the reporter agreed to; everything defaults to no."""

    share_with_partners: bool = False
    use_as_evidence: bool = False
    contact_back: bool = False
    keep_original_media: bool = False


@dataclass(frozen=True)
class ReportDraft:
    """A report as a channel understood it, not yet sealed, stored or triaged.

    `submission_id` is the sender's own id (a partner app's UUID, an ODK instanceID): the same id
    sent twice is the same report. `identity` holds who the reporter is and how to reach them
    (name, phone, email, ...): it is sealed with the protection officer's public key and never
    written anywhere in clear. `fields` keeps the other answers of a form that are not sensitive.
    """

    channel: str
    text: str
    submission_id: str | None = None
    form_id: str | None = None
    occurred_on: date | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    language: str | None = None
    identity: dict[str, str] = field(default_factory=dict)
    consent: Consent = field(default_factory=Consent)
    attachments: tuple[Attachment, ...] = ()
    fields: dict[str, str] = field(default_factory=dict)

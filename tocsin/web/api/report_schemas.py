"""API bodies for community reports: what a partner app sends, what it gets back, what an
analyst sees and changes. The public shape never carries the sealed identity or media bytes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from tocsin.web.api.schemas import Public, Request

# Spelled out for the OpenAPI schema; tests/web/test_reports_api.py keeps them equal to
# tocsin.domain.violations.
ViolationType = Literal[
    "attack_on_civilians",
    "sexual_violence",
    "abduction_disappearance",
    "looting_destruction",
    "armed_clash",
    "remote_violence",
    "protest_repression",
    "arrest_detention",
    "other",
]
Urgency = Literal["imminent", "high", "routine"]


class Reporter(Request):
    """Who is reporting: sealed at once with the protection officer's key, never stored open."""

    name: str = Field(default="", max_length=200)
    contact: str = Field(default="", max_length=200)


class ReportConsent(Request):
    share_with_partners: bool = False
    use_as_evidence: bool = False
    contact_back: bool = False
    keep_original_media: bool = False


class ReportCreate(Request):
    submission_id: str = Field(
        min_length=1,
        max_length=128,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._:@/+=-]*$",
        description="The partner app's own id for this submission: resending it is safe.",
    )
    text: str = Field(min_length=1, max_length=200_000)
    occurred_on: date | None = None
    place: str | None = Field(default=None, max_length=500)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    language: str | None = Field(default=None, max_length=16, pattern=r"^[A-Za-z-]+$")
    reporter: Reporter | None = None
    consent: ReportConsent = Field(default_factory=ReportConsent)
    fields: dict[str, str] = Field(default_factory=dict, max_length=100)


class ReportReceipt(Public):
    reference: str
    status: Literal["accepted", "duplicate"]


class ReportPublic(Public):
    id: int
    reference: str
    channel: str
    form_id: str | None
    received_at: datetime
    text: str
    occurred_on: date | None
    place: str | None
    latitude: float | None
    longitude: float | None
    language: str | None
    status: str
    violation_type: str | None
    risk_factors: list[int]
    urgency: str | None
    country_iso3: str | None
    admin1: str | None
    admin2: str | None
    labels_confirmed: bool
    duplicate_of: int | None
    cluster: str | None
    verification: str
    source_reliability: str | None
    info_credibility: str | None
    evidence_ref: str | None
    legal_hold: bool
    consent_share: bool
    consent_evidence: bool
    consent_contact: bool
    has_sealed_identity: bool


class ReportUpdate(Request):
    violation_type: ViolationType | None = None
    risk_factors: list[int] | None = Field(default=None, max_length=14)
    urgency: Urgency | None = None
    country_iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    admin1: str | None = Field(default=None, max_length=200)
    admin2: str | None = Field(default=None, max_length=200)
    verification: Literal["unverified", "partly_verified", "verified", "false"] | None = None
    source_reliability: Literal["A", "B", "C", "D", "E", "F"] | None = None
    info_credibility: Literal["1", "2", "3", "4", "5", "6"] | None = None
    evidence_ref: str | None = Field(default=None, max_length=200)
    legal_hold: bool | None = None
    duplicate_of: int | None = Field(default=None, ge=1, le=2**31 - 1)

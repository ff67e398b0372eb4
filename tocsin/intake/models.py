"""Tables for community reports: the report, what triage suggested, and its media.

The reporter's identity is a sealed box (`sealed_identity`): bytes only the protection officer's
offline private key opens. Nothing here holds a name, phone number, e-mail, IP address or user
agent in clear; `tests/intake/test_threat_model.py` dumps the database to check it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.db import Base, Json, UtcDateTime, utcnow

STATUSES = ("new", "triaged", "reviewed", "duplicate")
VERIFICATION = ("unverified", "partly_verified", "verified", "false")
RELIABILITY = ("A", "B", "C", "D", "E", "F")  # Admiralty code: source reliability
CREDIBILITY = ("1", "2", "3", "4", "5", "6")  # Admiralty code: information credibility


class Report(Base):
    __tablename__ = "reports"
    __table_args__ = (
        Index("ix_reports_country_received", "country_iso3", "received_at"),
        Index("ix_reports_status_received", "status", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The reporter's receipt: random, so it says nothing about when or how many.
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    # sha256(channel namespace, sender's submission id): the same submission twice is one report.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    form_id: Mapped[str | None] = mapped_column(String(100), nullable=True)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    text: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    fields: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    sealed_identity: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    consent_share: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_evidence: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_keep_original: Mapped[bool] = mapped_column(Boolean, default=False)
    # The working labels: triage fills them, an analyst's confirmation overrides them.
    status: Mapped[str] = mapped_column(String(16), default="new")
    violation_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    risk_factors: Mapped[list[int]] = mapped_column(Json, default=list)
    urgency: Mapped[str | None] = mapped_column(String(16), nullable=True)
    country_iso3: Mapped[str | None] = mapped_column(String(3), nullable=True)
    admin1: Mapped[str | None] = mapped_column(String(200), nullable=True)
    admin2: Mapped[str | None] = mapped_column(String(200), nullable=True)
    labels_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    duplicate_of: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), nullable=True
    )
    cluster: Mapped[str | None] = mapped_column(String(64), nullable=True)
    verification: Mapped[str] = mapped_column(String(16), default="unverified")
    source_reliability: Mapped[str | None] = mapped_column(String(1), nullable=True)
    info_credibility: Mapped[str | None] = mapped_column(String(1), nullable=True)
    evidence_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    reviewed_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ReportTriage(Base):
    """One triage run's suggestions for one report; re-running with a new model adds a row."""

    __tablename__ = "report_triage"
    __table_args__ = (UniqueConstraint("report_id", "model_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    model_version: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    language: Mapped[str | None] = mapped_column(String(16), nullable=True)
    violation_type: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    risk_factors: Mapped[list[int]] = mapped_column(Json, default=list)
    urgency: Mapped[str] = mapped_column(String(16))
    country_iso3: Mapped[str | None] = mapped_column(String(3), nullable=True)
    admin1: Mapped[str | None] = mapped_column(String(200), nullable=True)
    admin2: Mapped[str | None] = mapped_column(String(200), nullable=True)
    latitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    longitude: Mapped[float | None] = mapped_column(Float, nullable=True)
    cluster: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The text's embedding (float16), so later reports can be matched with this one.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class ReportMedia(Base):
    """A photo or video, stripped of metadata; the original only sealed, and only with consent."""

    __tablename__ = "report_media"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    removed: Mapped[list[str]] = mapped_column(Json, default=list)
    sealed_original: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)

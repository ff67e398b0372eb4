"""Shared by the intake tests: a sealer whose private key the test keeps, and quick reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from nacl.public import PrivateKey

from tocsin.db import Database
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.sealing import Sealer
from tocsin.intake.submissions import IntakeLimits, Receipt, prepare
from tocsin.intake.writer import store_and_audit

OFFICER = PrivateKey.generate()
SEALER = Sealer(OFFICER.public_key)
LIMITS = IntakeLimits(max_text_chars=5_000, max_media_bytes=2_000_000, coordinate_decimals=2)


def draft(text: str = "Soldiers burned the market in Djibo.", **kwargs: Any) -> ReportDraft:
    return ReportDraft(**{"channel": "api", "text": text, **kwargs})


def add_reports(
    db: Database, drafts: Sequence[ReportDraft], *, namespace: str = "test"
) -> list[Receipt]:
    prepared = [prepare(d, SEALER, LIMITS, namespace=namespace) for d in drafts]
    with db.session() as session:
        return store_and_audit(session, prepared, [None] * len(prepared))

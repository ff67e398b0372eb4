"""One process's intake: the sealing key, the limits, and the group-commit writer, together.

The web app keeps one of these for its lifetime; the CLI's imports make one per command and
store each file in a single transaction (all rows or none).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tocsin.accounts.audit import Actor
from tocsin.config import Settings
from tocsin.db import Database
from tocsin.intake import triage_jobs
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.officer_key import OfficerKey, resolve_officer_key
from tocsin.intake.submissions import IntakeLimits, PreparedReport, Receipt, prepare
from tocsin.intake.writer import GroupCommitWriter, store_and_audit

TRIAGE_EVERY_S = 2.0


@dataclass
class IntakeService:
    db: Database
    key: OfficerKey
    limits: IntakeLimits
    writer: GroupCommitWriter = field(init=False)
    _last_queued: float = field(init=False, default=-1e9)

    def __post_init__(self) -> None:
        self.writer = GroupCommitWriter(self.db, after_commit=self._triage_soon)

    def _triage_soon(self, stored: int) -> None:
        """New reports get a triage job: one waiting job serves any number of them, and a
        running one picks up what arrives while it works, so asking every few seconds is enough."""
        now = time.monotonic()
        if now - self._last_queued >= TRIAGE_EVERY_S:
            self._last_queued = now
            triage_jobs.queue_triage(self.db)

    @classmethod
    def from_settings(cls, settings: Settings, db: Database) -> IntakeService:
        return cls(
            db=db,
            key=resolve_officer_key(settings),
            limits=IntakeLimits(
                max_text_chars=settings.intake_max_text_chars,
                max_media_bytes=settings.intake_max_media_bytes,
                coordinate_decimals=settings.intake_coordinate_decimals,
            ),
        )

    def prepare(
        self, draft: ReportDraft, *, namespace: str = "", bind_content: bool = False
    ) -> PreparedReport:
        return prepare(
            draft,
            self.key.sealer,
            self.limits,
            namespace=namespace,
            bind_content=bind_content or draft.channel == "form",
        )

    def import_drafts(
        self,
        drafts: Iterable[ReportDraft],
        *,
        namespace: str = "",
        actor: Actor | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Receipt]:
        """Prepare every draft first, then store them all in one transaction: a bad row stops
        the import before anything is written, naming the row."""
        prepared: list[PreparedReport] = []
        for number, draft in enumerate(drafts, start=1):
            try:
                prepared.append(self.prepare(draft, namespace=namespace))
            except IntakeInputError as exc:
                raise IntakeInputError(f"record {number}: {exc}") from None
            if progress is not None:
                progress(number)
        with self.db.session() as session:
            receipts = store_and_audit(session, prepared, [actor] * len(prepared))
        if any(r.outcome == "accepted" for r in receipts):
            self._last_queued = -1e9  # an import is worth its own triage job at once
            self._triage_soon(len(receipts))
        return receipts

"""One process's intake: the sealing key, the limits, and the group-commit writer, together.

The web app keeps one of these for its lifetime; the CLI's imports make one per command and
store each file in a single transaction (all rows or none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tocsin.config import Settings
from tocsin.db import Database
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.officer_key import OfficerKey, resolve_officer_key
from tocsin.intake.submissions import IntakeLimits, PreparedReport, Receipt, prepare
from tocsin.intake.writer import GroupCommitWriter, store_and_audit


@dataclass
class IntakeService:
    db: Database
    key: OfficerKey
    limits: IntakeLimits
    writer: GroupCommitWriter = field(init=False)

    def __post_init__(self) -> None:
        self.writer = GroupCommitWriter(self.db)

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
        actor_id: int | None = None,
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
            return store_and_audit(session, prepared, [actor_id] * len(prepared))

"""The protection officer opening one report's sealed identity, with the offline private key.

Every opening is audited (which report, by whom: never what was inside). The plain identity
goes to the officer's terminal or a file of theirs, never back into the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from nacl.public import PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin import accounts
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import Report, ReportMedia
from tocsin.intake.sealing import key_id, open_sealed, open_sealed_bytes


@dataclass(frozen=True)
class Revealed:
    report_id: int
    reference: str
    identity: dict[str, str]
    originals: tuple[tuple[int, str, bytes], ...]  # (media id, content type, original bytes)


def find_report(session: Session, ref: str) -> Report:
    """A report by its number or by the reporter's receipt reference."""
    report = session.get(Report, int(ref)) if ref.isdigit() else None
    if report is None:
        report = session.scalars(select(Report).where(Report.reference == ref)).first()
    if report is None:
        raise IntakeInputError(f"no report {ref!r}")
    return report


def reveal(
    session: Session,
    ref: str,
    private_key: PrivateKey,
    *,
    actor: accounts.User | None = None,
    with_originals: bool = False,
) -> Revealed:
    report = find_report(session, ref)
    if report.sealed_identity is None:
        raise IntakeInputError(
            f"report {report.id} carries no sealed identity (none given, or purged)"
        )
    if report.sealed_key_id and report.sealed_key_id != key_id(private_key.public_key):
        raise IntakeInputError(
            f"report {report.id} was sealed with key {report.sealed_key_id}, not this one"
        )
    content = open_sealed(private_key, report.sealed_identity, report.submission_key)
    originals: list[tuple[int, str, bytes]] = []
    if with_originals:
        media = session.scalars(
            select(ReportMedia).where(
                ReportMedia.report_id == report.id, ReportMedia.sealed_original.is_not(None)
            )
        ).all()
        for m in media:
            assert m.sealed_original is not None
            originals.append(
                (m.id, m.content_type, open_sealed_bytes(private_key, m.sealed_original))
            )
    accounts.audit.record(
        session,
        actor,
        "report.reveal",
        target_type="report",
        target_id=report.id,
        detail={"originals": len(originals)},
    )
    identity = {str(k): str(v) for k, v in dict(content.get("identity", {})).items()}
    return Revealed(report.id, report.reference, identity, tuple(originals))

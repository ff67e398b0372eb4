"""Community reports: channels in, identity sealed at the door, triage, the analyst's queue.

The public surface other areas, the CLI and the web app may use. Triage itself (`intake.triage`,
`intake.triage_runs`) loads on first use: it brings an embedding model and scikit-learn.
"""

import importlib
from types import ModuleType

from tocsin.intake import (
    channels,
    community_picture,
    import_files,
    retention,
    review,
    triage_jobs,
)
from tocsin.intake.drafts import CHANNELS, Attachment, Consent, ReportDraft
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.models import CREDIBILITY, RELIABILITY, VERIFICATION, Report, ReportMedia
from tocsin.intake.officer_key import OfficerKey, resolve_officer_key
from tocsin.intake.reveal import Revealed, find_report, reveal
from tocsin.intake.sealing import (
    Sealer,
    encode_public_key,
    generate_key_pair,
    read_private_key,
)
from tocsin.intake.service import IntakeService
from tocsin.intake.submissions import IntakeLimits, PreparedReport, Receipt, new_submission_id

_LAZY = ("triage", "triage_runs")  # an embedding model and scikit-learn: loaded on first use


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CHANNELS",
    "CREDIBILITY",
    "RELIABILITY",
    "VERIFICATION",
    "Attachment",
    "Consent",
    "IntakeInputError",
    "IntakeLimits",
    "IntakeService",
    "OfficerKey",
    "PreparedReport",
    "Receipt",
    "Report",
    "ReportDraft",
    "ReportMedia",
    "Revealed",
    "Sealer",
    "channels",
    "community_picture",
    "encode_public_key",
    "find_report",
    "generate_key_pair",
    "import_files",
    "new_submission_id",
    "read_private_key",
    "resolve_officer_key",
    "retention",
    "reveal",
    "review",
    "triage",
    "triage_jobs",
    "triage_runs",
]

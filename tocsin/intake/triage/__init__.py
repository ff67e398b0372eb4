"""Triage of community reports (issue #4): what, where, how urgent, and which are the same.

For each report: its language, violation type (with the classifier's confidence), UN Framework
risk factors, urgency, country, admin1/admin2 and coordinates from the place names in its text,
and its near-duplicate cluster, stamped with the version of the model that produced them.
See docs/guides/triage.md and docs/decisions/007-triage-model.md.
"""

from tocsin.intake.triage.acled_source import (
    default_test_start,
    order_split,
    read_acled,
    time_split,
)
from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.csv_io import triage_csv
from tocsin.intake.triage.duplicates import DuplicatePolicy, cluster_duplicates
from tocsin.intake.triage.embedding import DEFAULT_MAX_TOKENS, E5Embedder
from tocsin.intake.triage.folding import fold
from tocsin.intake.triage.gazetteer_sources import DEFAULT_PCODES, build_gazetteer
from tocsin.intake.triage.language import detect_language
from tocsin.intake.triage.model_store import (
    load_triage_model,
    save_triage_model,
    seed_model,
)
from tocsin.intake.triage.pipeline import TriagePipeline, TriageResult, default_gazetteer
from tocsin.intake.triage.place_resolver import PlaceResolver, ResolvedPlace
from tocsin.intake.triage.risk_factors import risk_factors
from tocsin.intake.triage.triage_model import (
    TriageModel,
    acled_events,
    retrain_triage_model,
    train_triage_model,
)
from tocsin.intake.triage.urgency import URGENCY_LEVELS, UrgencyAssessment, assess_urgency
from tocsin.intake.triage.violation_types import VIOLATION_CODES, ViolationType, violation_type_of

__all__ = [
    "DEFAULT_MAX_TOKENS",
    "DEFAULT_PCODES",
    "URGENCY_LEVELS",
    "VIOLATION_CODES",
    "DuplicatePolicy",
    "E5Embedder",
    "PlaceResolver",
    "ResolvedPlace",
    "TriageModel",
    "TriagePipeline",
    "TriageResult",
    "UrgencyAssessment",
    "ViolationType",
    "acled_events",
    "admin_key",
    "assess_urgency",
    "build_gazetteer",
    "cluster_duplicates",
    "default_gazetteer",
    "default_test_start",
    "detect_language",
    "fold",
    "load_triage_model",
    "order_split",
    "read_acled",
    "retrain_triage_model",
    "risk_factors",
    "save_triage_model",
    "seed_model",
    "time_split",
    "train_triage_model",
    "triage_csv",
    "violation_type_of",
]

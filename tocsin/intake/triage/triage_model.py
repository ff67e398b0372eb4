"""The trained part of triage: the violation classifier and the places learned with it.

A model is built from three sources of labelled reports: our seed exemplars (always), ACLED
notes mapped to violation types (when the operator points at ACLED files), and reports whose
type an analyst confirmed (weighted above the others: they are the deployment's own reports,
judged by people). Retraining with the latest confirmed labels is how triage improves as
analysts work. `model_version` is a content hash of the training data and the code version,
stored with every result so that a result can be traced to the model that made it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tocsin import __version__
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.acled_source import fill_iso3, read_acled
from tocsin.intake.triage.country_names import country_codes, numeric_country_codes
from tocsin.intake.triage.embedding import E5Embedder, Embedder
from tocsin.intake.triage.learned_places import LearnedPlaces, learn_places
from tocsin.intake.triage.seed_examples import seed_pairs
from tocsin.intake.triage.violation_classifier import ViolationClassifier
from tocsin.intake.triage.violation_types import VIOLATION_CODES

# Bump when a change to triage code changes results for the same training data.
TRIAGE_CODE_VERSION = "33"
CONFIRMED_WEIGHT = 3.0
# ACLED notes the classifier learns from, the most recent first: 20,000 take ~4 minutes to embed
# and fit on 2 cores, and a regional file of 100,000 would take over 20 for little gain. Every
# event still teaches places and cues. A type with fewer than `MIN_PER_TYPE` notes among the
# recent ones is topped up from older ones.
MAX_ACLED_EXAMPLES = 20_000
MIN_PER_TYPE = 200


@dataclass(frozen=True)
class TrainingSummary:
    """What a model was trained on, for the model card and the bench."""

    seed_examples: int
    acled_examples: int
    confirmed_examples: int
    acled_paths: tuple[str, ...] = ()
    per_type: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TriageModel:
    classifier: ViolationClassifier
    places: LearnedPlaces
    model_version: str
    summary: TrainingSummary


def acled_events(paths: Sequence[Path]) -> pd.DataFrame:
    """Events of one or more ACLED files, with iso3 filled from country names (or numeric ISO
    codes) where absent."""
    frames = [
        fill_iso3(read_acled(Path(path)), country_codes(), numeric_country_codes())
        for path in paths
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def recent_examples(
    events: pd.DataFrame, limit: int = MAX_ACLED_EXAMPLES, min_per_type: int = MIN_PER_TYPE
) -> pd.DataFrame:
    """At most about `limit` events to learn types from: the latest, plus older ones of rare
    types (order kept)."""
    if len(events) <= limit:
        return events
    newest = events.sort_values("date", ascending=False, kind="stable", na_position="last")
    chosen = newest.iloc[:limit]
    older = newest.iloc[limit:]
    counts = chosen["label"].value_counts()
    extra = [
        older[older["label"] == label].iloc[: max(0, min_per_type - int(counts.get(label, 0)))]
        for label in older["label"].unique()
    ]
    combined: pd.DataFrame = pd.concat([chosen, *extra]).sort_index()
    return combined


def check_confirmed(confirmed: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Analysts' (text, violation code) pairs, refusing any that cannot be learned from."""
    checked = []
    for number, (text, label) in enumerate(confirmed, start=1):
        if label not in VIOLATION_CODES:
            raise IntakeInputError(f"confirmed label {number}: unknown violation type {label!r}")
        if not isinstance(text, str) or not text.strip():
            raise IntakeInputError(f"confirmed label {number}: the report text is empty")
        checked.append((text, label))
    return checked


def _version(
    classifier: ViolationClassifier,
    texts: Sequence[str],
    labels: Sequence[str],
    weights: Sequence[float],
) -> str:
    """A content hash: code version, classifier settings (the embedder's too) and the data."""
    embedder = classifier.embedder
    settings = sorted(classifier.get_params(deep=False).items(), key=lambda kv: kv[0])
    setup = [(k, v) for k, v in settings if k != "embedder"]
    setup.append(("max_tokens", getattr(embedder or E5Embedder(), "max_tokens", None)))
    digest = hashlib.sha256(f"{__version__}/{TRIAGE_CODE_VERSION}/{setup}".encode())
    for text, label, weight in zip(texts, labels, weights, strict=True):
        digest.update(f"{label}\t{weight}\t{text}\n".encode("utf-8", "replace"))
    return f"triage-{TRIAGE_CODE_VERSION}-{digest.hexdigest()[:12]}"


def train_triage_model(
    acled_paths: Sequence[Path] = (),
    confirmed: Iterable[tuple[str, str]] = (),
    *,
    events: pd.DataFrame | None = None,
    embedder: Embedder | None = None,
) -> TriageModel:
    """A model from the seeds, ACLED files (or already-read `events`) and confirmed labels."""
    seeds = seed_pairs()
    if events is None:
        events = acled_events(acled_paths)
    examples = recent_examples(events) if len(events) else events
    acled = list(zip(examples["text"], examples["label"], strict=True)) if len(events) else []
    mine = check_confirmed(confirmed)
    pairs = seeds + acled + mine
    weights = [1.0] * (len(seeds) + len(acled)) + [CONFIRMED_WEIGHT] * len(mine)
    texts = [text for text, _ in pairs]
    labels = [label for _, label in pairs]
    classifier = ViolationClassifier(embedder=embedder)
    version = _version(classifier, texts, labels, weights)
    classifier.fit(texts, labels, sample_weight=weights)
    summary = TrainingSummary(
        seed_examples=len(seeds),
        acled_examples=len(acled),
        confirmed_examples=len(mine),
        acled_paths=tuple(str(p) for p in acled_paths),
        per_type=dict(Counter(labels)),
    )
    places = learn_places(events) if len(events) else LearnedPlaces()
    return TriageModel(classifier, places, version, summary)


def retrain_triage_model(
    model: TriageModel,
    confirmed: Iterable[tuple[str, str]],
    *,
    acled_paths: Sequence[Path] | None = None,
    embedder: Embedder | None = None,
) -> TriageModel:
    """The model retrained on all confirmed labels so far (pass them all, not only new ones).

    The ACLED files the model was trained on are read again unless `acled_paths` says
    otherwise; a file that has gone missing is an error, not a silent change of model.
    """
    paths = [Path(p) for p in model.summary.acled_paths] if acled_paths is None else acled_paths
    return train_triage_model(paths, confirmed, embedder=embedder)

"""Running triage over stored reports: every report the current model has not seen, in batches.

Re-runnable: results are stored per (report, model version), so running again with the same
model skips what is done, and a new model (after `tocsin intake train`) triages everything
afresh beside the old suggestions. An analyst's confirmed labels are never overwritten.

Near-duplicates are found across time, not only within a batch: each result keeps its text's
embedding (float16), and every batch is clustered together with the most recent reports
already triaged, so a retelling that arrives a week later joins the first telling's cluster.

This module pulls in the embedding model and scikit-learn; `triage_jobs` imports it only when a
job runs, so the web app and the other CLI commands start without them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from tocsin.config import get_settings
from tocsin.db import Database
from tocsin.intake.models import Report, ReportTriage
from tocsin.intake.review import confirmed_examples
from tocsin.intake.triage import (
    TriageModel,
    TriagePipeline,
    TriageResult,
    cluster_duplicates,
    load_triage_model,
    retrain_triage_model,
    save_triage_model,
)
from tocsin.intake.triage.duplicates import Placing
from tocsin.intake.triage_jobs import model_dir

BATCH = 128
CONTEXT = 2_000  # recent triaged reports each batch is compared with for twins
Progress = Callable[[int, int, str], None]

_PIPELINES: dict[tuple[str, str | None], TriagePipeline] = {}


def pipeline_for(model: TriageModel) -> TriagePipeline:
    """One pipeline per model version, home country and process: building its gazetteer takes
    seconds."""
    home = get_settings().intake_home_country
    key = (model.model_version, home)
    found = _PIPELINES.get(key)
    if found is None:
        _PIPELINES.clear()
        found = _PIPELINES[key] = TriagePipeline(model, home_country=home)
    return found


def _pending(session: Session, version: str) -> list[int]:
    """Reports with no result from this model version, oldest first."""
    done = exists().where(
        ReportTriage.report_id == Report.id, ReportTriage.model_version == version
    )
    return list(session.scalars(select(Report.id).where(~done).order_by(Report.id)))


@dataclass
class _Context:
    """The most recently triaged reports, which a new batch is clustered with."""

    texts: list[str] = field(default_factory=list)
    clusters: list[str] = field(default_factory=list)
    places: list[Placing] = field(default_factory=list)
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))


def _context(session: Session, exclude: Sequence[int]) -> _Context:
    """Texts, cluster names, places and embeddings of the most recently triaged reports."""
    rows = session.execute(
        select(Report, ReportTriage.cluster, ReportTriage.embedding)
        .join(Report, Report.id == ReportTriage.report_id)
        .where(ReportTriage.embedding.is_not(None), Report.id.not_in(exclude))
        .order_by(ReportTriage.id.desc())
        .limit(CONTEXT)
    ).all()
    seen: set[int] = set()
    context = _Context()
    vectors = []
    for report, cluster, blob in reversed(rows):  # oldest first: clusters keep older names
        if report.id in seen or blob is None:
            continue
        seen.add(report.id)
        context.texts.append(report.text)
        context.clusters.append(cluster or f"r{report.id}")
        # The report's place as it stands, an analyst's correction included.
        context.places.append((report.country_iso3, report.admin1, report.admin2))
        vectors.append(np.frombuffer(blob, dtype=np.float16).astype(np.float32))
    if vectors:
        context.vectors = np.vstack(vectors)
    return context


def _clusters(
    ids: Sequence[int],
    texts: Sequence[str],
    embeddings: np.ndarray,
    places: Sequence[Placing],
    context: _Context,
) -> list[str]:
    if not (context.texts and context.vectors.shape[1] == embeddings.shape[1]):
        context = _Context()
    matrix = (
        np.vstack([context.vectors, embeddings]).astype(np.float32) if context.texts else embeddings
    )
    roots = cluster_duplicates([*context.texts, *texts], matrix, places=[*context.places, *places])
    names = [*context.clusters, *(f"r{rid}" for rid in ids)]
    offset = len(context.texts)
    return [names[roots[offset + i]] for i in range(len(ids))]


def _store(
    session: Session, report: Report, result: TriageResult, cluster: str, vector: Any
) -> None:
    session.add(
        ReportTriage(
            report_id=report.id,
            model_version=result.model_version,
            language=result.language,
            violation_type=result.violation_type,
            confidence=result.violation_confidence,
            risk_factors=list(result.risk_factors),
            urgency=result.urgency,
            country_iso3=result.country_iso3,
            admin1=result.admin1,
            admin2=result.admin2,
            latitude=result.latitude,
            longitude=result.longitude,
            cluster=cluster,
            embedding=np.asarray(vector, dtype=np.float16).tobytes(),
        )
    )
    report.cluster = cluster
    if report.language is None:
        report.language = result.language
    if not report.labels_confirmed:  # an analyst's decision stands
        report.violation_type = result.violation_type
        report.risk_factors = list(result.risk_factors)
        report.urgency = result.urgency
        report.country_iso3 = result.country_iso3
        report.admin1 = result.admin1
        report.admin2 = result.admin2
        if report.status == "new":
            report.status = "triaged"


def _triage_batch(session: Session, pipeline: TriagePipeline, ids: Sequence[int]) -> None:
    reports = [r for r in (session.get(Report, i) for i in ids) if r is not None]
    texts = [r.text for r in reports]
    results, embeddings = pipeline.triage_with_embeddings(texts)
    context = _context(session, [r.id for r in reports])
    places: list[Placing] = [
        # An analyst's place stands over triage's, as in `_store`.
        (r.country_iso3, r.admin1, r.admin2)
        if r.labels_confirmed
        else (result.country_iso3, result.admin1, result.admin2)
        for r, result in zip(reports, results, strict=True)
    ]
    clusters = _clusters([r.id for r in reports], texts, embeddings, places, context)
    for report, result, cluster, vector in zip(reports, results, clusters, embeddings, strict=True):
        _store(session, report, result, cluster, vector)


def triage_stored(
    db: Database,
    data_dir: Path,
    *,
    everything: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    model = load_triage_model(model_dir(data_dir))
    pipeline = pipeline_for(model)
    version = model.model_version
    with db.session() as session:
        if everything:
            session.query(ReportTriage).filter(ReportTriage.model_version == version).delete()
        ids = _pending(session, version)
    total = 0
    while ids:  # reports stored while a round ran are taken by the next round
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            with db.session() as session:
                _triage_batch(session, pipeline, chunk)
            if progress is not None:
                done = total + start + len(chunk)
                progress(done, total + len(ids), f"triaged {done} of {total + len(ids)} reports")
        total += len(ids)
        with db.session() as session:
            ids = _pending(session, version)
    return {"model_version": version, "triaged": total}


def train(db: Database, data_dir: Path, *, acled: Sequence[Path] | None = None) -> dict[str, Any]:
    """Retrain on every analyst-confirmed label (and the ACLED files given, or the ones the
    current model used), save it as the current model, and say what it learned from."""
    current = load_triage_model(model_dir(data_dir))
    with db.session() as session:
        confirmed = confirmed_examples(session)
    model = retrain_triage_model(current, confirmed, acled_paths=acled)
    save_triage_model(model, model_dir(data_dir))
    summary = model.summary
    return {
        "model_version": model.model_version,
        "confirmed_examples": summary.confirmed_examples,
        "acled_examples": summary.acled_examples,
        "seed_examples": summary.seed_examples,
        "places_learned": len(model.places.places),
        "country_cues": len(model.places.cues),
        "home_country": model.places.home_country,
    }

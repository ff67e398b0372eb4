"""Triage as background jobs: queue one when reports arrive, run it in the worker.

The work itself lives in `triage_runs`, imported when a job runs: it needs the embedding model
and scikit-learn, which a web process that only queues jobs should not load (they slow its
start and enlarge the heap every garbage collection walks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tocsin.config import get_settings
from tocsin.db import Database
from tocsin.jobs import JobContext, JobStatus, enqueue, pending, register

TRIAGE, TRAIN = "intake.triage", "intake.train"


def model_dir(data_dir: Path) -> Path:
    configured = get_settings().intake_triage_model_dir
    return configured if configured is not None else data_dir / "intake" / "triage-model"


def queue_triage(db: Database, actor_id: int | None = None, *, everything: bool = False) -> int:
    """Queue a triage job unless an identical one is still waiting to start; its id.

    A running job does not count: it took its list of reports when it started, so reports
    stored since need the next one.
    """
    params = {"everything": everything}
    with db.session() as session:
        waiting = pending(session, TRIAGE, params)
        if waiting is not None and waiting.status == JobStatus.QUEUED:
            return waiting.id
        return enqueue(session, TRIAGE, params, created_by=actor_id).id


@register(TRIAGE, title="Triage community reports", resumable=True)
def triage_job(ctx: JobContext) -> dict[str, Any]:
    from tocsin.intake.triage_runs import triage_stored

    return triage_stored(
        ctx.db, ctx.data_dir, everything=bool(ctx.params.get("everything")), progress=ctx.progress
    )


@register(TRAIN, title="Retrain the triage model", resumable=True)
def train_job(ctx: JobContext) -> dict[str, Any]:
    from tocsin.intake.triage_runs import train

    paths = ctx.params.get("acled")
    result = train(ctx.db, ctx.data_dir, acled=[Path(p) for p in paths] if paths else None)
    queue_triage(ctx.db)
    return result

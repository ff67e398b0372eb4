"""Triage jobs: one waiting job serves any number of new reports."""

from __future__ import annotations

from tocsin.db import Database
from tocsin.intake import triage_jobs
from tocsin.jobs import KINDS, claim_next


def test_a_waiting_triage_job_is_reused_and_a_running_one_is_not(database: Database) -> None:
    first = triage_jobs.queue_triage(database)
    assert triage_jobs.queue_triage(database) == first  # still waiting: it will see them all
    assert triage_jobs.queue_triage(database, everything=True) != first  # other params
    assert claim_next(database, "w1", [triage_jobs.TRIAGE]) == first
    # Running, it took its list of reports when it started: later ones need a new job.
    assert triage_jobs.queue_triage(database) != first


def test_triage_and_training_are_registered_as_resumable_job_kinds() -> None:
    assert KINDS[triage_jobs.TRIAGE].resumable and KINDS[triage_jobs.TRAIN].resumable

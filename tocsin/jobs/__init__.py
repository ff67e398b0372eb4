"""Background jobs persisted in the database, with progress, that survive restarts."""

from tocsin.jobs.models import Job, JobStatus
from tocsin.jobs.queue import (
    claim_next,
    enqueue,
    fail,
    finish,
    get_job,
    list_jobs,
    pending,
    report,
)
from tocsin.jobs.registry import KINDS, JobContext, JobKind, register
from tocsin.jobs.worker import Worker, recover

__all__ = [
    "KINDS",
    "Job",
    "JobContext",
    "JobKind",
    "JobStatus",
    "Worker",
    "claim_next",
    "enqueue",
    "fail",
    "finish",
    "get_job",
    "list_jobs",
    "pending",
    "recover",
    "register",
    "report",
]

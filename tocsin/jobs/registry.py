"""What each kind of job does: areas register their handlers here (jobs imports no area)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tocsin.db import Database


@dataclass(frozen=True)
class JobContext:
    """What a handler gets: its job, the database, the data directory and a progress callback."""

    job_id: int
    params: dict[str, Any]
    db: Database
    data_dir: Path
    n_jobs: int
    progress: Callable[[int, int, str], None]


Handler = Callable[[JobContext], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Handler
    resumable: bool  # safe to run again from the start after an interruption
    title: str


KINDS: dict[str, JobKind] = {}


def register(name: str, *, title: str, resumable: bool) -> Callable[[Handler], Handler]:
    def decorate(handler: Handler) -> Handler:
        KINDS[name] = JobKind(name, handler, resumable, title)
        return handler

    return decorate

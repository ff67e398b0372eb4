"""Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database, per test.

PostgreSQL databases are cloned from a template migrated once per session (CREATE DATABASE ...
TEMPLATE is fast), so every test starts from an empty schema at head without re-running
migrations. PostgreSQL is expected at TOCSIN_TEST_POSTGRES (default 127.0.0.1:5432, database
`test`, trust auth); when it is unreachable the PostgreSQL half skips, except in CI, where it fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import MetaData, select

from tocsin.db import Database, upgrade

ADMIN_URL = os.environ.get("TOCSIN_TEST_POSTGRES", "postgresql://127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def _url(name: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


@cache
def postgres_template() -> str:
    """Create (once per test session) a migrated template database; its name."""
    try:
        conn = _admin()
    except psycopg.OperationalError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs PostgreSQL at {ADMIN_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {ADMIN_URL}")
    name = f"tocsin_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with conn:
        conn.execute(f"CREATE DATABASE {name}")
    db = Database(_url(name))
    upgrade(db)
    db.dispose()
    return name


def drop_templates() -> None:
    if postgres_template.cache_info().currsize == 0:
        return
    name = postgres_template()
    with _admin() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each backend."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'test.db'}")
        upgrade(db)
        yield db
        db.dispose()
        return
    template = postgres_template()
    name = f"tocsin_t_{uuid.uuid4().hex[:10]}"
    with _admin() as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    db = Database(_url(name))
    try:
        yield db
    finally:
        db.dispose()
        with _admin() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def dump_database(db: Database) -> str:
    """Every row of every table (reflected, so none is missed), as one text: what a stolen
    database dump would show."""
    reflected = MetaData()
    reflected.reflect(db.engine)
    lines = []
    with db.engine.connect() as conn:
        for table in reflected.sorted_tables:
            for row in conn.execute(select(table)):
                lines.append(f"{table.name}: {tuple(row)!r}")
    return "\n".join(lines)

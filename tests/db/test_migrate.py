"""Migrations: a fresh database reaches head, upgrading is idempotent, and the way down works."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

import tocsin.accounts.models
import tocsin.jobs.models
import tocsin.risk.tables  # noqa: F401  (every table the models declare)
from tocsin.accounts import audit
from tocsin.db import Base, Database, current_revision, head_revision, upgrade
from tocsin.db.migrate import alembic_config
from tocsin.jobs import Job, enqueue


@pytest.fixture
def fresh_sqlite(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    yield db
    db.dispose()


def tables(db: Database) -> set[str]:
    return set(inspect(db.engine).get_table_names())


def model_tables() -> set[str]:
    return set(Base.metadata.tables)


def test_a_fresh_database_has_no_revision_until_upgraded(fresh_sqlite: Database) -> None:
    assert current_revision(fresh_sqlite) is None
    head = head_revision(fresh_sqlite)
    assert head is not None
    upgrade(fresh_sqlite)
    assert current_revision(fresh_sqlite) == head
    assert model_tables() <= tables(fresh_sqlite)


def test_the_migrated_schema_is_at_head_and_matches_the_models(database: Database) -> None:
    assert current_revision(database) == head_revision(database)
    assert tables(database) == model_tables() | {"alembic_version"}
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_idempotent_and_keeps_data(database: Database) -> None:
    with database.session() as session:
        enqueue(session, "survivor", {"n": 1})
    upgrade(database)
    upgrade(database)
    assert current_revision(database) == head_revision(database)
    with database.session() as session:
        assert [j.params for j in session.scalars(select(Job))] == [{"n": 1}]


def test_downgrade_to_base_then_upgrade_again(database: Database) -> None:
    config = alembic_config(database)
    command.downgrade(config, "base")
    assert current_revision(database) is None
    assert not (model_tables() & tables(database))

    upgrade(database)
    assert current_revision(database) == head_revision(database)
    assert model_tables() <= tables(database)
    # The way back up restores the database-level guard on the audit log too.
    with database.session() as session:
        audit.record(session, None, "after.reupgrade")
    with pytest.raises(DBAPIError, match="append-only"), database.session() as session:
        session.execute(text("UPDATE audit_events SET note = 'rewritten'"))


def test_downgrade_and_upgrade_on_a_fresh_sqlite_file(fresh_sqlite: Database) -> None:
    upgrade(fresh_sqlite)
    command.downgrade(alembic_config(fresh_sqlite), "base")
    assert current_revision(fresh_sqlite) is None
    assert not (model_tables() & tables(fresh_sqlite))
    upgrade(fresh_sqlite)
    assert current_revision(fresh_sqlite) == head_revision(fresh_sqlite)

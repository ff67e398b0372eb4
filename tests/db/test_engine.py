"""The `Database`: URLs, backend quirks (SQLite's WAL and foreign keys), sessions."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError

from tocsin.accounts.models import User, UserSession
from tocsin.db import Database, utcnow
from tocsin.errors import TocsinError
from tocsin.jobs import Job, enqueue


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'engine.db'}")
    yield db
    db.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(sqlite_db: Database) -> None:
    # Two connections open at once: every new connection gets the settings, not just the first.
    with sqlite_db.engine.connect() as first, sqlite_db.engine.connect() as second:
        for conn in (first, second):
            assert str(conn.scalar(text("PRAGMA journal_mode"))).lower() == "wal"
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert int(conn.scalar(text("PRAGMA busy_timeout")) or 0) >= 1000


def test_sqlite_readers_do_not_block_a_writer(sqlite_db: Database) -> None:
    with sqlite_db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    with sqlite_db.engine.connect() as reader:
        reader.execute(text("BEGIN"))
        assert reader.scalar(text("SELECT count(*) FROM t")) == 1  # holds a read snapshot
        started = time.monotonic()
        with sqlite_db.engine.begin() as writer:
            writer.execute(text("INSERT INTO t VALUES (2)"))
        assert time.monotonic() - started < 2
        # The reader keeps its snapshot until it ends.
        assert reader.scalar(text("SELECT count(*) FROM t")) == 1
        reader.execute(text("COMMIT"))
        assert reader.scalar(text("SELECT count(*) FROM t")) == 2


def test_foreign_keys_are_enforced_and_cascade(database: Database) -> None:
    with pytest.raises(IntegrityError), database.session() as session:
        session.add(
            UserSession(token_hash="0" * 64, user_id=9999, csrf_token="c", expires_at=utcnow())
        )
        session.flush()
    with database.session() as session:
        user = User(username="gone", password_hash="x", role="viewer")
        session.add(user)
        session.flush()
        session.add(
            UserSession(token_hash="1" * 64, user_id=user.id, csrf_token="c", expires_at=utcnow())
        )
    with database.session() as session:
        session.execute(delete(User).where(User.username == "gone"))
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(UserSession)) == 0


@pytest.mark.parametrize("url", ["", "not a url", "://", "sqlite//no-colon"])
def test_a_bad_url_is_a_one_line_tocsin_error(url: str) -> None:
    with pytest.raises(TocsinError) as caught:
        Database(url)
    message = str(caught.value)
    assert "\n" not in message
    assert "not a valid URL" in message


@pytest.mark.parametrize(
    "url", ["mysql://user@localhost/tocsin", "oracle://db/x", "http://example.com/db"]
)
def test_an_unsupported_backend_is_a_one_line_tocsin_error(url: str) -> None:
    with pytest.raises(TocsinError) as caught:
        Database(url)
    message = str(caught.value)
    assert "\n" not in message
    assert url in message and "sqlite and postgresql" in message


@pytest.mark.parametrize("url", ["postgresql+nosuch://localhost/db", "sqlite+nosuch:///x.db"])
def test_an_unknown_driver_is_a_tocsin_error(url: str) -> None:
    with pytest.raises(TocsinError):
        Database(url)


def test_postgresql_urls_use_psycopg_without_connecting() -> None:
    db = Database("postgresql://nobody@127.0.0.1:1/nothing")
    try:
        assert db.backend == "postgresql"
        assert db.engine.url.drivername == "postgresql+psycopg"
    finally:
        db.dispose()


def test_sqlite_backend_name(sqlite_db: Database) -> None:
    assert sqlite_db.backend == "sqlite"


def test_a_session_commits_on_success_and_rolls_back_on_error(database: Database) -> None:
    with database.session() as session:
        enqueue(session, "kept")

    class BoomError(Exception):
        pass

    with pytest.raises(BoomError), database.session() as session:
        enqueue(session, "discarded")
        session.flush()
        raise BoomError
    with database.session() as session:
        assert list(session.scalars(select(Job.kind))) == ["kept"]

"""One `Database` per process: the engine, its sessions, and the backend's quirks.

SQLite is the embedded default, so it is tuned here for a web app with a background worker:
write-ahead logging (readers never block the writer), a busy timeout instead of instant
"database is locked" errors, and foreign keys switched on (SQLite leaves them off).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from tocsin.errors import TocsinError


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # Without it, INSERT OR REPLACE deletes a conflicting row without firing DELETE triggers,
    # which would let a statement rewrite the append-only audit log.
    cursor.execute("PRAGMA recursive_triggers=ON")
    cursor.close()


class Database:
    """An engine and a session factory for one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise TocsinError(f"database URL {url!r} is not a valid URL") from None
        self.url = parsed
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        if parsed.get_backend_name() == "sqlite":
            # As many pooled connections as the web server has worker threads (40), so that a
            # request never queues for one; SQLite connections are cheap, WAL readers cheaper.
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
            kwargs.update(pool_size=40, max_overflow=10)
        elif parsed.get_backend_name() == "postgresql":
            kwargs.update(pool_size=20, max_overflow=20, pool_pre_ping=True)
            if parsed.drivername == "postgresql":
                parsed = parsed.set(drivername="postgresql+psycopg")
        else:
            raise TocsinError(f"database URL {url!r}: only sqlite and postgresql are supported")
        try:
            self.engine: Engine = create_engine(parsed, **kwargs)
        except (NoSuchModuleError, ImportError) as exc:
            raise TocsinError(
                f"database URL {url!r}: driver {parsed.drivername!r} is not available ({exc})"
            ) from None
        if parsed.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits when the block succeeds and rolls back when it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def new_session(self) -> Session:
        """A bare session; the caller commits and closes it (the web layer does, per request)."""
        return self._sessions()

    def dispose(self) -> None:
        self.engine.dispose()

"""Storage: the SQLAlchemy base and types, the engine and sessions, Alembic migrations."""

from tocsin.db.base import Base, Json, UtcDateTime, utcnow
from tocsin.db.engine import Database
from tocsin.db.migrate import current_revision, head_revision, upgrade

__all__ = [
    "Base",
    "Database",
    "Json",
    "UtcDateTime",
    "current_revision",
    "head_revision",
    "upgrade",
    "utcnow",
]

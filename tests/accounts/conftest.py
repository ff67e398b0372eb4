"""Helpers for the accounts tests: fast hashing where cost is beside the point, a database dump."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from sqlalchemy import MetaData, select

from tocsin.accounts import passwords
from tocsin.db import Database

PASSWORD = "a long test passphrase"

Dump = Callable[[Database], str]


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Still argon2id, with the smallest cost: the real one (~0.2 s a hash) is tested on its own
    in test_passwords, and would make every account test slow."""
    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture
def dump() -> Dump:
    """Every row of every table in the database (reflected, so none is missed), as one text."""

    def run(db: Database) -> str:
        reflected = MetaData()
        reflected.reflect(db.engine)
        lines = []
        with db.engine.connect() as conn:
            for table in reflected.sorted_tables:
                for row in conn.execute(select(table)):
                    lines.append(f"{table.name}: {tuple(row)!r}")
        return "\n".join(lines)

    return run

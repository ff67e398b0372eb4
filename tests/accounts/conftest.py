"""Helpers for the accounts tests: fast hashing where cost is beside the point, a database dump."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from argon2 import PasswordHasher

from tests.databases import dump_database
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
    return dump_database

"""Login throttling, kept in the database: per username, per client, forgiven on success."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.accounts import throttle
from tocsin.accounts.models import LoginAttempt
from tocsin.accounts.throttle import Limits, TooManyAttemptsError, client_key
from tocsin.db import Database, utcnow

LIMITS = Limits()  # 5 per username, 20 per client, within 15 minutes


def fail(session: Session, username: str, client: str, times: int = 1) -> None:
    for _ in range(times):
        throttle.note(session, username, client, succeeded=False, limits=LIMITS)


def allowed(session: Session, username: str, client: str, limits: Limits = LIMITS) -> bool:
    try:
        throttle.check(session, username, client, limits)
    except TooManyAttemptsError:
        return False
    return True


def test_the_defaults_are_five_per_username_and_twenty_per_client() -> None:
    assert (LIMITS.per_username, LIMITS.per_client) == (5, 20)
    assert LIMITS.window == timedelta(minutes=15)


def test_the_sixth_try_on_a_name_and_the_twenty_first_from_a_client_are_blocked(
    database: Database,
) -> None:
    with database.session() as session:
        for n in range(5):  # from different clients, so only the username limit applies
            assert allowed(session, "alice", f"client-{n}")
            fail(session, "alice", f"client-{n}")
        for n in range(20):  # different usernames, so only the client limit applies
            assert allowed(session, f"user{n}", "attacker")
            fail(session, f"user{n}", "attacker")
    with database.session() as session:  # the count holds across sessions (and processes)
        assert not allowed(session, "alice", "client-new")
        assert allowed(session, "bob", "client-new")  # other names are not affected
        assert not allowed(session, "someone-else", "attacker")
        assert allowed(session, "someone-else", "bystander")
        with pytest.raises(TooManyAttemptsError) as caught:
            throttle.check(session, "alice", "c", LIMITS)
    assert caught.value.retry_after == 15 * 60
    assert "\n" not in str(caught.value) and "try again" in str(caught.value)


def test_custom_limits_are_honoured_and_successes_count_against_no_one(
    database: Database,
) -> None:
    tight = Limits(per_username=2, per_client=3, window=timedelta(minutes=1))
    with database.session() as session:
        fail(session, "alice", "c1", times=2)
        assert not allowed(session, "alice", "c2", tight)
        assert allowed(session, "alice", "c2")  # the default limits are looser
        for name in ("bob", "carol", "dave"):
            fail(session, name, "c3")
        assert not allowed(session, "erin", "c3", tight)
        for _ in range(25):
            throttle.note(session, "frank", "c4", succeeded=True, limits=LIMITS)
        assert allowed(session, "frank", "c4", tight)


def test_a_success_forgives_the_usernames_failures_and_nobody_elses(database: Database) -> None:
    with database.session() as session:
        fail(session, "bob", "c", times=5)
        fail(session, "alice", "c", times=4)
        throttle.note(session, "alice", "c", succeeded=True, limits=LIMITS)
        assert allowed(session, "alice", "c2")
        assert not allowed(session, "bob", "c2")
        fail(session, "alice", "c", times=4)
        assert allowed(session, "alice", "c2")  # 8 failures in the window, 4 since the success
        fail(session, "alice", "c")
        assert not allowed(session, "alice", "c2")


def test_old_failures_do_not_count_and_are_pruned(database: Database) -> None:
    outside = utcnow() - LIMITS.window - timedelta(minutes=1)
    ancient = utcnow() - 4 * LIMITS.window - timedelta(minutes=1)
    with database.session() as session:
        for n in range(25):
            session.add(LoginAttempt(username="alice", client="c", at=outside, succeeded=False))
            session.add(LoginAttempt(username=f"u{n}", client="c", at=outside, succeeded=False))
        session.add(LoginAttempt(username="old", client="c", at=ancient, succeeded=False))
        session.add(LoginAttempt(username="old", client="c", at=ancient, succeeded=True))
    with database.session() as session:
        assert allowed(session, "alice", "c")
        fail(session, "someone", "other")
    with database.session() as session:
        names = set(session.scalars(select(LoginAttempt.username)))
    assert "old" not in names
    assert {"alice", "someone"} <= names


def test_client_keys_are_keyed_hashes_of_the_address() -> None:
    key = client_key("secret", "203.0.113.7")
    assert key == client_key("secret", "203.0.113.7")
    assert len(key) == 64 and int(key, 16) >= 0
    assert "203.0.113.7" not in key
    assert key != client_key("secret", "203.0.113.8")
    assert key != client_key("other secret", "203.0.113.7")

"""Logging in: one answer for a wrong name or a wrong password, throttled, audited."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.accounts.conftest import PASSWORD
from tocsin import accounts
from tocsin.accounts import audit
from tocsin.accounts.login import LoginFailedError, authenticate
from tocsin.accounts.models import AuditEvent, LoginAttempt
from tocsin.accounts.throttle import Limits, TooManyAttemptsError
from tocsin.db import Database, utcnow

pytestmark = pytest.mark.usefixtures("cheap_hashing")

LIMITS = Limits()


@pytest.fixture
def db(database: Database) -> Database:
    with database.session() as session:
        accounts.create_user(session, username="alice", role="analyst", password=PASSWORD)
    return database


def attempt(db: Database, username: str, password: str, client: str = "c") -> str:
    """Log in inside a session that commits either way (as the login page does); the outcome."""
    with db.session() as session:
        try:
            user = authenticate(session, username, password, client=client, limits=LIMITS)
        except LoginFailedError as exc:
            return f"failed: {exc}"
        except TooManyAttemptsError:
            return "throttled"
        return f"ok: {user.username}"


def events(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(audit.query(session, audit.AuditFilter(action=action)))


def test_the_right_password_logs_in_records_the_time_and_audits(db: Database) -> None:
    before = utcnow()
    assert attempt(db, "alice", PASSWORD) == "ok: alice"
    assert attempt(db, "  ALICE ", PASSWORD) == "ok: alice"  # case and spaces do not matter
    with db.session() as session:
        alice = accounts.get_user(session, "alice")
        assert alice is not None
        assert alice.last_login_at is not None and alice.last_login_at >= before
        alice_id = alice.id
    successes = events(db, "login.success")
    assert len(successes) == 2
    for event in successes:
        assert event.actor == "alice" and event.actor_id == alice_id
        assert event.target_id == str(alice_id)
    assert events(db, "login.failure") == []


def test_unknown_users_wrong_passwords_and_inactive_users_get_the_same_answer(
    db: Database,
) -> None:
    unknown = attempt(db, "mallory", PASSWORD)
    wrong = attempt(db, "alice", "not the passphrase")
    with db.session() as session:
        alice = accounts.get_user(session, "alice")
        assert alice is not None
        alice.is_active = False
    inactive = attempt(db, "alice", PASSWORD)
    assert unknown == wrong == inactive == "failed: wrong username or password"
    failures = events(db, "login.failure")
    assert [e.detail for e in failures] == [{"username": n} for n in ("alice", "alice", "mallory")]
    for event in failures:
        assert event.actor == audit.SYSTEM and event.actor_id is None
        assert PASSWORD not in repr(event.detail)
        assert "not the passphrase" not in repr(event.detail)
    assert events(db, "login.success") == []


def test_failures_are_throttled_even_for_the_right_password(db: Database) -> None:
    for n in range(5):
        assert attempt(db, "alice", f"guess number {n}", client=f"c{n}").startswith("failed")
    assert attempt(db, "alice", PASSWORD, client="fresh") == "throttled"
    # The blocked attempt neither logs in nor counts as a success.
    assert events(db, "login.success") == []


def test_a_success_resets_the_usernames_count(db: Database) -> None:
    for n in range(4):
        assert attempt(db, "alice", f"guess number {n}").startswith("failed")
    assert attempt(db, "alice", PASSWORD) == "ok: alice"
    for n in range(4):
        assert attempt(db, "alice", f"guess again {n}").startswith("failed")
    assert attempt(db, "alice", PASSWORD) == "ok: alice"


def test_every_attempt_is_noted_and_unknown_names_are_throttled_too(db: Database) -> None:
    attempt(db, "alice", "wrong password here", client="k1")
    attempt(db, "nobody", "wrong password here", client="k1")
    with db.session() as session:
        failed = session.scalar(
            select(func.count())
            .select_from(LoginAttempt)
            .where(LoginAttempt.client == "k1", LoginAttempt.succeeded.is_(False))
        )
    assert failed == 2
    with db.session() as session:
        for n in range(5):
            session.add(LoginAttempt(username="ghost", client=f"c{n}", succeeded=False))
    assert attempt(db, "ghost", "whatever it is") == "throttled"

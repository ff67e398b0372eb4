"""Browser sessions and API tokens: secrets handed out once, kept only as SHA-256 digests."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.accounts.conftest import PASSWORD, Dump
from tocsin import accounts
from tocsin.accounts import audit
from tocsin.accounts.models import ApiToken, User, UserSession
from tocsin.db import Database, utcnow

pytestmark = pytest.mark.usefixtures("cheap_hashing")

HOUR = timedelta(hours=1)


def sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def user(session: Session, username: str) -> User:
    found = accounts.get_user(session, username)
    assert found is not None
    return found


@pytest.fixture
def db(database: Database) -> Database:
    """The database with two users, ann and bob."""
    with database.session() as session:
        for name in ("ann", "bob"):
            accounts.create_user(session, username=name, role="analyst", password=PASSWORD)
    return database


# --- browser sessions --------------------------------------------------------------------------


def test_a_session_is_found_by_its_cookie_and_stored_only_as_a_digest(
    db: Database, dump: Dump
) -> None:
    with db.session() as session:
        ann = user(session, "ann")
        made = [accounts.create_session(session, ann, lifetime=HOUR) for _ in range(3)]
    raw, record = made[0]
    assert len(raw) >= 32
    assert record.token_hash == sha256(raw)
    assert len({r for r, _ in made}) == 3 and len({s.csrf_token for _, s in made}) == 3
    stored = dump(db)
    assert not any(r in stored for r, _ in made)
    with db.session() as session:
        found = accounts.find_session(session, raw)
        assert found is not None
        who, live = found
        assert who.username == "ann" and live.id == record.id
        assert live.csrf_token == record.csrf_token and live.csrf_token != raw
        assert abs(live.expires_at - utcnow() - HOUR) < timedelta(minutes=1)
        for wrong in ("", "nonsense", raw.upper(), raw[:-1], raw + "x", sha256(raw)):
            assert accounts.find_session(session, wrong) is None


def test_expired_and_revoked_sessions_are_refused(db: Database) -> None:
    with db.session() as session:
        ann = user(session, "ann")
        expired, _ = accounts.create_session(session, ann, lifetime=-timedelta(seconds=1))
        ending, ending_record = accounts.create_session(session, ann, lifetime=HOUR)
        revoked, _ = accounts.create_session(session, ann, lifetime=HOUR)
        live, _ = accounts.create_session(session, ann, lifetime=HOUR)
    with db.session() as session:
        assert accounts.find_session(session, expired) is None
        assert accounts.find_session(session, ending) is not None
        session.execute(
            update(UserSession)
            .where(UserSession.id == ending_record.id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        found = accounts.find_session(session, revoked)
        assert found is not None
        accounts.revoke_session(session, found[1])
    with db.session() as session:
        assert accounts.find_session(session, ending) is None
        assert accounts.find_session(session, revoked) is None
        assert accounts.find_session(session, live) is not None  # the others live on


def test_revoke_all_ends_every_session_of_one_user_only(db: Database) -> None:
    with db.session() as session:
        ann, bob = user(session, "ann"), user(session, "bob")
        anns = [accounts.create_session(session, ann, lifetime=HOUR)[0] for _ in range(3)]
        bobs = accounts.create_session(session, bob, lifetime=HOUR)[0]
    with db.session() as session:
        accounts.revoke_all(session, user(session, "ann"))
    with db.session() as session:
        assert all(accounts.find_session(session, raw) is None for raw in anns)
        assert accounts.find_session(session, bobs) is not None
        ended = session.scalars(
            select(UserSession.revoked_at).where(UserSession.user_id == user(session, "ann").id)
        ).all()
        assert len(ended) == 3 and all(at is not None for at in ended)


def test_an_inactive_users_sessions_and_tokens_are_refused(db: Database) -> None:
    with db.session() as session:
        ann = user(session, "ann")
        cookie, _ = accounts.create_session(session, ann, lifetime=HOUR)
        token, _ = accounts.create_token(session, ann, "ci", actor=ann)
        ann.is_active = False
    with db.session() as session:
        assert accounts.find_session(session, cookie) is None
        assert accounts.find_token_user(session, token) is None


# --- API tokens --------------------------------------------------------------------------------


def test_a_token_is_found_by_its_secret_and_stored_only_as_a_digest(
    db: Database, dump: Dump
) -> None:
    with db.session() as session:
        ann, bob = user(session, "ann"), user(session, "bob")
        raw, token = accounts.create_token(session, bob, "  laptop  ", actor=ann)
        [event] = audit.query(session, audit.AuditFilter(action="token.create"))
    assert raw.startswith("tcs_") and len(raw) >= 40
    assert token.token_hash == sha256(raw)
    assert token.name == "laptop"
    assert raw.startswith(token.prefix) and len(token.prefix) < len(raw) - 20
    assert event.actor == "ann" and event.target_id == str(token.id)
    assert event.detail == {"user": "bob", "prefix": token.prefix}
    stored = dump(db)
    assert raw not in stored
    assert raw[len(token.prefix) :] not in stored  # not even the part after the shown prefix
    with db.session() as session:
        found = accounts.find_token_user(session, raw)
        assert found is not None and found.username == "bob"
        for wrong in (raw.upper(), raw[4:], raw + "x", raw[:-1], token.prefix, token.token_hash):
            assert accounts.find_token_user(session, wrong) is None


def test_a_revoked_token_is_refused_and_revoking_twice_is_audited_once(db: Database) -> None:
    with db.session() as session:
        ann = user(session, "ann")
        revoked, token = accounts.create_token(session, ann, "old", actor=ann)
        kept, _ = accounts.create_token(session, ann, "new", actor=ann)
    with db.session() as session:
        ann = user(session, "ann")
        stored = session.get(ApiToken, token.id)
        assert stored is not None
        accounts.revoke_token(session, stored, actor=ann)
        accounts.revoke_token(session, stored, actor=ann)
    with db.session() as session:
        assert accounts.find_token_user(session, revoked) is None
        assert accounts.find_token_user(session, kept) is not None
        events = audit.query(session, audit.AuditFilter(action="token.revoke"))
        assert [e.target_id for e in events] == [str(token.id)]


def test_token_names_and_lists(db: Database) -> None:
    with db.session() as session:
        ann, bob = user(session, "ann"), user(session, "bob")
        a1 = accounts.create_token(session, ann, "", actor=ann)[1]
        b1 = accounts.create_token(session, bob, "   ", actor=bob)[1]
        a2 = accounts.create_token(session, ann, "n" * 300, actor=ann)[1]
        assert (a1.name, b1.name, a2.name) == ("token", "token", "n" * 100)
    with db.session() as session:
        assert [t.id for t in accounts.list_tokens(session, user(session, "ann"))] == [a2.id, a1.id]
        assert [t.id for t in accounts.list_tokens(session)] == [a2.id, b1.id, a1.id]


def test_last_used_is_written_at_most_every_five_minutes(db: Database) -> None:
    with db.session() as session:
        ann = user(session, "ann")
        raw, token = accounts.create_token(session, ann, "t", actor=ann)
    assert token.last_used_at is None

    def use() -> None:
        with db.session() as session:
            assert accounts.find_token_user(session, raw) is not None

    def last_used() -> datetime | None:
        with db.session() as session:
            return session.scalar(select(ApiToken.last_used_at).where(ApiToken.id == token.id))

    def set_last_used(ago: timedelta) -> datetime | None:
        with db.session() as session:
            session.execute(
                update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=utcnow() - ago)
            )
        return last_used()

    use()
    first = last_used()
    assert first is not None
    use()
    assert last_used() == first  # a second use right away writes nothing

    four_minutes_ago = set_last_used(timedelta(minutes=4))
    use()
    assert last_used() == four_minutes_ago

    set_last_used(timedelta(minutes=6))
    before = utcnow()
    use()
    refreshed = last_used()
    assert refreshed is not None and refreshed >= before

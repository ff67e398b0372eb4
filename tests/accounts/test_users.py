"""Accounts: names and roles, one-time passwords, the last admin, the first run's admin."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.accounts.conftest import PASSWORD, Dump
from tocsin import accounts
from tocsin.accounts import audit
from tocsin.accounts.models import User
from tocsin.accounts.passwords import verify_password
from tocsin.accounts.users import AccountError, normalise_username, parse_role
from tocsin.db import Database
from tocsin.domain.permissions import Role

pytestmark = pytest.mark.usefixtures("cheap_hashing")

BAD_NAMES = ["", " ", "a", "-alice", ".alice", "_alice", "al ice", "alice!", "alice@org"]
BAD_NAMES += ["x" * 64, "álvaro", "ali\nce", "../etc", "alice\x00"]


def make(session: Session, username: str, role: str = "analyst") -> User:
    user, _ = accounts.create_user(session, username=username, role=role, password=PASSWORD)
    return user


def reload(db: Database, username: str) -> User:
    with db.session() as session:
        user = accounts.get_user(session, username)
        assert user is not None
        return user


def count_users(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User)) or 0


# --- names and roles (no database needed) ------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [("  Alice.Smith ", "alice.smith"), ("ab", "ab"), ("9" + "z" * 62, "9" + "z" * 62)],
)
def test_usernames_are_normalised(given: str, stored: str) -> None:
    assert normalise_username(given) == stored


def test_bad_usernames_are_refused_with_one_line() -> None:
    for name in BAD_NAMES:
        with pytest.raises(AccountError, match="username") as caught:
            normalise_username(name)
        assert "\n" not in str(caught.value)


def test_roles_are_validated_and_the_error_names_the_choices() -> None:
    assert [parse_role(role.value) for role in Role] == list(Role)
    for bad in ("superuser", "Admin", "", "admin "):
        with pytest.raises(AccountError, match="role") as caught:
            parse_role(bad)
        assert all(role.value in str(caught.value) for role in Role)


# --- creating ----------------------------------------------------------------------------------


def test_users_are_created_under_their_normalised_name(database: Database) -> None:
    with database.session() as session:
        for name in ("mona", "  Al ", "ZED"):
            make(session, name)
        user, _ = accounts.create_user(
            session, username="dee", role="viewer", password=PASSWORD, display_name="  Dee D  "
        )
        assert user.display_name == "Dee D"
    with database.session() as session:
        assert [u.username for u in accounts.list_users(session)] == ["al", "dee", "mona", "zed"]
        found = accounts.get_user(session, " ZED ")
        assert found is not None and found.username == "zed"


def test_bad_names_roles_duplicates_and_weak_passwords_create_nothing(database: Database) -> None:
    with database.session() as session:
        make(session, "alice")
    with database.session() as session:
        for name in BAD_NAMES:
            with pytest.raises(AccountError, match="username"):
                make(session, name)
        for role in ("superuser", "Admin"):
            with pytest.raises(AccountError, match="role"):
                make(session, "bob", role)
        for taken in ("alice", " ALICE "):
            with pytest.raises(AccountError, match="taken"):
                make(session, taken)
        with pytest.raises(accounts.WeakPasswordError):
            accounts.create_user(session, username="bob", role="viewer", password="short")
    with database.session() as session:
        assert [u.username for u in accounts.list_users(session)] == ["alice"]


def test_every_role_can_be_given(database: Database) -> None:
    with database.session() as session:
        for role in Role:
            assert make(session, f"u-{role.value}", role.value).role == role.value


def test_a_one_time_password_is_returned_once_and_must_be_changed(
    database: Database, dump: Dump
) -> None:
    with database.session() as session:
        boss = make(session, "boss", "admin")
        user, one_time = accounts.create_user(session, username="hire", role="analyst", actor=boss)
        _, none = accounts.create_user(session, username="chosen", role="viewer", password=PASSWORD)
        [event] = audit.query(session, audit.AuditFilter(action="user.create", actor="boss"))
        assert event.target_type == "user" and event.target_id == str(user.id)
        assert event.detail == {"username": "hire", "role": "analyst"}
    assert none is None
    assert one_time is not None and len(one_time) >= 12
    hire, chosen = reload(database, "hire"), reload(database, "chosen")
    assert hire.must_change_password and not chosen.must_change_password
    assert hire.password_hash.startswith("$argon2id$")
    assert verify_password(hire.password_hash, one_time)
    assert verify_password(chosen.password_hash, PASSWORD)
    stored = dump(database)
    assert one_time not in stored and PASSWORD not in stored


# --- updating ----------------------------------------------------------------------------------


def test_the_last_active_admin_cannot_be_demoted_or_deactivated(database: Database) -> None:
    with database.session() as session:
        make(session, "root", "admin")
    for demote in (True, False):
        with (
            pytest.raises(AccountError, match="last active admin") as caught,
            database.session() as session,
        ):
            root = accounts.get_user(session, "root")
            assert root is not None
            if demote:
                accounts.update_user(session, root, actor=None, role="analyst")
            else:
                accounts.update_user(session, root, actor=None, is_active=False)
        assert "\n" not in str(caught.value)
    root = reload(database, "root")
    assert root.role == "admin" and root.is_active


def test_one_of_two_admins_can_go_but_inactive_admins_do_not_count(database: Database) -> None:
    with database.session() as session:
        first, second = make(session, "first", "admin"), make(session, "second", "admin")
        spare = make(session, "spare", "admin")
        accounts.update_user(session, spare, actor=first, is_active=False)
        accounts.update_user(session, first, actor=second, role="analyst")
    assert reload(database, "first").role == "analyst"
    assert not reload(database, "spare").is_active
    with pytest.raises(AccountError, match="last active admin"), database.session() as session:
        last = accounts.get_user(session, "second")
        assert last is not None
        accounts.update_user(session, last, actor=last, role="analyst")
    assert reload(database, "second").role == "admin"


def test_a_user_cannot_deactivate_themselves(database: Database) -> None:
    with database.session() as session:
        make(session, "root", "admin")
        make(session, "other", "admin")
    with pytest.raises(AccountError, match="your own account"), database.session() as session:
        root = accounts.get_user(session, "root")
        assert root is not None
        accounts.update_user(session, root, actor=root, is_active=False)
    assert reload(database, "root").is_active
    with database.session() as session:
        root, other = accounts.get_user(session, "root"), accounts.get_user(session, "other")
        assert root is not None and other is not None
        accounts.update_user(session, root, actor=other, is_active=False)
    assert not reload(database, "root").is_active


def test_updates_are_audited_bad_roles_refused_and_no_ops_silent(database: Database) -> None:
    with database.session() as session:
        root = make(session, "root", "admin")
        ann = make(session, "ann", "analyst")
        accounts.update_user(session, ann, actor=root, role="analyst", display_name="")
        assert audit.query(session, audit.AuditFilter(action="user.update")) == []
        accounts.update_user(session, ann, actor=root, role="viewer", display_name=" Ann ")
        [event] = audit.query(session, audit.AuditFilter(action="user.update"))
        assert event.actor == "root" and event.target_id == str(ann.id)
        assert event.detail["role"] == ["analyst", "viewer"]
    with pytest.raises(AccountError, match="role"), database.session() as session:
        again = accounts.get_user(session, "ann")
        assert again is not None
        accounts.update_user(session, again, actor=None, role="overlord")
    stored = reload(database, "ann")
    assert (stored.role, stored.display_name) == ("viewer", "Ann")


def test_ensure_first_admin_creates_exactly_one_admin_once(database: Database) -> None:
    with database.session() as session:
        created = accounts.ensure_first_admin(session)
    assert created is not None
    user, one_time = created
    assert user.username == "admin" and user.role == "admin"
    with database.session() as session:
        assert accounts.ensure_first_admin(session) is None
        assert accounts.ensure_first_admin(session) is None
        [only] = accounts.list_users(session)
        assert only.username == "admin" and only.is_active and only.must_change_password
        assert verify_password(only.password_hash, one_time)
        assert count_users(session) == 1


def test_passwords_can_be_set_and_reset(database: Database, dump: Dump) -> None:
    with database.session() as session:
        make(session, "ann")
    with pytest.raises(accounts.WeakPasswordError), database.session() as session:
        ann = accounts.get_user(session, "ann")
        assert ann is not None
        accounts.set_password(session, ann, "weak", actor=ann)
    assert verify_password(reload(database, "ann").password_hash, PASSWORD)

    with database.session() as session:
        ann = accounts.get_user(session, "ann")
        assert ann is not None
        accounts.set_password(session, ann, "another long passphrase", actor=ann)
        cookie, _ = accounts.create_session(session, ann, lifetime=accounts.SESSION_LIFETIME)
    stored = reload(database, "ann")
    assert verify_password(stored.password_hash, "another long passphrase")
    assert not stored.must_change_password

    with database.session() as session:
        ann = accounts.get_user(session, "ann")
        assert ann is not None
        one_time = accounts.reset_password(session, ann, actor=None)
    stored = reload(database, "ann")
    assert stored.must_change_password
    assert verify_password(stored.password_hash, one_time)
    assert not verify_password(stored.password_hash, "another long passphrase")
    assert one_time not in dump(database)
    with database.session() as session:
        assert accounts.find_session(session, cookie) is None  # a reset ends every session

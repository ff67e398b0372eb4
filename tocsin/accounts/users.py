"""Creating and managing accounts; the first run's administrator."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tocsin.accounts import audit
from tocsin.accounts.models import User
from tocsin.accounts.passwords import generate_password, hash_password
from tocsin.domain.permissions import Role
from tocsin.errors import TocsinError

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


class AccountError(TocsinError):
    pass


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise AccountError(
            f"username {username!r}: use 2-63 lowercase letters, digits, '.', '_' or '-'"
        )
    return name


def parse_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise AccountError(f"role {role!r}: choose one of {known}") from None


def get_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def create_user(
    session: Session,
    *,
    username: str,
    role: str,
    password: str | None = None,
    display_name: str = "",
    actor: User | None = None,
) -> tuple[User, str | None]:
    """Create an account; without `password`, generate a one-time one (returned, never stored)."""
    name = normalise_username(username)
    parsed = parse_role(role)
    if get_user(session, name) is not None:
        raise AccountError(f"username {name!r} is taken")
    one_time = generate_password() if password is None else None
    user = User(
        username=name,
        display_name=display_name.strip()[:200],
        password_hash=hash_password(password if password is not None else one_time or ""),
        role=parsed.value,
        is_active=True,
        must_change_password=password is None,
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor,
        "user.create",
        target_type="user",
        target_id=user.id,
        detail={"username": name, "role": parsed.value},
    )
    return user, one_time


def update_user(
    session: Session,
    user: User,
    *,
    actor: User | None,
    role: str | None = None,
    is_active: bool | None = None,
    display_name: str | None = None,
) -> User:
    changes: dict[str, object] = {}
    if role is not None and role != user.role:
        changes["role"] = [user.role, parse_role(role).value]
        user.role = parse_role(role).value
    if is_active is not None and is_active != user.is_active:
        if not is_active and actor is not None and actor.id == user.id:
            raise AccountError("you cannot deactivate your own account")
        changes["is_active"] = [user.is_active, is_active]
        user.is_active = is_active
    if display_name is not None and display_name != user.display_name:
        changes["display_name"] = True
        user.display_name = display_name.strip()[:200]
    if changes:
        _keep_an_admin(session, user)
        audit.record(
            session, actor, "user.update", target_type="user", target_id=user.id, detail=changes
        )
    return user


def _keep_an_admin(session: Session, changed: User) -> None:
    session.flush()
    admins = session.scalar(
        select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.is_active)
    )
    if not admins:
        raise AccountError(f"{changed.username}: the last active admin cannot be removed")


def set_password(
    session: Session, user: User, password: str, *, actor: User | None, temporary: bool = False
) -> None:
    user.password_hash = hash_password(password)
    user.must_change_password = temporary
    audit.record(
        session,
        actor,
        "user.password",
        target_type="user",
        target_id=user.id,
        detail={"temporary": temporary},
    )


def reset_password(session: Session, user: User, *, actor: User | None) -> str:
    """Give `user` a new one-time password (returned once) and end their sessions."""
    from tocsin.accounts.sessions import revoke_all

    one_time = generate_password()
    set_password(session, user, one_time, actor=actor, temporary=True)
    revoke_all(session, user)
    return one_time


def list_users(session: Session) -> Sequence[User]:
    return session.scalars(select(User).order_by(User.username)).all()


def ensure_first_admin(session: Session) -> tuple[User, str] | None:
    """On a database with no users, create `admin` with a one-time password (returned once)."""
    if session.scalar(select(func.count()).select_from(User)):
        return None
    user, one_time = create_user(session, username="admin", role=Role.ADMIN.value)
    assert one_time is not None
    return user, one_time

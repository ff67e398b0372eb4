"""Logging in: throttle, verify, record; the same answer for a wrong name or a wrong password."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from tocsin.accounts import audit, throttle
from tocsin.accounts.models import User
from tocsin.accounts.passwords import burn_time, verify_password
from tocsin.accounts.users import get_user
from tocsin.db import utcnow
from tocsin.errors import TocsinError


class LoginFailedError(TocsinError):
    def __init__(self) -> None:
        super().__init__("wrong username or password")


def authenticate(
    session: Session,
    username: str,
    password: str,
    *,
    client: str,
    limits: throttle.Limits,
) -> User:
    """The user whose credentials these are; raises `TooManyAttemptsError` or `LoginFailedError`."""
    name = username.strip().lower()[:64]
    throttle.check(session, name, client, limits)
    user = get_user(session, name)
    if user is None:
        burn_time(password)
    ok = user is not None and user.is_active and verify_password(user.password_hash, password)
    throttle.note(session, name, client, succeeded=ok, limits=limits)
    if not ok or user is None:
        audit.record(session, None, "login.failure", target_type="user", detail={"username": name})
        raise LoginFailedError()
    user.last_login_at = utcnow()
    audit.record(session, user, "login.success", target_type="user", target_id=user.id)
    return user


SESSION_LIFETIME = timedelta(hours=12)

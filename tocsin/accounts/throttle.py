"""Login rate limiting, kept in the database so it holds across processes and restarts.

Two limits: failures against one username (guessing a password) and failures from one client
(trying many usernames). The client is a keyed hash of its address: enough to count, not to
identify.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from tocsin.accounts.models import LoginAttempt
from tocsin.db import utcnow
from tocsin.errors import TocsinError


class TooManyAttemptsError(TocsinError):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed logins; try again in {retry_after // 60 + 1} minutes")


@dataclass(frozen=True)
class Limits:
    per_username: int = 5
    per_client: int = 20
    window: timedelta = timedelta(minutes=15)


def client_key(secret: str, address: str) -> str:
    return hmac.new(secret.encode(), address.encode(), hashlib.sha256).hexdigest()


def check(session: Session, username: str, client: str, limits: Limits) -> None:
    """Raise `TooManyAttemptsError` when either limit is used up within the window."""
    since = utcnow() - limits.window
    failed = LoginAttempt.succeeded.is_(False)
    by_name = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.username == username, LoginAttempt.at >= since, failed)
    )
    by_client = session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.client == client, LoginAttempt.at >= since, failed)
    )
    if (by_name or 0) >= limits.per_username or (by_client or 0) >= limits.per_client:
        raise TooManyAttemptsError(int(limits.window.total_seconds()))


def note(session: Session, username: str, client: str, *, succeeded: bool, limits: Limits) -> None:
    session.add(LoginAttempt(username=username, client=client, succeeded=succeeded))
    if succeeded:  # a success forgives the username's earlier failures
        session.execute(
            delete(LoginAttempt).where(
                LoginAttempt.username == username, LoginAttempt.succeeded.is_(False)
            )
        )
    # Old rows are useless once outside the window; prune as we go.
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < utcnow() - 4 * limits.window))

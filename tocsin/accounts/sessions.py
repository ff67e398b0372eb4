"""Browser sessions and API tokens: random secrets given out once, stored only as digests."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tocsin.accounts import audit
from tocsin.accounts.models import ApiToken, User, UserSession
from tocsin.db import utcnow

TOKEN_PREFIX = "tcs_"  # noqa: S105 (a marker, not a secret)
# A token's last use is written at most this often, so that API reads stay reads.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_session(session: Session, user: User, *, lifetime: timedelta) -> tuple[str, UserSession]:
    """Start a browser session; returns the cookie value (only ever seen here) and the record."""
    raw = secrets.token_urlsafe(32)
    record = UserSession(
        token_hash=digest(raw),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=utcnow() + lifetime,
    )
    session.add(record)
    session.flush()
    return raw, record


def find_session(session: Session, raw: str) -> tuple[User, UserSession] | None:
    """The live session for a cookie value, with its active user; None otherwise."""
    row = session.execute(
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(UserSession.token_hash == digest(raw))
    ).first()
    if row is None:
        return None
    user, record = row
    if record.revoked_at is not None or record.expires_at <= utcnow() or not user.is_active:
        return None
    return user, record


def revoke_session(session: Session, record: UserSession) -> None:
    record.revoked_at = utcnow()


def revoke_all(session: Session, user: User) -> None:
    session.execute(
        update(UserSession)
        .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def create_token(session: Session, user: User, name: str, *, actor: User) -> tuple[str, ApiToken]:
    """A new API token for `user`; the returned secret is shown once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip()[:100] or "token",
        prefix=raw[:12],
        token_hash=digest(raw),
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor,
        "token.create",
        target_type="api_token",
        target_id=token.id,
        detail={"user": user.username, "prefix": token.prefix},
    )
    return raw, token


def find_token_user(session: Session, raw: str) -> User | None:
    """The active user behind a live API token; refreshes the token's last use now and then."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    row = session.execute(
        select(User, ApiToken)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == digest(raw))
    ).first()
    if row is None:
        return None
    user, token = row
    if token.revoked_at is not None or not user.is_active:
        return None
    now = utcnow()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now
    return user


def list_tokens(session: Session, user: User | None = None) -> Sequence[ApiToken]:
    stmt = select(ApiToken).order_by(ApiToken.id.desc())
    if user is not None:
        stmt = stmt.where(ApiToken.user_id == user.id)
    return session.scalars(stmt).all()


def revoke_token(session: Session, token: ApiToken, *, actor: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(session, actor, "token.revoke", target_type="api_token", target_id=token.id)

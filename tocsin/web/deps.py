"""Request dependencies: the database session, who is asking, and what they may do.

Every route declares exactly one access policy, `Require(permission)` or `PUBLIC`; the
authorisation tests read these declarations to try every route with every role, so a route
without one fails the suite instead of shipping open.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from tocsin import accounts
from tocsin.domain.permissions import Permission, allows
from tocsin.web.cache import MISSING, cached
from tocsin.web.security import (
    SAFE_METHODS,
    SESSION_COOKIE,
    bearer_token,
    submitted_csrf,
    tokens_match,
)
from tocsin.web.state import AppState, app_state


class NotAuthenticatedError(Exception):
    def __init__(self, message: str = "log in first") -> None:
        super().__init__(message)


class ForbiddenError(Exception):
    pass


class PasswordChangeRequiredError(Exception):
    pass


@dataclass(frozen=True)
class Principal:
    """The person behind a request, and how they proved it."""

    user: accounts.User
    via: str  # "session" or "token"
    session_id: int | None = None
    csrf_token: str = ""

    def can(self, permission: Permission) -> bool:
        return allows(self.user.role, permission)


State = Annotated[AppState, Depends(app_state)]

MAX_ID = 2**31 - 1  # the largest id either backend stores; larger ones are refused, not crashed on
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
BeforeId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


async def db_session(state: State) -> AsyncIterator[Session]:
    """A session per request, opened lazily: no connection is taken until a query runs.

    Async on purpose: creating a session does no I/O, so it needs no thread hop; only closing
    one that did talk to the database goes to a thread. Routes that write commit explicitly
    before answering, so that nothing is acknowledged before it is stored.
    """
    session = state.db.new_session()
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


DbSession = Annotated[Session, Depends(db_session)]


def identify(request: Request, state: AppState) -> Principal | None:
    """Resolve the bearer token or session cookie; a bad token is an error, no token is None.

    Results are cached for a few seconds per credential (see `tocsin.web.cache`); any logout,
    revocation or account change in this process clears the cache.
    """
    credential = _credential(request)
    if credential == ("session", ""):
        return None
    found: Principal | None = state.principals.get(credential, lambda: _lookup(state, credential))
    if found is None and credential[0] == "token":
        raise NotAuthenticatedError("the API token is not valid")
    return found


def _credential(request: Request) -> tuple[str, str]:
    token = bearer_token(request)
    if token is not None:
        return ("token", token)
    return ("session", request.cookies.get(SESSION_COOKIE, ""))


def _lookup(state: AppState, credential: tuple[str, str]) -> Principal | None:
    """Who a credential belongs to, from the database; None for one that is not valid."""
    kind, value = credential
    return _by_token(state, value) if kind == "token" else _by_cookie(state, value)


def _by_token(state: AppState, token: str) -> Principal | None:
    with state.db.session() as session:
        user = accounts.find_token_user(session, token)
        if user is None:
            return None
        session.expunge(user)
        return Principal(user=user, via="token")


def _by_cookie(state: AppState, cookie: str) -> Principal | None:
    with state.db.session() as session:
        found = accounts.find_session(session, cookie)
        if found is None:
            return None
        user, record = found
        session.expunge(user)
        return Principal(
            user=user, via="session", session_id=record.id, csrf_token=record.csrf_token
        )


async def optional_principal(request: Request, state: State) -> Principal | None:
    if not hasattr(request.state, "principal"):
        credential = _credential(request)
        known = cached(state.principals, credential, lambda: _lookup(state, credential))
        if known is not MISSING:
            request.state.principal = known
        else:  # a database lookup: off the event loop, which must never wait on a pool
            request.state.principal = await run_in_threadpool(identify, request, state)
    principal: Principal | None = request.state.principal
    return principal


MaybePrincipal = Annotated[Principal | None, Depends(optional_principal)]


class Require:
    """Policy: a logged-in user whose role holds `permission` (None: any logged-in user)."""

    def __init__(
        self, permission: Permission | None, *, during_password_change: bool = False
    ) -> None:
        self.permission = permission
        self.during_password_change = during_password_change

    def __repr__(self) -> str:
        return f"Require({self.permission})"

    async def __call__(self, request: Request, principal: MaybePrincipal) -> Principal:
        if principal is None:
            raise NotAuthenticatedError()
        if (
            principal.via == "session"
            and request.method not in SAFE_METHODS
            and not tokens_match(principal.csrf_token, await submitted_csrf(request))
        ):
            raise ForbiddenError("the form expired or came from another site (CSRF check)")
        if principal.user.must_change_password and not self.during_password_change:
            raise PasswordChangeRequiredError()
        if self.permission is not None and not principal.can(self.permission):
            raise ForbiddenError(f"your role ({principal.user.role}) may not do this")
        return principal


class PublicPolicy:
    """Policy: anyone, logged in or not (login page, health check, API schema, static files)."""

    permission = None

    def __repr__(self) -> str:
        return "PUBLIC"

    async def __call__(self) -> None:
        return None


PUBLIC: Any = Depends(PublicPolicy())


def policy(permission: Permission | None, **kwargs: bool) -> Any:
    return Depends(Require(permission, **kwargs))


def principal_of(request: Request) -> Principal | None:
    principal: Principal | None = getattr(request.state, "principal", None)
    return principal

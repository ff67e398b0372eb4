"""Logging in and out, and changing one's password (forced after a one-time password)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from tocsin import accounts
from tocsin.web.deps import PUBLIC, DbSession, ForbiddenError, Principal, State, policy
from tocsin.web.security import (
    SESSION_COOKIE,
    clear_session_cookie,
    client_address,
    set_session_cookie,
)
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False)
Field64 = Annotated[str, Form(max_length=64)]
Secret = Annotated[str, Form(max_length=1024)]


def safe_next(target: str | None) -> str:
    """Only same-site paths: an open redirect after login would help phishing."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc else target


def same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host", "")


@router.get("/login", dependencies=[PUBLIC])
def login_page(request: Request, next: str | None = None) -> Response:
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", dependencies=[PUBLIC])
def login(
    request: Request,
    session: DbSession,
    state: State,
    username: Field64,
    password: Secret,
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    if not same_origin(request):
        raise ForbiddenError("login form posted from another site")
    client = accounts.client_key(state.secret_key, client_address(request))
    try:
        user = accounts.authenticate(
            session, username, password, client=client, limits=state.limits
        )
    except accounts.LoginFailedError as exc:
        session.commit()  # keep the failure on record for the throttle and the audit log
        context = {"next": safe_next(next), "error": str(exc), "username": username}
        return render(request, "login.html", context, status_code=401)
    raw, _ = accounts.create_session(session, user, lifetime=accounts.SESSION_LIFETIME)
    session.commit()
    target = "/account/password" if user.must_change_password else safe_next(next)
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(
        response, raw, lifetime=accounts.SESSION_LIFETIME, secure=state.settings.secure_cookies
    )
    return response


@router.post("/logout")
def logout(
    request: Request,
    session: DbSession,
    principal: Annotated[Principal, policy(None, during_password_change=True)],
) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE, "")
    found = accounts.find_session(session, cookie) if cookie else None
    if found is not None:
        accounts.revoke_session(session, found[1])
        accounts.audit.record(
            session, found[0], "logout", target_type="user", target_id=found[0].id
        )
    session.commit()
    response = RedirectResponse("/login", status_code=303)
    clear_session_cookie(response)
    return response


@router.get("/account/password")
def password_page(
    request: Request,
    principal: Annotated[Principal, policy(None, during_password_change=True)],
) -> Response:
    return render(request, "password.html", {"error": None, "done": False})


@router.post("/account/password")
def change_password(
    request: Request,
    session: DbSession,
    principal: Annotated[Principal, policy(None, during_password_change=True)],
    current: Secret,
    new: Secret,
    repeat: Secret,
) -> Response:
    user = session.merge(principal.user)
    error = None
    if not accounts.verify_password(user.password_hash, current):
        error = "the current password is wrong"
    elif new != repeat:
        error = "the two new passwords differ"
    elif new == current:
        error = "choose a password different from the current one"
    else:
        try:
            accounts.check_strength(new)
        except accounts.WeakPasswordError as exc:
            error = str(exc)
    if error:
        return render(request, "password.html", {"error": error, "done": False}, status_code=400)
    accounts.set_password(session, user, new, actor=user)
    session.commit()
    return RedirectResponse("/", status_code=303)

"""Cookies, CSRF and client identity for the web layer.

Browser sessions ride on an HttpOnly, SameSite=Lax cookie holding a random id; state-changing
requests made with that cookie must also carry the session's CSRF token (a form field or the
`X-CSRF-Token` header that htmx sends). Requests authenticated by an API token carry no cookie,
so cross-site forgery does not apply to them.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from fastapi import Request, Response

SESSION_COOKIE = "tocsin_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def set_session_cookie(
    response: Response, value: str, *, lifetime: timedelta, secure: bool
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=int(lifetime.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


async def submitted_csrf(request: Request) -> str:
    """The CSRF token a request carries, from the header or a form field."""
    token = request.headers.get(CSRF_HEADER, "")
    if token:
        return token
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else ""
    return ""


def tokens_match(expected: str, given: str) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def wants_html(request: Request) -> bool:
    """Pages answer problems with HTML (or a redirect); the API answers with JSON."""
    return not request.url.path.startswith("/api/")

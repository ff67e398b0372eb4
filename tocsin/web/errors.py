"""Every failure a client can cause becomes a clear 4xx: one line saying what was wrong.

The API answers `{"detail": "<one line>", "errors": [...]}`; pages answer with a short HTML page,
or a redirect to the login page. No stack trace or input echo ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tocsin import accounts
from tocsin.errors import TocsinError
from tocsin.web.deps import ForbiddenError, NotAuthenticatedError, PasswordChangeRequiredError
from tocsin.web.security import wants_html
from tocsin.web.templating import render

log = logging.getLogger("tocsin.web")


def describe(errors: list[Any]) -> tuple[str, list[dict[str, str]]]:
    """A one-line summary and a sanitised list (no echoed input) of validation errors."""
    clean = []
    for error in errors:
        loc = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "request"
        kind = str(error.get("type", ""))
        if kind == "json_invalid":
            msg = "the body is not valid JSON (or not UTF-8)"
        elif kind == "extra_forbidden":
            msg = "unknown field"
        else:
            msg = str(error.get("msg", "invalid"))
        clean.append({"field": loc, "problem": msg, "type": kind})
    if not clean:
        return "the request is not valid", clean
    first = clean[0]
    more = f" (and {len(clean) - 1} more)" if len(clean) > 1 else ""
    return f"{first['field']}: {first['problem']}{more}", clean


def problem(request: Request, status: int, message: str, **extra: Any) -> Response:
    headers = extra.pop("headers", None)
    if wants_html(request):
        return render(
            request,
            "error.html",
            {"status": status, "message": message},
            status_code=status,
            headers=headers,
        )
    return JSONResponse({"detail": message, **extra}, status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, errors = describe(list(exc.errors()))
        status = 400 if any(e["type"] == "json_invalid" for e in errors) else 422
        return problem(request, status, message, errors=errors)

    @app.exception_handler(NotAuthenticatedError)
    async def unauthenticated(request: Request, exc: NotAuthenticatedError) -> Response:
        if wants_html(request) and request.method == "GET":
            target = quote(
                request.url.path + (f"?{request.url.query}" if request.url.query else "")
            )
            return RedirectResponse(f"/login?next={target}", status_code=303)
        return problem(request, 401, str(exc), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(ForbiddenError)
    async def forbidden(request: Request, exc: ForbiddenError) -> Response:
        return problem(request, 403, str(exc))

    @app.exception_handler(PasswordChangeRequiredError)
    async def change_password(request: Request, exc: PasswordChangeRequiredError) -> Response:
        if wants_html(request):
            return RedirectResponse("/account/password", status_code=303)
        return problem(request, 403, "change your one-time password first (/account/password)")

    @app.exception_handler(accounts.TooManyAttemptsError)
    async def throttled(request: Request, exc: accounts.TooManyAttemptsError) -> Response:
        return problem(request, 429, str(exc), headers={"Retry-After": str(exc.retry_after)})

    @app.exception_handler(TocsinError)
    async def user_error(request: Request, exc: TocsinError) -> Response:
        return problem(request, 400, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "request refused"
        if detail == "There was an error parsing the body":  # FastAPI's words for bad bytes
            detail = "the body could not be read: send UTF-8 text in the declared format"
        return problem(request, exc.status_code, detail, headers=exc.headers)

    @app.exception_handler(UnicodeDecodeError)
    async def not_utf8(request: Request, exc: UnicodeDecodeError) -> Response:
        return problem(request, 400, "the request is not valid UTF-8 text")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(request, 500, "internal error; it has been logged")

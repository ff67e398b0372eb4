"""Jinja2 for pages: autoescaping on, and the things every page needs put in its context."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates

from tocsin import __version__
from tocsin.domain.permissions import Permission

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.auto_reload = False  # templates ship with the package; no stat() per render
TEMPLATES.env.globals.update(version=__version__, Permission=Permission)


def _percent(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:.{digits}%}"


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


TEMPLATES.env.filters.update(percent=_percent, signed=_signed)


def _base(principal: Any) -> dict[str, Any]:
    return {
        "principal": principal,
        "user": principal.user if principal else None,
        "csrf_token": principal.csrf_token if principal else "",
    }


def _warnings(request: Request, principal: Any) -> dict[str, Any]:
    """What an administrator must fix: a development intake private key left on the server."""
    if principal is None or not principal.can(Permission.USERS_MANAGE):
        return {}
    key = request.app.state.tocsin.intake.key.private_key_on_server
    return {"intake_key_warning": key} if key is not None and key.exists() else {}


def render_page(template: str, principal: Any, context: dict[str, Any]) -> str:
    """A page as text, for responses cached per session (no request object involved)."""
    return TEMPLATES.get_template(template).render({**_base(principal), **context})


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    principal = getattr(request.state, "principal", None)
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {**_base(principal), **_warnings(request, principal), **(context or {})},
        status_code=status_code,
        headers=headers,
    )

"""Plain ASGI middleware: a cap on request bodies and the security headers of every response.

Written against ASGI directly (not BaseHTTPMiddleware) so that it costs microseconds, and so
that an oversized body is refused while it streams in, before anything reads it whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def _replay(chunks: list[bytes], first: Message | None, upstream: Receive) -> Receive:
    """A `receive` that hands over what was already read, then defers to the server again.

    Deferring matters: a streaming response listens on `receive` for the client going away, so
    inventing a disconnect here would cut every streamed download short.
    """
    pending: list[Message] = (
        [first]
        if first is not None
        else [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
    )

    async def receive() -> Message:
        if pending:
            return pending.pop()
        return await upstream()

    return receive


class BodyLimitMiddleware:
    """`overrides` raises the limit for exact paths (the public report form takes a video)."""

    def __init__(
        self, app: ASGIApp, max_bytes: int, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = overrides or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.overrides.get(scope["path"], self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit() or int(declared) > limit:
                await self._refuse(scope, send, limit)
                return
            await self.app(scope, receive, send)  # the server enforces the declared length
            return
        # No declared length (chunked): read up to the limit before the app sees anything.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([], message, receive), send)
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self._refuse(scope, send, limit)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(chunks, None, receive), send)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        message = f"request body is larger than the limit of {limit} bytes"
        if scope["path"].startswith("/api/"):
            body = json.dumps({"detail": message}).encode()
            kind = b"application/json"
        else:
            body = message.encode()
            kind = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", kind),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[Any] = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if scope["path"].startswith(("/api/docs", "/api/redoc")):
                    headers = [(k, v) for k, v in headers if k != b"content-security-policy"]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class ForgetOnWriteMiddleware:
    """After any successful write (logout, revocation, role change...), drop cached identities.

    Writes are rare and identities are cheap to look up again, so one blunt rule here beats
    remembering to invalidate in every route that can change who may do what. The exception is
    `keep_for`: paths that take submissions in bulk and can change no one's rights.
    """

    def __init__(
        self, app: ASGIApp, forget: Callable[[], None], keep_for: frozenset[str] = frozenset()
    ) -> None:
        self.app = app
        self.forget = forget
        self.keep_for = keep_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in ("GET", "HEAD", "OPTIONS")
            or scope["path"] in self.keep_for
        ):
            await self.app(scope, receive, send)
            return

        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                self.forget()
            await send(message)

        await self.app(scope, receive, watch)

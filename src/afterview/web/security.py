"""Safety even on one machine: CSRF on every state-changing request, and headers that keep
the pages from being framed or running anything but our own scripts.

CSRF is a double submit: a random token in a SameSite=Strict cookie, echoed by each
state-changing request in the `X-CSRF-Token` header (HTMX and API clients) or the
`csrf_token` form field (plain forms). GET /api/csrf hands a script its token.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "afterview_csrf"
HEADER = "x-csrf-token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; "
        "object-src 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


def cookie_token(scope: Scope) -> str | None:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, token = part.strip().partition("=")
                if key == COOKIE and token:
                    return token
    return None


class SecurityMiddleware:
    """Pure ASGI (no per-request task switching): checks CSRF, sets the cookie when missing,
    adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        token = cookie_token(scope)
        fresh = token is None
        scope.setdefault("state", {})["csrf_token"] = token = token or secrets.token_urlsafe(32)
        if scope["method"] not in SAFE_METHODS:
            receive, accepted = await _check(scope, receive, token, fresh)
            if not accepted:
                await _refuse(scope, send)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if fresh:
                    headers.append(
                        "set-cookie", f"{COOKIE}={token}; Path=/; SameSite=Strict; HttpOnly"
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _check(scope: Scope, receive: Receive, token: str, fresh: bool) -> tuple[Receive, bool]:
    """Whether the request echoes the cookie's token; the body, read to find a form field,
    is replayed to the app."""
    if fresh:
        return receive, False
    for name, value in scope.get("headers", []):
        if name == HEADER.encode():
            return receive, hmac.compare_digest(value.decode("latin-1"), token)
    if _content_type(scope) != "application/x-www-form-urlencoded":
        return receive, False
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    sent = parse_qs(body.decode("utf-8", "replace")).get(FIELD, [""])[0]

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return replay, hmac.compare_digest(sent, token)


def _content_type(scope: Scope) -> str:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower()
    return ""


async def _refuse(scope: Scope, send: Send) -> None:
    import json

    body = json.dumps(
        {
            "ok": False,
            "error": "The request lacks its CSRF token: reload the page and try again.",
            "code": "csrf",
            "status": 403,
        }
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": 403, "headers": headers})
    await send({"type": "http.response.body", "body": body})

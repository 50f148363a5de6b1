"""Safety even on one machine: CSRF on every state-changing request, and headers that keep
the pages from being framed or running anything but our own scripts.

CSRF is a double submit: a random token in a SameSite=Strict cookie, echoed by each
state-changing request in the `X-CSRF-Token` header (HTMX and API clients) or the
`csrf_token` form field (plain forms, file uploads included). GET /api/csrf hands a script
its token.
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
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
# The most a form may send when its token is looked for in its body (a file upload is the
# largest: web/uploads.py takes files up to 64 MB, plus the form's other fields).
MAX_FORM_BYTES = 65 * 1024 * 1024
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
            try:
                receive, accepted = await _check(scope, receive, token, fresh)
            except TooLarge:
                await _refuse(send, 413, TOO_LARGE, "too_large")
                return
            if not accepted:
                await _refuse(send, 403, NO_TOKEN, "csrf")
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
            return receive, _same(value, token)
    kind = _content_type(scope)
    if kind not in (FORM, MULTIPART):
        return receive, False
    read = bytearray()
    more = True
    while more:
        message = await receive()
        read += message.get("body", b"")
        more = message.get("more_body", False)
        if len(read) > MAX_FORM_BYTES:
            raise TooLarge
    body = bytes(read)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    if kind == FORM:
        sent = parse_qs(body.decode("utf-8", "replace")).get(FIELD, [""])[0]
    else:
        sent = await _multipart_field(scope, replay)
    return replay, _same(sent.encode(), token)


def _same(sent: bytes, token: str) -> bool:
    """Compared in constant time, as bytes (a str that is not ASCII cannot be)."""
    return hmac.compare_digest(sent, token.encode())


async def _multipart_field(scope: Scope, receive: Receive) -> str:
    """The token field of a multipart form ('' when the body is no such form)."""
    from starlette.exceptions import HTTPException
    from starlette.formparsers import MultiPartException
    from starlette.requests import Request

    try:
        async with Request(scope, receive).form() as form:
            sent = form.get(FIELD)
    except (MultiPartException, HTTPException):  # a malformed body: Starlette raises either
        return ""
    return sent if isinstance(sent, str) else ""


def _content_type(scope: Scope) -> str:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    for name, value in headers:
        if name == b"content-type":
            return value.decode("latin-1").split(";")[0].strip().lower()
    return ""


class TooLarge(Exception):
    """A form too large to look into for its token."""


NO_TOKEN = "The request lacks its CSRF token: reload the page and try again."
TOO_LARGE = f"The form is larger than {MAX_FORM_BYTES // 2**20} MB."


async def _refuse(send: Send, status: int, message: str, code: str) -> None:
    import json

    body = json.dumps({"ok": False, "error": message, "code": code, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

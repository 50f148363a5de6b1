"""One place that answers errors in the caller's format (STYLE.md): JSON for /api/ and
HTMX-less scripts, a page or a fragment for browsers. Unexpected errors never show their
text."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from afterview.domain.errors import (
    AfterviewError,
    Ambiguous,
    Conflict,
    DatabaseError,
    InvalidInput,
    NotFound,
    SendFailed,
    SentNotRecorded,
)
from afterview.services.hints import Command, Hint, Option

STATUS = (
    (NotFound, 404),
    (Ambiguous, 409),
    (Conflict, 409),
    (InvalidInput, 422),
    (SentNotRecorded, 502),
    (SendFailed, 502),
    (DatabaseError, 503),
)
log = logging.getLogger("afterview.web")
NO_PAGE = "No such page."
# The API's way to do what a hint names as a CLI command (services/hints.py): method and path.
# A command not here has no API way (`followup`, `draft export`): its remedy is left out.
ROUTES = {
    "draft discard": ("POST", "/api/drafts/{}/discard"),
    "draft edit": ("PATCH", "/api/drafts/{}"),
    "draft sent": ("POST", "/api/drafts/{}/sent"),
    "interview edit": ("PATCH", "/api/interviews/{}"),
}
# The labels of the pages' controls for the inputs a reason may name (the templates show the
# same ones); others are named as they are.
LABELS = {
    "automated": "It was a form letter",
    "still_interested": "I would still like to work there",
}


def api_message(error: AfterviewError) -> str:
    """The message as an API caller needs it: inputs as body fields, commands as routes."""
    message = error.message
    return message.worded(_in_the_api) if isinstance(message, Hint) else message


def page_message(error: AfterviewError) -> str:
    """The message as a page shows it: inputs by their labels, and no remedy in CLI or API
    terms (the page offers its own control or link, where it has one)."""
    message = error.message
    return message.worded(_on_a_page, remedy=False) if isinstance(message, Hint) else message


def _in_the_api(part: Option | Command) -> str | None:
    if isinstance(part, Option):
        return _body(part)[1:-1]
    route = ROUTES.get(part.name)
    if route is None or part.record is None:
        return None
    method, path = route
    body = " " + _body(*part.options) if part.options else ""
    return f"{method} {path.format(part.record)}{body}"


def _body(*options: Option) -> str:
    """'{"to": "CONTACT"}', '{"anyway": true}', '{"interviewers": ["NAME"]}'."""
    values: dict[str, object] = {}
    for option in options:
        value = True if option.value is None else option.value
        values[option.name] = [value] if option.many else value
    return json.dumps(values, ensure_ascii=False)


def _on_a_page(part: Option | Command) -> str | None:
    if isinstance(part, Option):
        return "“" + LABELS.get(part.name, part.name.replace("_", " ")) + "”"
    return None


def status_of(error: AfterviewError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 500)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def is_htmx(request: Request) -> bool:
    """An htmx request that swaps a fragment (a history restore wants the whole page)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and not headers.get("hx-history-restore-request")


def error_response(
    request: Request, status: int, message: str, code: str, fields: dict[str, str] | None = None
) -> Response:
    """The error in the caller's format. htmx gets a fragment for the page's flash area (a 422
    is swapped, so it must not replace what the request was aimed at)."""
    if wants_json(request):
        body: dict[str, object] = {"ok": False, "error": message, "code": code, "status": status}
        if fields:
            body["fields"] = fields
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    fragment = is_htmx(request)
    name = "errors/fragment.html" if fragment else "errors/page.html"
    context = {"status": status, "message": message, "code": code}
    page = templates.get_template(name).render(request=request, **context)
    headers = {"hx-retarget": "#flash", "hx-reswap": "innerHTML"} if fragment else None
    return HTMLResponse(page, status_code=status, headers=headers)


def _field_name(location: Sequence[object]) -> str:
    """('body', 'role') → 'role': only the leading part says where the field was sent (a
    field may itself be called 'body', as a draft's is); ('body',) → '': the whole body."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "form"):
        parts = parts[1:]
    return ".".join(str(part) for part in parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AfterviewError)
    async def expected(request: Request, error: AfterviewError) -> Response:
        message = api_message(error) if wants_json(request) else page_message(error)
        field = error.field if isinstance(error, InvalidInput) else None
        fields = {field: message} if field else None
        return error_response(request, status_of(error), message, error.code, fields)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [(problem["loc"], str(problem["msg"])) for problem in error.errors()]
        if any(location[:1] == ("path",) for location, _text in problems):
            # '/applications/abc' names nothing, like a path no route has.
            return error_response(request, 404, NO_PAGE, "http")
        named = [(_field_name(location), text) for location, text in problems]
        message = "; ".join(f"{name}: {text}" if name else text for name, text in named)
        fields = {name: text for name, text in named if name}
        return error_response(request, 422, message, "invalid", fields)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, error: StarletteHTTPException) -> Response:
        message = NO_PAGE if error.status_code == 404 else str(error.detail)
        return error_response(request, error.status_code, message, "http")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request, 500, "Something went wrong on our side; the details are in the log.", "bug"
        )

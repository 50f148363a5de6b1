"""One place that answers errors in the caller's format (STYLE.md): JSON for /api/ and
HTMX-less scripts, a page or a fragment for browsers. Unexpected errors never show their
text."""

from __future__ import annotations

import logging

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


def status_of(error: AfterviewError) -> int:
    return next((status for kind, status in STATUS if isinstance(error, kind)), 500)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def error_response(
    request: Request, status: int, message: str, code: str, fields: dict[str, str] | None = None
) -> Response:
    if wants_json(request):
        body: dict[str, object] = {"ok": False, "error": message, "code": code, "status": status}
        if fields:
            body["fields"] = fields
        return JSONResponse(body, status_code=status)
    templates = request.app.state.templates
    name = "errors/fragment.html" if request.headers.get("hx-request") else "errors/page.html"
    context = {"status": status, "message": message, "code": code}
    return HTMLResponse(
        templates.get_template(name).render(request=request, **context), status_code=status
    )


def _field_name(location: tuple[object, ...]) -> str:
    """('body', 'role') → 'role': only the leading part says where the field was sent (a
    field may itself be called 'body', as a draft's is)."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "form"):
        parts = parts[1:]
    return ".".join(str(part) for part in parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AfterviewError)
    async def expected(request: Request, error: AfterviewError) -> Response:
        field = error.field if isinstance(error, InvalidInput) else None
        fields = {field: error.message} if field else None
        return error_response(request, status_of(error), error.message, error.code, fields)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        fields = {_field_name(problem["loc"]): str(problem["msg"]) for problem in error.errors()}
        message = "; ".join(f"{name}: {text}" for name, text in fields.items())
        return error_response(request, 422, message, "invalid", fields)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, error: StarletteHTTPException) -> Response:
        message = "No such page." if error.status_code == 404 else str(error.detail)
        return error_response(request, error.status_code, message, "http")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request, 500, "Something went wrong on our side; the details are in the log.", "bug"
        )

"""The JSON API under /api/: the same resources as the pages, with an OpenAPI schema
(/api/openapi.json) and stable error bodies {"ok": false, "error", "code", "status"}."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(prefix="/api")


@router.get("/csrf", tags=["session"])
def csrf_token(request: Request) -> dict[str, str]:
    """The CSRF token to send as X-CSRF-Token with every POST, PATCH and DELETE (the cookie
    that comes with this answer carries the same value)."""
    token: str = request.state.csrf_token
    return {"csrf_token": token}

"""The JSON API under /api/: the same resources as the pages, with an OpenAPI schema
(/api/openapi.json) and stable error bodies {"ok": false, "error", "code", "status"}."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

from afterview.web.api import (
    actions,
    agenda,
    applications,
    contacts,
    drafts,
    interviews,
    lint,
    network,
    offers,
    plans,
    references,
    rejection,
    reviews,
    rivals,
)


class ErrorOut(BaseModel):
    """The body of every error: `fields` (422 only) maps each bad field to its message."""

    ok: Literal[False]
    error: str
    code: str
    status: int
    fields: dict[str, str] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (403, "The CSRF token is missing or wrong (`csrf`)."),
        (404, "No such record (`not_found`)."),
        (409, "The data disagrees (`conflict`, `ambiguous`)."),
        (422, "Bad input (`invalid` and others); `fields` names each bad field."),
    )
}
router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/csrf", tags=["session"])
def csrf_token(request: Request) -> dict[str, str]:
    """The CSRF token to send as X-CSRF-Token with every POST, PATCH and DELETE (the cookie
    that comes with this answer carries the same value)."""
    token: str = request.state.csrf_token
    return {"csrf_token": token}


# network before contacts: /contacts/import is no contact's id.
MODULES = (network, applications, interviews, plans, contacts, references, agenda, actions, drafts)
for module in (*MODULES, lint, reviews, offers, rejection, rivals):
    router.include_router(module.router)

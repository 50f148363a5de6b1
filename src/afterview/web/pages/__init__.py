"""Server-rendered pages (Jinja + HTMX), one module per page."""

from __future__ import annotations

from fastapi import APIRouter

from afterview.web.pages import agenda, applications, board, contacts, drafts, interviews

router = APIRouter(include_in_schema=False)
router.include_router(agenda.router)
for module in (applications, board, interviews, drafts, contacts):
    router.include_router(module.router)

"""Server-rendered pages (Jinja + HTMX), one module per page."""

from __future__ import annotations

from fastapi import APIRouter

from afterview.web.pages import agenda

router = APIRouter(include_in_schema=False)
router.include_router(agenda.router)

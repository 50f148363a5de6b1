"""Server-rendered pages (Jinja + HTMX), one module per page."""

from __future__ import annotations

from fastapi import APIRouter

from afterview.web.pages import (
    agenda,
    applications,
    board,
    contacts,
    drafts,
    interviews,
    network,
    offers,
    openings,
    references,
    rejection,
    reviews,
    rivals,
)

router = APIRouter(include_in_schema=False)
router.include_router(agenda.router)
# network before contacts: /contacts/import is no contact's id.
PAGES = (applications, board, interviews, drafts, network, contacts, references)
for module in (*PAGES, reviews, offers, rejection, rivals, openings):
    router.include_router(module.router)

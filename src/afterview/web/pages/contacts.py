"""Contacts: a search that answers as you type, one contact's page, and the form that adds
one."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.values import NAME_LENGTH
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FormDep, answer, field_errors, timeline
from afterview.web.pages.network import reply_context

router = APIRouter()
# Search results shown at once: type more to narrow them.
SHOWN = 100
FIELDS = ("name", "emails", "phones", "company", "title", "notes")
RENAMED = {name: name for name in FIELDS} | {"email": "emails"}


@router.get("/contacts", response_class=HTMLResponse)
def search_contacts(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    q: Annotated[str, Query(max_length=NAME_LENGTH)] = "",
) -> HTMLResponse:
    """Everyone, or those matching `q` (name, company, title, e-mail); htmx gets the
    results alone."""
    from afterview.services.contacts import list_contacts

    found = list_contacts(ws, search=q.strip())
    context = {"active": "contacts", "q": q, "contacts": found[:SHOWN], "total": len(found)}
    return answer(
        request, templates, page="contacts.html", fragment="contact_results.html", context=context
    )


@router.get("/contacts/new", response_class=HTMLResponse)
def new_contact(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return _form(request, templates, {}, {})


@router.post("/contacts/new", response_model=None)
def add_contact(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    from afterview.services.contacts import add_contact

    values = {name: form.get(name, "") for name in FIELDS}
    try:
        contact = add_contact(
            ws,
            name=values["name"],
            emails=[e for e in re.split(r"[,;\s]+", values["emails"]) if e],
            phones=[p for p in values["phones"].split(",") if p.strip()],
            company=values["company"] or None,
            title=values["title"],
            notes=values["notes"],
        )
    except (InvalidInput, Ambiguous, NotFound) as error:
        errors = field_errors(error, RENAMED, "company")
        return _form(request, templates, values, errors, status=422)
    return RedirectResponse(f"/contacts/{contact.id}", status_code=303)


@router.get("/contacts/{contact_id}", response_class=HTMLResponse)
def show_contact(
    request: Request, contact_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> HTMLResponse:
    return templates.TemplateResponse(request, "contact.html", contact_context(ws, contact_id))


def contact_context(ws: WorkspaceDep, contact_id: int) -> dict[str, object]:
    """The contact's page: details, interviews, timeline, the form that marks them as a
    reference (with where they were given, if they are one) and the one that records a
    reply of theirs."""
    from afterview.services.contacts import show_contact
    from afterview.services.references import list_references

    detail = show_contact(ws, contact_id)
    contact = detail.contact
    reference = next((r for r in list_references(ws) if r.contact.id == contact.id), None)
    return {
        "active": "contacts",
        "contact": contact,
        "interviews": detail.interviews,
        "timeline": timeline(detail.timeline),
        "zone": detail.zone,
        "reference": reference,
        "reference_values": {
            "relationship": contact.relationship,
            "knows_work": contact.knows_work,
        },
        "reference_errors": {},
    } | reply_context(ws, contact.id)


def _form(
    request: Request,
    templates: TemplatesDep,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status: int = 200,
) -> HTMLResponse:
    context = {"active": "contacts", "values": values, "errors": errors}
    return templates.TemplateResponse(request, "contact_form.html", context, status_code=status)

"""References (practice 2): the page that lists them, marking one from a contact's page, and
giving them for an application from its page (each gets a heads-up in the plan)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.actions import Action, ActionKind
from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.values import POSTING_LENGTH, limit_text
from afterview.services.drafts import DraftView
from afterview.services.references import Reference, Use
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FormDep, FormListsDep, application_answer, field_errors
from afterview.web.pages.contacts import contact_context

router = APIRouter()
MARK_FIELDS = ("relationship", "knows_work")
# The domain's names for what the give form sends.
GIVE_FIELDS = {"contacts": "contacts", "contact": "contacts", "on": "on"}


@dataclass(frozen=True, slots=True)
class HeadsUp:
    """The action planned to tell a reference they may be called, and its draft."""

    action: Action
    draft: DraftView | None


@dataclass(frozen=True, slots=True)
class GivenHere:
    """A reference given for the application shown, when, and its heads-up."""

    reference: Reference
    use: Use
    heads_up: HeadsUp | None


@router.get("/references", response_class=HTMLResponse)
def show_references(request: Request, ws: WorkspaceDep, templates: TemplatesDep) -> HTMLResponse:
    from afterview.services.references import list_references

    context = {
        "active": "references",
        "references": list_references(ws),
        "limit": ws.settings.reference_limit,
        "window_days": ws.settings.reference_window_days,
    }
    return templates.TemplateResponse(request, "references.html", context)


@router.post("/contacts/{contact_id}/reference", response_model=None)
def mark_reference(
    request: Request, contact_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Mark the contact as a reference, or change what is said about them."""
    from afterview.services.references import mark_reference

    values = {name: form.get(name, "").strip() for name in MARK_FIELDS}
    try:
        limit_text(values["relationship"], "relationship")
        limit_text(values["knows_work"], "knows_work", POSTING_LENGTH)
        mark_reference(
            ws,
            contact_id,
            relationship=values["relationship"],
            knows_work=values["knows_work"],
        )
    except InvalidInput as error:
        context = contact_context(ws, contact_id) | {
            "reference_values": values,
            "reference_errors": field_errors(error, {name: name for name in MARK_FIELDS}),
        }
        return templates.TemplateResponse(request, "contact.html", context, status_code=422)
    return RedirectResponse(f"/contacts/{contact_id}", status_code=303)


@router.post("/contacts/{contact_id}/reference/remove")
def unmark_reference(contact_id: int, ws: WorkspaceDep) -> RedirectResponse:
    """The contact is no longer a reference (where they were given stays in the log)."""
    from afterview.services.references import mark_reference

    mark_reference(ws, contact_id, marked=False)
    return RedirectResponse(f"/contacts/{contact_id}", status_code=303)


@router.post("/applications/{application_id}/references", response_model=None)
def give_references(
    request: Request,
    application_id: int,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    form: FormListsDep,
) -> HTMLResponse:
    """Log the references chosen on the application's page; the page comes back with the
    heads-up planned for each."""
    from afterview.services.references import give_references
    from afterview.web.pages.applications import detail_context

    chosen = form.get("contacts", [])
    on = next(iter(form.get("on", [])), "").strip()
    try:
        given = give_references(ws, application_id, chosen, on or None)
    except (InvalidInput, Ambiguous, NotFound) as error:
        if isinstance(error, NotFound) and error.kind == "application":
            raise
        context = detail_context(ws, application_id) | {
            "give_values": {"on": on, "contacts": chosen},
            "give_errors": field_errors(error, GIVE_FIELDS, "contacts"),
        }
        status = 422
    else:
        context = detail_context(ws, application_id) | {"give_notice": given}
        status = 200
    return application_answer(request, templates, context, status)


def give_context(
    ws: WorkspaceDep, application_id: int, actions: Sequence[Action], zone: str
) -> dict[str, object]:
    """The application page's references: those you have (to choose from), those given
    for this application with their heads-up, and the give form's defaults."""
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.references import list_references

    references = list_references(ws)
    planned = {
        a.contact_id: a
        for a in actions
        if a.kind == ActionKind.REFERENCE_HEADS_UP and a.contact_id is not None
    }
    drafts = drafts_for_actions(ws, list(planned.values()))
    heads_ups = {who: HeadsUp(a, drafts.get(a.id)) for who, a in planned.items()}
    given = [
        GivenHere(r, use, heads_ups.get(r.contact.id))
        for r in references
        for use in r.uses
        if use.use.application_id == application_id
    ]
    today = ws.now().astimezone(ZoneInfo(zone)).date().isoformat()
    return {
        "references": references,
        "given": given,
        "heads_ups": heads_ups,
        "today": today,
        "give_values": {"on": today, "contacts": []},
        "give_errors": {},
        "give_notice": None,
    }

"""References (practice 2): mark contacts as references, log which were given for an
application (each gets a heads-up in the plan), and see which are asked too often."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from afterview.domain.actions import Action, ActionKind
from afterview.services import references as service
from afterview.services.references import Reference
from afterview.web.api.actions import ActionOut, with_draft
from afterview.web.api.contacts import ContactOut, contact_out
from afterview.web.api.fields import Long, Short, Words, body_fields
from afterview.web.api.fields import Reference as RecordReference
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["references"])
# A contact named in the body that does not exist is bad input there (422).
BODY_FIELDS = {"contact": "contacts"}


class ReferenceIn(BaseModel):
    """What to say about a reference (omitted or null: left as it is; '' clears it)."""

    relationship: Short | None = Field(
        None, description="How they know you: 'my manager at Initech, 2021-2024'."
    )
    knows_work: Long | None = Field(None, description="What of your work they can speak to.")


class ReferenceOut(BaseModel):
    """A reference: the contact, how they know you and your work, where they were given
    (newest first), how often within the last `window_days` (`recent`), and a `warning`
    when that is more than `limit`. In the answer to giving references, `heads_up` is the
    action planned to tell them, with its draft."""

    contact: ContactOut
    relationship: str
    knows_work: str
    uses: list[dict[str, object]]
    recent: int
    limit: int
    window_days: int
    overused: bool
    warning: str
    heads_up: ActionOut | None = None


class GivenIn(BaseModel):
    """The references you gave for the application, and the day (default today)."""

    contacts: list[RecordReference] = Field(
        max_length=50, description="Contacts by id or name; each becomes a reference."
    )
    on: Words | None = Field(None, description="The day: '2026-11-20', 'yesterday'.")


class GivenOut(BaseModel):
    """The references logged now, each with its heads-up; and those given for this
    application before (nothing new was logged for them)."""

    added: list[ReferenceOut]
    already: list[ContactOut]


@router.get("/references", response_model_exclude_unset=True)
def list_references(ws: WorkspaceDep) -> list[ReferenceOut]:
    """Your references, with where each was given lately and which are asked too often."""
    return [reference_out(r) for r in service.list_references(ws)]


@router.put("/contacts/{contact_id}/reference", response_model_exclude_unset=True)
def mark_reference(contact_id: int, change: ReferenceIn, ws: WorkspaceDep) -> ReferenceOut:
    """Mark a contact as a reference (again: change what is said about them)."""
    contact = service.mark_reference(
        ws, contact_id, relationship=change.relationship, knows_work=change.knows_work
    )
    found = next(r for r in service.list_references(ws) if r.contact.id == contact.id)
    return reference_out(found)


@router.delete("/contacts/{contact_id}/reference", status_code=204, response_class=Response)
def unmark_reference(contact_id: int, ws: WorkspaceDep) -> None:
    """The contact is no longer a reference (where they were given stays in the log)."""
    service.mark_reference(ws, contact_id, marked=False)


@router.post("/applications/{application_id}/references", response_model_exclude_unset=True)
def give_references(application_id: int, given: GivenIn, ws: WorkspaceDep) -> GivenOut:
    """Log that you gave these references for the application; each gets a heads-up in the
    plan (practice 2), with its draft."""
    with body_fields(BODY_FIELDS):
        done = service.give_references(ws, application_id, given.contacts, given.on)
    heads_ups = planned_heads_ups(ws, application_id)
    added = []
    for reference in done.added:
        out = reference_out(reference)
        out.heads_up = heads_ups.get(reference.contact.id)
        added.append(out)
    return GivenOut(added=added, already=[contact_out(c) for c in done.already])


def planned_heads_ups(ws: WorkspaceDep, application_id: int) -> dict[int, ActionOut]:
    """The pending heads-ups of the application's plan, by the reference they are for."""
    from afterview.services.actions import application_actions
    from afterview.services.drafts import drafts_for_actions

    actions = heads_up_actions(application_actions(ws, application_id))
    drafts = drafts_for_actions(ws, list(actions.values()))
    return {contact_id: with_draft(a, drafts) for contact_id, a in actions.items()}


def heads_up_actions(actions: list[Action]) -> Mapping[int, Action]:
    """The pending heads-up actions, by contact."""
    return {
        a.contact_id: a
        for a in actions
        if a.kind == ActionKind.REFERENCE_HEADS_UP and a.contact_id and a.state.is_pending
    }


def reference_out(reference: Reference) -> ReferenceOut:
    contact = reference.contact
    return ReferenceOut(
        contact=contact_out(contact),
        relationship=contact.relationship,
        knows_work=contact.knows_work,
        uses=[
            {
                "application": {"id": u.use.application_id, "label": u.application_label},
                "given_on": u.use.given_on.isoformat(),
            }
            for u in reference.uses
        ],
        recent=reference.recent,
        limit=reference.limit,
        window_days=reference.window_days,
        overused=reference.overused,
        warning=reference.warning,
    )

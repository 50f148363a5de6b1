"""Contacts: search, show (with interviews and timeline), add, edit."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from afterview.domain.contacts import Contact
from afterview.domain.values import EMAIL_LENGTH, NAME_LENGTH
from afterview.services import contacts as service
from afterview.web.api.events import EventOut, event_out
from afterview.web.api.fields import Long, Name, Short, body_fields
from afterview.web.api.interviews import InterviewOut, interview_out
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/contacts", tags=["contacts"])

# The domain checks one `email` at a time; a company named that does not exist is bad input.
BODY_FIELDS = {"email": "emails", "company": "company"}
SEARCH = "Words in the name, title, company or e-mail."


class ContactIn(BaseModel):
    """A contact to add (`name` is required) or the fields to change (omitted or null: left
    alone; `emails` and `phones` replace the lists; company '' detaches)."""

    name: Name | None = None
    emails: list[Annotated[str, Field(max_length=EMAIL_LENGTH)]] | None = None
    phones: list[Annotated[str, Field(max_length=50)]] | None = None
    company: Short | None = Field(None, description="Id, name or alias; a new name is created.")
    title: Short | None = None
    notes: Long | None = None


class ContactOut(BaseModel):
    """The Contact of docs/json.md (`company` is null without one); one contact alone adds
    `interviews` (those they were on) and `timeline`."""

    id: int
    uid: str
    name: str
    emails: list[str]
    phones: list[str]
    company: dict[str, int | str] | None
    title: str
    origin: str
    notes: str
    linkedin_url: str
    connected_on: str | None
    past_companies: list[str]
    is_reference: bool
    relationship: str
    knows_work: str
    created_at: str
    updated_at: str
    interviews: list[InterviewOut] | None = None
    timeline: list[EventOut] | None = None


def contact_out(contact: Contact) -> ContactOut:
    company: dict[str, int | str] | None = (
        {"id": contact.company_id, "name": contact.company_name or ""}
        if contact.company_id is not None
        else None
    )
    return ContactOut(
        id=contact.id,
        uid=str(contact.uid),
        name=contact.name,
        emails=list(contact.emails),
        phones=list(contact.phones),
        company=company,
        title=contact.title,
        origin=contact.origin,
        notes=contact.notes,
        linkedin_url=contact.linkedin_url,
        connected_on=contact.connected_on.isoformat() if contact.connected_on else None,
        past_companies=list(contact.past_companies),
        is_reference=contact.is_reference,
        relationship=contact.relationship,
        knows_work=contact.knows_work,
        created_at=contact.created_at.isoformat(),
        updated_at=contact.updated_at.isoformat(),
    )


@router.get("", response_model_exclude_unset=True)
def list_contacts(
    ws: WorkspaceDep,
    q: Annotated[
        str,
        Query(max_length=NAME_LENGTH, description=SEARCH),
    ] = "",
    company: Annotated[str | None, Query(description="Only this company (id or name).")] = None,
) -> list[ContactOut]:
    """Contacts, by name; `q` searches as you type."""
    return [contact_out(c) for c in service.list_contacts(ws, search=q, company=company)]


@router.get("/{contact_id}", response_model_exclude_unset=True)
def show_contact(contact_id: int, ws: WorkspaceDep) -> ContactOut:
    """One contact with the interviews they were on and their timeline."""
    detail = service.show_contact(ws, contact_id)
    out = contact_out(detail.contact)
    out.interviews = [interview_out(i) for i in detail.interviews]
    out.timeline = [event_out(e) for e in detail.timeline]
    return out


@router.post("", status_code=201, response_model_exclude_unset=True)
def add_contact(new: ContactIn, ws: WorkspaceDep) -> ContactOut:
    """Add a contact; the company is created if new."""
    with body_fields(BODY_FIELDS):
        contact = service.add_contact(
            ws,
            name=new.name or "",
            emails=new.emails or (),
            phones=new.phones or (),
            company=new.company,
            title=new.title or "",
            notes=new.notes or "",
        )
    return contact_out(contact)


@router.patch("/{contact_id}", response_model_exclude_unset=True)
def edit_contact(contact_id: int, change: ContactIn, ws: WorkspaceDep) -> ContactOut:
    """Change the given fields; the drafts addressed to this contact follow."""
    with body_fields(BODY_FIELDS):
        contact = service.edit_contact(
            ws,
            contact_id,
            name=change.name,
            emails=change.emails,
            phones=change.phones,
            company=change.company,
            title=change.title,
            notes=change.notes,
        )
    return contact_out(contact)

"""Contacts: adding, editing, finding, and each one's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import uuid4

from sqlalchemy.orm import Session

from afterview.domain.contacts import Contact
from afterview.domain.events import Event, SubjectKind
from afterview.domain.interviews import Interview
from afterview.domain.values import check_email, limit_text, require_text, unique_texts
from afterview.services.companies import company_named, find_company
from afterview.services.timeline import fields_of, kept, record_changes, record_created
from afterview.services.workspace import Workspace, resolve
from afterview.store import contacts as contact_store
from afterview.store import interviews as interview_store
from afterview.store.events import list_events

EDITABLE = ("name", "emails", "phones", "company_name", "title", "notes")


@dataclass(frozen=True, slots=True)
class ContactDetail:
    contact: Contact
    interviews: list[Interview]
    timeline: list[Event]
    zone: str  # the profile's zone, to show times in


def find_contact(session: Session, reference: str | int) -> Contact:
    return resolve(
        session,
        "contact",
        reference,
        contact_store.get_contact,
        contact_store.contact_candidates,
    )


def new_contact(
    session: Session,
    now: datetime,
    *,
    name: str,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    company: str | None = None,
    title: str = "",
    notes: str = "",
    origin: str = "manual",
) -> Contact:
    """Insert a contact inside an open transaction (used by other use cases too)."""
    employer = company_named(session, company, now) if company and company.strip() else None
    contact = Contact(
        id=0,
        uid=uuid4(),
        name=require_text(name, "name"),
        emails=unique_texts(check_email(email) for email in emails),
        phones=unique_texts(phones),
        company_id=employer.id if employer else None,
        company_name=employer.name if employer else None,
        title=limit_text(title, "title"),
        origin=origin,
        notes=notes.strip(),
        created_at=now,
        updated_at=now,
    )
    saved = contact_store.save_contact(session, contact)
    record_created(session, SubjectKind.CONTACT, saved.id, now, saved.label)
    return saved


def add_contact(
    ws: Workspace,
    *,
    name: str,
    emails: Sequence[str] = (),
    phones: Sequence[str] = (),
    company: str | None = None,
    title: str = "",
    notes: str = "",
) -> Contact:
    now = ws.now()
    with ws.ready().write() as session:
        return new_contact(
            session,
            now,
            name=name,
            emails=emails,
            phones=phones,
            company=company,
            title=title,
            notes=notes,
        )


def edit_contact(
    ws: Workspace,
    reference: str | int,
    *,
    name: str | None = None,
    emails: Sequence[str] | None = None,
    phones: Sequence[str] | None = None,
    company: str | None = None,
    title: str | None = None,
    notes: str | None = None,
) -> Contact:
    """Change the given fields; company '' detaches the contact from its company."""
    now = ws.now()
    with ws.ready().write() as session:
        current = find_contact(session, reference)
        employer_id, employer_name = current.company_id, current.company_name
        if company is not None:
            employer = company_named(session, company, now) if company.strip() else None
            employer_id = employer.id if employer else None
            employer_name = employer.name if employer else None
        edited = replace(
            current,
            name=require_text(kept(name, current.name), "name"),
            emails=(
                unique_texts(check_email(e) for e in emails)
                if emails is not None
                else current.emails
            ),
            phones=unique_texts(phones) if phones is not None else current.phones,
            company_id=employer_id,
            company_name=employer_name,
            title=limit_text(kept(title, current.title), "title"),
            notes=kept(notes, current.notes).strip(),
            updated_at=now,
        )
        before, after = fields_of(current, EDITABLE), fields_of(edited, EDITABLE)
        if not record_changes(session, SubjectKind.CONTACT, current.id, now, before, after):
            return current
        saved = contact_store.save_contact(session, edited)
        # Drafts need Jinja: loaded only when a contact actually changed.
        from afterview.services.drafting import follow_contact

        follow_contact(ws, session, saved, now)
        return saved


def list_contacts(ws: Workspace, *, search: str = "", company: str | None = None) -> list[Contact]:
    with ws.ready().read() as session:
        company_id = find_company(session, company).id if company is not None else None
        return contact_store.list_contacts(session, company_id=company_id, search=search)


def show_contact(ws: Workspace, reference: str | int) -> ContactDetail:
    with ws.ready().read() as session:
        contact = find_contact(session, reference)
        interviews = interview_store.list_interviews(session, contact_id=contact.id)
        events = list_events(session, [(SubjectKind.CONTACT, contact.id)])
        return ContactDetail(contact, interviews, events, ws.home_zone(session))

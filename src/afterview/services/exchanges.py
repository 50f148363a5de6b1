"""Networking (practice 5): whom you asked about an application, and who replied. Asking is
sending a networking note (`draft networking-note APP --to CONTACT`); every message sent to
a person, and every reply you record, shows on their timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from afterview.domain.contacts import Contact
from afterview.domain.drafts import Draft, DraftKind, DraftState
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.values import limit_text
from afterview.services.applications import find_application
from afterview.services.contacts import find_contact
from afterview.services.workspace import Workspace
from afterview.store import contacts as contact_store
from afterview.store import drafts as draft_store
from afterview.store.events import append_event, list_events

NOTE_LENGTH = 5_000


@dataclass(frozen=True, slots=True)
class Exchange:
    """One person asked (or about to be) about an application."""

    contact: Contact
    draft: Draft  # the networking note
    asked_at: datetime | None  # when it was sent; None: still a draft
    replied_at: datetime | None


def record_reply(
    ws: Workspace, contact: str | int, *, application: str | int | None = None, note: str = ""
) -> Contact:
    """Note that a person replied (about an application, when given); it shows on their
    timeline and marks them as having replied in `network list`."""
    now = ws.now()
    with ws.ready().write() as session:
        person = find_contact(session, contact)
        data: dict[str, object] = {"note": " ".join(limit_text(note, "note", NOTE_LENGTH).split())}
        if application is not None:
            target = find_application(session, application)
            data |= {"application": target.id, "about": target.label}
        append_event(session, SubjectKind.CONTACT, person.id, EventKind.REPLIED, now, data)
        return person


def exchanges(ws: Workspace, application: str | int) -> list[Exchange]:
    """The networking notes written for an application: to whom, sent when, replied when
    (a reply about this application, or any reply after the note was sent)."""
    with ws.ready().read() as session:
        target = find_application(session, application)
        notes = [
            d
            for d in draft_store.list_drafts(session, application_ids=[target.id])
            if d.kind == DraftKind.NETWORKING_NOTE
            and d.contact_id is not None
            and d.state != DraftState.DISCARDED
        ]
        people = {
            c.id: c
            for c in contact_store.list_contacts(session, ids={d.contact_id or 0 for d in notes})
        }
        events = list_events(session, [(SubjectKind.CONTACT, i) for i in people])
        found = []
        for note in notes:
            asked = note.sent_at if note.state == DraftState.SENT else None
            replies = [
                e.at
                for e in events
                if e.kind == EventKind.REPLIED
                and e.subject_id == note.contact_id
                and (
                    e.data.get("application") == target.id
                    or ("application" not in e.data and asked is not None and e.at >= asked)
                )
            ]
            found.append(
                Exchange(people[note.contact_id or 0], note, asked, min(replies, default=None))
            )
        return sorted(found, key=lambda x: (x.asked_at is None, x.contact.name.casefold()))

"""References (practice 2): contacts marked as references, the log of which were given for
which application, and a warning when one is asked too often."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.contacts import Contact, ReferenceUse
from afterview.domain.errors import InvalidInput
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.moments import parse_day
from afterview.domain.values import limit_text
from afterview.services.applications import find_application
from afterview.services.contacts import find_contact
from afterview.services.timeline import fields_of, record_changes
from afterview.services.workspace import Workspace
from afterview.store import applications as application_store
from afterview.store import contacts as contact_store
from afterview.store import references as reference_store
from afterview.store.events import append_event

FIELDS = ("is_reference", "relationship", "knows_work")
RELATIONSHIP_LENGTH = 200
NOTES_LENGTH = 50_000


@dataclass(frozen=True, slots=True)
class Use:
    use: ReferenceUse
    application_label: str


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference, where it was given, and whether it has been asked too often lately."""

    contact: Contact
    uses: list[Use]  # newest first
    recent: int  # uses within the window
    limit: int
    window_days: int

    @property
    def overused(self) -> bool:
        return self.recent > self.limit

    @property
    def warning(self) -> str:
        if not self.overused:
            return ""
        return (
            f"Given {self.recent} times in the last {self.window_days} days (more than "
            f"{self.limit}): ask someone else, or thank them well."
        )


@dataclass(frozen=True, slots=True)
class Given:
    added: list[Reference]
    already: list[Contact]  # given for this application before: nothing new


def mark_reference(
    ws: Workspace,
    reference: str | int,
    *,
    relationship: str | None = None,
    knows_work: str | None = None,
    marked: bool = True,
) -> Contact:
    """Mark a contact as a reference (or not), with how they know you and your work."""
    now = ws.now()
    with ws.ready().write() as session:
        contact = find_contact(session, reference)
        changed = replace(
            contact,
            is_reference=marked,
            relationship=contact.relationship
            if relationship is None
            else limit_text(relationship, "relationship", RELATIONSHIP_LENGTH),
            knows_work=contact.knows_work
            if knows_work is None
            else limit_text(knows_work, "knows_work", NOTES_LENGTH),
            updated_at=now,
        )
        before, after = fields_of(contact, FIELDS), fields_of(changed, FIELDS)
        if record_changes(session, SubjectKind.CONTACT, contact.id, now, before, after):
            contact = contact_store.save_contact(session, changed)
        return contact


def give_references(
    ws: Workspace, application: str | int, contacts: Sequence[str | int], on: str | None = None
) -> Given:
    """Log that these references were given for the application (on a day, today by
    default). Each becomes a reference if it was not one; the plan gets a heads-up for each
    (practice 2)."""
    from afterview.services.playbook import replan_application

    if not contacts:
        raise InvalidInput("Name at least one reference to give.", field="contacts")
    now = ws.now()
    with ws.ready().write() as session:
        target = find_application(session, application)
        zone = ws.home_zone(session)
        today = now.astimezone(ZoneInfo(zone)).date()
        day = parse_day(on, now=now, zone=zone, field="on") if on else today
        if day > today:
            raise InvalidInput(f"References cannot be given in the future ({day}).", field="on")
        people = list({c.id: c for c in (find_contact(session, r) for r in contacts)}.values())
        before = {
            u.contact_id for u in reference_store.list_uses(session, application_ids=[target.id])
        }
        added, already = [], []
        for person in people:
            if person.id in before:
                already.append(person)
                continue
            if not person.is_reference:
                contact_store.save_contact(
                    session, replace(person, is_reference=True, updated_at=now)
                )
            reference_store.add_use(session, person.id, target.id, day, now)
            given = {"on": day.isoformat()}
            append_event(
                session,
                SubjectKind.APPLICATION,
                target.id,
                EventKind.REFERENCE_GIVEN,
                now,
                given | {"contact": person.id, "name": person.name},
            )
            append_event(
                session,
                SubjectKind.CONTACT,
                person.id,
                EventKind.REFERENCE_GIVEN,
                now,
                given | {"application": target.id, "about": target.label},
            )
            added.append(person.id)
        replan_application(ws, session, target.id, now)
        found = {r.contact.id: r for r in _references(session, ws, today)}
        return Given([found[i] for i in added], already)


def list_references(ws: Workspace) -> list[Reference]:
    """Every reference, with where each was given, newest first."""
    with ws.ready().read() as session:
        today = ws.now().astimezone(ZoneInfo(ws.home_zone(session))).date()
        return _references(session, ws, today)


def _references(session: Session, ws: Workspace, today: date) -> list[Reference]:
    people = reference_store.list_references(session)
    uses = reference_store.list_uses(session, contact_ids=[p.id for p in people])
    labels = {
        a.id: a.label
        for a in application_store.list_applications(session, ids={u.application_id for u in uses})
    }
    window = ws.settings.reference_window_days
    since = today - timedelta(days=window)
    found = []
    for person in people:
        mine = sorted(
            (u for u in uses if u.contact_id == person.id),
            key=lambda u: (u.given_on, u.id),
            reverse=True,
        )
        found.append(
            Reference(
                person,
                [Use(u, labels[u.application_id]) for u in mine],
                recent=sum(u.given_on > since for u in mine),
                limit=ws.settings.reference_limit,
                window_days=window,
            )
        )
    return found

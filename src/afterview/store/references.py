"""Reference uses in the store: which reference was given for which application."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.contacts import Contact, ReferenceUse
from afterview.store.contacts import plain_contacts, to_contact
from afterview.store.rows import ContactRow, ReferenceUseRow


def to_use(row: ReferenceUseRow) -> ReferenceUse:
    return ReferenceUse(
        id=row.id,
        uid=row.uid,
        contact_id=row.contact_id,
        application_id=row.application_id,
        given_on=row.given_on,
        created_at=row.created_at,
    )


def add_use(
    session: Session, contact_id: int, application_id: int, given_on: date, now: datetime
) -> ReferenceUse:
    row = ReferenceUseRow(
        uid=uuid4(),
        contact_id=contact_id,
        application_id=application_id,
        given_on=given_on,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return to_use(row)


def list_uses(
    session: Session,
    *,
    application_ids: Collection[int] | None = None,
    contact_ids: Collection[int] | None = None,
) -> list[ReferenceUse]:
    """Uses, oldest first; of some applications or of some contacts."""
    query = select(ReferenceUseRow).order_by(ReferenceUseRow.given_on, ReferenceUseRow.id)
    if application_ids is not None:
        query = query.where(ReferenceUseRow.application_id.in_(list(application_ids)))
    if contact_ids is not None:
        query = query.where(ReferenceUseRow.contact_id.in_(list(contact_ids)))
    return [to_use(row) for row in session.scalars(query)]


def list_references(session: Session) -> list[Contact]:
    """The contacts marked as references, by name."""
    query = plain_contacts().where(ContactRow.is_reference).order_by(ContactRow.name)
    return [to_contact(row) for row in session.execute(query)]

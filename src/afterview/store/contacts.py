"""Contacts in the store."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Row, Select, String, Table, cast, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from afterview.domain.contacts import Contact
from afterview.domain.errors import NotFound
from afterview.domain.lookup import search_words
from afterview.store.rows import CompanyRow, ContactRow


def plain_contacts() -> Select[Any]:
    """The contacts' columns and their company's name, as plain rows (to_contact makes each a
    Contact): ORM objects would cost several times more, and a lazy load per company."""
    table = ContactRow.__table__
    assert isinstance(table, Table)
    return select(*table.columns, CompanyRow.name.label("company_name")).outerjoin(
        CompanyRow, CompanyRow.id == table.c.company_id
    )


def to_contact(row: Row[Any]) -> Contact:
    """A contact from a row of plain_contacts()."""
    return Contact(
        id=row.id,
        uid=row.uid,
        name=row.name,
        emails=tuple(row.emails),
        phones=tuple(row.phones),
        company_id=row.company_id,
        company_name=row.company_name,
        title=row.title,
        origin=row.origin,
        notes=row.notes,
        linkedin_url=row.linkedin_url,
        connected_on=row.connected_on,
        past_companies=tuple(row.past_companies),
        is_reference=row.is_reference,
        relationship=row.relationship,
        knows_work=row.knows_work,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_contact(session: Session, contact_id: int) -> Contact:
    row = session.execute(plain_contacts().where(ContactRow.id == contact_id)).first()
    if row is None:
        raise NotFound("contact", contact_id)
    return to_contact(row)


def list_contacts(
    session: Session,
    *,
    company_id: int | None = None,
    search: str = "",
    ids: Collection[int] | None = None,
    company_ids: Collection[int] | None = None,
) -> list[Contact]:
    """Contacts by name; `search` keeps those whose name, title, company or e-mail has it;
    `ids`, those with these ids; `company_ids`, those at these companies."""
    query = plain_contacts().order_by(func.lower(ContactRow.name))
    if ids is not None:
        query = query.where(ContactRow.id.in_(list(ids)))
    if company_ids is not None:
        query = query.where(ContactRow.company_id.in_(list(company_ids)))
    if company_id is not None:
        query = query.where(ContactRow.company_id == company_id)
    for token in search_words(search):
        query = query.where(_searchable().contains(token, autoescape=True))
    return [to_contact(row) for row in session.execute(query)]


def with_email_at(session: Session, domains: Collection[str]) -> list[Contact]:
    """Contacts with an address that mentions one of the domains (a rough cut in SQL: the
    caller checks the addresses)."""
    if not domains:
        return []
    text = func.lower(cast(ContactRow.emails, String))
    query = plain_contacts().where(
        or_(*(text.contains(domain.casefold(), autoescape=True) for domain in domains))
    )
    return [to_contact(row) for row in session.execute(query)]


def with_past_companies(session: Session) -> list[Contact]:
    """Contacts known to have worked somewhere before."""
    query = plain_contacts().where(cast(ContactRow.past_companies, String) != "[]")
    return [to_contact(row) for row in session.execute(query)]


def contact_candidates(session: Session, fragment: str) -> list[tuple[int, str, str]]:
    """(id, label, name) of contacts matching every word of `fragment`."""
    return [
        (c.id, f"{c.label} <{c.emails[0]}>" if c.emails else c.label, c.name)
        for c in list_contacts(session, search=fragment)
    ]


def _searchable() -> ColumnElement[str]:
    return func.lower(
        ContactRow.name
        + " "
        + ContactRow.title
        + " "
        + func.coalesce(CompanyRow.name, "")
        + " "
        + cast(ContactRow.emails, String)
    )


def save_contact(session: Session, contact: Contact) -> Contact:
    """Insert (id 0) or update a contact and return it as stored."""
    row = session.get(ContactRow, contact.id) if contact.id else None
    if row is None:
        row = ContactRow(id=contact.id or None, uid=contact.uid, created_at=contact.created_at)
        session.add(row)
    row.name = contact.name
    row.emails = list(contact.emails)
    row.phones = list(contact.phones)
    row.company_id = contact.company_id
    row.title = contact.title
    row.origin = contact.origin
    row.notes = contact.notes
    row.linkedin_url = contact.linkedin_url
    row.connected_on = contact.connected_on
    row.past_companies = list(contact.past_companies)
    row.is_reference = contact.is_reference
    row.relationship_ = contact.relationship
    row.knows_work = contact.knows_work
    row.updated_at = contact.updated_at
    session.flush()
    return get_contact(session, row.id)


def names(session: Session, contact_ids: Collection[int]) -> dict[int, str]:
    """Contact id → name, for the given ids."""
    if not contact_ids:
        return {}
    query = select(ContactRow.id, ContactRow.name).where(ContactRow.id.in_(list(contact_ids)))
    return {contact_id: name for contact_id, name in session.execute(query)}  # noqa: C416 - rows


def first_with_title(
    session: Session, company_id: int, fragments: Collection[str]
) -> Contact | None:
    """The first contact (by name) at a company whose title holds one of the fragments
    (lower case). Titles are read as plain rows and matched here: SQL would call the
    Unicode lower() once per row and fragment."""
    query = (
        select(ContactRow.id, ContactRow.name, ContactRow.title)
        .where(ContactRow.company_id == company_id)
        .order_by(ContactRow.id)
    )
    found = [
        (name.casefold(), id_)
        for id_, name, title in session.execute(query)
        if any(fragment in f" {title.casefold()} " for fragment in fragments)
    ]
    return get_contact(session, min(found)[1]) if found else None

"""Companies: adding, editing, finding, and what you have going on at each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import uuid4

from sqlalchemy.orm import Session

from afterview.domain.applications import Application
from afterview.domain.companies import Company
from afterview.domain.contacts import Contact
from afterview.domain.errors import Ambiguous
from afterview.domain.events import Event, SubjectKind
from afterview.domain.values import check_domain, require_text, unique_texts
from afterview.services.timeline import fields_of, kept, record_changes, record_created
from afterview.services.workspace import Workspace, resolve
from afterview.store import applications as application_store
from afterview.store import companies as company_store
from afterview.store import contacts as contact_store
from afterview.store.events import list_events

EDITABLE = ("name", "aliases", "domains", "notes")


@dataclass(frozen=True, slots=True)
class CompanyDetail:
    company: Company
    applications: list[Application]
    contacts: list[Contact]
    timeline: list[Event]
    zone: str  # the profile's zone, to show times in


def find_company(
    session: Session,
    reference: str | int,
    companies: list[company_store.CompanyName] | None = None,
) -> Company:
    """The company `reference` names: its id, or words of its name or an alias that only it
    matches. `companies`: company_names, when the caller has read them already."""
    return resolve(
        session,
        "company",
        reference,
        company_store.get_company,
        lambda s, _fragment: company_store.company_candidates(
            company_store.company_names(s) if companies is None else companies
        ),
    )


def company_named(session: Session, reference: str, now: datetime) -> Company:
    """The company `reference` names — its id, name or one of its aliases — created under
    that name when there is none. An alias shared by several companies is ambiguous."""
    text = reference.strip()
    if text.isascii() and text.isdigit():
        return company_store.get_company(session, int(text))
    found = company_store.find_companies_by_name(session, text)
    if len(found) > 1:
        raise Ambiguous("company", text, [(c.id, c.name) for c in found])
    if found:
        return found[0]
    company = company_store.save_company(
        session,
        Company(
            id=0, uid=uuid4(), name=require_text(text, "company"), created_at=now, updated_at=now
        ),
    )
    record_created(session, SubjectKind.COMPANY, company.id, now, company.name)
    return company


def add_company(
    ws: Workspace,
    *,
    name: str,
    aliases: Sequence[str] = (),
    domains: Sequence[str] = (),
    notes: str = "",
) -> Company:
    now = ws.now()
    company = Company(
        id=0,
        uid=uuid4(),
        name=require_text(name, "name"),
        aliases=_aliases(aliases),
        domains=_domains(domains),
        notes=notes.strip(),
        created_at=now,
        updated_at=now,
    )
    with ws.ready().write() as session:
        saved = company_store.save_company(session, company)
        record_created(session, SubjectKind.COMPANY, saved.id, now, saved.name)
        return saved


def edit_company(
    ws: Workspace,
    reference: str | int,
    *,
    name: str | None = None,
    aliases: Sequence[str] | None = None,
    domains: Sequence[str] | None = None,
    notes: str | None = None,
) -> Company:
    now = ws.now()
    with ws.ready().write() as session:
        company = find_company(session, reference)
        edited = replace(
            company,
            name=require_text(kept(name, company.name), "name"),
            aliases=_aliases(aliases) if aliases is not None else company.aliases,
            domains=_domains(domains) if domains is not None else company.domains,
            notes=kept(notes, company.notes).strip(),
            updated_at=now,
        )
        before, after = fields_of(company, EDITABLE), fields_of(edited, EDITABLE)
        if not record_changes(session, SubjectKind.COMPANY, company.id, now, before, after):
            return company
        return company_store.save_company(session, edited)


def list_companies(ws: Workspace) -> list[Company]:
    with ws.ready().read() as session:
        return company_store.list_companies(session)


def show_company(ws: Workspace, reference: str | int) -> CompanyDetail:
    with ws.ready().read() as session:
        company = find_company(session, reference)
        return CompanyDetail(
            company=company,
            applications=application_store.list_applications(session, company_id=company.id),
            contacts=contact_store.list_contacts(session, company_id=company.id),
            timeline=list_events(session, [(SubjectKind.COMPANY, company.id)]),
            zone=ws.home_zone(session),
        )


def _aliases(aliases: Sequence[str]) -> tuple[str, ...]:
    return unique_texts(require_text(alias, "alias") for alias in aliases)


def _domains(domains: Sequence[str]) -> tuple[str, ...]:
    return unique_texts(check_domain(domain) for domain in domains)

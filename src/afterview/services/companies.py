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
from afterview.domain.events import Event, SubjectKind
from afterview.domain.values import check_domain, require_text, unique_texts
from afterview.services.timeline import record_changes, record_created, timeline
from afterview.services.workspace import Workspace, resolve
from afterview.store import applications as application_store
from afterview.store import companies as company_store
from afterview.store import contacts as contact_store


@dataclass(frozen=True, slots=True)
class CompanyDetail:
    company: Company
    applications: list[Application]
    contacts: list[Contact]
    timeline: list[Event]


def find_company(session: Session, reference: str | int) -> Company:
    return resolve(
        session,
        "company",
        reference,
        company_store.get_company,
        lambda s, _fragment: company_store.company_candidates(s),
    )


def company_named(session: Session, name: str, now: datetime) -> Company:
    """The company called `name` (or with that alias), created when there is none."""
    existing = company_store.find_company_by_name(session, name)
    if existing is not None:
        return existing
    company = company_store.save_company(
        session,
        Company(
            id=0,
            uid=uuid4(),
            name=require_text(name, "company"),
            created_at=now,
            updated_at=now,
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
        aliases=unique_texts(aliases),
        domains=unique_texts(check_domain(domain) for domain in domains),
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
            name=require_text(name, "name") if name is not None else company.name,
            aliases=unique_texts(aliases) if aliases is not None else company.aliases,
            domains=(
                unique_texts(check_domain(d) for d in domains)
                if domains is not None
                else company.domains
            ),
            notes=notes.strip() if notes is not None else company.notes,
            updated_at=now,
        )
        fields = ("name", "aliases", "domains", "notes")
        changed = record_changes(
            session,
            SubjectKind.COMPANY,
            company.id,
            now,
            {f: getattr(company, f) for f in fields},
            {f: getattr(edited, f) for f in fields},
        )
        return company_store.save_company(session, edited) if changed else company


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
            timeline=timeline(session, [(SubjectKind.COMPANY, company.id)]),
        )

"""Companies in the store."""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from afterview.domain.companies import Company
from afterview.domain.errors import Conflict, NotFound
from afterview.store import transfer
from afterview.store.rows import CompanyRow


class CompanyName(NamedTuple):
    """A company's id and what names it: its name, aliases and e-mail domains (an Employer
    to the matcher). The light read for searching thousands of companies."""

    id: int
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def to_company(row: CompanyRow | Row[Any]) -> Company:
    """A company from its ORM row or a plain row of the table's columns."""
    return Company(
        id=row.id,
        uid=row.uid,
        name=row.name,
        aliases=tuple(row.aliases),
        domains=tuple(row.domains),
        notes=row.notes,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_company(session: Session, company_id: int) -> Company:
    row = session.get(CompanyRow, company_id)
    if row is None:
        raise NotFound("company", company_id)
    return to_company(row)


def find_companies_by_name(
    session: Session, name: str, companies: list[CompanyName] | None = None
) -> list[Company]:
    """The company called `name` (case-insensitive); else those with `name` as an alias.
    `companies`: company_names, when the caller has read them already."""
    key = name.strip().casefold()
    row = session.scalar(select(CompanyRow).where(CompanyRow.name_key == key))
    if row is not None:
        return [to_company(row)]
    return [
        get_company(session, company.id)
        for company in (company_names(session) if companies is None else companies)
        if key in (alias.casefold() for alias in company.aliases)
    ]


def list_companies(session: Session) -> list[Company]:
    """Every company by name, read as plain rows: a search with thousands of companies
    (an imported network) lists them often, and ORM objects cost ten times more."""
    table = CompanyRow.__table__
    query = select(*table.columns).order_by(table.c.name_key)
    return [to_company(row) for row in session.execute(query)]


def company_names(session: Session) -> list[CompanyName]:
    """Every company's id, name, aliases and domains, by name: some 30 times lighter than
    list_companies (no uids, times or notes; empty lists are not decoded)."""
    columns = ("id", "name", "aliases", "domains")
    rows = transfer.read_columns(session, "companies", columns, lists=columns[2:])
    found = [
        CompanyName(id_, name, tuple(aliases or ()), tuple(domains or ()))
        for id_, name, aliases, domains in rows
    ]
    return sorted(found, key=lambda company: company.name.casefold())


def company_candidates(companies: list[CompanyName]) -> list[tuple[int, str, str]]:
    """(id, searchable label, name) of each company, for resolve; aliases are part of the
    label."""
    return [(company.id, " / ".join(company.names()), company.name) for company in companies]


def _refuse_name_clashes(session: Session, company: Company) -> None:
    """A company's name and aliases must not be another company's name or alias."""
    clash = session.scalar(
        select(CompanyRow.id).where(
            CompanyRow.name_key == company.name.casefold(), CompanyRow.id != company.id
        )
    )
    if clash is not None:
        raise Conflict(f"There is already a company called {company.name!r} (company {clash}).")
    mine = {name.casefold() for name in company.names()}
    for other in company_names(session):
        if other.id == company.id:
            continue
        shared = mine & {name.casefold() for name in other.names()}
        if shared:
            raise Conflict(
                f"{sorted(shared)[0]!r} already names company {other.id} ({other.name})."
            )


def save_company(session: Session, company: Company) -> Company:
    """Insert (id 0) or update a company; its name must stay unique."""
    _refuse_name_clashes(session, company)
    row = session.get(CompanyRow, company.id) if company.id else None
    if row is None:
        row = CompanyRow(id=company.id or None, uid=company.uid, created_at=company.created_at)
        session.add(row)
    row.name = company.name
    row.name_key = company.name.casefold()
    row.aliases = list(company.aliases)
    row.domains = list(company.domains)
    row.notes = company.notes
    row.updated_at = company.updated_at
    session.flush()
    return to_company(row)

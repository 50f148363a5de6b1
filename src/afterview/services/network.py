"""Your network: who you know at a company, and who used to work there."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from afterview.domain.companies import Company
from afterview.domain.contacts import Contact
from afterview.domain.employers import (
    EmployerIndex,
    EmployerMatch,
    MatchLevel,
    find_affiliated,
    index_employers,
    match_employer,
    pick_employer,
    read_affiliation,
)
from afterview.domain.errors import NotFound
from afterview.domain.values import require_text
from afterview.services.applications import find_application
from afterview.services.companies import find_company
from afterview.services.workspace import Workspace
from afterview.store import companies as company_store
from afterview.store import contacts as contact_store
from afterview.store.companies import CompanyName

LEVELS = list(MatchLevel)  # strongest first


@dataclass(frozen=True, slots=True)
class Asked:
    """A company asked about that is not stored: only its name is known."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Acquaintance:
    contact: Contact
    match: EmployerMatch
    former: bool  # they used to work there (a past company)


@dataclass(frozen=True, slots=True)
class Who:
    asked: str
    company: Company | Asked  # the stored company the text names, or the text itself
    people: list[Acquaintance]  # best first; those who work there before those who did


class Employers:
    """What `who` reads of every stored company, worked out once: their names, aliases and
    domains; each name as the matcher reads it; and, when first needed, the index for
    picking one by a close spelling. Kept while the database is unchanged (Database.memo):
    a server showing "people you know here" on page after page reads thousands of
    companies once."""

    def __init__(self, companies: list[CompanyName]) -> None:
        self.companies = companies
        self.names = [(c, name) for c in companies for name in c.names()]
        self.affiliations = [read_affiliation(name) for _c, name in self.names]
        self._index: EmployerIndex[CompanyName] | None = None

    @property
    def index(self) -> EmployerIndex[CompanyName]:
        if self._index is None:
            self._index = index_employers(self.companies)
        return self._index


def employers(ws: Workspace, session: Session) -> Employers:
    """Every stored company, as `who` reads them; kept while nothing changes."""
    return ws.db.memo.get(
        "network.employers", None, lambda: Employers(company_store.company_names(session))
    )


def who_at(ws: Workspace, text: str) -> Who:
    """The people you know at the company `text` names (its id, name, an alias, or a close
    spelling of a stored one; or any company name), each with why they matched and how
    sure; then the people who used to work there."""
    asked = require_text(text, "company")
    with ws.ready().read() as session:
        known = employers(ws, session)
        target = _target(session, asked, known)
        return Who(asked, target, people_at(ws, session, target, known))


def people_for_application(ws: Workspace, application: str | int) -> Who:
    """The people you know at an application's company (its page's panel, and its
    interviews'), as `who_at` finds them."""
    with ws.ready().read() as session:
        found = find_application(session, application)
        company = company_store.get_company(session, found.company_id)
        return Who(company.name, company, people_at(ws, session, company))


def people_at(
    ws: Workspace, session: Session, company: Company | Asked, known: Employers | None = None
) -> list[Acquaintance]:
    """Who you know at a company, best first; then who used to work there. `known`: the
    stored companies, when the caller has them already."""
    current = _current(session, company, known or employers(ws, session))
    here = {p.contact.id for p in current}
    former = [p for p in _former(session, company) if p.contact.id not in here]
    return sorted([*current, *former], key=_best_first)


def _best_first(p: Acquaintance) -> tuple[bool, int, int, str]:
    """Those who work there first; then by the strength of the evidence (exact, alias,
    e-mail, fuzzy), its score, and the name."""
    return (p.former, LEVELS.index(p.match.level), -p.match.score, p.contact.name.casefold())


def _target(session: Session, text: str, known: Employers) -> Company | Asked:
    """The stored company the text names (id, name, alias, or words of one name, as other
    commands find records), or one spelled closely; else the text as a name."""
    if not (text.isascii() and text.isdigit()):
        named = company_store.find_companies_by_name(session, text, known.companies)
        if len(named) == 1:
            return named[0]  # most often, and cheaper than searching the words of every name
    try:
        return find_company(session, text, known.companies)
    except NotFound:
        if text.isascii() and text.isdigit():
            raise  # an id that is not there
    picked = pick_employer(read_affiliation(text), known.index)
    return company_store.get_company(session, picked[0].id) if picked else Asked(text)


def _current(session: Session, target: Company | Asked, known: Employers) -> list[Acquaintance]:
    """Contacts at a company whose name or alias matches the target's, or with a work
    address at one of its domains. Companies are matched first (a few thousand names), so
    only their people are read, not the whole address book."""
    matched: dict[int, EmployerMatch] = {}
    for number, match in find_affiliated(target, known.affiliations):
        company = known.names[number][0]
        if _better(match, matched.get(company.id)):
            matched[company.id] = match
    found = {
        c.id: Acquaintance(c, matched[c.company_id], former=False)
        for c in contact_store.list_contacts(session, company_ids=list(matched))
        if c.company_id is not None
    }
    by_mail = [c for c in contact_store.with_email_at(session, target.domains) if c.id not in found]
    affiliations = [read_affiliation(c.company_name or "", c.emails) for c in by_mail]
    for number, match in find_affiliated(target, affiliations):
        found[by_mail[number].id] = Acquaintance(by_mail[number], match, former=False)
    return list(found.values())


def _former(session: Session, target: Company | Asked) -> list[Acquaintance]:
    people = []
    for contact in contact_store.with_past_companies(session):
        matches = [
            match_employer(read_affiliation(past), target) for past in contact.past_companies
        ]
        best = max((m for m in matches if m), key=lambda m: m.score, default=None)
        if best is not None:
            people.append(Acquaintance(contact, best, former=True))
    return people


def _better(match: EmployerMatch, than: EmployerMatch | None) -> bool:
    return than is None or match.score > than.score

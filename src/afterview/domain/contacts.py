"""People: interviewers, recruiters, references and the rest of the network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    id: int
    uid: UUID
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company_id: int | None = None
    company_name: str | None = None
    title: str = ""
    origin: str = "manual"
    notes: str = ""
    linkedin_url: str = ""
    connected_on: date | None = None
    past_companies: tuple[str, ...] = ()  # employers they have left, as named then
    is_reference: bool = False
    relationship: str = ""  # as a reference: "my manager at Initech, 2021-2024"
    knows_work: str = ""  # what of your work they can speak to
    created_at: datetime
    updated_at: datetime

    @property
    def label(self) -> str:
        where = ", ".join(part for part in (self.title, self.company_name or "") if part)
        return f"{self.name} ({where})" if where else self.name


# The ContactRecord fields a CSV column can fill (`contact import --map FIELD=COLUMN`);
# first_name and last_name make up the name when there is no single name column.
MAPPABLE_FIELDS = (
    "name",
    "first_name",
    "last_name",
    "emails",
    "phones",
    "company",
    "title",
    "linkedin_url",
    "notes",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactRecord:
    """A person as an export or address book describes them (LinkedIn's Connections.csv, a
    vCard, a CSV), before it is matched with the stored contacts. `line` is where the
    record starts in its file (1-based), for messages; empty strings mean "not given"."""

    line: int
    name: str
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    company: str = ""
    title: str = ""
    linkedin_url: str = ""
    connected_on: date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferenceUse:
    """A reference given for an application: who, for which, and when."""

    id: int
    uid: UUID
    contact_id: int
    application_id: int
    given_on: date
    created_at: datetime

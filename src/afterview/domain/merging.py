"""Matching the people of an import file with the stored contacts: who is new, who is
known and what changed, and what is left out and why. Re-importing the same or a newer
export updates people instead of adding them twice.

A record is the stored contact with the same LinkedIn address; failing that, one sharing an
e-mail address; failing that, one with the same name at the same company (companies
compared by their normalised names, so "Northwind Analytics, Inc." is "Northwind
Analytics"). Pure: the caller reads the contacts and writes the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import urlsplit

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.employers import normalise_company
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.values import check_email, require_text

SPACES = re.compile(r"\s+")
T = TypeVar("T")


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address reduced to what identifies the person:
    'https://www.linkedin.com/in/Dana-Reyes/?trk=x' → 'linkedin.com/in/dana-reyes'."""
    text = url.strip()
    if not text:
        return ""
    parts = urlsplit(text if "//" in text else f"//{text}")
    host = parts.netloc.casefold().removeprefix("www.")
    host = re.sub(r"^[a-z]{2,3}\.linkedin\.com$", "linkedin.com", host)  # de.linkedin.com
    return f"{host}{parts.path.rstrip('/').casefold()}"


def person_key(name: str) -> str:
    """A name as compared: case and spacing do not matter."""
    return SPACES.sub(" ", name).strip().casefold()


@dataclass(frozen=True, slots=True)
class Update:
    """A known person the file says something new about: the new values by field (a
    company by its name as the file gives it)."""

    contact: Contact
    record: ContactRecord
    changes: dict[str, object]


@dataclass(frozen=True, slots=True)
class Skip:
    line: int
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPlan:
    added: list[ContactRecord] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    unchanged: list[ContactRecord] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


class _Index(Generic[T]):
    """People known so far, by each key a record may be recognised by (the first one
    with a key keeps it)."""

    def __init__(self) -> None:
        self.by_url: dict[str, T] = {}
        self.by_email: dict[str, T] = {}
        self.by_name: dict[tuple[str, str], T] = {}

    def add(self, who: T, name: str, company: str, url: str, emails: Iterable[str]) -> None:
        if key := linkedin_key(url):
            self.by_url.setdefault(key, who)
        for email in emails:
            self.by_email.setdefault(email.casefold(), who)
        self.by_name.setdefault((person_key(name), normalise_company(company)), who)

    def find(self, record: ContactRecord) -> T | None:
        if (key := linkedin_key(record.linkedin_url)) and key in self.by_url:
            return self.by_url[key]
        for email in record.emails:
            if email.casefold() in self.by_email:
                return self.by_email[email.casefold()]
        return self.by_name.get((person_key(record.name), normalise_company(record.company)))


def plan_import(
    source: str, records: Sequence[ContactRecord], existing: Sequence[Contact]
) -> ImportPlan:
    """What importing `records` (read from the file `source`) into `existing` would do.
    A record with a bad value (an e-mail address that is not one, a name too long) stops
    the whole import with the file, line and field; nothing is half-imported."""
    for record in records:
        _check(source, record)
    known: _Index[Contact] = _Index()
    for c in existing:
        known.add(c, c.name, c.company_name or "", c.linkedin_url, c.emails)
    seen: _Index[int] = _Index()  # this file's people, by the line that first named them
    plan = ImportPlan()
    for record in records:
        earlier = seen.find(record)
        if earlier is not None:
            plan.skipped.append(Skip(record.line, record.name, f"same person as line {earlier}"))
            continue
        seen.add(record.line, record.name, record.company, record.linkedin_url, record.emails)
        match = known.find(record)
        if match is None:
            plan.added.append(record)
        elif changes := changes_for(match, record):
            plan.updated.append(Update(match, record, changes))
        else:
            plan.unchanged.append(record)
    return plan


def changes_for(contact: Contact, record: ContactRecord) -> dict[str, object]:
    """The fields a newer record changes. The file adds to what is stored and never
    empties a field; a new employer moves the old one to the past companies; notes
    already written are the user's and stay."""
    changes: dict[str, object] = {}
    if record.name and person_key(record.name) != person_key(contact.name):
        changes["name"] = record.name  # not for case or spacing alone: yours may be better
    for name in ("emails", "phones"):
        have: tuple[str, ...] = getattr(contact, name)
        folded = {value.casefold() for value in have}
        new = [value for value in getattr(record, name) if value.casefold() not in folded]
        if new:
            changes[name] = (*have, *dict.fromkeys(new))
    if record.title and record.title != contact.title:
        changes["title"] = record.title
    current = contact.company_name or ""
    if record.company and normalise_company(record.company) != normalise_company(current):
        changes["company"] = record.company
        if current and normalise_company(current) not in {
            normalise_company(past) for past in contact.past_companies
        }:
            changes["past_companies"] = (*contact.past_companies, current)
    if record.linkedin_url and linkedin_key(record.linkedin_url) != linkedin_key(
        contact.linkedin_url
    ):
        changes["linkedin_url"] = record.linkedin_url
    if record.connected_on is not None and record.connected_on != contact.connected_on:
        changes["connected_on"] = record.connected_on
    if record.notes and not contact.notes:
        changes["notes"] = record.notes
    return changes


def _check(source: str, record: ContactRecord) -> None:
    def where(name: str) -> str:
        return f"line {record.line}, {name}"

    try:
        require_text(record.name, "name")
    except InvalidInput as error:
        raise ParseError(source, where("name"), str(error)) from None
    for email in record.emails:
        try:
            check_email(email)
        except InvalidInput as error:
            raise ParseError(source, where("e-mail"), str(error)) from None

"""Matching the people of an import file with the stored contacts: who is new, who is
known and what changed, and what is left out and why. Re-importing the same or a newer
export updates people instead of adding them twice.

A record is the stored contact with the same LinkedIn address; failing that, one sharing an
e-mail address; failing that, one with the same name at the same company (companies
compared by their normalised names, so "Northwind Analytics, Inc." is "Northwind
Analytics"). Each side's keys are worked out once per person. Pure: the caller reads the
contacts (whole, or only what matching reads: `Stored`) and writes the plan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, NamedTuple, Protocol, TypeVar
from urllib.parse import urlsplit

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.employers import normalise_company
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.values import check_email, require_text

SPACES = re.compile(r"\s+")
COUNTRY_HOST = re.compile(r"[a-z]{2,3}\.linkedin\.com")  # de.linkedin.com
# The usual form of a profile address, reduced as urlsplit would without its cost: a plain
# lower-case scheme and host, and a path of letters, digits and -._~%/ only.
USUAL_ADDRESS = re.compile(r"(?:https?:)?//(?:www\.)?(linkedin\.com(?:/[\w.~%/-]*)?)", re.ASCII)
T = TypeVar("T")


class Stored(Protocol):
    """A stored contact as matching reads it: what it is recognised by and what a record may
    change. A `Contact` is one; an import reads only these columns."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def emails(self) -> tuple[str, ...]: ...
    @property
    def phones(self) -> tuple[str, ...]: ...
    @property
    def company_name(self) -> str | None: ...
    @property
    def title(self) -> str: ...
    @property
    def linkedin_url(self) -> str: ...
    @property
    def connected_on(self) -> date | None: ...
    @property
    def past_companies(self) -> tuple[str, ...]: ...
    @property
    def notes(self) -> str: ...


S = TypeVar("S", bound=Stored)


def linkedin_key(url: str) -> str:
    """A LinkedIn profile address reduced to what identifies the person:
    'https://www.linkedin.com/in/Dana-Reyes/?trk=x' → 'linkedin.com/in/dana-reyes'."""
    text = url.strip()
    if not text:
        return ""
    address = text if "//" in text else f"//{text}"
    if usual := USUAL_ADDRESS.fullmatch(address):
        return usual[1].rstrip("/").casefold()
    parts = urlsplit(address)
    host = parts.netloc.casefold().removeprefix("www.")
    if COUNTRY_HOST.fullmatch(host):
        host = "linkedin.com"
    return f"{host}{parts.path.rstrip('/').casefold()}"


def person_key(name: str) -> str:
    """A name as compared: case and spacing do not matter."""
    return SPACES.sub(" ", name).strip().casefold()


@dataclass(frozen=True, slots=True)
class Change(Generic[S]):
    """A known person the file says something new about: the new values by field (a
    company by its name as the file gives it)."""

    contact: S
    record: ContactRecord
    changes: dict[str, object]


@dataclass(frozen=True, slots=True)
class Update(Change[Contact]):
    """A change as an import reports it: with the whole stored contact."""


@dataclass(frozen=True, slots=True)
class Skip:
    line: int
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportPlan(Generic[S]):
    added: list[ContactRecord] = field(default_factory=list)
    updated: list[Change[S]] = field(default_factory=list)
    unchanged: list[ContactRecord] = field(default_factory=list)
    skipped: list[Skip] = field(default_factory=list)


class _Keys(NamedTuple):
    """What a person is recognised by, worked out once: the LinkedIn key, the case-folded
    e-mail addresses, and the name with the normalised company (a tuple: quick to make)."""

    url: str
    emails: tuple[str, ...]
    name: str
    company: str


def _keys(name: str, company: str, url: str, emails: Sequence[str]) -> _Keys:
    folded = tuple([email.casefold() for email in emails]) if emails else ()
    return _Keys(linkedin_key(url), folded, person_key(name), normalise_company(company))


def _record_keys(record: ContactRecord) -> _Keys:
    return _keys(record.name, record.company, record.linkedin_url, record.emails)


def _stored_keys(contact: Stored) -> _Keys:
    return _keys(contact.name, contact.company_name or "", contact.linkedin_url, contact.emails)


class _Index(Generic[T]):
    """People known so far, by each key a record may be recognised by (the first one
    with a key keeps it)."""

    def __init__(self) -> None:
        self.by_url: dict[str, T] = {}
        self.by_email: dict[str, T] = {}
        self.by_name: dict[tuple[str, str], T] = {}

    def add(self, who: T, keys: _Keys) -> None:
        if keys.url:
            self.by_url.setdefault(keys.url, who)
        for email in keys.emails:
            self.by_email.setdefault(email, who)
        self.by_name.setdefault((keys.name, keys.company), who)

    def find(self, keys: _Keys) -> T | None:
        if keys.url and keys.url in self.by_url:
            return self.by_url[keys.url]
        for email in keys.emails:
            if email in self.by_email:
                return self.by_email[email]
        return self.by_name.get((keys.name, keys.company))


def plan_import(
    source: str, records: Sequence[ContactRecord], existing: Sequence[Contact]
) -> ImportPlan[Contact]:
    """What importing `records` (read from the file `source`) into `existing` would do.
    A record with a bad value (an e-mail address that is not one, a name too long) stops
    the whole import with the file, line and field; nothing is half-imported."""
    return match_records(source, records, existing)


def match_records(
    source: str, records: Sequence[ContactRecord], existing: Sequence[S]
) -> ImportPlan[S]:
    """plan_import over any form of the stored contacts that has what matching compares
    (`Stored`): an import reads only those columns. Each side's keys are worked out once."""
    for record in records:
        _check(source, record)
    known: _Index[tuple[S, _Keys]] = _Index()
    for contact in existing:
        keys = _stored_keys(contact)
        known.add((contact, keys), keys)
    seen: _Index[int] = _Index()  # this file's people, by the line that first named them
    plan: ImportPlan[S] = ImportPlan()
    for record in records:
        keys = _record_keys(record)
        earlier = seen.find(keys)
        if earlier is not None:
            plan.skipped.append(Skip(record.line, record.name, f"same person as line {earlier}"))
            continue
        seen.add(record.line, keys)
        match = known.find(keys)
        if match is None:
            plan.added.append(record)
        elif changes := _changes(match[0], match[1], record, keys):
            plan.updated.append(Change(match[0], record, changes))
        else:
            plan.unchanged.append(record)
    return plan


def changes_for(contact: Stored, record: ContactRecord) -> dict[str, object]:
    """The fields a newer record changes. The file adds to what is stored and never
    empties a field; a new employer moves the old one to the past companies; notes
    already written are the user's and stay."""
    return _changes(contact, _stored_keys(contact), record, _record_keys(record))


def _changes(contact: Stored, have: _Keys, record: ContactRecord, new: _Keys) -> dict[str, object]:
    """changes_for, with both sides' keys worked out already."""
    changes: dict[str, object] = {}
    if record.name and new.name != have.name:
        changes["name"] = record.name  # not for case or spacing alone: yours may be better
    if record.emails and (emails := _added(contact.emails, record.emails)):
        changes["emails"] = emails
    if record.phones and (phones := _added(contact.phones, record.phones)):
        changes["phones"] = phones
    if record.title and record.title != contact.title:
        changes["title"] = record.title
    if record.company and new.company != have.company:
        changes["company"] = record.company
        current = contact.company_name or ""
        if current and have.company not in {
            normalise_company(past) for past in contact.past_companies
        }:
            changes["past_companies"] = (*contact.past_companies, current)
    if record.linkedin_url and new.url != have.url:
        changes["linkedin_url"] = record.linkedin_url
    if record.connected_on is not None and record.connected_on != contact.connected_on:
        changes["connected_on"] = record.connected_on
    if record.notes and not contact.notes:
        changes["notes"] = record.notes
    return changes


def _added(have: tuple[str, ...], given: Sequence[str]) -> tuple[str, ...] | None:
    """`have` and then the values of `given` it lacks (case aside), or None if none."""
    folded = {value.casefold() for value in have}
    new = [value for value in given if value.casefold() not in folded]
    return (*have, *dict.fromkeys(new)) if new else None


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

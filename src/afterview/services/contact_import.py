"""Importing people from LinkedIn's Connections.csv, vCard files and other CSV files, and
exporting them as vCards. A file is read and checked whole before anything is written;
the people in it are matched with the stored contacts (domain/merging.py), so importing
the same or a newer export again updates them instead of adding them twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy.orm import Session

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.employers import normalise_company
from afterview.domain.errors import InvalidInput
from afterview.domain.events import EventKind, SubjectKind, changes_between
from afterview.domain.merging import Change, Skip, Update, match_records
from afterview.services.workspace import Workspace
from afterview.store import transfer

CHUNK = 2000
Progress = Callable[[int, int], None]  # (done, total)


class Person(NamedTuple):
    """A stored contact as matching reads it (merging.Stored): the columns it compares and
    an import may change, without the uid, the dates and the reference fields (an import
    reads one for each contact, so a plain tuple)."""

    id: int
    name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    company_name: str | None
    title: str
    linkedin_url: str
    connected_on: date | None
    past_companies: tuple[str, ...]
    notes: str


# The columns a Person is read from; the JSON lists among them (tuples in Contact and Person).
PERSON_COLUMNS = tuple("company_id" if name == "company_name" else name for name in Person._fields)
LISTS = ("emails", "phones", "past_companies")


class Format(StrEnum):
    LINKEDIN = "linkedin"
    VCARD = "vcard"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did, or would do (`dry_run`)."""

    source: str
    format: Format
    added: list[ContactRecord]
    updated: list[Update]
    unchanged: int
    skipped: list[Skip]
    companies_added: list[str]
    dry_run: bool


def detect_format(path: Path, data: bytes) -> Format:
    """vCard by its BEGIN line or extension; LinkedIn's export by its header (or a ZIP
    archive: LinkedIn's whole download, which its reader explains); else CSV."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    if path.suffix.casefold() in (".vcf", ".vcard") or head[:11].upper() == b"BEGIN:VCARD":
        return Format.VCARD
    if b"First Name,Last Name" in head or data.startswith(b"PK\x03\x04"):
        return Format.LINKEDIN
    return Format.CSV


def import_contacts(
    ws: Workspace,
    path: Path,
    *,
    format: Format | None = None,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the people in the file at `path`: all or nothing; `dry_run` says what would
    change and writes nothing."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror or error}") from None
    return import_contact_data(
        ws, path.name, data, format=format, mapping=mapping, dry_run=dry_run, progress=progress
    )


def import_contact_data(
    ws: Workspace,
    source: str,
    data: bytes,
    *,
    format: Format | None = None,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the people in `data`, a file called `source` (an upload): as import_contacts."""
    with transfer.without_collector():
        return _import(ws, source, data, format, mapping, dry_run, progress)


def _import(
    ws: Workspace,
    source: str,
    data: bytes,
    format: Format | None,
    mapping: Mapping[str, str] | None,
    dry_run: bool,
    progress: Progress | None,
) -> ImportReport:
    kind = format or detect_format(Path(source), data)
    records, skipped = _read(kind, source, data, mapping)
    now = ws.now()
    with ws.ready().read() if dry_run else ws.ready().write() as session:
        names, companies = _companies(session)
        plan = match_records(source, records, _people(session, names))
        updated = _with_contacts(session, plan.updated, names)
        wanted = [r.company for r in plan.added] + [
            str(u.changes["company"]) for u in updated if "company" in u.changes
        ]
        new_companies = _new_companies(companies, wanted)
        report = ImportReport(
            source=source,
            format=kind,
            added=plan.added,
            updated=updated,
            unchanged=len(plan.unchanged),
            skipped=sorted([*skipped, *plan.skipped], key=lambda s: s.line),
            companies_added=new_companies,
            dry_run=dry_run,
        )
        if not dry_run:
            ids = _write_companies(session, companies, new_companies, now)
            _write_people(session, plan.added, updated, ids, kind, now, progress)
    return report


def export_vcards(
    ws: Workspace, *, company: str | None = None, path: Path | None = None
) -> tuple[str, int]:
    """Every contact (or those at one company) as vCards, and how many; written to `path`
    (atomically) when given."""
    from afterview.integrations.files import write_atomically
    from afterview.integrations.vcard import contacts_to_vcard
    from afterview.services.contacts import list_contacts

    contacts = list_contacts(ws, company=company)
    text = contacts_to_vcard(contacts)
    if path is not None:
        try:
            write_atomically(path, text.encode("utf-8"))
        except OSError as error:
            raise InvalidInput(f"Cannot write {path}: {error.strerror or error}") from None
    return text, len(contacts)


def _read(
    kind: Format, source: str, data: bytes, mapping: Mapping[str, str] | None
) -> tuple[list[ContactRecord], list[Skip]]:
    """The file's people and the entries left out (with why); a malformed file raises a
    ParseError naming the file, line and field."""
    if kind == Format.LINKEDIN:
        from afterview.integrations.linkedin import read_linkedin_connections

        found = read_linkedin_connections(data, source=source)
    elif kind == Format.VCARD:
        from afterview.integrations.vcard import read_vcards

        found = read_vcards(data, source=source)
    else:
        from afterview.integrations.contacts_csv import read_contacts_csv

        if not mapping:
            raise InvalidInput(
                f"{source} is not a LinkedIn export: say which columns hold what "
                "(a column mapping, e.g. name=Full Name, emails=E-mail)",
                field="mapping",
            )
        found = read_contacts_csv(data, mapping, source=source)
    return list(found.records), [Skip(s.line, "", s.reason) for s in found.skipped]


def _companies(session: Session) -> tuple[dict[int, str], dict[str, int]]:
    """The stored companies, read once: id → name, and normalised name or alias → id (the
    first company to claim it)."""
    names: dict[int, str] = {}
    keys: dict[str, int] = {}
    for id_, name, aliases in transfer.read_columns(
        session, "companies", ("id", "name", "aliases")
    ):
        names[id_] = name
        for spelling in (name, *aliases):
            keys.setdefault(normalise_company(spelling), id_)
    return names, keys


def _people(session: Session, names: Mapping[int, str]) -> list[Person]:
    """Every stored contact as matching reads it (an import compares with all of them)."""
    rows = transfer.read_columns(session, "contacts", PERSON_COLUMNS, lists=LISTS)
    return [
        Person(
            id_,
            name,
            tuple(emails or ()),
            tuple(phones or ()),
            names.get(company_id),
            title,
            url,
            connected_on,
            tuple(past or ()),
            notes,
        )
        for id_, name, emails, phones, company_id, title, url, connected_on, past, notes in rows
    ]


def _with_contacts(
    session: Session, updates: Sequence[Change[Person]], names: Mapping[int, str]
) -> list[Update]:
    """The updates with the whole stored contacts, read for these people only."""
    rows = transfer.read_rows(session, "contacts", [u.contact.id for u in updates])
    contacts = {row["id"]: _contact(row, names) for row in rows}
    return [Update(contacts[u.contact.id], u.record, u.changes) for u in updates]


def _contact(row: Mapping[str, Any], names: Mapping[int, str]) -> Contact:
    fields: dict[str, Any] = {
        name: tuple(row[name]) if name in LISTS else row[name] for name in row
    }
    return Contact(**fields, company_name=names.get(row["company_id"]))


def _new_companies(known: Mapping[str, int], wanted: Sequence[str]) -> list[str]:
    """The companies to create: each name no stored company goes by, once (as first
    spelled in the file)."""
    new: dict[str, str] = {}
    for name in wanted:
        key = normalise_company(name)
        if name.strip() and key not in known:
            new.setdefault(key, name.strip())
    return list(new.values())


def _write_companies(
    session: Session, known: dict[str, int], names: Sequence[str], now: datetime
) -> dict[str, int]:
    uids = transfer.new_uids(len(names))
    rows = [
        {"uid": uid, "name": name, "name_key": name.casefold()}
        for name, uid in zip(names, uids, strict=True)
    ]
    same = {"aliases": [], "domains": [], "notes": "", "created_at": now, "updated_at": now}
    assigned = transfer.insert_many(session, "companies", rows, same)
    ids = {name: assigned[uid] for name, uid in zip(names, uids, strict=True)}
    _events(session, SubjectKind.COMPANY, [(i, {"summary": n}) for n, i in ids.items()], now)
    known.update({normalise_company(name): id_ for name, id_ in ids.items()})
    return known


def _write_people(
    session: Session,
    added: Sequence[ContactRecord],
    updated: Sequence[Update],
    companies: Mapping[str, int],
    kind: Format,
    now: datetime,
    progress: Progress | None,
) -> None:
    """Insert the new people and update the known ones, each with its own event in their
    timeline: "created" (naming them as the file does), or "updated" (with what changed)."""
    total, done = len(added) + len(updated), 0
    for chunk in _chunks(added):
        _insert_people(session, chunk, companies, kind, now)
        done += len(chunk)
        if progress:
            progress(done, total)
    for updates in _chunks(updated):
        _update_people(session, updates, companies, now)
        done += len(updates)
        if progress:
            progress(done, total)


def _insert_people(
    session: Session,
    records: Sequence[ContactRecord],
    companies: Mapping[str, int],
    kind: Format,
    now: datetime,
) -> None:
    uids = transfer.new_uids(len(records))
    rows = [_new_row(r, uid, companies) for r, uid in zip(records, uids, strict=True)]
    same = {
        "origin": str(kind),
        "past_companies": [],
        "is_reference": False,
        "relationship": "",
        "knows_work": "",
        "created_at": now,
        "updated_at": now,
    }
    assigned = transfer.insert_many(session, "contacts", rows, same)
    created = [
        (assigned[uid], {"summary": _label(row, r)})
        for row, r, uid in zip(rows, records, uids, strict=True)
    ]
    _events(session, SubjectKind.CONTACT, created, now)


def _update_people(
    session: Session, updates: Sequence[Update], companies: Mapping[str, int], now: datetime
) -> None:
    values, changed = [], []
    for update in updates:
        row = _changed_row(update, companies)
        before = {
            name: update.contact.company_name
            if name == "company"
            else getattr(update.contact, name)
            for name in update.changes
        }
        changed.append((update.contact.id, {"changes": changes_between(before, update.changes)}))
        values.append(row | {"updated_at": now})
    transfer.update_rows(session, "contacts", values)
    _events(session, SubjectKind.CONTACT, changed, now, EventKind.UPDATED)


def _new_row(record: ContactRecord, uid: UUID, companies: Mapping[str, int]) -> dict[str, Any]:
    """A new contact's own values (_write_people gives those every new contact shares)."""
    return {
        "uid": uid,
        "name": record.name,
        "emails": _unique(record.emails),
        "phones": _unique(record.phones),
        "company_id": companies.get(normalise_company(record.company)) if record.company else None,
        "title": record.title,
        "notes": record.notes,
        "linkedin_url": record.linkedin_url,
        "connected_on": record.connected_on,
    }


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values)) if len(values) > 1 else values


def _changed_row(update: Update, companies: Mapping[str, int]) -> dict[str, Any]:
    row: dict[str, Any] = {"id": update.contact.id}
    for name, value in update.changes.items():
        if name == "company":
            row["company_id"] = companies[normalise_company(str(value))]
        elif isinstance(value, tuple):
            row[name] = list(value)
        else:
            row[name] = value
    return row


def _label(row: Mapping[str, Any], record: ContactRecord) -> str:
    where = ", ".join(part for part in (record.title, record.company) if part)
    return f"{row['name']} ({where})" if where else str(row["name"])


def _events(
    session: Session,
    subject: SubjectKind,
    items: Sequence[tuple[int, dict[str, Any]]],
    now: datetime,
    kind: EventKind = EventKind.CREATED,
) -> None:
    rows = [
        {"uid": uid, "subject_id": subject_id, "data": data}
        for (subject_id, data), uid in zip(items, transfer.new_uids(len(items)), strict=True)
    ]
    same = {"subject_kind": str(subject), "kind": str(kind), "at": now}
    transfer.insert_many(session, "events", rows, same, returning=False)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]

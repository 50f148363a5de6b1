"""Your network: importing contact files, who you know at a company, and networking
(practice 5): whom you asked about an application, and who replied."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, UploadFile
from pydantic import BaseModel, Field

from afterview.domain.errors import ParseError
from afterview.domain.merging import Update
from afterview.domain.values import NAME_LENGTH
from afterview.services.contact_import import Format, ImportReport
from afterview.services.exchanges import Exchange
from afterview.services.network import Who
from afterview.web.api.contacts import ContactOut, contact_out
from afterview.web.api.events import EventOut, event_out
from afterview.web.api.fields import Long, Short, body_fields
from afterview.web.api.fields import Reference as RecordReference
from afterview.web.deps import WorkspaceDep
from afterview.web.uploads import column_mapping, read_upload

router = APIRouter(tags=["network"])
COLUMN = "For another CSV: the header of the column that holds"
# An application named in a reply's body that does not exist is bad input there (422).
REPLY_FIELDS = {"application": "application"}


class ImportIn(BaseModel):
    """A contact file to import, sent as multipart/form-data. A CSV that is not LinkedIn's
    needs its columns named: `map_name` (or `map_first_name` and `map_last_name`), and any
    of the others."""

    file: UploadFile = Field(
        description="LinkedIn's Connections.csv, a vCard file (.vcf) or another CSV; at most 64 MB."
    )
    format: Format | None = Field(None, description="Found from the file when not given.")
    dry_run: bool = Field(False, description="Say what would change; write nothing.")
    map_name: Short = Field("", description=f"{COLUMN} the whole name.")
    map_first_name: Short = Field("", description=f"{COLUMN} the first name.")
    map_last_name: Short = Field("", description=f"{COLUMN} the last name.")
    map_emails: Short = Field("", description=f"{COLUMN} the e-mail addresses.")
    map_phones: Short = Field("", description=f"{COLUMN} the phone numbers.")
    map_company: Short = Field("", description=f"{COLUMN} the company.")
    map_title: Short = Field("", description=f"{COLUMN} the title.")
    map_linkedin_url: Short = Field("", description=f"{COLUMN} the LinkedIn address.")
    map_notes: Short = Field("", description=f"{COLUMN} notes.")


class ImportOut(BaseModel):
    """What the import did, or would do (`dry_run`): the people added (by their line in the
    file), those updated with each changed field's old and new value, how many were
    already known as they are, the entries skipped and why, and the companies created."""

    source: str
    format: Format
    dry_run: bool
    added: list[dict[str, int | str]]
    updated: list[dict[str, Any]]
    unchanged: int
    skipped: list[dict[str, int | str]]
    companies_added: list[str]


class AcquaintanceOut(BaseModel):
    """Someone you know at the company: `match` says why (`reason`), how (`level`: exact,
    alias, email, fuzzy) and how sure (`score`, 0-100); `former`: they used to work there."""

    contact: ContactOut
    match: dict[str, int | str]
    former: bool


class WhoOut(BaseModel):
    """The company asked about (`id` null when no stored company goes by that name) and the
    people you know there, best first, then those who used to work there."""

    asked: str
    company: dict[str, int | str | None]
    people: list[AcquaintanceOut]


class ExchangeOut(BaseModel):
    """Someone asked about an application with a networking note (as `network list --json`
    says it): the contact, the note's `draft` id, when it was sent (`asked_at`, null while
    it is a draft) and when they replied (`replied_at`: the first reply about this
    application, or about nothing in particular after the note went; null: not yet)."""

    contact: dict[str, int | str]
    draft: int
    asked_at: str | None
    replied_at: str | None


class ReplyIn(BaseModel):
    """A reply you had from the contact (an empty body will do)."""

    application: RecordReference | None = Field(
        None, description="The application it was about, by id or name."
    )
    note: Long = Field("", description="What they said, in a line.")


class ReplyOut(BaseModel):
    """The reply as recorded: the contact, the event now on their timeline (`kind`
    replied), and, when it was about an application, the networking notes to them about it
    (`exchanges`, each with its `replied_at`; empty when they were not asked about it)."""

    contact: ContactOut
    reply: EventOut
    exchanges: list[ExchangeOut]


@router.post("/contacts/import", tags=["contacts"])
def import_contacts(form: Annotated[ImportIn, Form()], ws: WorkspaceDep) -> ImportOut:
    """Import the people in a contact file: all or nothing. People already known (same
    LinkedIn address, e-mail, or name at the same company) are updated, not added twice. A
    malformed file is 422 (`parse_error`), its message naming the file, line and field."""
    from afterview.services.contact_import import import_contact_data

    source, data = read_upload(form.file.filename, form.file.file)
    mapping = column_mapping(form.model_dump(exclude={"file"}))
    try:
        report = import_contact_data(
            ws, source, data, format=form.format, mapping=mapping or None, dry_run=form.dry_run
        )
    except ParseError as error:
        error.field = "file"  # the message names the line and column
        raise
    return import_out(report)


@router.get("/who", response_model_exclude_unset=True)
def who(
    ws: WorkspaceDep,
    company: Annotated[
        str,
        Query(
            max_length=NAME_LENGTH,
            description="Id, name, alias or any spelling of a company.",
        ),
    ],
) -> WhoOut:
    """The people you know at a company, best first, with why each one matched and how
    sure; then those who used to work there."""
    from afterview.services.network import who_at

    return who_out(who_at(ws, company))


@router.get("/applications/{application_id}/network")
def list_exchanges(application_id: int, ws: WorkspaceDep) -> list[ExchangeOut]:
    """The people asked about an application with a networking note: the note, when it was
    sent and when they replied; those whose note is still a draft come last."""
    from afterview.services.exchanges import exchanges

    return [exchange_out(x) for x in exchanges(ws, application_id)]


@router.post("/contacts/{contact_id}/replies", status_code=201, response_model_exclude_unset=True)
def add_reply(contact_id: int, ws: WorkspaceDep, reply: ReplyIn | None = None) -> ReplyOut:
    """Note that the contact replied, about an application or nothing in particular; the
    reply shows on their timeline, and marks the notes you sent them as answered."""
    from afterview.domain.events import EventKind
    from afterview.services.contacts import show_contact
    from afterview.services.exchanges import exchanges, record_reply

    application = reply.application if reply else None
    with body_fields(REPLY_FIELDS):
        person = record_reply(
            ws, contact_id, application=application, note=reply.note if reply else ""
        )
        asked = exchanges(ws, application) if application is not None else []
    timeline = show_contact(ws, person.id).timeline
    event = [e for e in timeline if e.kind == EventKind.REPLIED][-1]
    return ReplyOut(
        contact=contact_out(person),
        reply=event_out(event),
        exchanges=[exchange_out(x) for x in asked if x.contact.id == person.id],
    )


def exchange_out(exchange: Exchange) -> ExchangeOut:
    return ExchangeOut(
        contact={"id": exchange.contact.id, "name": exchange.contact.name},
        draft=exchange.draft.id,
        asked_at=exchange.asked_at.isoformat() if exchange.asked_at else None,
        replied_at=exchange.replied_at.isoformat() if exchange.replied_at else None,
    )


def who_out(found: Who) -> WhoOut:
    return WhoOut(
        asked=found.asked,
        company={"id": getattr(found.company, "id", None), "name": found.company.name},
        people=[
            AcquaintanceOut(
                contact=contact_out(p.contact),
                match={
                    "level": str(p.match.level),
                    "score": p.match.score,
                    "reason": p.match.reason,
                },
                former=p.former,
            )
            for p in found.people
        ],
    )


def import_out(report: ImportReport) -> ImportOut:
    return ImportOut(
        source=report.source,
        format=report.format,
        dry_run=report.dry_run,
        added=[
            {"line": r.line, "name": r.name, "company": r.company, "title": r.title}
            for r in report.added
        ],
        updated=[
            {
                "line": u.record.line,
                "contact": {"id": u.contact.id, "name": u.contact.name},
                "changes": {name: {"from": old, "to": new} for name, old, new in changed_fields(u)},
            }
            for u in report.updated
        ],
        unchanged=report.unchanged,
        skipped=[{"line": s.line, "name": s.name, "reason": s.reason} for s in report.skipped],
        companies_added=report.companies_added,
    )


def changed_fields(update: Update) -> list[tuple[str, str, str]]:
    """(field, old value, new value) of an import's update, as text."""
    contact = update.contact
    return [
        (
            name,
            value_text(contact.company_name if name == "company" else getattr(contact, name, "")),
            value_text(new),
        )
        for name, new in update.changes.items()
    ]


def value_text(value: object) -> str:
    """A field's value as a person reads it: lists joined, days as ISO dates, none as ''."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)

"""Importing contact files — the form, a preview of what would change, then the import on
confirmation (the file kept in between, web/uploads.py) — and every contact as vCards; and
networking (practice 5): asking someone from an application's page (a networking note to
edit and send), and recording their reply from there or from their own page."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from afterview.domain.drafts import DraftKind, DraftState
from afterview.domain.errors import Ambiguous, Conflict, InvalidInput, NotFound, ParseError
from afterview.domain.values import NAME_LENGTH, limit_text
from afterview.services.contact_import import Format, ImportReport
from afterview.web.api.network import changed_fields
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import page_message
from afterview.web.pages.answers import FORM, FormDep, field_errors
from afterview.web.uploads import (
    GONE,
    MAPPED,
    MAX_BYTES,
    Upload,
    column_mapping,
    drop_upload,
    keep_upload,
    read_upload,
    take_upload,
    upload_folder,
)

router = APIRouter()
# Rows of each list the preview shows; the rest are counted.
SHOWN = 200
FORMATS = [
    ("", "Find out from the file"),
    ("linkedin", "LinkedIn export (Connections.csv)"),
    ("vcard", "vCard file (.vcf)"),
    ("csv", "Another CSV: name its columns below"),
]
KINDS = {"linkedin": "LinkedIn export", "vcard": "vCard file", "csv": "CSV file"}
# The ask form: someone known at the company (a contact's id), or anyone else by name.
ASK_FIELDS = ("contact", "other")
# The reply form: the application the reply was about (its id; '' for none), what they said.
REPLY_FIELDS = ("application", "note")
COLUMNS = {
    "name": "Whole name",
    "first_name": "First name",
    "last_name": "Last name",
    "emails": "E-mail addresses",
    "phones": "Phone numbers",
    "company": "Company",
    "title": "Title",
    "linkedin_url": "LinkedIn address",
    "notes": "Notes",
}


@dataclass(frozen=True, slots=True)
class Sent:
    """The import form as sent: its text fields, and the file's name and bytes (read up to
    one byte past the limit, so that a larger file is told so)."""

    values: dict[str, str]
    filename: str | None
    data: bytes


async def _sent(request: Request) -> Sent:
    async with request.form(max_files=1) as form:
        values = {name: value for name, value in form.items() if isinstance(value, str)}
        file = form.get("file")
        if not isinstance(file, UploadFile):
            return Sent(values, None, b"")
        return Sent(values, file.filename, await file.read(MAX_BYTES + 1))


SentDep = Annotated[Sent, Depends(_sent)]


@router.get("/contacts/import", response_class=HTMLResponse)
def import_form(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return _form(request, templates, {}, {})


@router.post("/contacts/import", response_model=None)
def preview_import(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, sent: SentDep
) -> HTMLResponse:
    """Read the file and say what importing it would change; nothing is written. The file
    is kept for the confirmation."""
    from afterview.services.contact_import import import_contact_data

    values = {name: sent.values.get(name, "").strip() for name in _fields()}
    try:
        source, data = read_upload(sent.filename, BytesIO(sent.data))
        kind = _format(values["format"])
        mapping = column_mapping(values)
        report = import_contact_data(
            ws, source, data, format=kind, mapping=mapping or None, dry_run=True
        )
    except InvalidInput as error:
        return _form(request, templates, values, _errors(error), status=422)
    upload = Upload(source, data, values["format"], mapping)
    try:
        token = keep_upload(upload_folder(ws), upload, ws.now())
    except OSError as error:
        problem = f"Cannot keep {source} until you confirm: {error.strerror or error}."
        return _form(request, templates, values, {FORM: problem}, status=500)
    return _report(request, templates, report, token)


@router.post("/contacts/import/confirm", response_model=None)
def confirm_import(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Import the file the preview showed; its token works once."""
    from afterview.services.contact_import import import_contact_data

    upload = take_upload(upload_folder(ws), form.get("token", ""), ws.now())
    if upload is None:
        return _form(request, templates, {}, {FORM: GONE}, status=404)
    try:
        report = import_contact_data(
            ws,
            upload.source,
            upload.data,
            format=_format(upload.format),
            mapping=upload.mapping or None,
        )
    except InvalidInput as error:
        return _form(request, templates, {}, {FORM: page_message(error)}, status=422)
    return _report(request, templates, report, None)


@router.post("/contacts/import/cancel")
def cancel_import(ws: WorkspaceDep, form: FormDep) -> RedirectResponse:
    """Forget the file the preview showed; nothing was imported."""
    drop_upload(upload_folder(ws), form.get("token", ""))
    return RedirectResponse("/contacts", status_code=303)


@router.get("/contacts.vcf")
def download_vcards(
    ws: WorkspaceDep,
    company: Annotated[str, Query(max_length=NAME_LENGTH)] = "",
) -> Response:
    """Every contact (or those at one company) as a vCard file, for an address book."""
    from afterview.services.contact_import import export_vcards

    text, _count = export_vcards(ws, company=company.strip() or None)
    return Response(
        text,
        media_type="text/vcard; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="afterview-contacts.vcf"'},
    )


def _fields() -> list[str]:
    return ["format", *(f"map_{name}" for name in MAPPED)]


def _format(text: str) -> Format | None:
    if not text:
        return None
    if text not in set(Format):
        raise InvalidInput(f"{text!r} is not a kind of contact file.", field="format")
    return Format(text)


def _errors(error: InvalidInput) -> dict[str, str]:
    """The message next to the control it is about: the file (a malformed one: the message
    names its line and column), its kind, or the columns."""
    if isinstance(error, ParseError):
        name = "file"
    else:
        name = error.field if error.field in ("file", "format", "mapping") else FORM
    return {name or FORM: page_message(error)}


def _form(
    request: Request,
    templates: TemplatesDep,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "active": "contacts",
        "values": values,
        "errors": errors,
        "formats": FORMATS,
        "columns": COLUMNS,
        "max_mb": MAX_BYTES // 2**20,
        "columns_open": values.get("format") == "csv"
        or "mapping" in errors
        or any(values.get(f"map_{name}") for name in MAPPED),
    }
    return templates.TemplateResponse(request, "contact_import.html", context, status_code=status)


def _report(
    request: Request, templates: TemplatesDep, report: ImportReport, token: str | None
) -> HTMLResponse:
    """The preview (with the token to confirm or cancel it), or what was imported."""
    context = {
        "active": "contacts",
        "report": report,
        "kind": KINDS[report.format],
        "token": token,
        "shown": SHOWN,
        "updated": [(u, changed_fields(u)) for u in report.updated[:SHOWN]],
    }
    return templates.TemplateResponse(request, "contact_import_report.html", context)


@router.post("/applications/{application_id}/network", response_model=None)
def ask_someone(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Write a networking note about the application to the person chosen (someone known at
    the company, or anyone in your contacts by name), then open it to edit and send."""
    from afterview.services.drafts import write_drafts
    from afterview.web.pages.applications import detail_context

    values = {name: form.get(name, "").strip() for name in ASK_FIELDS}
    field = "other" if values["other"] else "contact"
    try:
        if not values[field]:
            raise InvalidInput("Choose whom to ask.", field=field)
        limit_text(values[field], "name")
        [view] = write_drafts(ws, DraftKind.NETWORKING_NOTE, str(application_id), to=values[field])
    except (InvalidInput, Ambiguous, NotFound, Conflict) as error:
        if isinstance(error, NotFound) and error.kind == "application":
            raise
        # The service's names for the person chosen; a conflict is about no one field.
        named = dict.fromkeys((field, "name", "contact", "to"), field)
        where = FORM if isinstance(error, Conflict) else field
        context = detail_context(ws, application_id) | {
            "ask_values": values,
            "ask_errors": field_errors(error, named, where),
        }
        status = 409 if isinstance(error, Conflict) else 422
        return templates.TemplateResponse(request, "application.html", context, status_code=status)
    return RedirectResponse(f"/drafts/{view.draft.id}", status_code=303)


@router.post("/contacts/{contact_id}/replies", response_model=None)
def record_reply(
    request: Request, contact_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Note that the contact replied (about the application chosen, if one is), then go back
    to the page that asked: the application's (`view=application`) or the contact's."""
    from afterview.services.exchanges import record_reply

    values = {name: form.get(name, "").strip() for name in REPLY_FIELDS}
    on_application = form.get("view") == "application"
    try:
        application = _application_id(values["application"])
        record_reply(ws, contact_id, application=application, note=values["note"])
    except (InvalidInput, NotFound) as error:
        if isinstance(error, NotFound) and (error.kind == "contact" or on_application):
            raise
        return _refused_reply(request, ws, templates, contact_id, values, error, on_application)
    if on_application and application is not None:
        return RedirectResponse(f"/applications/{application}#networking", status_code=303)
    return RedirectResponse(f"/contacts/{contact_id}#h-timeline", status_code=303)


def _application_id(text: str) -> int | None:
    """The application a reply form names, by id (the pages send ids); none: ''."""
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise InvalidInput("Choose an application from the list.", field="application")
    return int(text)


def _refused_reply(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    contact_id: int,
    values: dict[str, str],
    error: InvalidInput | NotFound,
    on_application: bool,
) -> HTMLResponse:
    """The page that asked again, the message next to the reply form."""
    from afterview.web.pages.applications import detail_context
    from afterview.web.pages.contacts import contact_context

    application = values["application"]
    if on_application and application.isascii() and application.isdigit():
        context = detail_context(ws, int(application)) | {
            "reply_notes": {contact_id: values["note"]},
            "reply_problems": {contact_id: page_message(error)},
        }
        return templates.TemplateResponse(request, "application.html", context, status_code=422)
    context = contact_context(ws, contact_id) | {
        "reply_values": values,
        "reply_errors": field_errors(error, {name: name for name in REPLY_FIELDS}),
    }
    return templates.TemplateResponse(request, "contact.html", context, status_code=422)


def network_context(ws: WorkspaceDep, application_id: int) -> dict[str, object]:
    """The application page's networking: the people asked about it (each with the note,
    when it went, and when they replied) and the defaults of the forms that ask someone and
    record a reply."""
    from afterview.services.exchanges import exchanges

    return {
        "exchanges": exchanges(ws, application_id),
        "ask_values": {"contact": "", "other": ""},
        "ask_errors": {},
        "reply_notes": {},
        "reply_problems": {},
    }


def reply_context(ws: WorkspaceDep, contact_id: int) -> dict[str, object]:
    """The contact page's reply form: the applications they were sent a networking note
    about (the latest first, and chosen), then every other one."""
    from afterview.services.applications import list_applications
    from afterview.services.drafts import list_drafts

    notes = [
        view.draft
        for view in list_drafts(ws, states=(DraftState.SENT,))
        if view.draft.kind == DraftKind.NETWORKING_NOTE and view.draft.contact_id == contact_id
    ]
    notes.sort(key=lambda d: d.sent_at or d.updated_at, reverse=True)
    labels = {a.id: a.label for a in list_applications(ws)}
    asked_ids = [i for i in dict.fromkeys(d.application_id for d in notes) if i in labels]
    asked = [(str(i), labels[i]) for i in asked_ids]
    others = sorted(
        ((str(i), label) for i, label in labels.items() if i not in asked_ids),
        key=lambda option: option[1].casefold(),
    )
    return {
        "reply_asked": asked,
        "reply_others": others,
        "reply_values": {"application": asked[0][0] if asked else "", "note": ""},
        "reply_errors": {},
    }

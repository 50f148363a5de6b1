"""Importing contact files — the form, a preview of what would change, then the import on
confirmation (the file kept in between, web/uploads.py) — and every contact as vCards."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.values import NAME_LENGTH
from afterview.services.contact_import import Format, ImportReport
from afterview.web.api.network import changed_fields
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import page_message
from afterview.web.pages.answers import FORM, FormDep
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

"""Drafts: the list with each one's lint, writing one for an application (a cover letter
from the openings page), and the editor — subject and body with a live lint,
save, copy, mailto, .eml download, mark sent, and send by SMTP after a confirmation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.drafts import DraftKind, DraftState
from afterview.domain.errors import InvalidInput
from afterview.web.api.drafts import StateName, states_named
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import page_message
from afterview.web.pages.answers import FormDep, answer, field_errors, lint_summary, timeline

router = APIRouter()
WORDS = {"subject": "subject", "body": "body"}


@router.get("/drafts", response_class=HTMLResponse)
def list_drafts(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    state: Annotated[StateName, Query()] = "draft",
) -> HTMLResponse:
    from afterview.services.applications import list_applications
    from afterview.services.drafts import list_drafts

    views = list_drafts(ws, states=states_named(state))
    labels = {a.id: a.label for a in list_applications(ws)} if views else {}
    context = {
        "active": "drafts",
        "state": state,
        "rows": [(v, lint_summary(v.findings), labels.get(v.draft.application_id)) for v in views],
    }
    return templates.TemplateResponse(request, "drafts.html", context)


@router.post("/drafts", response_model=None)
def write_draft(ws: WorkspaceDep, form: FormDep) -> RedirectResponse:
    """Write a draft of `kind` for an application (`to`: the contact, for the kinds that
    go to someone), then open it in the editor. An untouched draft of the same message is
    written again; one you edited is opened as it is."""
    from afterview.services.drafts import write_drafts

    kind = form.get("kind", "")
    if kind not in set(DraftKind) or kind == DraftKind.THANK_YOU:
        raise InvalidInput(f"{kind!r} is not a kind of draft for an application.", field="kind")
    to = form.get("to", "").strip() or None
    [view] = write_drafts(ws, DraftKind(kind), form.get("application", ""), to=to, keep_edited=True)
    return RedirectResponse(f"/drafts/{view.draft.id}", status_code=303)


@router.get("/drafts/{draft_id}.eml", response_model=None)
def download_eml(
    request: Request,
    draft_id: int,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    force: Annotated[bool, Query()] = False,
) -> Response:
    """The draft as an .eml file to open in a mail program; lint errors stop it (a page says
    why) unless `force`."""
    from afterview.services.sending import eml_of

    try:
        data, _warnings = eml_of(ws, draft_id, force=force)
    except InvalidInput as error:
        context = {
            "active": "drafts",
            "draft_id": draft_id,
            "message": page_message(error),
            "can_force": error.field == "draft",
        }
        return templates.TemplateResponse(request, "draft_blocked.html", context, status_code=422)
    disposition = f'attachment; filename="draft-{draft_id}.eml"'
    return Response(data, media_type="message/rfc822", headers={"content-disposition": disposition})


@router.get("/drafts/{draft_id}", response_class=HTMLResponse)
def show_draft(
    request: Request, draft_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> HTMLResponse:
    return templates.TemplateResponse(request, "draft.html", editor_context(ws, draft_id))


@router.post("/drafts/{draft_id}", response_class=HTMLResponse)
def save_draft(
    request: Request, draft_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Keep the subject and body; an empty body is refused next to the field."""
    from afterview.services.drafts import edit_draft

    values = {name: form.get(name, "") for name in WORDS}
    try:
        edit_draft(ws, draft_id, subject=values["subject"], body=values["body"])
    except InvalidInput as error:
        context = editor_context(ws, draft_id, values=values)
        context["errors"] = field_errors(error, WORDS)
        return _editor(request, templates, context, status=422)
    context = editor_context(ws, draft_id) | {"notice": "Saved."}
    return _editor(request, templates, context)


@router.post("/drafts/{draft_id}/lint", response_class=HTMLResponse)
def lint_draft(
    request: Request, draft_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """The lint of the words as typed, unsaved: the editor's live check."""
    from afterview.services.drafts import lint_text

    findings = lint_text(ws, draft_id, form.get("subject", ""), form.get("body", ""))
    context = {"findings": findings, "summary": lint_summary(findings)}
    return templates.TemplateResponse(request, "draft_lint.html", context)


@router.post("/drafts/{draft_id}/sent", response_class=HTMLResponse)
def mark_sent(
    request: Request, draft_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Record that you sent it yourself (`via` says how); its action is closed."""
    from afterview.services.actions import TooEarly
    from afterview.services.sending import record_sent

    via = form.get("via", "")
    try:
        sent = record_sent(ws, draft_id, via, anyway=bool(form.get("anyway")))
    except InvalidInput as error:
        context = editor_context(ws, draft_id) | {
            "sent_error": page_message(error),
            "offer_anyway": isinstance(error, TooEarly),
            "via": via,
        }
        return _editor(request, templates, context, status=422)
    context = editor_context(ws, draft_id) | {"notice": f"Marked sent ({sent.channel})."}
    return _editor(request, templates, context)


@router.post("/drafts/{draft_id}/send", response_class=HTMLResponse)
def send_draft(
    request: Request, draft_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Send by SMTP in two steps: first what would go where, then (`confirm=1`) the send.
    Without a server, or while the lint finds errors, it says so and offers the exports."""
    from afterview.services.sending import prepare_message, send_draft, smtp_mailer

    try:
        mailer = smtp_mailer(ws)
        outgoing = prepare_message(ws, draft_id)
    except InvalidInput as error:
        send = {"error": page_message(error), "no_server": error.field == "smtp_host"}
        return _send_panel(request, ws, templates, draft_id, send, status=422)
    if form.get("confirm") != "1":
        settings = ws.settings
        send = {
            "to": str(outgoing.message["To"]),
            "subject": str(outgoing.message["Subject"]),
            "via": f"{settings.smtp_host}:{settings.smtp_port}",
            "warnings": outgoing.warnings,
        }
        return _send_panel(request, ws, templates, draft_id, send)
    sent = send_draft(ws, outgoing, mailer)
    context = editor_context(ws, draft_id) | {"notice": f"Sent to {sent.recipient}."}
    response = _editor(request, templates, context)
    response.headers["hx-retarget"] = "#editor"
    response.headers["hx-reswap"] = "innerHTML"
    return response


def _editor(
    request: Request, templates: TemplatesDep, context: dict[str, object], *, status: int = 200
) -> HTMLResponse:
    return answer(
        request,
        templates,
        page="draft.html",
        fragment="draft_editor.html",
        context=context,
        status=status,
    )


def _send_panel(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    draft_id: int,
    send: dict[str, object],
    *,
    status: int = 200,
) -> HTMLResponse:
    context = editor_context(ws, draft_id) | {"send": send}
    return answer(
        request,
        templates,
        page="draft.html",
        fragment="draft_send.html",
        context=context,
        status=status,
    )


def editor_context(
    ws: WorkspaceDep, draft_id: int, *, values: dict[str, str] | None = None
) -> dict[str, object]:
    """The draft with its lint, history and ways out; `values` are words typed but not
    saved (linted as they are)."""
    from afterview.services.applications import show_application
    from afterview.services.drafts import lint_text, show_draft
    from afterview.services.sending import mailto

    view = show_draft(ws, draft_id)
    draft = view.draft
    findings = view.findings
    if values is not None and draft.state == DraftState.DRAFT:
        findings = lint_text(ws, draft_id, values["subject"], values["body"])
    link, problem = None, ""
    if draft.state == DraftState.DRAFT:
        try:
            link, _warnings = mailto(ws, draft_id, force=True)
        except InvalidInput as error:
            problem = page_message(error)
    return {
        "active": "drafts",
        "view": view,
        "draft": draft,
        "application": show_application(ws, draft.application_id).application,
        "values": values or {"subject": draft.subject, "body": draft.body},
        "errors": {},
        "findings": findings,
        "summary": lint_summary(findings),
        "mailto": link,
        "mailto_problem": problem,
        "history": timeline(view.history),
        "zone": view.zone,
    }

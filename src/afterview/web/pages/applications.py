"""An application's page — details, timeline, interviews, the people you know there and
those you asked, actions, drafts and a stage change; its offer, a rejection with what it
plans, the lessons and the feedback, its company's rivals (pages/offers.py, rejection.py,
reviews.py, rivals.py) — and the forms that add and edit one.
A stage change answers the board or the application, whichever page asked."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.applications import Application, Salary, parse_priority, parse_salary
from afterview.domain.drafts import DraftState
from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.stages import Stage, parse_stage
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.errors import LABELS, page_message
from afterview.web.pages.answers import (
    FORM,
    FormDep,
    answer,
    field_errors,
    is_htmx,
    lint_summary,
    timeline,
    web_link,
)
from afterview.web.pages.board import board_context
from afterview.web.pages.network import network_context
from afterview.web.pages.offers import offer_context
from afterview.web.pages.references import give_context
from afterview.web.pages.rejection import reject_context
from afterview.web.pages.reviews import lessons_context
from afterview.web.pages.rivals import rivals_context

router = APIRouter()

FIELDS = (
    "company",
    "role",
    "stage",
    "priority",
    "link",
    "source",
    "location",
    "salary",
    "applied_on",
    "notes",
    "posting",
)
# The domain's field names that are not the form's.
RENAMED = {name: name for name in FIELDS} | {"application": FORM}
STAGES = [(str(stage), str(stage)) for stage in Stage]
PRIORITIES = [("low", "low"), ("normal", "normal"), ("high", "high")]


@router.get("/applications/new", response_class=HTMLResponse)
def new_application(request: Request, templates: TemplatesDep) -> HTMLResponse:
    values = {"stage": "applied", "priority": "normal"}
    return _form(request, templates, None, values, {})


@router.post("/applications/new", response_model=None)
def add_application(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    from afterview.services.applications import add_application

    values = {name: form.get(name, "") for name in FIELDS}
    try:
        application = add_application(
            ws,
            company=values["company"],
            role=values["role"],
            stage=parse_stage(values["stage"] or "applied"),
            priority=parse_priority(values["priority"] or "normal"),
            link=values["link"],
            source=values["source"],
            location=values["location"],
            salary=parse_salary(values["salary"]),
            applied_on=values["applied_on"] or None,
            notes=values["notes"],
            posting=values["posting"],
        )
    except (InvalidInput, Ambiguous, NotFound) as error:
        errors = field_errors(error, RENAMED, "company")
        return _form(request, templates, None, values, errors, status=422)
    return RedirectResponse(f"/applications/{application.id}", status_code=303)


@router.get("/applications/{application_id}/edit", response_class=HTMLResponse)
def edit_form(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> HTMLResponse:
    from afterview.services.applications import show_application

    application = show_application(ws, application_id).application
    return _form(request, templates, application, _values_of(application), {})


@router.post("/applications/{application_id}/edit", response_model=None)
def edit_application(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    from afterview.services.applications import edit_application, show_application

    values = {name: form.get(name, "") for name in FIELDS if name != "stage"}
    try:
        edit_application(
            ws,
            application_id,
            company=values["company"],
            role=values["role"],
            priority=parse_priority(values["priority"] or "normal"),
            link=values["link"],
            source=values["source"],
            location=values["location"],
            salary=parse_salary(values["salary"]),
            applied_on=values["applied_on"],
            notes=values["notes"],
            posting=values["posting"],
        )
    except (InvalidInput, Ambiguous, NotFound) as error:
        application = show_application(ws, application_id).application  # or not found: 404
        errors = field_errors(error, RENAMED, "company")
        return _form(request, templates, application, values, errors, status=422)
    return RedirectResponse(f"/applications/{application_id}", status_code=303)


@router.get("/applications/{application_id}", response_class=HTMLResponse)
def show_application(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> HTMLResponse:
    context = detail_context(ws, application_id)
    return templates.TemplateResponse(request, "application.html", context)


@router.post("/applications/{application_id}/stage", response_model=None)
def change_stage(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    """Move an application; `view` says which page asked: the board (default) or the
    application's own page, which gets its details back with the new plan."""
    from afterview.services.applications import change_stage

    on_board = form.get("view") != "application"
    try:
        moved = change_stage(
            ws,
            application_id,
            parse_stage(form.get("stage", "")),
            note=form.get("note", ""),
            automated=bool(form.get("automated")),
            still_interested=bool(form.get("still_interested")),
        )
    except InvalidInput as error:
        if on_board:
            context = board_context(
                ws, only=_column(form), errors={application_id: page_message(error)}
            )
        else:
            context = detail_context(ws, application_id) | {
                "stage_values": {name: form.get(name, "") for name in ("stage", "note")},
                "stage_error": page_message(error),
            }
        return _stage_answer(request, templates, context, on_board=on_board, status=422)
    if not is_htmx(request):
        target = "/board" if on_board else f"/applications/{moved.id}"
        return RedirectResponse(target, status_code=303)
    if on_board:
        moved_text = f"Moved {moved.label} to {moved.stage}."
        context = board_context(ws, only=_column(form), moved=moved_text)
    else:
        context = detail_context(ws, application_id) | {"stage_notice": f"Moved to {moved.stage}."}
    return _stage_answer(request, templates, context, on_board=on_board)


def _column(form: dict[str, str]) -> Stage | None:
    """The one column the board showed, if it showed only one."""
    name = form.get("only", "")
    return Stage(name) if name in set(Stage) else None


def _stage_answer(
    request: Request,
    templates: TemplatesDep,
    context: dict[str, object],
    *,
    on_board: bool,
    status: int = 200,
) -> HTMLResponse:
    page, fragment = (
        ("board.html", "board_columns.html")
        if on_board
        else ("application.html", "application_detail.html")
    )
    return answer(request, templates, page=page, fragment=fragment, context=context, status=status)


def detail_context(ws: WorkspaceDep, application_id: int) -> dict[str, object]:
    from afterview.services.actions import application_actions
    from afterview.services.applications import show_application
    from afterview.services.drafts import list_drafts
    from afterview.services.network import people_for_application

    detail = show_application(ws, application_id)
    application = detail.application
    drafts = list_drafts(ws, application=str(application.id), states=tuple(DraftState))
    actions = application_actions(ws, application.id)
    context = give_context(ws, application.id, actions, detail.zone)
    context |= network_context(ws, application.id)
    context |= offer_context(ws, application) | reject_context(application)
    context |= lessons_context(ws, application, detail.zone)
    context |= rivals_context(ws, application)
    return context | {
        "active": "board",
        "application": application,
        "link": web_link(application.link),
        "salary": salary_text(application.salary),
        "interviews": detail.interviews,
        "timeline": timeline(detail.timeline),
        "zone": detail.zone,
        "actions": actions,
        "people": people_for_application(ws, application.id),
        "drafts": [(view, lint_summary(view.findings)) for view in drafts],
        "stages": [s for s in STAGES if s[0] != application.stage],
        "stage_values": {"stage": "", "note": ""},
        "labels": LABELS,
    }


def _form(
    request: Request,
    templates: TemplatesDep,
    application: Application | None,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status: int = 200,
) -> HTMLResponse:
    context = {
        "active": "board",
        "application": application,
        "values": values,
        "errors": errors,
        "stages": STAGES,
        "priorities": PRIORITIES,
    }
    return templates.TemplateResponse(request, "application_form.html", context, status_code=status)


def _values_of(application: Application) -> dict[str, str]:
    return {
        "company": application.company_name,
        "role": application.role,
        "priority": str(application.priority),
        "link": application.link,
        "source": application.source,
        "location": application.location,
        "salary": salary_text(application.salary),
        "applied_on": application.applied_on.isoformat() if application.applied_on else "",
        "notes": application.notes,
        "posting": application.posting,
    }


def salary_text(salary: Salary) -> str:
    """'170000-195000 USD', as the salary field reads it back."""
    amounts = [str(n) for n in (salary.minimum, salary.maximum) if n is not None]
    return " ".join(part for part in ("-".join(amounts), salary.currency or "") if part)

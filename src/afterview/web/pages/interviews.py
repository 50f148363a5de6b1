"""An interview's page: the ten-practice plan as a checklist (done and skip in place), what
was said about the next step, the self-review (pages/reviews.py), the panel and one
thank-you draft per interviewer; and the form that schedules an interview."""

from __future__ import annotations

from contextlib import suppress
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from afterview.domain.actions import ActionState
from afterview.domain.drafts import DraftKind, DraftState
from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.interviews import InterviewKind, parse_interview_kind
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FormDep, field_errors, is_htmx, timeline
from afterview.web.pages.reviews import review_context

router = APIRouter()

FIELDS = (
    "application",
    "starts",
    "duration",
    "kind",
    "round",
    "location",
    "interviewers",
    "next_step_said",
    "notes",
)
# The domain's field names, as the form calls them.
RENAMED = {name: name for name in FIELDS} | {
    "time_zone": "starts",
    "ends_at": "duration",
    "contact": "interviewers",
}
KINDS = [(str(kind), str(kind)) for kind in InterviewKind]


@router.get("/interviews/new", response_class=HTMLResponse)
def new_interview(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    application: Annotated[int | None, Query()] = None,
) -> HTMLResponse:
    if application is not None:
        from afterview.services.applications import show_application

        show_application(ws, application)  # an unknown one is not found
    values = {"application": str(application or ""), "kind": "video"}
    return _form(request, ws, templates, values, {})


@router.post("/interviews/new", response_model=None)
def add_interview(
    request: Request, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> Response:
    from afterview.services.interviews import add_interview

    values = {name: form.get(name, "").strip() for name in FIELDS}
    if values["round"] and not values["round"].isdigit():
        errors = {"round": "The round is a number from 1 to 20 (empty: the next one)."}
        return _form(request, ws, templates, values, errors, status=422)
    try:
        interview = add_interview(
            ws,
            application=values["application"],
            starts=values["starts"],
            duration=values["duration"] or None,
            round=int(values["round"]) if values["round"] else None,
            kind=parse_interview_kind(values["kind"] or "video"),
            location=values["location"],
            interviewers=[name for name in values["interviewers"].split(",") if name.strip()],
            next_step_said=values["next_step_said"],
            notes=values["notes"],
        )
    except (InvalidInput, Ambiguous, NotFound) as error:
        errors = field_errors(error, RENAMED, "interviewers")
        return _form(request, ws, templates, values, errors, status=422)
    return RedirectResponse(f"/interviews/{interview.id}", status_code=303)


@router.get("/interviews/{interview_id}", response_class=HTMLResponse)
def show_interview(
    request: Request, interview_id: int, ws: WorkspaceDep, templates: TemplatesDep
) -> HTMLResponse:
    return templates.TemplateResponse(request, "interview.html", page_context(ws, interview_id))


@router.post("/interviews/{interview_id}/actions/{action_id}/{verb}", response_model=None)
def act(
    request: Request,
    interview_id: int,
    action_id: int,
    verb: Literal["done", "skip"],
    ws: WorkspaceDep,
    templates: TemplatesDep,
) -> Response:
    """Mark an action of the interview's plan done or skipped; answers with the plan."""
    from afterview.services.actions import finish_action
    from afterview.services.plans import interview_plan

    plan = interview_plan(ws, interview_id)
    if action_id not in {a.id for practice in plan.practices for a in practice.actions}:
        raise NotFound("action", action_id)
    state = ActionState.DONE if verb == "done" else ActionState.SKIPPED
    try:
        finish_action(ws, action_id, state)
    except InvalidInput as error:
        if not is_htmx(request):
            context = page_context(ws, interview_id) | {"plan_error": error.message}
            return templates.TemplateResponse(request, "interview.html", context, status_code=422)
        context = _plan_context(ws, interview_id) | {"plan_error": error.message}
        return templates.TemplateResponse(request, "interview_plan.html", context, status_code=422)
    if not is_htmx(request):
        return RedirectResponse(f"/interviews/{interview_id}", status_code=303)
    context = _plan_context(ws, interview_id) | {"plan_notice": f"Marked {state}."}
    return templates.TemplateResponse(request, "interview_plan.html", context)


def page_context(ws: WorkspaceDep, interview_id: int) -> dict[str, object]:
    """The whole page: the interview, its self-review, its panel with each one's thank-you
    note, the plan."""
    from afterview.services.drafts import list_drafts
    from afterview.services.interviews import show_interview
    from afterview.services.network import people_for_application

    detail = show_interview(ws, interview_id)
    interview = detail.interview
    states = (DraftState.DRAFT, DraftState.SENT)
    notes = [
        view.draft
        for view in list_drafts(ws, application=str(interview.application_id), states=states)
        if view.draft.kind == DraftKind.THANK_YOU and view.draft.interview_id == interview.id
    ]
    panel = [
        (person, next((d for d in notes if d.contact_id == person.id), None))
        for person in detail.interviewers
    ]
    return (
        _plan_context(ws, interview_id)
        | review_context(ws, interview)
        | {
            "active": "board",
            "interview": interview,
            "panel": panel,
            "people": people_for_application(ws, interview.application_id),
            "timeline": timeline(detail.timeline),
        }
    )


def _plan_context(ws: WorkspaceDep, interview_id: int) -> dict[str, object]:
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.plans import interview_plan

    plan = interview_plan(ws, interview_id)
    actions = {a.id: a for practice in plan.practices for a in practice.actions}
    return {
        "plan": plan,
        "zone": plan.zone,
        "actions": actions,
        "drafts": drafts_for_actions(ws, list(actions.values())),
    }


def _form(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status: int = 200,
) -> HTMLResponse:
    """The form; the application it is for is named, or chosen among the active ones."""
    from afterview.services.applications import list_applications

    chosen = values.get("application", "")
    applications = list_applications(ws, active=True)
    if chosen.isdigit() and all(str(a.id) != chosen for a in applications):
        from afterview.services.applications import show_application

        with suppress(NotFound):  # the form says so next to the field
            applications.insert(0, show_application(ws, chosen).application)
    context = {
        "active": "board",
        "values": values,
        "errors": errors,
        "kinds": KINDS,
        "applications": [(str(a.id), a.label) for a in applications],
    }
    return templates.TemplateResponse(request, "interview_form.html", context, status_code=status)

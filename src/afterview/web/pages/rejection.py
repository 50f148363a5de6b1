"""A rejection, from the application's page (practice 10): the form, then what was planned —
the gracious reply with its draft, the lessons to write down, the reminder to reconnect —
and the pipeline's health right after, so the next step shows."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from afterview.domain.applications import Application
from afterview.domain.errors import InvalidInput
from afterview.domain.pipeline import Health
from afterview.domain.stages import Stage
from afterview.services.drafts import DraftView
from afterview.services.rejection import Rejected
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FORM, FormDep, application_answer, field_errors

router = APIRouter()
FIELDS = ("reason", "feedback")
CHECKS = ("automated", "still_interested")
# The domain's field names, as the form calls them; the application itself is no field.
RENAMED = {"reason": "reason", "feedback": "feedback", "notes": "feedback", "application": FORM}


@dataclass(frozen=True, slots=True)
class Planned:
    """What a rejection planned, each action's draft, and the pipeline's health after."""

    rejected: Rejected
    drafts: dict[int, DraftView]
    by_stage: list[tuple[str, int]]
    most: int


@router.post("/applications/{application_id}/reject", response_model=None)
def reject_application(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """End the application as rejected; the page comes back with what was planned."""
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.rejection import reject
    from afterview.web.pages.applications import detail_context

    values = {name: form.get(name, "").strip() for name in FIELDS}
    checks = {name: bool(form.get(name)) for name in CHECKS}
    try:
        done = reject(
            ws,
            application_id,
            reason=values["reason"],
            feedback=values["feedback"],
            automated=checks["automated"],
            still_interested=checks["still_interested"],
        )
    except InvalidInput as error:
        context = detail_context(ws, application_id) | {
            "reject_values": values | {name: "1" if on else "" for name, on in checks.items()},
            "reject_errors": field_errors(error, RENAMED),
        }
        status = 422
    else:
        drafts = drafts_for_actions(ws, done.planned)
        planned = Planned(done, drafts, *pipeline_bars(done.health))
        context = detail_context(ws, application_id) | {"rejected": planned}
        status = 200
    return application_answer(request, templates, context, status)


def reject_context(application: Application) -> dict[str, object]:
    """The rejection form's defaults, and whether it is offered (not once the application
    is rejected, accepted, withdrawn or declined; a company that went quiet may still say
    no)."""
    return {
        "reject_shown": application.stage.is_active or application.stage == Stage.GONE_QUIET,
        "reject_values": {"reason": "", "feedback": "", "automated": "", "still_interested": ""},
        "reject_errors": {},
        "rejected": None,
    }


def pipeline_bars(health: Health) -> tuple[list[tuple[str, int]], int]:
    """The active applications by stage, and the largest count (at least 1), for the
    pipeline's bars (pipeline_health.html)."""
    by_stage = [(str(stage), n) for stage, n in health.by_stage.items()]
    return by_stage, max((n for _stage, n in by_stage), default=0) or 1

"""The agenda dashboard: overdue, today, this week — each action with done, skip and snooze
in place — what is waiting with its patience window, and the pipeline's health."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from afterview.domain.actions import ActionState
from afterview.web.deps import TemplatesDep, WorkspaceDep

router = APIRouter()
SHOWN = 15


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, ws: WorkspaceDep, templates: TemplatesDep) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "agenda.html", {"active": "agenda", **_agenda_context(ws)}
    )


@router.post("/actions/{action_id}/{verb}", response_class=HTMLResponse)
def act(
    request: Request,
    action_id: int,
    verb: Literal["done", "skip", "snooze"],
    ws: WorkspaceDep,
    templates: TemplatesDep,
    until: Annotated[str, Form()] = "tomorrow 9:00",
) -> HTMLResponse:
    """Mark an action done or skipped, or snooze it; answers with the agenda's sections."""
    from afterview.services.actions import finish_action, snooze_action

    if verb == "snooze":
        snooze_action(ws, action_id, until)
    else:
        finish_action(ws, action_id, ActionState.DONE if verb == "done" else ActionState.SKIPPED)
    return templates.TemplateResponse(request, "agenda_sections.html", _agenda_context(ws))


def _agenda_context(ws: WorkspaceDep) -> dict[str, object]:
    from afterview.services.agenda import agenda
    from afterview.services.drafts import drafts_for_actions

    view = agenda(ws)
    sections = [
        ("overdue", "Overdue", view.overdue[:SHOWN], len(view.overdue)),
        ("today", "Due today", view.due_today[:SHOWN], len(view.due_today)),
        ("week", "Coming up this week", view.this_week[:SHOWN], len(view.this_week)),
    ]
    shown = [item.action for _key, _title, items, _n in sections for item in items]
    by_stage = [(str(stage), n) for stage, n in view.health.by_stage.items()]
    return {
        "view": view,
        "sections": sections,
        "drafts": drafts_for_actions(ws, shown),
        "by_stage": by_stage,
        "most": max((n for _s, n in by_stage), default=0) or 1,
    }

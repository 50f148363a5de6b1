"""The agenda dashboard: overdue, today, this week — each action with done, skip and snooze
in place — what is waiting with its patience window, and the pipeline's health."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from afterview.domain.actions import ActionState
from afterview.services.workspace import Workspace
from afterview.web.deps import TemplatesDep, WorkspaceDep

router = APIRouter()
SHOWN = 15


@router.get("/", response_class=HTMLResponse)
def dashboard(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    show_all: Annotated[bool, Query(alias="all")] = False,
) -> HTMLResponse:
    """The agenda, SHOWN rows per part (`?all=1`: every row)."""
    context = {"active": "agenda", **_agenda_context(ws, show_all)}
    return templates.TemplateResponse(request, "agenda.html", context)


@router.post("/actions/{action_id}/{verb}", response_class=HTMLResponse)
def act(
    request: Request,
    action_id: int,
    verb: Literal["done", "skip", "snooze"],
    ws: WorkspaceDep,
    templates: TemplatesDep,
    until: Annotated[str, Form()] = "tomorrow 9:00",
    show_all: Annotated[bool, Form(alias="all")] = False,
) -> HTMLResponse:
    """Mark an action done or skipped, or snooze it; answers with the agenda's sections."""
    from afterview.services.actions import finish_action, snooze_action

    if verb == "snooze":
        snooze_action(ws, action_id, until)
    else:
        finish_action(ws, action_id, ActionState.DONE if verb == "done" else ActionState.SKIPPED)
    context = {**_agenda_context(ws, show_all)}
    return templates.TemplateResponse(request, "agenda_sections.html", context)


def _agenda_context(ws: Workspace, show_all: bool) -> Mapping[str, object]:
    """The agenda's view, kept while the data and the minute stay the same (a dashboard
    left open and reloaded reads nothing again)."""
    minute = ws.now().replace(second=0, microsecond=0)
    return ws.db.memo.get("agenda", (minute, show_all), lambda: _work_out(ws, show_all))


def _work_out(ws: Workspace, show_all: bool) -> Mapping[str, object]:
    from afterview.services.agenda import agenda
    from afterview.services.drafts import drafts_for_actions

    view = agenda(ws, None if show_all else SHOWN)
    sections = [
        ("overdue", "Overdue", view.overdue),
        ("today", "Due today", view.due_today),
        ("week", "Coming up this week", view.this_week),
    ]
    shown = [item.action for _key, _title, section in sections for item in section.items]
    by_stage = [(str(stage), n) for stage, n in view.health.by_stage.items()]
    return MappingProxyType(
        {
            "view": view,
            "show_all": show_all,
            "sections": sections,
            "drafts": drafts_for_actions(ws, shown),
            "by_stage": by_stage,
            "most": max((n for _s, n in by_stage), default=0) or 1,
        }
    )

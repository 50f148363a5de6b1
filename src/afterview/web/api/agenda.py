"""The agenda (`afterview today`): overdue, due today, this week, what is waiting, and the
pipeline's health."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from afterview.domain.pipeline import Health
from afterview.services.agenda import Agenda, Item, Waiting, agenda
from afterview.services.drafts import DraftView, drafts_for_actions
from afterview.web.api.actions import ActionOut, with_draft
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["agenda"])


class WaitingOut(BaseModel):
    """An application waiting for an answer, and the window in which one is normal."""

    application: dict[str, int | str]
    since: str
    normal_from: str
    normal_until: str
    source: str
    overdue: bool
    status: str


class AgendaOut(BaseModel):
    """The Agenda of docs/json.md (`today --json`)."""

    today: str
    time_zone: str
    overdue: list[ActionOut]
    due_today: list[ActionOut]
    this_week: list[ActionOut]
    waiting: list[WaitingOut]
    totals: dict[str, int]
    pipeline: dict[str, Any]


@router.get("/agenda", response_model_exclude_unset=True)
def show_agenda(
    ws: WorkspaceDep, limit: Annotated[int | None, Query(ge=1, le=1000)] = None
) -> AgendaOut:
    """What to do: overdue, due today and this week (each with its draft's lint counts),
    what is waiting and whether that is still normal, and the pipeline's health. With
    `limit`, at most that many rows in each part; `totals` counts them all."""
    view = agenda(ws, limit)
    sections = (view.overdue, view.due_today, view.this_week)
    actions = [i.action for section in sections for i in section.items]
    return agenda_out(view, drafts_for_actions(ws, actions))


def agenda_out(view: Agenda, drafts: Mapping[int, DraftView]) -> AgendaOut:
    return AgendaOut(
        today=view.today.isoformat(),
        time_zone=view.zone,
        overdue=_items(view.overdue.items, drafts),
        due_today=_items(view.due_today.items, drafts),
        this_week=_items(view.this_week.items, drafts),
        waiting=[_waiting(w) for w in view.waiting.items],
        totals=view.totals,
        pipeline=pipeline_out(view.health),
    )


def pipeline_out(health: Health) -> dict[str, Any]:
    """The pipeline's health as the agenda's `pipeline` says it."""
    return {
        "active": health.active,
        "by_stage": {str(stage): n for stage, n in health.by_stage.items()},
        "floor": health.floor,
        "applied_this_week": health.applied_this_week,
        "weekly_goal": health.weekly_goal,
        "nudge": health.nudge,
    }


def _items(items: Sequence[Item], drafts: Mapping[int, DraftView]) -> list[ActionOut]:
    found = []
    for item in items:
        out = with_draft(item.action, drafts)
        out.application_label = item.application.label
        found.append(out)
    return found


def _waiting(waiting: Waiting) -> WaitingOut:
    window = waiting.window
    return WaitingOut(
        application={"id": waiting.application.id, "label": waiting.application.label},
        since=window.since.isoformat(),
        normal_from=window.start.isoformat(),
        normal_until=window.end.isoformat(),
        source=window.source,
        overdue=waiting.overdue,
        status=waiting.status,
    )

"""Planned actions: mark one done or skipped, or snooze it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from afterview.domain.actions import Action, ActionState
from afterview.services import actions as service
from afterview.services.drafts import DraftView
from afterview.web.api.lint import lint_counts
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/actions", tags=["agenda"])


class ActionOut(BaseModel):
    """The Action of docs/json.md. In the agenda it also has `application_label`; in the
    agenda and a plan, `draft`: null, or the draft ready for it with its lint counts."""

    id: int
    practice: int = Field(description="Which of the ten practices (1-10).")
    kind: str
    rule: str
    application_id: int
    interview_id: int | None
    contact_id: int | None
    due_at: str
    state: ActionState
    snoozed_until: str | None
    reason: str
    application_label: str | None = None
    draft: dict[str, int] | None = None


def action_out(action: Action) -> ActionOut:
    return ActionOut(
        id=action.id,
        practice=action.practice,
        kind=str(action.kind),
        rule=action.rule,
        application_id=action.application_id,
        interview_id=action.interview_id,
        contact_id=action.contact_id,
        due_at=action.due_at.isoformat(),
        state=action.state,
        snoozed_until=action.snoozed_until.isoformat() if action.snoozed_until else None,
        reason=action.reason,
    )


def with_draft(action: Action, drafts: Mapping[int, DraftView]) -> ActionOut:
    """The action with the summary of its draft (or null)."""
    out = action_out(action)
    view = drafts.get(action.id)
    out.draft = None  # set, so that it shows as null
    if view is not None:
        errors, warnings = lint_counts(view.findings)
        out.draft = {"id": view.draft.id, "errors": errors, "warnings": warnings}
    return out


@router.post("/{action_id}/done", response_model_exclude_unset=True)
def mark_done(action_id: int, ws: WorkspaceDep) -> ActionOut:
    """Mark an action done; the plan follows. A follow-up is recorded by sending its draft
    (POST /api/drafts/{id}/sent), which checks that it is not too early."""
    return action_out(service.finish_action(ws, action_id, ActionState.DONE))


@router.post("/{action_id}/skip", response_model_exclude_unset=True)
def skip(action_id: int, ws: WorkspaceDep) -> ActionOut:
    """Skip an action: it does not come back when the plan is made again."""
    return action_out(service.finish_action(ws, action_id, ActionState.SKIPPED))


@router.post("/{action_id}/snooze", response_model_exclude_unset=True)
def snooze(
    action_id: int,
    until: Annotated[
        str,
        Body(embed=True, min_length=1, max_length=100, description="'monday 9:00', 'tomorrow 8am'"),
    ],
    ws: WorkspaceDep,
) -> ActionOut:
    """Put an action off until a time typed naturally."""
    return action_out(service.snooze_action(ws, action_id, until))

"""A rejection, gracefully (practice 10): the application ends; the plan gets the gracious
reply (not for a form letter), the lessons to write down, and, when you would still like to
work there, a reminder to reconnect after the configured months; feedback given with it is
kept for the trends; and the pipeline's health comes right after, so the next step shows."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from afterview.domain.actions import Action, ActionKind
from afterview.domain.applications import Application
from afterview.domain.errors import InvalidInput
from afterview.domain.pipeline import Health
from afterview.domain.reviews import Review
from afterview.domain.stages import Stage
from afterview.domain.values import limit_text
from afterview.services.agenda import health
from afterview.services.applications import find_application, move_stage
from afterview.services.reviews import add_feedback
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store

REASON_LENGTH = 500
# What a rejection plans, in the order it is shown.
PLANNED = (ActionKind.REJECTION_REPLY, ActionKind.LESSONS_LEARNED, ActionKind.REAPPLY_REMINDER)


@dataclass(frozen=True, slots=True)
class Rejected:
    application: Application
    planned: list[Action]  # the reply, the lessons, the reminder: those the plan made
    feedback: Review | None
    health: Health


def reject(
    ws: Workspace,
    application: str | int,
    *,
    reason: str = "",
    feedback: str = "",
    automated: bool = False,
    still_interested: bool = False,
) -> Rejected:
    """End the application as rejected (all or nothing, feedback included)."""
    now = ws.now()
    with ws.ready().write() as session:
        target = find_application(session, application)
        if target.stage == Stage.REJECTED:
            raise InvalidInput(f"{target.label} is already rejected.", field="application")
        note = limit_text(reason, "reason", REASON_LENGTH)
        moved = move_stage(
            ws,
            session,
            target,
            Stage.REJECTED,
            now,
            note=note,
            automated=automated,
            still_interested=still_interested,
        )
        kept = None
        if feedback.strip():
            kept = add_feedback(ws, session, target.id, feedback, (), (), None, now)
        actions = action_store.list_actions(session, application_ids=[target.id])
        planned = sorted(
            (a for a in actions if a.kind in PLANNED and a.state.is_pending),
            key=lambda a: PLANNED.index(a.kind),
        )
        today = now.astimezone(ZoneInfo(ws.home_zone(session))).date()
        return Rejected(moved, planned, kept, health(ws, session, today))

"""What the user does with an action: done, skip, snooze — and the guarded follow-up."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import Action, ActionKind, ActionState, check_snooze
from afterview.domain.applications import Application
from afterview.domain.errors import InvalidInput
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.moments import parse_moment
from afterview.domain.playbook import stated_timeline, timeline_phrase
from afterview.domain.stages import WAITING_STAGES
from afterview.services.applications import find_application
from afterview.services.hints import Command, Hint, Option
from afterview.services.playbook import replan_application
from afterview.services.region import setting
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store.events import append_event
from afterview.store.interviews import get_interview

FOLLOW_UPS = (ActionKind.FOLLOW_UP, ActionKind.SECOND_FOLLOW_UP)


class TooEarly(InvalidInput):
    """A follow-up before its window opens; the message gives the first fitting day."""

    code = "too_early"


def finish_action(ws: Workspace, action_id: int, state: ActionState) -> Action:
    """Mark an action done or skipped; the application is replanned (a follow-up done opens
    the way to the next one)."""
    now = ws.now()
    with ws.ready().write() as session:
        action = action_store.get_action(session, action_id)
        if not action.state.is_pending:
            raise InvalidInput(f"Action {action.id} is already {action.state}.", field="state")
        if action.kind in FOLLOW_UPS and state == ActionState.DONE:
            raise InvalidInput(
                Hint(
                    f"Action {action.id} is a follow-up: it is recorded when its draft is "
                    "marked sent, which checks that it is not too early.",
                    ["Or record it with `", Command("followup", action.application_id), "`."],
                ),
                field="action",
            )
        action_store.set_state(session, [action.id], state, now)
        _record(session, action, state, now)
        replan_application(ws, session, action.application_id, now)
        return action_store.get_action(session, action.id)


def application_actions(ws: Workspace, reference: str | int) -> list[Action]:
    """The actions of one application's plan, by due time; those the plan dropped are left
    out (the application page)."""
    with ws.ready().read() as session:
        application = find_application(session, reference)
        actions = action_store.list_actions(session, application_ids=[application.id])
        return [a for a in actions if a.state != ActionState.DROPPED]


def snooze_action(ws: Workspace, action_id: int, until: str) -> Action:
    """Put an action off until a time the user types ('monday 9:00', 'tomorrow 8am')."""
    now = ws.now()
    with ws.ready().write() as session:
        action = action_store.get_action(session, action_id)
        if not action.state.is_pending:
            raise InvalidInput(f"Action {action.id} is already {action.state}.", field="state")
        moment, _zone = parse_moment(until, now=now, zone=ws.home_zone(session), field="until")
        action_store.set_state(
            session, [action.id], ActionState.SNOOZED, now, snoozed_until=check_snooze(moment, now)
        )
        _record(session, action, ActionState.SNOOZED, now, until=moment)
        return action_store.get_action(session, action.id)


def follow_up(
    ws: Workspace, reference: str | int, *, anyway: bool = False
) -> tuple[Action, Action | None]:
    """Record that you followed up. Before the planned day it is refused with the reason and
    the first fitting day, unless `anyway`, which is recorded as an early follow-up. Returns
    the follow-up done and what the plan now expects next (a second follow-up, or the
    question whether it went quiet), if anything."""
    with ws.ready().write() as session:
        application = find_application(session, reference)
        return record_follow_up(ws, session, application, ws.now(), anyway=anyway)


def record_follow_up(
    ws: Workspace, session: Session, application: Application, now: datetime, *, anyway: bool
) -> tuple[Action, Action | None]:
    """`follow_up` inside the caller's transaction (a sent follow-up draft uses it too)."""
    if application.stage not in WAITING_STAGES:
        raise InvalidInput(
            f"{application.label} is not waiting for an answer (stage {application.stage}).",
            field="application",
        )
    pending = [
        a
        for a in action_store.list_actions(session, application_ids=[application.id])
        if a.kind in FOLLOW_UPS and a.state.is_pending
    ]
    if not pending:
        raise InvalidInput(
            Hint(
                f"No follow-up is planned for {application.label}: follow-ups come after an "
                "interview, at most two.",
                ["See `", Command("plan"), "`."],
            ),
            field="application",
        )
    action = min(pending, key=lambda a: a.due_at)
    early = action.due_at > now
    if not anyway:
        check_follow_up_time(ws, session, action, application.label, now)
    action_store.set_state(session, [action.id], ActionState.DONE, now)
    data = {"action": action.id, "which": str(action.kind), "early": early}
    append_event(session, SubjectKind.APPLICATION, application.id, EventKind.FOLLOWED_UP, now, data)
    replan_application(ws, session, application.id, now)
    after = [
        a
        for a in action_store.list_actions(session, application_ids=[application.id])
        if a.state.is_pending and a.kind in (*FOLLOW_UPS, ActionKind.CONFIRM_GONE_QUIET)
    ]
    return action_store.get_action(session, action.id), min(
        after, key=lambda a: a.due_at, default=None
    )


def check_follow_up_time(
    ws: Workspace, session: Session, action: Action, label: str, now: datetime
) -> None:
    """The follow-up guard: a pending follow-up before its planned day is refused with the
    reason and the first fitting day (TooEarly)."""
    if action.kind in FOLLOW_UPS and action.state.is_pending and action.due_at > now:
        raise TooEarly(too_early(ws, session, label, action))


def too_early(ws: Workspace, session: Session, label: str, action: Action) -> Hint:
    place = setting(ws, session)
    first = action.due_at.astimezone(ZoneInfo(place.zone))
    if action.kind == ActionKind.FOLLOW_UP and action.interview_id is not None:
        interview = get_interview(session, action.interview_id)
        why = timeline_phrase(stated_timeline(interview, place.calendar))
    else:
        why = "your first follow-up needs five business days to be answered"
    return Hint(
        f"Too early to follow up on {label}: {why}. Following up before "
        f"{first:%a} {first.day} {first:%b} reads as impatient.",
        ["use ", Option("anyway"), " to record it now."],
        clause=True,
    )


def _record(
    session: Session,
    action: Action,
    state: ActionState,
    now: datetime,
    until: datetime | None = None,
) -> None:
    data: dict[str, object] = {"action": action.id, "kind": str(action.kind), "state": str(state)}
    if until is not None:
        data["until"] = until.isoformat()
    append_event(
        session, SubjectKind.APPLICATION, action.application_id, EventKind.ACTION_CHANGED, now, data
    )


def complete_planned(
    session: Session, application_id: int, kind: ActionKind, interview_id: int | None, now: datetime
) -> Action | None:
    """Mark done the pending action of this kind (of this interview, when given) that the
    plan made: what completing a self-review or writing the lessons does. None if there is
    none pending."""
    for action in action_store.list_actions(session, application_ids=[application_id]):
        if (
            action.kind == kind
            and action.state.is_pending
            and (interview_id is None or action.interview_id == interview_id)
        ):
            action_store.set_state(session, [action.id], ActionState.DONE, now)
            _record(session, action, ActionState.DONE, now)
            return action_store.get_action(session, action.id)
    return None

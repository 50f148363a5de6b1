"""Planning: keeping every application's actions in step with what happened, and the plan
of one interview across the ten practices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import Action, ActionState
from afterview.domain.applications import Application
from afterview.domain.calendar import BusinessCalendar
from afterview.domain.events import SubjectKind
from afterview.domain.interviews import Interview
from afterview.domain.playbook import (
    WAITING_STAGES,
    PlanContext,
    Reconciliation,
    plan_application,
    reconcile,
)
from afterview.domain.rules import Rule, apply_overrides
from afterview.domain.stages import Stage
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import contacts as contact_store
from afterview.store import interviews as interview_store
from afterview.store import profile as profile_store
from afterview.store.events import list_events

if TYPE_CHECKING:
    from afterview.services.agenda import Health, Waiting


@dataclass(frozen=True, slots=True)
class Setting:
    """Where the user lives, for business days: zone, calendar, and the rules in force."""

    zone: str
    calendar: BusinessCalendar
    rules: dict[str, Rule]


def setting(ws: Workspace, session: Session) -> Setting:
    profile = profile_store.get_profile(session)
    if profile is None:
        return Setting("UTC", BusinessCalendar.weekends_only(), rules(ws))
    return Setting(profile.time_zone, calendar_for(profile.country, profile.subdivision), rules(ws))


@lru_cache(maxsize=8)
def calendar_for(country: str, subdivision: str | None) -> BusinessCalendar:
    return BusinessCalendar.for_region(country, subdivision)


def rules(ws: Workspace) -> dict[str, Rule]:
    return apply_overrides(ws.settings.playbook)


def replan_application(
    ws: Workspace, session: Session, application_id: int, now: datetime
) -> Reconciliation:
    """Bring one application's actions in step with its records (inside the caller's
    transaction): new ones created, open ones moved, ones no longer called for dropped."""
    place = setting(ws, session)
    application = application_store.get_application(session, application_id)
    interviews = interview_store.list_interviews(session, application_id=application_id)
    events = list_events(session, [(SubjectKind.APPLICATION, application_id)])
    actions = action_store.list_actions(session, application_ids=[application_id])
    people = {i for interview in interviews for i in interview.interviewer_ids}
    context = PlanContext(
        zone=place.zone,
        calendar=place.calendar,
        rules=place.rules,
        names=contact_store.names(session, people),
    )
    planned = plan_application(application, interviews, events, actions, context)
    changes = reconcile(planned, actions)
    action_store.insert_planned(session, changes.create, now)
    action_store.replan(session, changes.move, now)
    action_store.set_state(session, [a.id for a in changes.drop], ActionState.DROPPED, now)
    return changes


def replan_everything(ws: Workspace) -> int:
    """Replan every application (after changing rules in config.toml); returns how many
    actions changed."""
    now = ws.now()
    changed = 0
    with ws.ready().write() as session:
        for application in application_store.list_applications(session):
            changes = replan_application(ws, session, application.id, now)
            changed += len(changes.create) + len(changes.move) + len(changes.drop)
    return changed


PRACTICES = {
    1: "Evaluate your performance",
    2: "Inform your references",
    3: "Send thank-you notes",
    4: "Engage the competition",
    5: "Influence outside resources",
    6: "Follow up at the right time",
    7: "Think about whether you need this job",
    8: "Keep patience",
    9: "Don't stop searching",
    10: "Accept rejection with grace",
}


@dataclass(frozen=True, slots=True)
class PracticePlan:
    number: int
    name: str
    actions: list[Action]
    note: str  # why nothing is planned, or what stands in for actions (patience, health)


@dataclass(frozen=True, slots=True)
class InterviewPlan:
    interview: Interview
    zone: str
    practices: list[PracticePlan]


def interview_plan(ws: Workspace, reference: str | int) -> InterviewPlan:
    """All ten practices for one interview: its actions, or why a practice does not apply."""
    from afterview.services.agenda import health, waiting
    from afterview.services.interviews import find_interview

    with ws.ready().read() as session:
        interview = find_interview(session, reference)
        place = setting(ws, session)
        application = application_store.get_application(session, interview.application_id)
        rounds = interview_store.list_interviews(session, application_id=application.id)
        latest = max(rounds, key=lambda i: i.starts_at)
        actions = [
            a
            for a in action_store.list_actions(session, application_ids=[application.id])
            if a.interview_id in (interview.id, None) and a.state != ActionState.DROPPED
        ]
        today = ws.now().astimezone(ZoneInfo(place.zone)).date()
        window = next(
            (w for w in waiting(session, [application], ws.now(), today, place.calendar)), None
        )
        fit = health(ws, session, today)
    notes = _practice_notes(interview, application, place, window, fit)
    if latest.id != interview.id and not notes[6]:
        notes[6] = (
            f"Follow-ups follow the latest round: round {latest.round} "
            f"(afterview plan {latest.id})."
        )
    if not notes[6] and not any(a.practice == 6 for a in actions):
        notes[6] = "No follow-up is planned: they answered after this interview."
    practices = [
        PracticePlan(number, name, [a for a in actions if a.practice == number], notes[number])
        for number, name in PRACTICES.items()
    ]
    return InterviewPlan(interview, place.zone, practices)


def _practice_notes(
    interview: Interview,
    application: Application,
    place: Setting,
    window: Waiting | None,
    fit: Health,
) -> dict[int, str]:
    def off(key: str) -> str:
        return (
            f"Turned off in config.toml (playbook.{key})." if not place.rules[key].enabled else ""
        )

    final = interview.kind == "final"
    return {
        1: off("self_review"),
        2: off("reference_heads_up")
        or (
            "No references are marked yet: mark them with the network features (coming)."
            if final
            else "Applies when references are given or a final round is scheduled."
        ),
        3: off("thank_you"),
        4: off("competition_scan"),
        5: off("network_check"),
        6: off("follow_up")
        or (
            ""
            if application.stage in WAITING_STAGES
            else f"Not waiting for an answer: the application is at stage {application.stage}."
        ),
        7: off("offer_decision")
        or ("" if application.stage == Stage.OFFER else "Applies when an offer arrives."),
        8: window.status if window else "Not waiting for an answer.",
        9: fit.nudge
        or (
            f"{fit.active} active applications; {fit.applied_this_week} of "
            f"{fit.weekly_goal} sent this week."
        ),
        10: ""
        if application.stage == Stage.REJECTED
        else "Applies if the application is rejected: a gracious reply, lessons, a reminder.",
    }

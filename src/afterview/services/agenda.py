"""The agenda (`afterview today`): what is overdue, due today and this week across all the
practices, what is waiting and for how long that is normal, and the pipeline's health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import Action
from afterview.domain.applications import Application
from afterview.domain.patience import Window, expected_window, past_waits, summarise
from afterview.domain.pipeline import Health
from afterview.domain.rules import Unit
from afterview.domain.stages import WAITING_STAGES, Stage
from afterview.domain.timelines import read_timeline
from afterview.services.region import Setting, setting
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import interviews as interview_store

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Item:
    action: Action
    application: Application


@dataclass(frozen=True, slots=True)
class Waiting:
    application: Application
    window: Window
    status: str
    overdue: bool


@dataclass(frozen=True, slots=True)
class Agenda:
    zone: str
    today: date
    overdue: list[Item]
    due_today: list[Item]
    this_week: list[Item]
    waiting: list[Waiting]
    health: Health


def agenda(ws: Workspace) -> Agenda:
    now = ws.now()
    with ws.ready().read() as session:
        place = setting(ws, session)
        zone = ZoneInfo(place.zone)
        today = now.astimezone(zone).date()
        start = datetime.combine(today, time(), zone)
        tomorrow = datetime.combine(today + timedelta(days=1), time(), zone)
        actions = action_store.list_actions(session, pending_due_before=tomorrow + WEEK)
        # Only what the agenda shows: the actions' applications and those waiting.
        needed = application_store.list_applications(
            session, stages=WAITING_STAGES, ids={a.application_id for a in actions}
        )
        applications = {a.id: a for a in needed}
        items = sorted(
            (Item(a, applications[a.application_id]) for a in actions),
            key=lambda item: (item.action.effective_due(), item.action.id),
        )
        return Agenda(
            zone=place.zone,
            today=today,
            overdue=[i for i in items if i.action.effective_due() < start],
            due_today=[i for i in items if start <= i.action.effective_due() < tomorrow],
            this_week=[i for i in items if i.action.effective_due() >= tomorrow],
            waiting=waiting(session, list(applications.values()), now, today, place),
            health=health(ws, session, today),
        )


def waiting(
    session: Session,
    applications: list[Application],
    now: datetime,
    today: date,
    place: Setting,
) -> list[Waiting]:
    """Each application waiting for an answer, with the window in which one is normal. One
    with an interview still to come is not waiting: it is preparing. The window after a
    stated date ends where the follow-up rule allows asking."""
    calendar = place.calendar
    buffer = place.rules["follow_up"].offset
    buffer_days = buffer.amount if buffer.unit == Unit.BUSINESS_DAYS else 1
    latest = interview_store.latest_per_application(session)
    ended = [
        (stage, moved, latest[app_id][0] if app_id in latest else None)
        for app_id, stage, moved in application_store.stage_rows(session)
    ]
    history = summarise(past_waits(ended, today))
    found = []
    for application in applications:
        last = latest.get(application.id)
        if application.stage not in WAITING_STAGES or (last is not None and last[0] > now):
            continue
        since = _since(application, last)
        timeline = (
            read_timeline(last[2], said_on=since, calendar=calendar) if last is not None else None
        )
        window = expected_window(
            since=since,
            after_interview=last is not None,
            timeline=timeline,
            history=history,
            buffer_business_days=buffer_days,
            calendar=calendar,
        )
        found.append(Waiting(application, window, window.status(today), window.is_overdue(today)))
    return sorted(found, key=lambda w: (not w.overdue, w.window.end))


def health(ws: Workspace, session: Session, today: date) -> Health:
    counts = application_store.count_by_stage(session)
    monday = today - timedelta(days=today.weekday())
    applied = application_store.count_applied_between(session, monday, monday + timedelta(days=6))
    active = {stage: n for stage, n in counts.items() if stage.is_active and stage != Stage.SAVED}
    return Health(
        by_stage={s: counts.get(s, 0) for s in Stage if s.is_active and s != Stage.SAVED},
        active=sum(active.values()),
        floor=ws.settings.pipeline_floor,
        applied_this_week=applied,
        weekly_goal=ws.settings.weekly_goal,
    )


def _since(application: Application, last: tuple[datetime, str, str] | None) -> date:
    if last is not None:
        return last[0].astimezone(ZoneInfo(last[1])).date()
    if application.applied_on is not None and application.stage == Stage.APPLIED:
        return application.applied_on
    return application.stage_changed_at.date()

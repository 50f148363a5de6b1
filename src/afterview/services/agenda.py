"""The agenda (`afterview today`): what is overdue, due today and this week across all the
practices, what is waiting and for how long that is normal, and the pipeline's health."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Generic, TypeVar
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
from afterview.store.applications import StageRow

WEEK = timedelta(days=7)
T = TypeVar("T")


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
class Section(Generic[T]):
    """The first rows of a part of the agenda, and how many it has in all."""

    items: list[T]
    total: int

    @property
    def more(self) -> int:
        """How many are not shown."""
        return self.total - len(self.items)


@dataclass(frozen=True, slots=True)
class Agenda:
    zone: str
    today: date
    overdue: Section[Item]
    due_today: Section[Item]
    this_week: Section[Item]
    waiting: Section[Waiting]
    health: Health

    @property
    def totals(self) -> dict[str, int]:
        """How many rows each part has in all, shown or not."""
        return {
            "overdue": self.overdue.total,
            "due_today": self.due_today.total,
            "this_week": self.this_week.total,
            "waiting": self.waiting.total,
        }


def agenda(ws: Workspace, shown: int | None = None) -> Agenda:
    """The agenda, with at most `shown` rows in each part (all of them when None); each part
    still says how many it has. Only the rows shown are read whole, so a long history costs
    little more than a short one."""
    now = ws.now()
    with ws.ready().read() as session:
        place = setting(ws, session)
        zone = ZoneInfo(place.zone)
        today = now.astimezone(zone).date()
        start = datetime.combine(today, time(), zone)
        tomorrow = datetime.combine(today + timedelta(days=1), time(), zone)
        parts = [
            action_store.pending_due(session, before=start, limit=shown),
            action_store.pending_due(session, since=start, before=tomorrow, limit=shown),
            action_store.pending_due(session, since=tomorrow, before=tomorrow + WEEK, limit=shown),
        ]
        waits = waiting_windows(session, now, today, place)
        shown_waits = waits[:shown]
        applications = _applications(
            session,
            {a.application_id for actions, _n in parts for a in actions}
            | {row.id for row, _w in shown_waits},
        )
        overdue, due_today, this_week = (
            Section([Item(a, applications[a.application_id]) for a in actions], total)
            for actions, total in parts
        )
        waiting = Section(
            [
                Waiting(applications[row.id], w, w.status(today), w.is_overdue(today))
                for row, w in shown_waits
            ],
            len(waits),
        )
        return Agenda(
            zone=place.zone,
            today=today,
            overdue=overdue,
            due_today=due_today,
            this_week=this_week,
            waiting=waiting,
            health=health(ws, session, today),
        )


def _applications(session: Session, ids: set[int]) -> dict[int, Application]:
    return {a.id: a for a in application_store.list_applications(session, ids=ids)}


def waiting_windows(
    session: Session, now: datetime, today: date, place: Setting, only: int | None = None
) -> list[tuple[StageRow, Window]]:
    """Each application waiting for an answer (or only the one with id `only`), with the
    window in which one is normal, overdue ones first. One with an interview still to come
    is not waiting: it is preparing. The window after a stated date ends where the
    follow-up rule allows asking."""
    calendar = place.calendar
    buffer = place.rules["follow_up"].offset
    buffer_days = buffer.amount if buffer.unit == Unit.BUSINESS_DAYS else 1
    rows = application_store.stage_rows(session)
    ended = [
        (row.stage, row.stage_changed_at, row.latest[0] if row.latest else None) for row in rows
    ]
    history = summarise(past_waits(ended, today))
    found = []
    for row in rows:
        last = row.latest
        if only not in (None, row.id) or row.stage not in WAITING_STAGES:
            continue
        if last is not None and last[0] > now:  # preparing, not waiting
            continue
        since = _since(row, last)
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
        found.append((row, window))
    # Overdue first, then by the window's end; ties most recently moved first.
    found.sort(key=lambda f: (f[0].stage_changed_at, f[0].id), reverse=True)
    return sorted(found, key=lambda f: (not f[1].is_overdue(today), f[1].end))


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


def _since(row: StageRow, last: tuple[datetime, str, str] | None) -> date:
    if last is not None:
        return last[0].astimezone(ZoneInfo(last[1])).date()
    if row.applied_on is not None and row.stage == Stage.APPLIED:
        return row.applied_on
    return row.stage_changed_at.date()

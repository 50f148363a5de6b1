"""The playbook engine: facts in, planned actions out. Pure: no I/O, `now` is an argument.

`plan_application` plans everything one application calls for; `reconcile` compares the plan
with the actions already stored, so planning again never duplicates an action, never reopens
one the user finished or skipped, and moves open ones when their interview moves.
"""

from __future__ import annotations

import calendar as month_lengths
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from afterview.domain.actions import Action, ActionState, PlannedAction
from afterview.domain.applications import Application
from afterview.domain.calendar import BusinessCalendar
from afterview.domain.events import Event, EventKind
from afterview.domain.interviews import Interview
from afterview.domain.rules import Offset, Rule, Unit
from afterview.domain.stages import WAITING_STAGES, Stage
from afterview.domain.timelines import StatedTimeline, TimelineKind, read_timeline

MORNING = time(9, 0)


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What planning needs besides the application's own records."""

    zone: str
    calendar: BusinessCalendar
    rules: Mapping[str, Rule]
    names: Mapping[int, str] = field(default_factory=dict)  # contact id → name
    # The references given for this application: contact id → the day they were given.
    references: Mapping[int, date] = field(default_factory=dict)
    # The day the offer must be answered by, when it has one (practice 7).
    offer_deadline: date | None = None


@dataclass(frozen=True, slots=True)
class Reconciliation:
    create: list[PlannedAction]
    move: list[tuple[Action, PlannedAction]]
    drop: list[Action]


def plan_application(
    application: Application,
    interviews: Sequence[Interview],
    events: Sequence[Event],
    actions: Sequence[Action],
    context: PlanContext,
) -> list[PlannedAction]:
    """Every action the application calls for now, given its history."""
    planner = _Planner(application, context, actions)
    ended_at = application.stage_changed_at if application.stage.is_ending else None
    for interview in sorted(interviews, key=lambda i: i.starts_at):
        if ended_at is None or interview.ends_at <= ended_at:
            planner.after_interview(interview)
    planner.follow_ups(interviews, events, actions)
    planner.stage_actions(events)
    planner.reference_heads_ups(interviews)
    return planner.planned


def reconcile(planned: Sequence[PlannedAction], existing: Sequence[Action]) -> Reconciliation:
    """What to create, move (or reopen, if the plan dropped it before) and drop."""
    by_key = {action.key: action for action in existing}
    wanted = {p.key for p in planned}
    create: list[PlannedAction] = []
    move: list[tuple[Action, PlannedAction]] = []
    for plan in planned:
        action = by_key.get(plan.key)
        if action is None:
            create.append(plan)
        elif action.state == ActionState.DROPPED or (
            action.state.is_pending and (action.due_at, action.reason) != (plan.due_at, plan.reason)
        ):
            move.append((action, plan))
    drop = [a for a in existing if a.state.is_pending and a.key not in wanted]
    return Reconciliation(create, move, drop)


def stated_timeline(interview: Interview, calendar: BusinessCalendar) -> StatedTimeline:
    said_on = interview.ends_at.astimezone(ZoneInfo(interview.time_zone)).date()
    return read_timeline(interview.next_step_said, said_on=said_on, calendar=calendar)


class _Planner:
    def __init__(
        self, application: Application, context: PlanContext, actions: Sequence[Action]
    ) -> None:
        self.application = application
        self.actions = actions
        self.context = context
        self.zone = ZoneInfo(context.zone)
        self.planned: list[PlannedAction] = []

    def add(
        self,
        rule_key: str,
        due_at: datetime,
        reason: str,
        *,
        interview: Interview | None = None,
        contact_id: int | None = None,
    ) -> None:
        rule = self.context.rules[rule_key]
        if not rule.enabled:
            return
        subject = f"interview:{interview.id}" if interview else f"application:{self.application.id}"
        self.planned.append(
            PlannedAction(
                key=f"{rule.key}:{subject}:{contact_id if contact_id is not None else '-'}",
                rule=rule.key,
                practice=rule.practice,
                kind=rule.kind,
                application_id=self.application.id,
                interview_id=interview.id if interview else None,
                contact_id=contact_id,
                due_at=due_at,
                reason=reason,
            )
        )

    def due(self, rule_key: str, anchor: datetime, offset: Offset | None = None) -> datetime:
        return shift(
            anchor, offset or self.context.rules[rule_key].offset, self.zone, self.context.calendar
        )

    def after_interview(self, interview: Interview) -> None:
        end, company = interview.ends_at, self.application.company_name
        local = interview.starts_at.astimezone(ZoneInfo(interview.time_zone))
        self.add(
            "self_review",
            max(self.due("self_review", end), end.astimezone(UTC) + timedelta(hours=1)),
            f"Review how round {interview.round} at {company} went, while it is fresh",
            interview=interview,
        )
        within = self.context.rules["thank_you"].offset.describe()
        generic = f"thank_you:interview:{interview.id}:-"
        thanked = any(a.key == generic and a.state.is_closed for a in self.actions)
        for contact_id in () if thanked else interview.interviewer_ids:
            name = self.context.names.get(contact_id, "your interviewer")
            self.add(
                "thank_you",
                self.due("thank_you", end),
                f"Thank {name} within {within} of your {local:%H:%M} interview",
                interview=interview,
                contact_id=contact_id,
            )
        if not interview.interviewer_ids or thanked:
            self.add(
                "thank_you",
                self.due("thank_you", end),
                f"Thank your interviewers at {company} within {within} (add who they were "
                "with `afterview interview edit --with`)",
                interview=interview,
            )
        self.add(
            "competition_scan",
            self.due("competition_scan", end),
            f"Look at openings at {company}'s rivals",
            interview=interview,
        )
        self.add(
            "network_check",
            self.due("network_check", end),
            f"Check who you know at {company}",
            interview=interview,
        )

    def reference_heads_ups(self, interviews: Sequence[Interview]) -> None:
        """One heads-up per reference given (practice 2): a few business days before the
        final round when one is scheduled, the moment they may be called; else the next
        business morning after they were given. Not once the application has ended."""
        if not self.context.references or self.application.stage.is_ending:
            return
        finals = [i for i in interviews if i.kind == "final"]
        final = max(finals, key=lambda i: i.starts_at) if finals else None
        company = self.application.company_name
        for contact_id, given_on in sorted(self.context.references.items()):
            name = self.context.names.get(contact_id, "your reference")
            if final is not None:
                due = shift_back(
                    final.starts_at,
                    self.context.rules["reference_heads_up"].offset,
                    self.zone,
                    self.context.calendar,
                )
                reason = f"Tell {name} that {company} may call about the final round"
            else:
                day = self.context.calendar.next_business_day(given_on)
                due = _localise(day, MORNING, self.zone)
                reason = f"Tell {name} that {company} may call: you gave them as a reference"
            self.add("reference_heads_up", due, reason, contact_id=contact_id)

    def follow_ups(
        self, interviews: Sequence[Interview], events: Sequence[Event], actions: Sequence[Action]
    ) -> None:
        if self.application.stage not in WAITING_STAGES or not interviews:
            return
        last = max(interviews, key=lambda i: i.starts_at)
        answered = [
            e.at
            for e in events
            if e.kind == EventKind.STAGE_CHANGED
            and e.at > last.ends_at
            and e.data.get("to") not in WAITING_STAGES
        ]
        if answered:  # they answered, and it was reopened since: no chasing that answer
            return
        timeline = stated_timeline(last, self.context.calendar)
        self.add(
            "follow_up",
            self.first_follow_up(last, timeline),
            follow_up_reason(self.application, timeline),
            interview=last,
        )
        first = _closed(actions, f"follow_up:interview:{last.id}:-")
        if first is not None:
            self.add(
                "second_follow_up",
                self.due("second_follow_up", first),
                f"Second and last follow-up on {self.application.label}: no answer to your first",
                interview=last,
            )
        second = _closed(actions, f"second_follow_up:interview:{last.id}:-")
        if second is not None:
            self.add(
                "confirm_gone_quiet",
                self.due("confirm_gone_quiet", second),
                f"No answer to two follow-ups: mark {self.application.label} as gone "
                "quiet? (afterview app stage ... gone-quiet)",
                interview=last,
            )

    def first_follow_up(self, interview: Interview, timeline: StatedTimeline) -> datetime:
        rule = self.context.rules["follow_up"]
        if timeline.latest is None:
            return self.due("follow_up", interview.ends_at, rule.fallback)
        # Counted in the interviewer's zone: their "by Monday" ends on their Monday.
        theirs = ZoneInfo(interview.time_zone)
        anchor = datetime.combine(timeline.latest, MORNING, theirs)
        return max(
            shift(anchor, rule.offset, theirs, self.context.calendar),
            self.due("follow_up", interview.ends_at),
        )

    def stage_actions(self, events: Sequence[Event]) -> None:
        stage, company = self.application.stage, self.application.company_name
        since = self.application.stage_changed_at
        change = next((e for e in reversed(events) if e.kind == EventKind.STAGE_CHANGED), None)
        data = change.data if change is not None else {}
        if stage == Stage.OFFER:
            due = self.due("offer_decision", since)
            reason = f"Decide on the offer from {company}: weigh it against what you want"
            deadline = self.context.offer_deadline
            if deadline is not None:
                # A business day before the deadline leaves time to say it; never before
                # the offer came.
                before = self.context.calendar.previous_business_day(deadline)
                due = max(min(due, _localise(before, MORNING, self.zone)), since)
                reason += f" (they need your answer by {deadline:%a %d %b})"
            self.add("offer_decision", due, reason)
        if stage != Stage.REJECTED:
            return
        if not data.get("automated"):
            self.add(
                "rejection_reply",
                self.due("rejection_reply", since),
                f"Reply graciously to {company}: thanks, and the door left open",
            )
        self.add(
            "lessons_learned",
            self.due("lessons_learned", since),
            f"Write down what you learned from {self.application.label}",
        )
        if data.get("still_interested"):
            rule = self.context.rules["reapply_reminder"]
            self.add(
                "reapply_reminder",
                self.due("reapply_reminder", since),
                f"Reconnect with {company} about new openings ({rule.offset.describe()} on)",
            )


def follow_up_reason(application: Application, timeline: StatedTimeline) -> str:
    return f"Follow up on {application.label}: {timeline_phrase(timeline)}"


def timeline_phrase(timeline: StatedTimeline) -> str:
    """Why the follow-up falls when it does, in the user's words where there are some."""
    if timeline.kind in (TimelineKind.DATE, TimelineKind.RANGE):
        return f"they said “{timeline.text}” ({timeline.meaning})"
    if timeline.kind == TimelineKind.UNKNOWN:
        return f"“{timeline.text}” was not understood, so the default of 5 business days applies"
    return "no timeline was given, so the default of 5 business days applies"


def _closed(actions: Sequence[Action], key: str) -> datetime | None:
    for action in actions:
        if action.key == key and action.state == ActionState.DONE:
            return action.closed_at
    return None


def shift(anchor: datetime, offset: Offset, zone: ZoneInfo, calendar: BusinessCalendar) -> datetime:
    """`anchor` moved by `offset`: hours exactly, days and months in local wall time, business
    days skipping weekends and public holidays. DST-safe: local times are re-localised."""
    if offset.unit == Unit.HOURS:  # absolute time: added in UTC, whatever the anchor's zone
        return anchor.astimezone(UTC) + timedelta(hours=offset.amount)
    local = anchor.astimezone(zone)
    if offset.unit == Unit.DAYS:
        day = local.date() + timedelta(days=offset.amount)
    elif offset.unit == Unit.MONTHS:  # a reminder months away lands on a business day
        day = calendar.add_business_days(_add_months(local.date(), offset.amount), 0)
    else:
        day = calendar.add_business_days(local.date(), offset.amount)
    clock = offset.at or (local.time() if offset.unit == Unit.DAYS else MORNING)
    return _localise(day, clock, zone)


def shift_back(
    anchor: datetime, offset: Offset, zone: ZoneInfo, calendar: BusinessCalendar
) -> datetime:
    """The morning `offset.amount` business days before `anchor` (for heads-ups)."""
    day = anchor.astimezone(zone).date()
    for _ in range(max(offset.amount, 1)):
        day = calendar.previous_business_day(day)
    return _localise(day, offset.at or MORNING, zone)


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_lengths.monthrange(year, month)[1]))


def _localise(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The moment `clock` on `day` in `zone`; a wall time skipped by DST moves forward."""
    naive = datetime.combine(day, clock)
    moment = naive.replace(tzinfo=zone).astimezone(UTC)
    if moment.astimezone(zone).replace(tzinfo=None) != naive:  # in a DST gap
        moment = (naive + timedelta(hours=1)).replace(tzinfo=zone).astimezone(UTC)
    return moment

"""The playbook engine: an application's facts in, exactly dated actions out; reconciliation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.actions import Action, ActionState, PlannedAction
from afterview.domain.applications import Application
from afterview.domain.calendar import BusinessCalendar
from afterview.domain.events import Event, EventKind, SubjectKind
from afterview.domain.interviews import Interview, InterviewKind
from afterview.domain.playbook import (
    PlanContext,
    Reconciliation,
    _add_months,
    plan_application,
    reconcile,
    shift,
)
from afterview.domain.rules import DEFAULT_RULES, Offset, Unit, apply_overrides
from afterview.domain.stages import Stage
from afterview.domain.timelines import read_timeline

NEW_YORK = "America/New_York"
CREATED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
LABEL = "Acme — Data Engineer"
DEFAULT_5BD = "no timeline was given, so the default of 5 business days applies"


@cache
def calendar_for(region: str) -> BusinessCalendar:
    if region == "-":
        return BusinessCalendar.weekends_only()
    country, _, subdivision = region.partition("-")
    return BusinessCalendar.for_region(country, subdivision or None)


def utc(month: int, day: int, hour: int, minute: int = 0, *, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(zone: str, year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def make_application(**overrides: Any) -> Application:
    values: dict[str, Any] = {
        "id": 1,
        "uid": UUID(int=1),
        "company_id": 1,
        "company_name": "Acme",
        "role": "Data Engineer",
        "stage": Stage.INTERVIEWING,
        "created_at": CREATED,
        "updated_at": CREATED,
        "stage_changed_at": CREATED,
    }
    return Application(**(values | overrides))


def make_interview(**overrides: Any) -> Interview:
    starts = overrides.pop("starts_at", local(NEW_YORK, 2026, 12, 1, 14))  # a Tuesday
    values: dict[str, Any] = {
        "id": 1,
        "uid": UUID(int=101),
        "application_id": 1,
        "application_label": LABEL,
        "round": 1,
        "kind": InterviewKind.VIDEO,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=1),
        "time_zone": NEW_YORK,
        "interviewer_ids": (7, 8),
        "created_at": CREATED,
        "updated_at": CREATED,
    }
    return Interview(**(values | overrides))


def make_context(**overrides: Any) -> PlanContext:
    values: dict[str, Any] = {
        "zone": NEW_YORK,
        "calendar": calendar_for("US-NY"),
        "rules": DEFAULT_RULES,
        "names": {7: "Dana Reyes", 8: "Lee Park", 9: "Ana Ruiz"},
    }
    return PlanContext(**(values | overrides))


def stage_changed(at: datetime, **data: Any) -> Event:
    return Event(
        id=1,
        uid=UUID(int=201),
        subject_kind=SubjectKind.APPLICATION,
        subject_id=1,
        kind=EventKind.STAGE_CHANGED,
        at=at,
        data=data,
    )


def stored(plan: PlannedAction, **overrides: Any) -> Action:
    """The action as the store would hold it after creating it from `plan`."""
    values: dict[str, Any] = {
        "id": 1,
        "uid": UUID(int=301),
        "state": ActionState.OPEN,
        "snoozed_until": None,
        "created_at": CREATED,
        "updated_at": CREATED,
        "closed_at": None,
    }
    fields = {name: getattr(plan, name) for name in PlannedAction.__dataclass_fields__}
    return Action(**(fields | values | overrides))


def plan(
    application: Application | None = None,
    interviews: Sequence[Interview] | None = None,
    events: Sequence[Event] = (),
    actions: Sequence[Action] = (),
    context: PlanContext | None = None,
) -> list[PlannedAction]:
    return plan_application(
        application or make_application(),
        [make_interview()] if interviews is None else interviews,
        events,
        actions,
        context or make_context(),
    )


def summary(planned: Sequence[PlannedAction]) -> set[tuple[str, datetime, str]]:
    return {(p.rule, p.due_at, p.reason) for p in planned}


def test_one_interview_with_two_interviewers() -> None:
    # Tue 1 Dec 2026, 14:00–15:00 in New York (UTC-5).
    assert summary(plan()) == {
        ("self_review", utc(12, 2, 1), "Review how round 1 at Acme went, while it is fresh"),
        ("thank_you", utc(12, 2, 20), "Thank Dana Reyes within 24 h of your 14:00 interview"),
        ("thank_you", utc(12, 2, 20), "Thank Lee Park within 24 h of your 14:00 interview"),
        ("competition_scan", utc(12, 4, 14), "Look at openings at Acme's rivals"),
        ("network_check", utc(12, 3, 14), "Check who you know at Acme"),
        ("follow_up", utc(12, 8, 14), f"Follow up on {LABEL}: {DEFAULT_5BD}"),
    }
    assert sorted(p.key for p in plan() if p.rule == "thank_you") == [
        "thank_you:interview:1:7",
        "thank_you:interview:1:8",
    ]


@pytest.mark.parametrize(
    ("said", "due", "why"),
    [
        # The issue's own example: "by Fri 4 Dec" → not before Tue 8 Dec.
        ("by Friday", utc(12, 8, 14), "they said “by Friday” (by Fri 4 Dec)"),
        ("", utc(12, 8, 14), DEFAULT_5BD),
        (
            "we will see",
            utc(12, 8, 14),
            "“we will see” was not understood, so the default of 5 business days applies",
        ),
        ("tomorrow", utc(12, 4, 14), "they said “tomorrow” (on Wed 2 Dec)"),
    ],
)
def test_follow_up_after_the_stated_timeline(said: str, due: datetime, why: str) -> None:
    planned = plan(interviews=[make_interview(next_step_said=said)])
    assert ("follow_up", due, f"Follow up on {LABEL}: {why}") in summary(planned)


def test_business_days_skip_thanksgiving() -> None:
    interview = make_interview(starts_at=local(NEW_YORK, 2026, 11, 24, 14))  # Thu 26 is off
    due = {p.rule: p.due_at for p in plan(interviews=[interview])}
    assert due["network_check"] == utc(11, 27, 14)
    assert due["competition_scan"] == utc(11, 30, 14)
    assert due["follow_up"] == utc(12, 2, 14)


def test_no_interviewers_gets_one_generic_thank_you() -> None:
    thanks = [
        p for p in plan(interviews=[make_interview(interviewer_ids=())]) if p.rule == "thank_you"
    ]
    assert [(p.key, p.due_at, p.reason) for p in thanks] == [
        (
            "thank_you:interview:1:-",
            utc(12, 2, 20),
            "Thank your interviewers at Acme within 24 h (add who they were with "
            "`afterview interview edit --with`)",
        )
    ]


def test_a_disabled_rule_plans_nothing() -> None:
    rules = apply_overrides({"thank_you": {"enabled": False}})
    rules_planned = {p.rule for p in plan(context=make_context(rules=rules))}
    assert rules_planned == {"self_review", "competition_scan", "network_check", "follow_up"}


def test_a_reference_given_gets_a_heads_up_before_the_final_round() -> None:
    final = make_interview(kind=InterviewKind.FINAL, starts_at=local(NEW_YORK, 2026, 12, 7, 14))
    given = {9: date(2026, 11, 27)}
    planned = plan(interviews=[final], context=make_context(references=given))
    why = "Tell Ana Ruiz that Acme may call about the final round"
    assert ("reference_heads_up", utc(12, 4, 14), why) in summary(planned)
    [heads_up] = [p for p in planned if p.rule == "reference_heads_up"]
    assert (heads_up.key, heads_up.contact_id) == ("reference_heads_up:application:1:9", 9)


def test_a_reference_given_before_any_final_round_hears_the_next_business_morning() -> None:
    given = {9: date(2026, 11, 27)}  # a Friday
    why = "Tell Ana Ruiz that Acme may call: you gave them as a reference"
    assert ("reference_heads_up", utc(11, 30, 14), why) in summary(
        plan(context=make_context(references=given))
    )
    assert "reference_heads_up" not in {p.rule for p in plan(context=make_context())}


def test_only_an_answer_after_the_interview_removes_the_follow_up() -> None:
    end = make_interview().ends_at
    # Catching the stage up (applied → interviewing) is not their answer.
    caught_up = plan(events=[stage_changed(end + timedelta(days=1), to="interviewing")])
    assert "follow_up" in {p.rule for p in caught_up}
    # An offer (or an ending) is, even if the application was reopened since.
    answered = plan(
        events=[
            stage_changed(end + timedelta(days=1), to="offer"),
            stage_changed(end + timedelta(days=2), to="interviewing"),
        ]
    )
    assert "follow_up" not in {p.rule for p in answered}
    earlier = plan(events=[stage_changed(end - timedelta(days=3), to="offer")])
    assert "follow_up" in {p.rule for p in earlier}


REJECTED_AT = utc(12, 11, 16)  # Fri 11 Dec 2026, 11:00 in New York
REPLY = (
    "rejection_reply",
    utc(12, 13, 16),
    "Reply graciously to Acme: thanks, and the door left open",
)
LESSONS = ("lessons_learned", utc(12, 14, 1), f"Write down what you learned from {LABEL}")
REAPPLY = (
    "reapply_reminder",
    utc(6, 11, 13, year=2027),
    "Reconnect with Acme about new openings (6 months on)",
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, {REPLY, LESSONS}),
        ({"still_interested": True}, {REPLY, LESSONS, REAPPLY}),
        ({"automated": True}, {LESSONS}),
        ({"automated": True, "still_interested": True}, {LESSONS, REAPPLY}),
    ],
)
def test_a_rejection(data: dict[str, Any], expected: set[tuple[str, datetime, str]]) -> None:
    rejected = make_application(stage=Stage.REJECTED, stage_changed_at=REJECTED_AT)
    events = [stage_changed(REJECTED_AT, to="rejected", **data)]
    assert summary(plan(rejected, [], events)) == expected


def test_an_offer_plans_its_decision_and_no_follow_up() -> None:
    offer = make_application(stage=Stage.OFFER, stage_changed_at=utc(12, 10, 15))
    planned = summary(plan(offer, [make_interview()]))
    decision = "Decide on the offer from Acme: weigh it against what you want"
    assert ("offer_decision", utc(12, 17, 14), decision) in planned
    assert "follow_up" not in {rule for rule, _, _ in planned}


def test_interviews_after_the_application_ended_plan_nothing() -> None:
    rejected = make_application(stage=Stage.REJECTED, stage_changed_at=REJECTED_AT)
    before = make_interview()
    after = make_interview(id=2, starts_at=local(NEW_YORK, 2026, 12, 15, 14))
    planned = plan(rejected, [before, after])
    assert {p.interview_id for p in planned} == {1, None}
    alone = plan(rejected, [after], [stage_changed(REJECTED_AT, automated=True)])
    assert [p.rule for p in alone] == ["lessons_learned"]


def test_the_follow_up_chain() -> None:
    first = next(p for p in plan() if p.key == "follow_up:interview:1:-")
    assert "second_follow_up" not in {p.rule for p in plan(actions=[stored(first)])}
    done = stored(first, state=ActionState.DONE, closed_at=utc(12, 8, 15))
    second = [p for p in plan(actions=[done]) if p.rule == "second_follow_up"]
    why = f"Second and last follow-up on {LABEL}: no answer to your first"
    assert summary(second) == {("second_follow_up", utc(12, 15, 14), why)}
    second_done = stored(second[0], id=2, state=ActionState.DONE, closed_at=utc(12, 15, 16))
    last = [p for p in plan(actions=[done, second_done]) if p.rule == "confirm_gone_quiet"]
    why = f"No answer to two follow-ups: mark {LABEL} as gone quiet? (afterview app stage ... "
    assert summary(last) == {("confirm_gone_quiet", utc(12, 22, 14), why + "gone-quiet)")}


def test_reconcile_creates_everything_at_first() -> None:
    planned = plan()
    assert reconcile(planned, []) == Reconciliation(planned, [], [])


def test_a_moved_interview_moves_only_open_actions() -> None:
    before = {p.key: p for p in plan()}
    finished = {
        "thank_you:interview:1:7": ActionState.DONE,
        "self_review:interview:1:-": ActionState.SKIPPED,
    }
    existing = [
        stored(p, id=n, state=finished.get(key, ActionState.OPEN))
        for n, (key, p) in enumerate(before.items())
    ]
    moved = plan(interviews=[make_interview(starts_at=local(NEW_YORK, 2026, 12, 3, 14))])
    result = reconcile(moved, existing)
    assert (result.create, result.drop) == ([], [])
    assert {action.key for action, _ in result.move} == set(before) - set(finished)
    assert all(new.due_at > action.due_at for action, new in result.move)


def test_a_removed_interviewer_drops_the_open_thank_you() -> None:
    existing = [stored(p, id=n) for n, p in enumerate(plan())]
    result = reconcile(plan(interviews=[make_interview(interviewer_ids=(7,))]), existing)
    assert [a.key for a in result.drop] == ["thank_you:interview:1:8"]
    assert (result.create, result.move) == ([], [])


def test_a_dropped_action_planned_again_is_reopened() -> None:
    planned = plan()
    existing = [stored(p, id=n, state=ActionState.DROPPED) for n, p in enumerate(planned)]
    result = reconcile(planned, existing)
    assert [(a.key, p) for a, p in result.move] == [(p.key, p) for p in planned]


ZONES = {
    "America/New_York": "US-NY",
    "Europe/Berlin": "DE-BE",
    "Australia/Sydney": "AU-NSW",
    "Asia/Kolkata": "IN",
    "Pacific/Chatham": "NZ",
    "UTC": "-",
}
SAID = [
    "",
    "by Friday",
    "by end of next week",
    "within a week",
    "in 5 business days",
    "in 2-3 weeks",
    "early next month",
    "by December 10",
    "after the holidays",
    "we'll let you know tomorrow",
    "no timeline",
    "no idea really",
]


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Interview, PlanContext]:
    zone = draw(st.sampled_from(sorted(ZONES)))
    day, clock = draw(st.dates(date(2025, 1, 1), date(2028, 12, 31))), draw(st.times())
    starts = datetime.combine(day, clock, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    interview = make_interview(
        starts_at=starts,
        ends_at=starts + timedelta(minutes=draw(st.integers(15, 240))),
        time_zone=zone,
        next_step_said=draw(st.sampled_from(SAID)),
        interviewer_ids=tuple(draw(st.sets(st.integers(1, 9), max_size=3))),
    )
    region = draw(st.sampled_from([ZONES[zone], "-"]))
    return interview, make_context(zone=zone, calendar=calendar_for(region))


PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(scenarios())
def test_planned_times_hold_in_every_zone(scenario: tuple[Interview, PlanContext]) -> None:
    interview, context = scenario
    zone, calendar = ZoneInfo(context.zone), context.calendar
    end = interview.ends_at
    planned = plan(interviews=[interview], context=context)
    due = {p.rule: p.due_at for p in planned}
    for p in planned:
        when = p.due_at.astimezone(zone)
        if p.rule in ("competition_scan", "network_check", "follow_up"):
            assert calendar.is_business_day(when.date()), (p.rule, when)
            assert when.time() == time(9, 0)
        if p.rule == "thank_you":
            assert p.due_at - end == timedelta(hours=24)
    evening = datetime.combine(end.astimezone(zone).date(), time(20), zone)
    assert due["self_review"] == max(evening, end + timedelta(hours=1))
    said_on = end.astimezone(ZoneInfo(interview.time_zone)).date()
    timeline = read_timeline(interview.next_step_said, said_on=said_on, calendar=calendar)
    first = calendar.add_business_days(timeline.latest, 1) if timeline.latest else None
    floor = first or calendar.add_business_days(said_on, 5)
    assert due["follow_up"].astimezone(zone).date() >= floor


@PROPERTY
@given(scenarios())
def test_planning_twice_equals_planning_once(scenario: tuple[Interview, PlanContext]) -> None:
    interview, context = scenario
    planned = plan(interviews=[interview], context=context)
    assert len({p.key for p in planned}) == len(planned)
    existing = [stored(p, id=n) for n, p in enumerate(planned)]
    again = plan(interviews=[interview], actions=existing, context=context)
    assert reconcile(again, existing) == Reconciliation([], [], [])


@pytest.mark.parametrize(
    ("anchor", "offset", "expected"),
    [
        # 24 h are absolute across the New York spring-forward (8 Mar 2026): 16:00 EDT,
        # whether the anchor is given in UTC or in a zone (aware arithmetic in one zone is
        # wall-clock arithmetic in Python, so the zone-aware anchor must be converted first).
        (utc(3, 7, 20), Offset(24, Unit.HOURS), utc(3, 8, 20)),
        (local(NEW_YORK, 2026, 3, 7, 15), Offset(24, Unit.HOURS), utc(3, 8, 20)),
        # A day keeps the wall time: 15:00 EDT.
        (local(NEW_YORK, 2026, 3, 7, 15), Offset(1, Unit.DAYS), utc(3, 8, 19)),
        (local(NEW_YORK, 2026, 12, 1, 15), Offset(0, Unit.DAYS, time(20)), utc(12, 2, 1)),
        (local(NEW_YORK, 2026, 12, 4, 15), Offset(3, Unit.BUSINESS_DAYS), utc(12, 9, 14)),
        (local(NEW_YORK, 2026, 12, 5, 15), Offset(0, Unit.BUSINESS_DAYS), utc(12, 7, 14)),
        # 31 Jan + 1 month is Sat 28 Feb 2026: a reminder moves on to Monday 2 Mar.
        (local(NEW_YORK, 2026, 1, 31, 10), Offset(1, Unit.MONTHS), utc(3, 2, 14)),
        (local(NEW_YORK, 2028, 1, 31, 10), Offset(1, Unit.MONTHS), utc(2, 29, 14, year=2028)),
        (local(NEW_YORK, 2026, 12, 11, 11), Offset(6, Unit.MONTHS), utc(6, 11, 13, year=2027)),
        # 02:30 on 29 Mar 2026 does not exist in Berlin: it moves forward to 03:30 CEST.
        (local("Europe/Berlin", 2026, 3, 28, 2, 30), Offset(1, Unit.DAYS), utc(3, 29, 1, 30)),
        (
            local("Europe/Berlin", 2026, 3, 29, 0, 30),
            Offset(0, Unit.DAYS, time(2, 30)),
            utc(3, 29, 1, 30),
        ),
        # 02:30 on 25 Oct 2026 happens twice in Berlin: the first (CEST) is taken.
        (local("Europe/Berlin", 2026, 10, 24, 2, 30), Offset(1, Unit.DAYS), utc(10, 25, 0, 30)),
    ],
)
def test_shift(anchor: datetime, offset: Offset, expected: datetime) -> None:
    zone = ZoneInfo(str(anchor.tzinfo))
    assert shift(anchor, offset, zone, calendar_for("US-NY")) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 31), 1, date(2026, 6, 30)),
        (date(2026, 11, 15), 14, date(2028, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert _add_months(day, months) == expected

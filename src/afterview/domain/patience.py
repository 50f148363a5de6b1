"""Patience (practice 8): how long an answer usually takes, so silence reads as normal or
overdue instead of as panic.

The expected window comes, in order of preference, from what the interviewer said, from the
user's own history of response times (a Kaplan–Meier estimate, in which applications that
went quiet or are still waiting count as censored, not as answers), or from published
figures. The estimator is a few lines of arithmetic over at most a few thousand durations;
survival libraries (lifelines, scikit-survival) would bring pandas and SciPy into a CLI for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction

from afterview.domain.calendar import BusinessCalendar
from afterview.domain.stages import WAITING_STAGES, Stage
from afterview.domain.timelines import StatedTimeline

# Enough answered waits before a user's own history is trusted over published figures.
MIN_HISTORY = 5
# Published figures (GUIDANCE.md): after an interview, Indeed advises waiting at least five
# business days, and follow-up advice runs to 5–7; after an application alone, Glassdoor
# measured 23.8 days to a decision (US, 2017).
AFTER_INTERVIEW_BUSINESS_DAYS = (5, 10)
AFTER_APPLICATION_DAYS = (10, 24)


@dataclass(frozen=True, slots=True)
class Wait:
    """One past wait, in days: answered, or censored (went quiet, or still waiting)."""

    days: int
    answered: bool


@dataclass(frozen=True, slots=True)
class Window:
    since: date  # the day the wait began (the interview, or the application)
    start: date  # an answer is normal from here...
    end: date  # ...to here; after it, the wait is overdue
    source: str

    def status(self, today: date) -> str:
        waited = (today - self.since).days
        low, high = (self.start - self.since).days, (self.end - self.since).days
        if today > self.end:
            overdue = self.end + timedelta(days=1)
            return f"overdue since {overdue:%a %d %b} ({self.source})"
        return f"day {waited} of a typical {low}–{high} ({self.source})"

    def is_overdue(self, today: date) -> bool:
        return today > self.end


def expected_window(
    *,
    since: date,
    after_interview: bool,
    timeline: StatedTimeline | None,
    history: Sequence[Wait] | History,
    calendar: BusinessCalendar,
    buffer_business_days: int = 1,
) -> Window:
    """The window in which an answer is normal for a wait that began on `since`. Give a
    `History` (see `summarise`) when computing many windows from the same waits."""
    if timeline is not None and timeline.latest is not None:
        start = timeline.earliest or since
        end = calendar.add_business_days(timeline.latest, buffer_business_days)
        return Window(since, start, end, f"they said “{timeline.text}”")
    summary = history if isinstance(history, History) else summarise(history)
    # The history measures waits after interviews; it says nothing about silence after an
    # application alone.
    if after_interview and summary.quartiles is not None:
        low, high = summary.quartiles
        answered = summary.answers
        return Window(
            since,
            since + timedelta(days=low),
            since + timedelta(days=high),
            f"your last {answered} answers",
        )
    if after_interview:
        low, high = AFTER_INTERVIEW_BUSINESS_DAYS
        return Window(
            since,
            calendar.add_business_days(since, low),
            calendar.add_business_days(since, high),
            "published averages",
        )
    low, high = AFTER_APPLICATION_DAYS
    return Window(
        since, since + timedelta(days=low), since + timedelta(days=high), "published averages"
    )


def response_quartiles(history: Sequence[Wait]) -> tuple[int, int] | None:
    """The days by which a quarter and three quarters of answers had come (Kaplan–Meier,
    censored waits included), or None with fewer than MIN_HISTORY answers. When so many
    waits were censored that the estimate never falls to a quarter, the longest observed
    answer is the upper end."""
    answered = [wait.days for wait in history if wait.answered]
    if len(answered) < MIN_HISTORY:
        return None
    curve = survival_curve(history)
    low = next((day for day, share in curve if share <= Fraction(3, 4)), max(answered))
    high = next((day for day, share in curve if share <= Fraction(1, 4)), max(answered))
    return low, max(high, low)


def survival_curve(history: Sequence[Wait]) -> list[tuple[int, Fraction]]:
    """Kaplan–Meier: (day, share of waits still unanswered after that day), at answer days.
    Exact fractions, so that a share of exactly a quarter compares as a quarter. One pass
    over the waits sorted by length."""
    ordered = sorted(history, key=lambda wait: wait.days)
    curve: list[tuple[int, Fraction]] = []
    share, at_risk, start = Fraction(1), len(ordered), 0
    while start < len(ordered):
        day = ordered[start].days
        end = start
        while end < len(ordered) and ordered[end].days == day:
            end += 1
        answers = sum(1 for wait in ordered[start:end] if wait.answered)
        if answers:
            share *= 1 - Fraction(answers, at_risk)
            curve.append((day, share))
        at_risk -= end - start
        start = end
    return curve


@dataclass(frozen=True, slots=True)
class History:
    """The user's past waits, summarised once for every window of an agenda."""

    quartiles: tuple[int, int] | None
    answers: int


def summarise(history: Sequence[Wait]) -> History:
    return History(response_quartiles(history), sum(1 for wait in history if wait.answered))


def past_waits(
    applications: Iterable[tuple[Stage, datetime, datetime | None]], today: date
) -> list[Wait]:
    """How long each application's last interview waited for an answer, from (stage, when
    it got there, when its last interview ended): answered when the stage moved after it;
    censored when it went quiet, was withdrawn, or is still waiting."""
    waits = []
    for stage, stage_changed_at, last_interview_end in applications:
        if last_interview_end is None:
            continue
        began, moved = last_interview_end.date(), stage_changed_at.date()
        if stage in (Stage.GONE_QUIET, Stage.WITHDRAWN) or stage in WAITING_STAGES:
            end = today if stage in WAITING_STAGES else moved
            waits.append(Wait(max((end - began).days, 0), answered=False))
        elif moved >= began:
            waits.append(Wait((moved - began).days, answered=True))
    return waits

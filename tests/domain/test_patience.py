"""Patience (practice 8): Kaplan–Meier response times and expected response windows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from fractions import Fraction
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterview.domain.calendar import BusinessCalendar
from afterview.domain.patience import (
    Wait,
    Window,
    expected_window,
    response_quartiles,
    survival_curve,
)
from afterview.domain.timelines import read_timeline

WEEKENDS = BusinessCalendar.weekends_only()
TUESDAY = date(2026, 12, 1)


@cache
def new_york() -> BusinessCalendar:
    return BusinessCalendar.for_region("US", "NY")


def waits(answered: Sequence[int], censored: Sequence[int] = ()) -> list[Wait]:
    return [Wait(days, True) for days in answered] + [Wait(days, False) for days in censored]


# Answered after 2, 4, 4, 6, 9, 12 days; gone quiet after 5 and 10 (censored). By hand:
#   day  2: 8 at risk, 1 answer  → S = 7/8              = 0.875
#   day  4: 7 at risk, 2 answers → S = 0.875 · 5/7      = 0.625
#   day  6: 4 at risk (5 left),  1 → S = 0.625 · 3/4    = 0.46875
#   day  9: 3 at risk, 1 answer  → S = 0.46875 · 2/3    = 0.3125
#   day 12: 1 at risk (10 left), 1 → S = 0
# A quarter have answered (S ≤ 0.75) by day 4, three quarters (S ≤ 0.25) by day 12.
HISTORY = waits([2, 4, 4, 6, 9, 12], censored=[5, 10])


def test_survival_curve_counts_censored_waits_as_at_risk_until_they_leave() -> None:
    curve = survival_curve(HISTORY)
    assert [day for day, _ in curve] == [2, 4, 6, 9, 12]
    assert [share for _, share in curve] == pytest.approx([0.875, 0.625, 0.46875, 0.3125, 0.0])


def test_survival_curve_without_censoring_is_the_plain_share_left() -> None:
    # 4 waits, answered after 1, 2, 2, 3 days: 3/4 left after day 1, 1/4 after 2, none after 3.
    assert survival_curve(waits([1, 2, 2, 3])) == [
        (1, Fraction(3, 4)),
        (2, Fraction(1, 4)),
        (3, Fraction(0)),
    ]


def test_survival_curve_of_no_answers_is_empty() -> None:
    assert survival_curve(waits([], censored=[3, 7])) == []


def test_response_quartiles_of_the_hand_computed_history() -> None:
    assert response_quartiles(HISTORY) == (4, 12)


def test_response_quartiles_needs_five_answers() -> None:
    assert response_quartiles(waits([1, 2, 3, 4], censored=[5, 6, 7, 8, 9])) is None
    assert response_quartiles(waits([1, 2, 3, 4, 5])) == (2, 4)


def test_response_quartiles_when_too_many_waits_went_quiet() -> None:
    # 5 answers (days 1–5) and 10 waits censored at day 6: S after day 4 = 11/15 ≈ 0.73 ≤ 0.75;
    # S never reaches 0.25 (10/15 after day 5), so the longest answer (5) is the upper end.
    assert response_quartiles(waits([1, 2, 3, 4, 5], censored=[6] * 10)) == (4, 5)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        # By hand: day 1: 10 at risk, 2 answers → 8/10; day 4: 8 at risk → 0.8 · 7/8 = 0.7;
        # day 5: 7 at risk, 2 answers → 0.7 · 5/7 = 0.5; day 7: 4 at risk → 0.375;
        # day 9: 3 at risk → 0.375 · 2/3 = 0.25 exactly: three quarters answered by day 9.
        (waits([1, 1, 4, 5, 5, 7, 9, 11], censored=[6, 10]), (4, 9)),
        # 24 answers on days 1..24: 6/24 = 0.25 left after day 18.
        (waits(list(range(1, 25))), (6, 18)),
    ],
)
def test_response_quartiles_hit_an_exact_quarter(
    history: list[Wait], expected: tuple[int, int]
) -> None:
    assert response_quartiles(history) == expected


def exact_quartiles(history: Sequence[Wait]) -> tuple[int, int] | None:
    """Kaplan–Meier in exact fractions, as the reference."""
    answered = [wait.days for wait in history if wait.answered]
    if len(answered) < 5:
        return None
    share, curve = Fraction(1), []
    for day in sorted(set(answered)):
        at_risk = sum(1 for wait in history if wait.days >= day)
        share *= 1 - Fraction(answered.count(day), at_risk)
        curve.append((day, share))
    low = next((d for d, s in curve if s <= Fraction(3, 4)), max(answered))
    high = next((d for d, s in curve if s <= Fraction(1, 4)), max(answered))
    return low, max(high, low)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(Wait, st.integers(0, 30), st.booleans()), max_size=30))
@example(waits([1, 1, 4, 5, 5, 7, 9, 11], censored=[6, 10]))
def test_response_quartiles_match_exact_kaplan_meier(history: list[Wait]) -> None:
    assert response_quartiles(history) == exact_quartiles(history)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(Wait, st.integers(0, 60), st.booleans()), max_size=40))
def test_survival_curve_falls_from_one_to_zero(history: list[Wait]) -> None:
    shares = [share for _, share in survival_curve(history)]
    assert all(0.0 <= share <= 1.0 for share in shares)
    assert shares == sorted(shares, reverse=True)


def test_a_stated_timeline_wins_over_history_and_averages() -> None:
    timeline = read_timeline("by Friday", said_on=TUESDAY, calendar=WEEKENDS)
    window = expected_window(
        since=TUESDAY, after_interview=True, timeline=timeline, history=HISTORY, calendar=WEEKENDS
    )
    # By Fri 4 Dec, plus one business day: Mon 7 Dec.
    assert window == Window(TUESDAY, TUESDAY, date(2026, 12, 7), "they said “by Friday”")


def test_a_range_timeline_opens_at_its_start_with_the_buffer_after() -> None:
    timeline = read_timeline("in 2-3 weeks", said_on=TUESDAY, calendar=WEEKENDS)
    window = expected_window(
        since=TUESDAY,
        after_interview=True,
        timeline=timeline,
        history=(),
        calendar=WEEKENDS,
        buffer_business_days=2,
    )
    # 15 Dec to Tue 22 Dec, plus two business days: Thu 24 Dec.
    assert (window.start, window.end) == (date(2026, 12, 15), date(2026, 12, 24))


def test_history_is_used_when_no_timeline_was_given() -> None:
    no_timeline = read_timeline("no timeline", said_on=TUESDAY, calendar=WEEKENDS)
    for timeline in (None, no_timeline):
        window = expected_window(
            since=TUESDAY,
            after_interview=True,
            timeline=timeline,
            history=HISTORY,
            calendar=WEEKENDS,
        )
        assert window == Window(
            TUESDAY, date(2026, 12, 5), date(2026, 12, 13), "your last 6 answers"
        )


def test_published_averages_after_an_interview_are_business_days() -> None:
    thin = waits([3, 4, 5, 6])
    window = expected_window(
        since=TUESDAY, after_interview=True, timeline=None, history=thin, calendar=WEEKENDS
    )
    assert window == Window(TUESDAY, date(2026, 12, 8), date(2026, 12, 15), "published averages")


def test_published_averages_skip_thanksgiving() -> None:
    since = date(2026, 11, 24)  # Tuesday; Thursday 26 Nov is Thanksgiving
    window = expected_window(
        since=since, after_interview=True, timeline=None, history=(), calendar=new_york()
    )
    # 5 business days: 25, 27, 30 Nov, 1, 2 Dec; 10: ... 3, 4, 7, 8, 9 Dec.
    assert (window.start, window.end) == (date(2026, 12, 2), date(2026, 12, 9))


def test_published_averages_after_an_application_are_calendar_days() -> None:
    window = expected_window(
        since=TUESDAY, after_interview=False, timeline=None, history=(), calendar=WEEKENDS
    )
    assert window == Window(TUESDAY, date(2026, 12, 11), date(2026, 12, 25), "published averages")


def test_window_status_counts_days_within_the_window() -> None:
    window = Window(
        date(2026, 11, 18), date(2026, 11, 23), date(2026, 11, 30), "published averages"
    )
    assert window.status(date(2026, 11, 24)) == "day 6 of a typical 5–12 (published averages)"
    assert window.status(date(2026, 11, 18)) == "day 0 of a typical 5–12 (published averages)"
    assert window.status(date(2026, 11, 30)) == "day 12 of a typical 5–12 (published averages)"
    assert not window.is_overdue(date(2026, 11, 30))


def test_window_status_after_its_end_is_overdue_from_the_next_day() -> None:
    window = Window(
        date(2026, 11, 18), date(2026, 11, 23), date(2026, 11, 30), "your last 6 answers"
    )
    assert window.status(date(2026, 12, 1)) == "overdue since Tue 01 Dec (your last 6 answers)"
    assert window.status(date(2026, 12, 9)) == "overdue since Tue 01 Dec (your last 6 answers)"
    assert window.is_overdue(date(2026, 12, 1))


def test_past_waits_count_answers_and_censor_the_rest() -> None:
    from datetime import UTC, datetime

    from afterview.domain.patience import past_waits
    from afterview.domain.stages import Stage

    def at(day: int) -> datetime:
        return datetime(2026, 11, day, 12, tzinfo=UTC)

    waits = past_waits(
        [
            (Stage.OFFER, at(10), at(3)),  # answered after 7 days
            (Stage.REJECTED, at(5), at(4)),  # answered after 1 day
            (Stage.GONE_QUIET, at(20), at(2)),  # no answer in 18 days
            (Stage.WITHDRAWN, at(9), at(6)),  # you left after 3 days
            (Stage.INTERVIEWING, at(1), at(21)),  # still waiting: 4 days by the 25th
            (Stage.APPLIED, at(1), None),  # no interview yet: not a wait after one
        ],
        today=datetime(2026, 11, 25, tzinfo=UTC).date(),
    )
    assert [(w.days, w.answered) for w in waits] == [
        (7, True),
        (1, True),
        (18, False),
        (3, False),
        (4, False),
    ]

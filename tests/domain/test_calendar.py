"""BusinessCalendar: public holidays and weekend days from the holidays package."""

from __future__ import annotations

import time
from datetime import date, timedelta
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.calendar import BusinessCalendar
from afterview.domain.errors import InvalidInput

THANKSGIVING = date(2026, 11, 26)  # a Thursday
SLOW = settings(max_examples=200, deadline=None)
# Regions without working weekend days: their business days never fall on a weekend day.
PLAIN_REGIONS = [
    ("US", None),
    ("US", "CA"),
    ("DE", "BE"),
    ("GB", "ENG"),
    ("IL", None),
    ("SA", None),
]


@cache
def calendar_for(country: str, subdivision: str | None = None) -> BusinessCalendar:
    return BusinessCalendar.for_region(country, subdivision)


def us() -> BusinessCalendar:
    return calendar_for("US")


# --- Building calendars -----------------------------------------------------------------------


def test_region_codes_are_normalised() -> None:
    calendar = BusinessCalendar.for_region(" de ", "be")
    assert (calendar.country, calendar.subdivision, calendar.label) == ("DE", "BE", "DE-BE")
    assert calendar.weekend == frozenset({5, 6})


def test_unknown_region_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        BusinessCalendar.for_region("XX", None)
    assert caught.value.field == "country"
    with pytest.raises(InvalidInput) as caught:
        BusinessCalendar.for_region("US", "ZZ")
    assert caught.value.field == "subdivision"


@pytest.mark.parametrize(
    ("country", "weekend"),
    [("US", {5, 6}), ("IL", {4, 5}), ("SA", {4, 5}), ("AE", {5, 6})],
)
def test_weekend_comes_from_the_country(country: str, weekend: set[int]) -> None:
    assert calendar_for(country).weekend == frozenset(weekend)


def test_weekends_only_knows_no_holidays() -> None:
    calendar = BusinessCalendar.weekends_only()
    assert (calendar.label, calendar.weekend) == ("weekends only", frozenset({5, 6}))
    assert calendar.is_business_day(date(2026, 12, 25))
    assert calendar.holiday_name(date(2026, 12, 25)) is None
    assert not calendar.is_business_day(date(2026, 12, 26))
    assert calendar.holidays_between(date(2026, 1, 1), date(2026, 12, 31)) == []


def test_weekends_only_takes_other_weekends() -> None:
    calendar = BusinessCalendar.weekends_only(frozenset({4, 5}))
    assert not calendar.is_business_day(date(2026, 11, 27))  # Friday
    assert calendar.is_business_day(date(2026, 11, 29))  # Sunday
    with pytest.raises(InvalidInput):
        BusinessCalendar.weekends_only(frozenset(range(7)))


# --- Days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "day", "name"),
    [
        (("US", None), THANKSGIVING, "Thanksgiving Day"),
        (("US", None), date(2026, 11, 27), None),
        (("US", None), date(2021, 12, 31), "New Year's Day (observed)"),
        (("DE", "BE"), date(2026, 10, 3), "German Unity Day"),
        (("DE", "BE"), date(2027, 3, 8), "Women's Day"),
        (("DE", None), date(2027, 3, 8), None),
        (("DE", "BE"), date(2026, 12, 24), None),
    ],
)
def test_holiday_names_are_english(
    region: tuple[str, str | None], day: date, name: str | None
) -> None:
    calendar = calendar_for(*region)
    assert calendar.holiday_name(day) == name
    assert calendar.is_business_day(day) is (name is None)


def test_weekend_days_changed_in_the_uae_in_2022() -> None:
    uae = calendar_for("AE")
    assert not uae.is_business_day(date(2021, 12, 3))  # Friday, under the old Fri–Sat weekend
    assert uae.is_business_day(date(2021, 12, 5))  # Sunday
    assert uae.is_business_day(date(2026, 12, 4))  # Friday, now a working day


def test_saudi_weekends_before_2013_were_thursday_and_friday() -> None:
    saudi = calendar_for("SA")
    assert saudi.weekend == frozenset({4, 5})  # `weekend` is only today's
    assert not saudi.is_business_day(date(1999, 12, 30))  # Thursday
    assert saudi.is_business_day(date(2000, 1, 1))  # Saturday


def test_a_transferred_working_saturday_is_a_business_day() -> None:
    russia = calendar_for("RU")
    assert russia.is_business_day(date(2024, 11, 2))  # Saturday, worked for 4 Nov
    assert not russia.is_business_day(date(2024, 11, 4))


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (THANKSGIVING, 0, date(2026, 11, 27)),
        (date(2026, 11, 27), 0, date(2026, 11, 27)),
        (date(2026, 11, 28), 0, date(2026, 11, 30)),
        (date(2026, 11, 25), 1, date(2026, 11, 27)),
        (date(2026, 11, 25), 5, date(2026, 12, 3)),
        (date(2026, 11, 28), 5, date(2026, 12, 4)),
        (date(2026, 12, 24), 1, date(2026, 12, 28)),
        (date(2026, 12, 30), 2, date(2027, 1, 4)),
    ],
)
def test_add_business_days(start: date, count: int, expected: date) -> None:
    assert us().add_business_days(start, count) == expected


def test_negative_business_days_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        us().add_business_days(THANKSGIVING, -1)
    assert caught.value.field == "business_days"


def test_next_and_previous_business_day_are_strict() -> None:
    calendar = us()
    assert calendar.next_business_day(date(2026, 11, 25)) == date(2026, 11, 27)
    assert calendar.next_business_day(date(2026, 11, 27)) == date(2026, 11, 30)
    assert calendar.previous_business_day(date(2026, 11, 27)) == date(2026, 11, 25)
    assert calendar.previous_business_day(date(2027, 1, 4)) == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 11, 25), date(2026, 12, 3), 5),
        (date(2026, 12, 3), date(2026, 11, 25), -5),
        (THANKSGIVING, THANKSGIVING, 0),
        (date(2026, 11, 25), THANKSGIVING, 0),
        (date(2026, 12, 24), date(2027, 1, 4), 5),
        (date(2026, 1, 1), date(2027, 1, 1), 250),
    ],
)
def test_business_days_between(start: date, end: date, expected: int) -> None:
    assert us().business_days_between(start, end) == expected


def test_holidays_between_includes_both_ends() -> None:
    assert us().holidays_between(date(2026, 11, 26), date(2027, 1, 1)) == [
        THANKSGIVING,
        date(2026, 12, 25),
        date(2027, 1, 1),
    ]


def test_adding_business_days_is_fast() -> None:
    calendar = BusinessCalendar.for_region("US", None)
    calendar.add_business_days(THANKSGIVING, 5)
    started = time.perf_counter()
    for offset in range(10_000):
        calendar.add_business_days(THANKSGIVING + timedelta(days=offset % 400), 5)
    assert time.perf_counter() - started < 1.0


# --- Properties -------------------------------------------------------------------------------

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
# Since Saudi Arabia's change of weekend in 2013, `weekend` holds in every region below.
recent_days = st.dates(min_value=date(2014, 1, 1), max_value=date(2060, 12, 31))
counts = st.integers(min_value=0, max_value=300)
plain_regions = st.sampled_from(PLAIN_REGIONS)
all_regions = st.sampled_from([*PLAIN_REGIONS, ("RU", None), ("AE", None), ("CN", None)])


@SLOW
@given(region=plain_regions, day=recent_days, count=counts)
def test_business_days_never_fall_on_a_weekend_or_holiday(
    region: tuple[str, str | None], day: date, count: int
) -> None:
    calendar = calendar_for(*region)
    results = [
        calendar.add_business_days(day, count),
        calendar.next_business_day(day),
        calendar.previous_business_day(day),
    ]
    for result in results:
        assert result.weekday() not in calendar.weekend
        assert calendar.holiday_name(result) is None
        assert calendar.is_business_day(result)


@SLOW
@given(region=all_regions, day=days, count=counts)
def test_add_business_days_is_monotonic_and_counted(
    region: tuple[str, str | None], day: date, count: int
) -> None:
    calendar = calendar_for(*region)
    result = calendar.add_business_days(day, count)
    following = calendar.add_business_days(day, count + 1)
    assert calendar.is_business_day(result)
    assert day <= result <= following
    if count == 0 and not calendar.is_business_day(day):
        assert following == result
    else:
        assert following == calendar.next_business_day(result)
    if calendar.is_business_day(day) or count > 0:
        assert calendar.business_days_between(day, result) == count


@SLOW
@given(region=all_regions, start=days, span=st.integers(min_value=-400, max_value=400))
def test_business_days_between_counts_each_day(
    region: tuple[str, str | None], start: date, span: int
) -> None:
    calendar = calendar_for(*region)
    end = start + timedelta(days=span)
    low, high = sorted((start, end))
    counted = sum(
        calendar.is_business_day(low + timedelta(days=offset))
        for offset in range(1, (high - low).days + 1)
    )
    assert calendar.business_days_between(start, end) == (counted if end >= start else -counted)


@SLOW
@given(region=all_regions, day=days)
def test_previous_undoes_next(region: tuple[str, str | None], day: date) -> None:
    calendar = calendar_for(*region)
    back = calendar.previous_business_day(calendar.next_business_day(day))
    assert back <= day
    assert (back == day) is calendar.is_business_day(day)

"""read_timeline: what interviewers say about next steps, read as a window of dates."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from afterview.domain.calendar import BusinessCalendar
from afterview.domain.timelines import StatedTimeline, TimelineKind, read_timeline

DATE, RANGE, NONE, UNKNOWN = (
    TimelineKind.DATE,
    TimelineKind.RANGE,
    TimelineKind.NONE,
    TimelineKind.UNKNOWN,
)
THANKSGIVING = date(2026, 11, 26)  # Thursday; US public holiday
BERLIN_MONDAY = date(2026, 12, 21)  # the Monday before Christmas
SLOW = settings(max_examples=300, deadline=None)


@cache
def calendar_for(country: str, subdivision: str | None = None) -> BusinessCalendar:
    return BusinessCalendar.for_region(country, subdivision)


def read(text: str, said_on: date = THANKSGIVING, region: str = "US") -> StatedTimeline:
    country, _, subdivision = region.partition("-")
    return read_timeline(text, said_on=said_on, calendar=calendar_for(country, subdivision or None))


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@pytest.mark.parametrize(
    ("text", "kind", "earliest", "latest"),
    [
        ("by Friday", DATE, THANKSGIVING, d(11, 27)),
        ("We'll get back to you by Friday.", DATE, THANKSGIVING, d(11, 27)),
        ("Friday", DATE, d(11, 27), d(11, 27)),
        ("you'll hear from us on Monday", DATE, d(11, 30), d(11, 30)),
        ("next Friday", DATE, d(12, 4), d(12, 4)),
        ("by Thursday", DATE, THANKSGIVING, d(12, 3)),
        ("decision by wed", DATE, THANKSGIVING, d(12, 2)),
        ("We sat down and will decide by Wed", DATE, THANKSGIVING, d(12, 2)),
        ("by end of the week", DATE, THANKSGIVING, d(11, 27)),
        ("By the end of this week!", DATE, THANKSGIVING, d(11, 27)),
        ("by end of next week", DATE, THANKSGIVING, d(12, 4)),
        ("end of next week", DATE, d(12, 4), d(12, 4)),
        ("next week", RANGE, d(11, 30), d(12, 4)),
        ("early next week", RANGE, d(11, 30), d(12, 2)),
        ("the week after next", RANGE, d(12, 7), d(12, 11)),
        ("within a week", DATE, THANKSGIVING, d(12, 3)),
        ("Within 10 days", DATE, THANKSGIVING, d(12, 6)),
        ("in 5 days", DATE, d(12, 1), d(12, 1)),
        ("in two weeks", DATE, d(12, 10), d(12, 10)),
        ("in a couple of weeks", DATE, d(12, 10), d(12, 10)),
        ("you'll hear from us in a fortnight", DATE, d(12, 10), d(12, 10)),
        ("in 1 month", DATE, d(12, 26), d(12, 26)),
        ("expect a decision within 48 hours", DATE, THANKSGIVING, d(11, 28)),
        ("in 5 business days", DATE, d(12, 3), d(12, 3)),
        ("in five working days", DATE, d(12, 3), d(12, 3)),
        ("in 0 business days", DATE, d(11, 27), d(11, 27)),
        ("within 5 business days of your final round", DATE, THANKSGIVING, d(12, 3)),
        ("in 2-3 weeks", RANGE, d(12, 10), d(12, 17)),
        ("in 2 to 3 weeks", RANGE, d(12, 10), d(12, 17)),
        ("2–3 weeks", RANGE, d(12, 10), d(12, 17)),
        ("In two—three weeks", RANGE, d(12, 10), d(12, 17)),
        ("in 3-2 weeks", RANGE, d(12, 10), d(12, 17)),
        ("a day or two", RANGE, d(11, 27), d(11, 28)),
        ("within 2-3 weeks", DATE, THANKSGIVING, d(12, 17)),
        ("early next month", RANGE, d(12, 1), d(12, 10)),
        ("mid-next month", RANGE, d(12, 11), d(12, 20)),
        ("middle of next month", RANGE, d(12, 11), d(12, 20)),
        ("end of next month", RANGE, d(12, 21), d(12, 31)),
        ("late next month", RANGE, d(12, 21), d(12, 31)),
        ("next month", RANGE, d(12, 1), d(12, 31)),
        ("this month", RANGE, THANKSGIVING, d(11, 30)),
        ("by December 10", DATE, THANKSGIVING, d(12, 10)),
        ("by Dec 10th", DATE, THANKSGIVING, d(12, 10)),
        ("by 10 December", DATE, THANKSGIVING, d(12, 10)),
        ("on the 10th of December", DATE, d(12, 10), d(12, 10)),
        ("by Friday 8 January", DATE, THANKSGIVING, d(1, 8, 2027)),
        ("Friday, January 8th", DATE, d(1, 8, 2027), d(1, 8, 2027)),
        ("by November 26", DATE, THANKSGIVING, THANKSGIVING),
        ("by Nov 25", UNKNOWN, None, None),  # the day before: a slip, not next year
        ("2026-12-10", DATE, d(12, 10), d(12, 10)),
        ("by Feb 29", DATE, THANKSGIVING, d(2, 29, 2028)),
        ("after the holidays", DATE, d(1, 4, 2027), d(1, 4, 2027)),
        ("tomorrow", DATE, d(11, 27), d(11, 27)),
        ("We'll let you know tomorrow!", DATE, d(11, 27), d(11, 27)),
        ("the day after tomorrow", DATE, d(11, 28), d(11, 28)),
        ("today", DATE, THANKSGIVING, THANKSGIVING),
        ("end of day", DATE, THANKSGIVING, THANKSGIVING),
        ("by end of today", DATE, THANKSGIVING, THANKSGIVING),
        ("not sure, maybe next week", RANGE, d(11, 30), d(12, 4)),
        ("no timeline", NONE, None, None),
        ("No timeline given.", NONE, None, None),
        ("not sure", NONE, None, None),
        ("They didn’t say", NONE, None, None),
        ("", NONE, None, None),
        ("   ", NONE, None, None),
        ("soon", UNKNOWN, None, None),
        ("when the VP is back", UNKNOWN, None, None),
    ],
)
def test_phrasings_said_on_thanksgiving_in_the_us(
    text: str, kind: TimelineKind, earliest: date | None, latest: date | None
) -> None:
    timeline = read(text)
    assert (timeline.text, timeline.kind, timeline.earliest, timeline.latest) == (
        text,
        kind,
        earliest,
        latest,
    )


@pytest.mark.parametrize(
    ("text", "kind", "earliest", "latest"),
    [
        ("by Friday", DATE, BERLIN_MONDAY, d(12, 25)),
        ("next Friday", DATE, d(1, 1, 2027), d(1, 1, 2027)),
        ("next Monday", DATE, d(12, 28), d(12, 28)),
        ("by end of the week", DATE, BERLIN_MONDAY, d(12, 24)),
        ("by end of next week", DATE, BERLIN_MONDAY, d(12, 31)),
        ("next week", RANGE, d(12, 28), d(12, 31)),
        ("within a week", DATE, BERLIN_MONDAY, d(12, 28)),
        ("in 5 business days", DATE, d(12, 29), d(12, 29)),
        ("within 3 working days", DATE, BERLIN_MONDAY, d(12, 24)),
        ("in 2-3 weeks", RANGE, d(1, 4, 2027), d(1, 11, 2027)),
        ("early next month", RANGE, d(1, 1, 2027), d(1, 10, 2027)),
        ("by 8 January", DATE, BERLIN_MONDAY, d(1, 8, 2027)),
        ("after the holidays", DATE, d(1, 4, 2027), d(1, 4, 2027)),
        ("tomorrow", DATE, d(12, 22), d(12, 22)),
    ],
)
def test_phrasings_said_on_a_monday_in_berlin(
    text: str, kind: TimelineKind, earliest: date | None, latest: date | None
) -> None:
    timeline = read(text, BERLIN_MONDAY, "DE-BE")
    assert (timeline.kind, timeline.earliest, timeline.latest) == (kind, earliest, latest)


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("next week", d(11, 29), d(12, 3)),
        ("by end of this week", THANKSGIVING, THANKSGIVING),
        ("by end of next week", THANKSGIVING, d(12, 3)),
    ],
)
def test_weeks_follow_a_friday_saturday_weekend(text: str, earliest: date, latest: date) -> None:
    timeline = read(text, THANKSGIVING, "IL")
    assert (timeline.earliest, timeline.latest) == (earliest, latest)


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("by end of next week", "by Fri 4 Dec"),
        ("Friday", "on Fri 27 Nov"),
        ("in 2-3 weeks", "between Thu 10 Dec and Thu 17 Dec"),
        ("by Friday 8 January", "by Fri 8 Jan 2027"),
        (
            "after the holidays",
            "after the holidays (Christmas Day to New Year's Day): Mon 4 Jan 2027",
        ),
        ("no timeline", "no timeline given"),
        ("soon", "not understood: kept as written"),
        ("by 2020-01-01", "not understood: that date has passed; kept as written"),
        ("by Feb 30", "not understood: no such date; kept as written"),
        ("in 999 weeks", "not understood: more than two years away; kept as written"),
    ],
)
def test_meaning_says_what_was_understood(text: str, meaning: str) -> None:
    assert read(text).meaning == meaning


def test_after_the_holidays_takes_the_next_cluster() -> None:
    # The day before Thanksgiving, the next cluster is Thanksgiving alone.
    timeline = read("after the holidays", d(11, 25))
    assert (timeline.latest, timeline.meaning) == (
        d(11, 27),
        "after the holidays (Thanksgiving Day): Fri 27 Nov",
    )


def test_after_the_holidays_without_holidays_is_unknown() -> None:
    timeline = read_timeline(
        "after the holidays", said_on=d(5, 1), calendar=BusinessCalendar.weekends_only()
    )
    assert (timeline.kind, timeline.earliest, timeline.meaning) == (
        UNKNOWN,
        None,
        "not understood: no public holidays (weekends only) within 60 days of Fri 1 May; "
        "kept as written",
    )


@pytest.mark.parametrize("said_on", [date.max, date.min, date(9999, 12, 1)])
@pytest.mark.parametrize("text", ["tomorrow", "next week", "after the holidays", "in 5 weeks"])
def test_dates_at_the_ends_of_the_calendar_do_not_raise(said_on: date, text: str) -> None:
    timeline = read(text, said_on)
    assert timeline.kind in set(TimelineKind)


# --- Properties -------------------------------------------------------------------------------

REGIONS = ["US", "US-CA", "DE-BE", "GB-ENG", "IL", "SA", "AE", "JP"]
said_ons = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
numbers = st.sampled_from(["1", "2", "5", "10", "a", "an", "two", "ten", "0", "999", "a couple of"])
cores = st.one_of(
    st.sampled_from(
        [
            "Friday",
            "next monday",
            "end of the week",
            "end of next week",
            "next week",
            "early next month",
            "mid next month",
            "end of next month",
            "next month",
            "after the holidays",
            "tomorrow",
            "today",
            "end of day",
            "no timeline",
            "not sure",
            "December 10",
            "10 Dec",
            "Feb 29",
            "friday 8 january",
        ]
    ),
    st.builds(
        "{} {} {}".format,
        st.sampled_from(["in", "within", ""]),
        st.one_of(numbers, st.builds("{}–{}".format, numbers, numbers)),
        st.sampled_from(["days", "weeks", "business days", "working days", "months", "hours"]),
    ),
)
phrases = st.builds(
    "{}{}{}".format,
    st.sampled_from(["", "we'll get back to you ", "expect a decision ", "By ", "on "]),
    cores,
    st.sampled_from(["", ".", "!", " of your final round", " — thanks"]),
)


def check_window(timeline: StatedTimeline, said_on: date) -> None:
    if timeline.kind in {NONE, UNKNOWN}:
        assert (timeline.earliest, timeline.latest) == (None, None)
        return
    assert timeline.earliest is not None
    assert timeline.latest is not None
    assert said_on <= timeline.earliest <= timeline.latest
    if timeline.kind is RANGE:
        assert timeline.earliest < timeline.latest
    else:  # a deadline opens on the day it was said; any other date is a single day
        assert timeline.earliest in {said_on, timeline.latest}
        assert timeline.earliest == timeline.latest or timeline.meaning.startswith("by ")


@SLOW
@given(text=st.text(), said_on=said_ons, region=st.sampled_from(REGIONS))
@example(text="\u0663 weeks", said_on=THANKSGIVING, region="US")
@example(text="İn 2 weeks", said_on=THANKSGIVING, region="US")
def test_any_text_gives_a_timeline(text: str, said_on: date, region: str) -> None:
    timeline = read(text, said_on, region)
    assert timeline.text == text
    assert timeline.meaning
    check_window(timeline, said_on)


@SLOW
@given(text=phrases, said_on=said_ons, region=st.sampled_from(REGIONS))
def test_plausible_phrases_give_ordered_windows(text: str, said_on: date, region: str) -> None:
    timeline = read(text, said_on, region)
    check_window(timeline, said_on)
    if timeline.kind in {DATE, RANGE}:
        assert timeline.latest is not None
        assert (timeline.latest - said_on).days <= 731

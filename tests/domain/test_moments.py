"""parse_moment, parse_day and parse_duration on fixed `now` values (never the real clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from afterview.domain.errors import InvalidInput
from afterview.domain.moments import parse_day, parse_duration, parse_moment

# A Wednesday morning; London is on GMT (UTC+0) then, Berlin on CET (UTC+1).
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EXAMPLES = "try 'tomorrow 14:00', 'fri 9am' or '2026-12-03 10:30 Europe/Berlin'"
DAY_EXAMPLES = "try 'yesterday', 'last monday' or '2026-11-20'"


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def moment(
    text: str, *, zone: str = "Europe/London", now: datetime = NOW, field: str = "when"
) -> tuple[datetime, str]:
    return parse_moment(text, now=now, zone=zone, field=field)


def refused(text: str, *, zone: str = "Europe/London", now: datetime = NOW) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        moment(text, zone=zone, now=now)
    return caught.value


# --- parse_moment: what people type ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "zone", "expected"),
    [
        ("tomorrow 14:00", "Europe/London", utc(2026, 11, 26, 14, 0)),
        ("tomorrow 14:00", "Europe/Berlin", utc(2026, 11, 26, 13, 0)),
        ("tomorrow 10:00", "America/Los_Angeles", utc(2026, 11, 26, 18, 0)),
        ("friday 9am", "Europe/London", utc(2026, 11, 27, 9, 0)),
        ("fri 9am", "Europe/Berlin", utc(2026, 11, 27, 8, 0)),
        ("monday 10:00", "Europe/London", utc(2026, 11, 30, 10, 0)),
        ("noon", "Europe/London", utc(2026, 11, 25, 12, 0)),
        ("now", "Europe/London", NOW),
        ("2026-12-03 10:30", "Europe/London", utc(2026, 12, 3, 10, 30)),
        ("2026-12-03T10:30", "Europe/London", utc(2026, 12, 3, 10, 30)),
        ("2026-12-03T10:30", "Asia/Tokyo", utc(2026, 12, 3, 1, 30)),
        ("2026-12-03 10:30:45", "Europe/London", utc(2026, 12, 3, 10, 30, 45)),
        ("2026-1-5 9:05", "Europe/London", utc(2026, 1, 5, 9, 5)),
        ("  2026-12-03 10:30  ", "Europe/London", utc(2026, 12, 3, 10, 30)),
    ],
)
def test_parse_moment_reads_common_forms(text: str, zone: str, expected: datetime) -> None:
    assert moment(text, zone=zone) == (expected, zone)


def test_relative_words_count_from_now_in_the_given_zone() -> None:
    # 23:30 UTC on the 25th is already 08:30 on the 26th in Tokyo: 'tomorrow' is the 27th.
    late = utc(2026, 11, 25, 23, 30)
    assert moment("tomorrow 23:30", zone="Asia/Tokyo", now=late) == (
        utc(2026, 11, 27, 14, 30),
        "Asia/Tokyo",
    )


def test_trailing_zone_is_kept_and_the_instant_stored_in_utc() -> None:
    when, zone = moment("2026-12-03 10:30 Europe/Berlin", zone="America/New_York")
    assert (when, zone) == (utc(2026, 12, 3, 9, 30), "Europe/Berlin")
    assert when.tzinfo is UTC


def test_trailing_zone_applies_to_relative_words() -> None:
    assert moment("tomorrow 14:00 Asia/Kolkata") == (utc(2026, 11, 26, 8, 30), "Asia/Kolkata")


@pytest.mark.parametrize("suffix", ["UTC", "utc", "GMT", "gmt"])
def test_utc_and_gmt_suffixes_mean_utc(suffix: str) -> None:
    assert moment(f"2026-12-03 10:30 {suffix}", zone="Europe/Berlin") == (
        utc(2026, 12, 3, 10, 30),
        "UTC",
    )


def test_summer_time_is_applied_for_the_day_given_not_for_now() -> None:
    # `now` is in winter (GMT) but 1 July is on BST (UTC+1).
    assert moment("2026-07-01 10:00") == (utc(2026, 7, 1, 9, 0), "Europe/London")


# --- parse_moment: refusals ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-12-03", "tomorrow", "friday", "in 2 hours"])
def test_a_day_without_a_time_is_refused_naming_the_text(text: str) -> None:
    error = refused(text)
    assert error.message == f"The when needs a time of day, and {text!r} has none; {EXAMPLES}."
    assert error.field == "when"


def test_the_field_name_is_passed_through() -> None:
    with pytest.raises(InvalidInput) as caught:
        moment("tomorrow", field="starts_at")
    assert caught.value.field == "starts_at"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-02-30 10:00", "day is out of range for month"),
        ("2026-13-01 10:00", "month must be in 1..12"),
        ("2026-12-03 25:00", "hour must be in 0..23"),
        ("2026-12-03 10:61", "minute must be in 0..59"),
    ],
)
def test_impossible_dates_are_refused(text: str, reason: str) -> None:
    error = refused(text)
    assert error.message == f"Impossible date {text!r}: {reason}."
    assert "impossible" in error.message.lower()


def test_impossible_date_is_refused_even_with_a_zone() -> None:
    error = refused("2026-02-30 10:00 Europe/Berlin")
    assert error.message == "Impossible date '2026-02-30 10:00': day is out of range for month."


def test_unknown_zone_suggests_the_close_one() -> None:
    error = refused("2026-12-03 10:30 Europe/Berln")
    assert error.message == "Unknown time zone 'Europe/Berln'. Did you mean Europe/Berlin?"
    assert error.field == "time_zone"


def test_unknown_zone_without_a_close_one_points_to_iana_names() -> None:
    error = refused("10:00 Foo/Bar")
    assert error.message == "Unknown time zone 'Foo/Bar'. Use an IANA name like Europe/Berlin."


def test_unknown_default_zone_is_refused() -> None:
    error = refused("tomorrow 10:00", zone="Nowhere/Land")
    assert error.message == "Unknown time zone 'Nowhere/Land'. Use an IANA name like Europe/Berlin."


def test_a_wall_time_in_the_spring_forward_gap_is_refused() -> None:
    error = refused("2026-03-29 02:30 Europe/Berlin")
    assert error.message == (
        "'2026-03-29 02:30 Europe/Berlin' does not exist in Europe/Berlin: "
        "the clocks jump forward at that hour."
    )
    assert error.field == "when"


def test_the_minutes_around_the_gap_are_fine() -> None:
    assert moment("2026-03-29 01:59 Europe/Berlin")[0] == utc(2026, 3, 29, 0, 59)
    assert moment("2026-03-29 03:00 Europe/Berlin")[0] == utc(2026, 3, 29, 1, 0)


def test_an_ambiguous_fall_back_time_is_refused_naming_both_offsets() -> None:
    # 02:30 happens twice in Berlin on 25 Oct 2026: at 00:30 UTC (CEST) and 01:30 UTC (CET).
    error = refused("2026-10-25 02:30 Europe/Berlin")
    assert error.message == (
        "'2026-10-25 02:30 Europe/Berlin' happens twice in Europe/Berlin (the clocks go back at "
        "that hour); give the offset: 2026-10-25T02:30+0200 or 2026-10-25T02:30+0100."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-25T02:30+02:00 Europe/Berlin", (2026, 10, 25, 0, 30)),
        ("2026-10-25T02:30+01:00 Europe/Berlin", (2026, 10, 25, 1, 30)),
    ],
)
def test_an_offset_picks_one_of_the_two_ambiguous_times(
    text: str, expected: tuple[int, ...]
) -> None:
    when, zone = moment(text)
    assert (when, zone) == (utc(*expected), "Europe/Berlin")


def test_a_time_alone_falls_on_the_given_day() -> None:
    when, _zone = parse_moment("10:30", now=NOW, zone="Europe/Berlin", day=date(2026, 12, 3))
    assert when == utc(2026, 12, 3, 9, 30)
    later, _zone = parse_moment(
        "tomorrow 10:30", now=NOW, zone="Europe/Berlin", day=date(2026, 12, 3)
    )
    assert later.date() != date(2026, 12, 3)


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text_is_refused(text: str) -> None:
    error = refused(text)
    assert error.message == f"The when must not be empty; {EXAMPLES}."


def test_unreadable_text_is_refused_naming_it() -> None:
    error = refused("garbage 10:00")
    assert error.message == (
        f"Cannot read 'garbage 10:00' as the when (a date and time); {EXAMPLES}."
    )


def test_text_that_is_no_date_is_refused_as_unreadable_not_as_lacking_a_time() -> None:
    error = refused("next blurday")
    assert error.message == f"Cannot read 'next blurday' as the when (a date and time); {EXAMPLES}."


@pytest.mark.parametrize(
    "text", ["0001-01-01 00:00 Europe/Berlin", "9999-12-31 23:59 America/New_York"]
)
def test_a_moment_at_the_edge_of_the_calendar_is_invalid_input_not_a_crash(text: str) -> None:
    # BUG: the UTC conversion overflows and OverflowError escapes parse_moment.
    refused(text)


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        ("tomorrow 10:00 +0500", utc(2026, 11, 26, 5, 0)),
        ("2026-07-03T10:00:00+00:00", utc(2026, 7, 3, 10, 0)),
        ("tomorrow 10:00 PST", utc(2026, 11, 26, 18, 0)),
    ],
)
def test_an_explicit_offset_is_honoured_or_refused_never_dropped(
    text: str, instant: datetime
) -> None:
    # BUG: dateparser reads the offset but returns a naive wall time, which is then taken
    # as Europe/London time: the stored instant is off by the offset.
    try:
        when, _zone = moment(text)
    except InvalidInput:
        return
    assert when == instant


def test_a_slash_date_at_the_end_is_not_taken_for_a_zone() -> None:
    # BUG: any last word containing '/' is treated as a zone name, so a D/M/Y date
    # (DATE_ORDER is DMY) at the end is refused as "Unknown time zone '3/12/2026'".
    assert moment("14:00 3/12/2026") == (utc(2026, 12, 3, 14, 0), "Europe/London")


# --- parse_day ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2026, 11, 24)),
        ("today", date(2026, 11, 25)),
        ("tomorrow", date(2026, 11, 26)),
        ("2026-11-02", date(2026, 11, 2)),
        ("2026-1-5", date(2026, 1, 5)),
        ("3/4/2026", date(2026, 4, 3)),
        ("tomorrow Europe/Berlin", date(2026, 11, 26)),
        ("2026-11-02 14:00", date(2026, 11, 2)),
    ],
)
def test_parse_day(text: str, expected: date) -> None:
    assert parse_day(text, now=NOW, zone="Europe/London") == expected


def test_parse_day_today_is_the_day_in_the_zone() -> None:
    late = utc(2026, 11, 25, 23, 30)
    assert parse_day("today", now=late, zone="UTC") == date(2026, 11, 25)
    assert parse_day("today", now=late, zone="Asia/Tokyo") == date(2026, 11, 26)


def test_parse_day_refusals() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_day("2026-02-30", now=NOW, zone="UTC")
    assert caught.value.message == "Impossible date '2026-02-30': day is out of range for month."
    assert caught.value.field == "date"
    with pytest.raises(InvalidInput) as caught:
        parse_day("", now=NOW, zone="UTC", field="applied_on")
    assert caught.value.message == f"The applied_on must not be empty; {DAY_EXAMPLES}."
    assert caught.value.field == "applied_on"
    with pytest.raises(InvalidInput) as caught:
        parse_day("blah", now=NOW, zone="UTC")
    assert caught.value.message == f"Cannot read 'blah' as the date (a date); {DAY_EXAMPLES}."


# --- parse_duration -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45m", 45),
        ("1h", 60),
        ("1h30m", 90),
        ("1h30", 90),
        ("90", 90),
        (" 30 ", 30),
        ("2H", 120),
        ("1 h 30 min", 90),
        ("45min", 45),
        ("0h5m", 5),
    ],
)
def test_parse_duration(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "  ", "h", "m", "1.5h", "-5", "abc", "1d", "1h 2h"])
def test_unreadable_durations_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_duration(text)
    assert caught.value.message == f"Cannot read the duration {text!r}; write 45m, 1h or 1h30m."
    assert caught.value.field == "duration"


@pytest.mark.parametrize("text", ["0", "0m", "0h", "0h0m"])
def test_a_zero_duration_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_duration(text, field="length")
    assert caught.value.message == "The duration must be longer than zero."
    assert caught.value.field == "length"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 Nov", date(2026, 11, 3)),
        ("monday", date(2026, 11, 23)),
        ("yesterday", date(2026, 11, 24)),
    ],
)
def test_a_day_looks_back(text: str, expected: date) -> None:
    assert parse_day(text, now=NOW, zone="Europe/Berlin") == expected

"""Hypothesis properties of parse_moment, parse_day and parse_duration."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from afterview.domain.errors import InvalidInput
from afterview.domain.moments import parse_day, parse_duration, parse_moment

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
SLOW = settings(max_examples=200, deadline=None)
ZONES = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/St_Johns",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Apia",
    "Africa/Casablanca",
]

instants = st.datetimes(
    min_value=datetime(1950, 1, 1),  # noqa: DTZ001 (bounds must be naive for Hypothesis)
    max_value=datetime(2100, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
).map(lambda moment: moment.replace(second=0, microsecond=0))


def wall_text(local: datetime, zone: str) -> str:
    return (
        f"{local.year:04d}-{local.month:02d}-{local.day:02d} "
        f"{local.hour:02d}:{local.minute:02d} {zone}"
    )


def is_ambiguous(local: datetime) -> bool:
    return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()


@SLOW
@given(instant=instants, zone=st.sampled_from(ZONES))
def test_wall_time_with_zone_round_trips_to_the_same_instant(instant: datetime, zone: str) -> None:
    local = instant.astimezone(ZoneInfo(zone))
    assume(not is_ambiguous(local))
    when, kept = parse_moment(wall_text(local, zone), now=NOW, zone="Europe/London")
    assert when == instant
    assert kept == zone
    assert when.tzinfo is UTC


@SLOW
@given(
    wall=st.datetimes(
        min_value=datetime(1950, 1, 1),  # noqa: DTZ001
        max_value=datetime(2100, 12, 31),  # noqa: DTZ001
    ).map(lambda moment: moment.replace(second=0, microsecond=0)),
    zone=st.sampled_from(ZONES),
)
def test_any_wall_time_is_utc_or_refused_as_invalid(wall: datetime, zone: str) -> None:
    tz = ZoneInfo(zone)
    exists = wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall
    text = wall_text(wall, zone)
    if not exists:
        with pytest.raises(InvalidInput, match="does not exist"):
            parse_moment(text, now=NOW, zone="UTC")
        return
    when, kept = parse_moment(text, now=NOW, zone="UTC")
    assert when.tzinfo is UTC
    assert kept == zone
    assert when.astimezone(tz).replace(tzinfo=None) == wall


@SLOW
@given(
    day=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), zone=st.sampled_from(ZONES)
)
def test_an_iso_day_round_trips_through_parse_day(day: date, zone: str) -> None:
    assert parse_day(day.isoformat(), now=NOW, zone=zone) == day


@settings(max_examples=200)
@given(hours=st.integers(0, 200), minutes=st.integers(0, 59))
def test_duration_round_trips(hours: int, minutes: int) -> None:
    text = f"{hours}h{minutes}m"
    if hours == minutes == 0:
        with pytest.raises(InvalidInput, match=r"^The duration must be longer than zero\.$"):
            parse_duration(text)
        return
    if hours * 60 + minutes > 24 * 60:
        with pytest.raises(InvalidInput, match=r"is longer than a day\.$"):
            parse_duration(text)
        return
    assert parse_duration(text) == timedelta(hours=hours, minutes=minutes)


@settings(max_examples=200)
@given(minutes=st.integers(1, 24 * 60))
def test_bare_numbers_are_minutes(minutes: int) -> None:
    assert parse_duration(str(minutes)) == timedelta(minutes=minutes)


@settings(max_examples=200)
@given(text=st.text())
def test_parse_duration_raises_only_invalid_input(text: str) -> None:
    try:
        result = parse_duration(text)
    except InvalidInput:
        return
    assert result > timedelta(0)


@SLOW
@given(text=st.text())
@example("\uff12\uff10\uff12\uff16-12-03 10:00")  # full-width digits
@example("tomorrow 10:00 a/b")
def test_parse_moment_raises_only_invalid_input(text: str) -> None:
    try:
        when, zone = parse_moment(text, now=NOW, zone="Europe/Berlin")
    except InvalidInput:
        return
    assert when.tzinfo is UTC
    assert zone


datey_texts = st.builds(
    "{:04d}-{:d}-{:d} {:d}:{:02d} {}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 60),
    st.sampled_from([*ZONES, "GMT", "Etc/GMT+12", "Etc/GMT-14", "Nowhere/Land"]),
)


@SLOW
@given(text=datey_texts)
@example("0001-1-1 0:00 Europe/Berlin")  # BUG: OverflowError escapes
@example("9999-12-31 23:59 America/New_York")  # BUG: OverflowError escapes
def test_parse_moment_on_date_like_text_raises_only_invalid_input(text: str) -> None:
    try:
        when, _zone = parse_moment(text, now=NOW, zone="UTC")
    except InvalidInput:
        return
    assert when.tzinfo is UTC


@SLOW
@given(text=st.text())
def test_parse_day_raises_only_invalid_input(text: str) -> None:
    try:
        parse_day(text, now=NOW, zone="Europe/Berlin")
    except InvalidInput:
        return

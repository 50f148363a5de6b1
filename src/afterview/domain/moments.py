"""Dates and times as people type them: 'tomorrow 14:00', '2026-12-03 10:30 Europe/Berlin'.

Every result is an aware datetime in UTC plus the IANA zone it was meant in, so that the
original wall-clock time can always be shown again.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from afterview.domain.errors import InvalidInput
from afterview.domain.values import check_time_zone

_ISO = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# A trailing IANA zone name: 'Europe/Berlin', 'America/Argentina/Buenos_Aires' (not '3/12/2026').
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9_+\-]+)+$")
_HAS_TIME = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?!\d)|\b\d{1,2}\s*(?:am|pm)\b|\bnoon\b|\bmidnight\b|\bnow\b",
    re.IGNORECASE,
)
# Only a time of day, no date: '10:30', '2pm', '9:15 am'.
_TIME_ONLY = re.compile(r"^\d{1,2}(?::\d{2})?\s*(?:am|pm)?$", re.IGNORECASE)
_DURATION = re.compile(r"^(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*(?:m|min)?)?$", re.IGNORECASE)
# What each kind of field takes, with examples that fit it: a moment needs a time of day, a
# day must not suggest one.
_MOMENT = ("a date and time", "try 'tomorrow 14:00', 'fri 9am' or '2026-12-03 10:30 Europe/Berlin'")
_DAY = ("a date", "try 'yesterday', 'last monday' or '2026-11-20'")


def parse_moment(
    text: str, *, now: datetime, zone: str, field: str = "when", day: date | None = None
) -> tuple[datetime, str]:
    """The moment `text` names, in UTC, and the zone it was given in (default `zone`).

    A trailing IANA zone name overrides the default. A time of day is required; a time alone
    ('10:30') falls on `day` when one is given (rescheduling within a day), else on the next
    such time. A wall time that happens twice (autumn) is refused unless an offset says which.
    """
    words, zone = _split_zone(text, zone, field, _MOMENT)
    local = _parse_local(words, now=now, zone=zone, field=field, prefer="future", kind=_MOMENT)
    if not _HAS_TIME.search(words):
        raise InvalidInput(
            f"The {field} needs a time of day, and {text!r} has none; {_MOMENT[1]}.", field=field
        )
    if day is not None and _TIME_ONLY.match(words):
        local = datetime.combine(day, local.time())
    return _to_utc(local, zone, text, field), zone


def parse_day(
    text: str, *, now: datetime, zone: str, field: str = "date", ahead: bool = False
) -> date:
    """The calendar day `text` names ('yesterday', '2026-11-02', '3 Nov', 'monday'), looking
    back: a day on which something already happened; `ahead`, looking forward (a deadline,
    a start date: 'friday' is the coming one)."""
    words, zone = _split_zone(text, zone, field, _DAY)
    prefer = "future" if ahead else "past"
    local = _parse_local(words, now=now, zone=zone, field=field, prefer=prefer, kind=_DAY)
    return local.astimezone(ZoneInfo(zone)).date() if local.tzinfo else local.date()


def parse_duration(text: str, field: str = "duration") -> timedelta:
    """'45m', '1h', '1h30m', '90' (minutes) → a timedelta."""
    match = _DURATION.match(text.strip())
    if not text.strip() or not match or not (match["h"] or match["m"]):
        raise InvalidInput(
            f"Cannot read the duration {text!r}; write 45m, 1h or 1h30m.", field=field
        )
    minutes = int(match["h"] or 0) * 60 + int(match["m"] or 0)
    if minutes <= 0:
        raise InvalidInput("The duration must be longer than zero.", field=field)
    if minutes > 24 * 60:
        raise InvalidInput(f"The duration {text!r} is longer than a day.", field=field)
    return timedelta(minutes=minutes)


def _split_zone(text: str, zone: str, field: str, kind: tuple[str, str]) -> tuple[str, str]:
    words = text.strip()
    if not words:
        raise InvalidInput(f"The {field} must not be empty; {kind[1]}.", field=field)
    head, _, last = words.rpartition(" ")
    if head and (_ZONE_NAME.match(last) or last.upper() in {"UTC", "GMT"}):
        name = "UTC" if last.upper() in {"UTC", "GMT"} else last
        check_time_zone(name, field="time_zone")
        return head.strip(), name
    check_time_zone(zone, field="time_zone")
    return words, zone


def _parse_local(
    words: str, *, now: datetime, zone: str, field: str, prefer: str, kind: tuple[str, str]
) -> datetime:
    """A naive wall-clock datetime in `zone`, or an aware one when the text gave an offset;
    `kind` says what the field takes, for the message when the text is not that."""
    if _ISO.match(words):
        try:
            return datetime.fromisoformat(_pad_iso(words))
        except ValueError as error:
            raise InvalidInput(f"Impossible date {words!r}: {error}.", field=field) from None
    import dateparser

    base = now.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    parsed: datetime | None = dateparser.parse(
        words,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_AS_TIMEZONE_AWARE": False,
            # An offset or abbreviation in the text ('10:00 PST') is honoured: the result is
            # converted to the wall time in `zone`.
            "TIMEZONE": zone,
            "TO_TIMEZONE": zone,
            "DATE_ORDER": "DMY",
        },
    )
    if parsed is None:
        raise InvalidInput(
            f"Cannot read {words!r} as the {field} ({kind[0]}); {kind[1]}.", field=field
        )
    return parsed


def _pad_iso(words: str) -> str:
    day, _, clock = words.replace("T", " ").partition(" ")
    year, month, dom = day.split("-")
    padded = f"{year}-{int(month):02d}-{int(dom):02d}"
    if clock:
        hour, rest = clock.split(":", 1)
        padded += f" {int(hour):02d}:{rest}"
    return padded


def _to_utc(local: datetime, zone: str, text: str, field: str) -> datetime:
    """`local` (naive wall time in `zone`, or already aware) as an aware UTC datetime."""
    tz = ZoneInfo(zone)
    try:
        if local.tzinfo is not None:
            return local.astimezone(UTC)
        first, second = (local.replace(tzinfo=tz, fold=fold).astimezone(UTC) for fold in (0, 1))
        round_trip = first.astimezone(tz).replace(tzinfo=None)
    except OverflowError:
        raise InvalidInput(f"{text!r} is too far in the past or future.", field=field) from None
    if round_trip != local:
        raise InvalidInput(
            f"{text!r} does not exist in {zone}: the clocks jump forward at that hour.",
            field=field,
        )
    if first != second:
        offsets = " or ".join(
            f"{local:%Y-%m-%dT%H:%M}{moment.astimezone(tz).strftime('%z')}"
            for moment in (first, second)
        )
        raise InvalidInput(
            f"{text!r} happens twice in {zone} (the clocks go back at that hour); "
            f"give the offset: {offsets}.",
            field=field,
        )
    return first

"""The boards' date formats, each read into an aware datetime (UTC unless the value says).

- ISO 8601 with an offset or `Z` (Greenhouse, Ashby, SmartRecruiters, Personio);
- epoch milliseconds (Lever's `createdAt`);
- `"2026-11-20 09:15:00 UTC"` (Recruitee), not ISO;
- a date alone, `2026-11-20` (Workable), read as midnight UTC.

Each raises ValueError with what it expected; the caller adds the board and the field.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Final

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RECRUITEE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) UTC")


def read_iso_datetime(value: str) -> datetime:
    """ISO 8601; a value without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date and time") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def read_epoch_ms(value: object) -> datetime:
    """Milliseconds since 1970-01-01 UTC, as Lever gives them."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not a whole number of milliseconds")
    try:
        return _EPOCH + timedelta(milliseconds=value)
    except OverflowError:
        raise ValueError(f"{value} milliseconds is out of range") from None


def read_recruitee_datetime(value: str) -> datetime:
    """Recruitee's `YYYY-MM-DD HH:MM:SS UTC`."""
    found = _RECRUITEE.fullmatch(value.strip())
    if found is None:
        raise ValueError(f"{value!r} is not like 2026-11-20 09:15:00 UTC")
    try:
        year, month, day, hour, minute, second = (int(part) for part in found.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None


def read_date_only(value: str) -> datetime:
    """A date alone (`YYYY-MM-DD`), as midnight UTC that day."""
    found = _DATE.fullmatch(value.strip())
    if found is None:
        raise ValueError(f"{value!r} is not a date like 2026-11-20")
    try:
        year, month, number = (int(part) for part in found.groups())
        day = date(year, month, number)
    except ValueError:
        raise ValueError(f"{value!r} is not a real date") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)

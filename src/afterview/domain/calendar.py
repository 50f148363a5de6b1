"""Business days: a country's (and subdivision's) public holidays and weekend days.

`BusinessCalendar.for_region("US", None)` reads both from the `holidays` package, which also
knows weekends that differ by country (Fri–Sat in Israel and Saudi Arabia), weekends that
changed over the years (the UAE moved to Sat–Sun in 2022) and Saturdays made working days by a
holiday transfer (Russia): a day is a business day exactly when the package calls it a working
day. Holidays are looked up year by year, on first use, and cached per calendar, so that
`add_business_days` is a few set look-ups per day stepped.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import TYPE_CHECKING

from afterview.domain.errors import InvalidInput
from afterview.domain.values import check_region

if TYPE_CHECKING:
    from holidays import HolidayBase

SATURDAY_SUNDAY = frozenset({5, 6})
_ONE_DAY = timedelta(days=1)
_ENGLISH = "en_US"


@dataclass(frozen=True, slots=True)
class _ClosedDays:
    """One year's non-business days, as a set (membership) and sorted (counting)."""

    days: frozenset[date]
    ordered: tuple[date, ...]


@dataclass(frozen=True, slots=True, eq=False)
class BusinessCalendar:
    """Which days are business days in one country (and subdivision), or weekends only.

    `weekend` holds the current weekend days (Monday = 0); `is_business_day` also honours
    weekends of earlier years and working Saturdays when the holidays package knows them.
    """

    country: str | None
    subdivision: str | None
    weekend: frozenset[int]
    _source: HolidayBase | None = field(default=None, repr=False)
    _years: dict[int, _ClosedDays] = field(default_factory=dict, repr=False)

    @classmethod
    def for_region(cls, country: str, subdivision: str | None = None) -> BusinessCalendar:
        """The calendar of `country` (ISO 3166 code) and optional `subdivision` ('BE', 'CA').

        Holiday names are in English where the package has them.
        """
        import holidays

        code, sub = check_region(country, subdivision)
        source = holidays.country_holidays(code, subdiv=sub)
        language = source.default_language or ""
        if not language.startswith("en") and _ENGLISH in source.supported_languages:
            source = holidays.country_holidays(code, subdiv=sub, language=_ENGLISH)
        weekend = frozenset(int(day) for day in source.weekend)
        return cls(country=code, subdivision=sub, weekend=weekend, _source=source)

    @classmethod
    def weekends_only(cls, weekend: frozenset[int] = SATURDAY_SUNDAY) -> BusinessCalendar:
        """No public holidays; only `weekend` (default Saturday and Sunday) is closed."""
        if not weekend <= frozenset(range(7)) or len(weekend) > 6:
            raise InvalidInput("Weekend days are 0 (Monday) to 6 (Sunday).", field="weekend")
        return cls(country=None, subdivision=None, weekend=weekend)

    @property
    def label(self) -> str:
        """'US', 'DE-BE' or 'weekends only'."""
        if self.country is None:
            return "weekends only"
        return f"{self.country}-{self.subdivision}" if self.subdivision else self.country

    def is_business_day(self, day: date) -> bool:
        return day not in self._closed(day.year).days

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on `day` ('Christmas Day'; several joined by '; '), else None."""
        if self._source is None:
            return None
        name = self._source.get(day)
        return str(name) if name else None

    def holidays_between(self, first: date, last: date) -> list[date]:
        """Public holidays from `first` to `last`, both included, in order."""
        if self._source is None or last < first:
            return []
        for year in range(first.year, last.year + 1):
            self._closed(year)
        return sorted(day for day in self._source if first <= day <= last)

    def add_business_days(self, day: date, count: int) -> date:
        """The `count`-th business day after `day`; for 0, `day` itself or the next one.

        The result is always a business day: 5 business days after Thursday is the next
        Thursday, after a Saturday it is the next Friday (holidays aside).
        """
        if count < 0:
            raise InvalidInput(
                f"A number of business days cannot be negative ({count}).", field="business_days"
            )
        if count == 0:
            return day if self.is_business_day(day) else self.next_business_day(day)
        for _ in range(count):
            day = self.next_business_day(day)
        return day

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`."""
        day += _ONE_DAY
        while not self.is_business_day(day):
            day += _ONE_DAY
        return day

    def previous_business_day(self, day: date) -> date:
        """The last business day strictly before `day`."""
        day -= _ONE_DAY
        while not self.is_business_day(day):
            day -= _ONE_DAY
        return day

    def business_days_between(self, start: date, end: date) -> int:
        """Business days in (start, end]; negative (those in (end, start]) when end < start."""
        if end < start:
            return -self.business_days_between(end, start)
        closed = 0
        for year in range(start.year, end.year + 1):
            ordered = self._closed(year).ordered
            closed += bisect_right(ordered, end) - bisect_left(ordered, start + _ONE_DAY)
        return (end - start).days - closed

    def _closed(self, year: int) -> _ClosedDays:
        known = self._years.get(year)
        if known is None:
            known = self._years[year] = self._close_year(year)
        return known

    def _close_year(self, year: int) -> _ClosedDays:
        first = date(year, 1, 1)
        days = [first + timedelta(days=offset) for offset in range(_year_length(year))]
        source = self._source
        if source is None:
            closed = [day for day in days if day.weekday() in self.weekend]
        else:
            # Holidays of a neighbouring year can be observed in this one (1 Jan on 31 Dec).
            for neighbour in (year - 1, year + 1):
                if MINYEAR <= neighbour <= MAXYEAR:
                    _ = date(neighbour, 7, 1) in source
            closed = [day for day in days if not source.is_working_day(day)]
        return _ClosedDays(days=frozenset(closed), ordered=tuple(closed))


def _year_length(year: int) -> int:
    if year == MAXYEAR:
        return 365
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days

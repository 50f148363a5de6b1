"""What an interviewer said about next steps, read as a window of calendar dates.

`read_timeline(text, said_on=..., calendar=...)` never raises: text it cannot read is kept as
written with kind UNKNOWN, and the caller applies its default. `said_on` is the interview's
local date. `earliest` is the first day an answer may come, `latest` the end of what was said:
a follow-up belongs after `latest` (plus the caller's business-day buffer). Phrases with "by",
"within", "before" or "no later than" are deadlines: the window opens on `said_on`, kind DATE.

Case, punctuation, en dashes and extra words ("we'll get back to you", "expect a decision") do
not matter. Numbers are digits or one..ten, "a"/"an" (1), "a couple of" (2), "a few" (3);
"a fortnight" is 2 weeks and "a day or two" 1-2 days. The first row whose phrase the text
contains wins; NONE only when no other row does ("not sure, maybe next week" is next week).

| Phrase                                    | Window                                        |
|-------------------------------------------|-----------------------------------------------|
| "", "no timeline", "not sure", "tbd"      | NONE                                          |
| "2026-12-10", "December 10", "Dec 10th",  | that day, the next one on or after `said_on`  |
|   "10 December", "Friday 8 January"       |   (a given year is kept; a past one: UNKNOWN) |
|                                           |   (within 90 days before `said_on`: UNKNOWN)  |
| "in 5 days", "in 2 weeks", "in 1 month",  | `said_on` + 5 days / 14 days / 1 month        |
|   "in 48 hours"                           |   (hours round up to days)                    |
| "in 5 business (working) days"            | the 5th business day after `said_on`          |
| "in 2-3 weeks", "2 to 3 weeks", "2–3 days"| RANGE `said_on` + 14 days to + 21 days        |
| "within a week", "within 5 business days  | DATE by `said_on` + 7 days / + 5 business     |
|   of your final round"                    |   days (counted from `said_on`)               |
| "the day after tomorrow", "tomorrow"      | `said_on` + 2 days, + 1 day                   |
| "today", "end of day", "eod", "tonight"   | `said_on`                                     |
| "the week after next"                     | RANGE business days of the week after next    |
| "by end of next week", "late next week"   | the last business day of next week            |
| "early next week"                         | RANGE its first three days                    |
| "next week"                               | RANGE its first to last business day          |
| "by end of (the|this) week", "this week"  | the last business day of this week            |
| "early next month", "beginning of ..."    | RANGE 1st–10th of next month                  |
| "mid next month", "middle of next month"  | RANGE 11th–20th                               |
| "end of next month", "late next month"    | RANGE 21st–last day                           |
| "next month"                              | RANGE 1st–last day                            |
| "end of (the|this) month"                 | RANGE from the 21st (or `said_on`) to its end |
| "this month", "later this month"          | RANGE `said_on` to the end of the month       |
| "after the holidays"                      | the first business day after the next cluster |
|                                           |   of public holidays (starting within 60 days |
|                                           |   of `said_on`, gaps of at most 7 days);      |
|                                           |   UNKNOWN when there is none                  |
| "Friday", "by Fri", "on Monday"           | the next such day strictly after `said_on`    |
|   (abbreviations after by/on/next/this,   |                                               |
|   or first: "we sat down" is no Saturday) |                                               |
| "next Friday"                             | that day in the next week                     |

Weeks start on the day after the calendar's weekend: Monday for a Sat–Sun weekend, Sunday
for Fri–Sat. A window ending more than two years after `said_on` is UNKNOWN.
"""

from __future__ import annotations

import calendar as months
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from afterview.domain.calendar import BusinessCalendar

_HORIZON = timedelta(days=731)
_HOLIDAY_REACH = timedelta(days=60)
_HOLIDAY_GAP = timedelta(days=7)
_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class TimelineKind(StrEnum):
    DATE = "date"
    RANGE = "range"
    NONE = "none"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class StatedTimeline:
    text: str
    kind: TimelineKind
    earliest: date | None
    latest: date | None
    meaning: str


@dataclass(frozen=True, slots=True)
class _Window:
    earliest: date
    latest: date
    prefix: str = ""


@dataclass(frozen=True, slots=True)
class _Context:
    said_on: date
    calendar: BusinessCalendar


# A rule's answer: a window, a reason the text cannot be used (UNKNOWN), or None (no match).
_Answer = _Window | str | None
_Handler = Callable[[re.Match[str], _Context], _Answer]
_Rule = tuple[re.Pattern[str], _Handler]


def read_timeline(text: str, *, said_on: date, calendar: BusinessCalendar) -> StatedTimeline:
    """`text` as a window of dates after an interview on `said_on`; never raises."""
    words = _normalise(text)
    try:
        answer = _apply_rules(words, _Context(said_on, calendar)) if words else None
    except (ArithmeticError, ValueError, LookupError):
        answer = "outside the dates a calendar can hold"
    if answer is None and (not words or _NONE.search(words)):
        return StatedTimeline(text, TimelineKind.NONE, None, None, "no timeline given")
    return _timeline(text, answer, words, said_on)


def _apply_rules(words: str, context: _Context) -> _Answer:
    for pattern, rule in _RULES:
        match = pattern.search(words)
        if match:
            answer = rule(match, context)
            if answer is not None:
                return answer
    return None


def _timeline(text: str, answer: _Answer, words: str, said_on: date) -> StatedTimeline:
    if isinstance(answer, _Window) and answer.latest - said_on > _HORIZON:
        answer = "more than two years away"
    if not isinstance(answer, _Window):
        reason = f"{answer}; " if answer else ""
        return StatedTimeline(
            text, TimelineKind.UNKNOWN, None, None, f"not understood: {reason}kept as written"
        )
    earliest, latest = answer.earliest, answer.latest
    if _DEADLINE.search(words) and not answer.prefix:
        earliest = said_on
        meaning = f"by {_show(latest, said_on)}"
        return StatedTimeline(text, TimelineKind.DATE, earliest, latest, meaning)
    if earliest == latest:
        meaning = f"{answer.prefix or 'on'} {_show(latest, said_on)}"
        return StatedTimeline(text, TimelineKind.DATE, earliest, latest, meaning)
    meaning = f"between {_show(earliest, said_on)} and {_show(latest, said_on)}"
    return StatedTimeline(text, TimelineKind.RANGE, earliest, latest, meaning)


def _show(day: date, said_on: date) -> str:
    """'Fri 4 Dec', with the year when it is not the year of `said_on`: 'Mon 4 Jan 2027'."""
    shown = f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    return shown if day.year == said_on.year else f"{shown} {day.year}"


# --- Normalising the text -------------------------------------------------------------------

_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=1
    )
}
_NUMBER = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
_REPLACEMENTS = (
    (re.compile(r"[\u2010-\u2015\u2212]"), "-"),
    (re.compile(r"[\u2018\u2019`]"), "'"),
    (re.compile(r"[^a-z0-9\-/' ]+"), " "),
    (re.compile(r"(?<=[a-z])-(?=[a-z])"), " "),
    (re.compile(r"\b(?:an?\s+)?fortnight\b"), "2 weeks"),
    (re.compile(r"\b(?:a\s+)?couple(?:\s+of)?\b"), "2"),
    (re.compile(r"\ba\s+few\b"), "3"),
    (re.compile(r"\b([0-9]{1,2})(?:st|nd|rd|th)\b"), r"\1"),
    # 'a day or two', '2 weeks or 3' → '1-2 days', '2-3 weeks'
    (
        re.compile(
            r"\b(an?|[0-9]{1,3}) (business day|working day|day|week|month)s? or ([0-9]{1,3})\b"
        ),
        r"\1-\3 \2s",
    ),
    (re.compile(r"\s+"), " "),
)


def _normalise(text: str) -> str:
    words = _NUMBER.sub(lambda match: _NUMBER_WORDS[match[1]], text.lower())
    for pattern, replacement in _REPLACEMENTS:
        words = pattern.sub(replacement, words)
    return words.strip()


_NONE = re.compile(
    r"^(?:none|n/?a|tbd|tbc|unknown|unsure|-)$|\bno (?:timeline|time ?frame|time ?line|"
    r"set date|date|idea|clue)\b|\bnot sure\b|\bdid ?n[o']?t (?:say|give)\b|\bnot (?:given|said)\b"
)
_DEADLINE = re.compile(r"\b(?:by|within|before|no later than|at the latest|at latest)\b")


# --- Dates named outright ---------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_YEAR = r"(?:\s+(?P<year>[0-9]{4}))?"


def _named_date(match: re.Match[str], context: _Context) -> _Answer:
    groups = match.groupdict()
    month = int(groups["number"]) if groups.get("number") else _MONTHS[groups["month"]]
    day = int(groups["day"])
    if groups["year"]:
        try:
            named = date(int(groups["year"]), month, day)
        except ValueError:
            return "no such date"
        return _Window(named, named) if named >= context.said_on else "that date has passed"
    for year in range(context.said_on.year, context.said_on.year + 9):
        try:
            named = date(year, month, day)
        except ValueError:
            continue
        if named >= context.said_on:
            # A date a few months back ("by Nov 30" said on 1 Dec) is a slip, not next year.
            if year > context.said_on.year and _shortly_before(month, day, context.said_on):
                return "that date has passed"
            return _Window(named, named)
    return "no such date"


def _shortly_before(month: int, day: int, said_on: date) -> bool:
    """Whether month/day fell within the 90 days before `said_on` (this year or last)."""
    for year in (said_on.year, said_on.year - 1):
        try:
            if 0 < (said_on - date(year, month, day)).days <= 90:
                return True
        except ValueError:
            continue
    return False


# --- Counted from the interview -------------------------------------------------------------

_COUNT = r"(?P<first>[0-9]{1,3}|an?)(?:\s*(?:-|to|or)\s*(?P<second>[0-9]{1,3}))?"
_UNIT = r"(?P<unit>(?:business|working|work) days?|days?|weeks?|months?|hours?|hrs?)"


def _counted(match: re.Match[str], context: _Context) -> _Answer:
    first = 1 if match["first"] in {"a", "an"} else int(match["first"])
    second = int(match["second"]) if match["second"] else first
    low, high = sorted((first, second))
    unit = match["unit"]
    return _Window(_count_on(context, low, unit), _count_on(context, high, unit))


def _count_on(context: _Context, count: int, unit: str) -> date:
    said_on = context.said_on
    if " " in unit:  # business, working or work days
        return context.calendar.add_business_days(said_on, count)
    if unit.startswith("week"):
        return said_on + timedelta(weeks=count)
    if unit.startswith("month"):
        return _add_months(said_on, count)
    if unit.startswith(("hour", "hr")):
        return said_on + timedelta(days=-(-count // 24))
    return said_on + timedelta(days=count)


def _add_months(day: date, count: int) -> date:
    month_index = day.month - 1 + count
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def _days_ahead(count: int) -> _Handler:
    def rule(match: re.Match[str], context: _Context) -> _Answer:
        day = context.said_on + timedelta(days=count)
        return _Window(day, day)

    return rule


# --- Weeks ----------------------------------------------------------------------------------


def _week(context: _Context, weeks_ahead: int) -> list[date]:
    """The seven days of the week `weeks_ahead` after that of `said_on`; a week starts on the
    day after the weekend."""
    weekend = context.calendar.weekend
    first = next((d for d in range(7) if d not in weekend and (d - 1) % 7 in weekend), 0)
    start = context.said_on - timedelta(days=(context.said_on.weekday() - first) % 7)
    start += timedelta(weeks=weeks_ahead)
    return [start + timedelta(days=offset) for offset in range(7)]


def _week_days(context: _Context, weeks_ahead: int) -> list[date]:
    """The business days of that week (all seven days when none is a business day)."""
    week = _week(context, weeks_ahead)
    return [day for day in week if context.calendar.is_business_day(day)] or week


def _week_part(weeks_ahead: int, part: str) -> _Handler:
    def rule(match: re.Match[str], context: _Context) -> _Answer:
        days = _week_days(context, weeks_ahead)
        if part == "end":
            return _Window(max(days[-1], context.said_on), max(days[-1], context.said_on))
        if part == "early":
            return _Window(days[0], days[min(2, len(days) - 1)])
        return _Window(days[0], days[-1])

    return rule


def _weekday(match: re.Match[str], context: _Context) -> _Answer:
    name = match["day"]
    target = next(i for i, short in enumerate(_DAY_NAMES) if name.startswith(short.lower()))
    day = context.said_on + timedelta(days=(target - context.said_on.weekday() - 1) % 7 + 1)
    if match["next"] and day in _week(context, 0):
        day += timedelta(weeks=1)
    return _Window(day, day)


# --- Months and holidays ----------------------------------------------------------------------


def _month_part(months_ahead: int, first: int, last: int) -> _Handler:
    def rule(match: re.Match[str], context: _Context) -> _Answer:
        start = _add_months(context.said_on.replace(day=1), months_ahead)
        length = months.monthrange(start.year, start.month)[1]
        earliest = max(start.replace(day=min(first, length)), context.said_on)
        return _Window(earliest, start.replace(day=min(last, length)))

    return rule


def _after_holidays(match: re.Match[str], context: _Context) -> _Answer:
    said_on, calendar = context.said_on, context.calendar
    ahead = calendar.holidays_between(said_on + timedelta(days=1), said_on + _HOLIDAY_REACH)
    if not ahead:
        return f"no public holidays ({calendar.label}) within 60 days of {_show(said_on, said_on)}"
    cluster = [ahead[0]]
    while True:
        reach = cluster[-1] + _HOLIDAY_GAP
        later = calendar.holidays_between(cluster[-1] + timedelta(days=1), reach)
        if not later:
            break
        cluster.append(later[-1])
    back = calendar.next_business_day(cluster[-1])
    names = [calendar.holiday_name(cluster[0]), calendar.holiday_name(cluster[-1])]
    shown = " to ".join(dict.fromkeys(name for name in names if name))
    return _Window(back, back, prefix=f"after the holidays ({shown}):")


# --- The table: first match wins --------------------------------------------------------------

_WEEKDAY = r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Abbreviations only after 'by', 'on', 'next'...  or at the start: not 'we sat down'.
_WEEKDAY_SHORT = r"(?P<day>mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"


def _rule(pattern: str, handler: _Handler) -> _Rule:
    return re.compile(pattern), handler


_RULES: tuple[_Rule, ...] = (
    _rule(r"\b(?P<year>[0-9]{4})-(?P<number>[0-9]{1,2})-(?P<day>[0-9]{1,2})\b", _named_date),
    _rule(rf"\b{_MONTH}\s+(?P<day>[0-9]{{1,2}})\b{_YEAR}", _named_date),
    _rule(rf"\b(?P<day>[0-9]{{1,2}})\s+(?:of\s+)?{_MONTH}\b{_YEAR}", _named_date),
    _rule(rf"\b{_COUNT}\s+{_UNIT}\b", _counted),
    _rule(r"\bday after tomorrow\b", _days_ahead(2)),
    _rule(r"\b(?:tomorrow|tmrw|tomorow)\b", _days_ahead(1)),
    _rule(
        r"\b(?:today|tonight|end of (?:the )?day|eod|close of business|cob|"
        r"this (?:afternoon|evening))\b",
        _days_ahead(0),
    ),
    _rule(r"\bweek after next\b", _week_part(2, "whole")),
    _rule(r"\b(?:end of|late|later) next week\b", _week_part(1, "end")),
    _rule(r"\b(?:early|beginning of|start of) next week\b", _week_part(1, "early")),
    _rule(r"\bnext week\b", _week_part(1, "whole")),
    _rule(r"\b(?:end of (?:the |this )?week|eow|(?:later )?this week)\b", _week_part(0, "end")),
    _rule(r"\b(?:early|beginning of|start of) next month\b", _month_part(1, 1, 10)),
    _rule(r"\b(?:mid|middle of) next month\b", _month_part(1, 11, 20)),
    _rule(r"\b(?:end of|late|later) next month\b", _month_part(1, 21, 31)),
    _rule(r"\bnext month\b", _month_part(1, 1, 31)),
    _rule(r"\b(?:end of (?:the |this )?month|eom|late this month)\b", _month_part(0, 21, 31)),
    _rule(r"\b(?:later )?this month\b", _month_part(0, 1, 31)),
    _rule(r"\bafter (?:the )?holidays?(?: season| break| period)?\b", _after_holidays),
    _rule(rf"\b(?:(?P<next>next)\s+|(?:this|coming|on)\s+)?{_WEEKDAY}\b", _weekday),
    _rule(rf"(?:^|\b(?:(?P<next>next)|this|coming|on|by|before)\s+){_WEEKDAY_SHORT}\b", _weekday),
)

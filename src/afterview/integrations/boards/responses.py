"""A board's answer, read defensively: the two errors a parser raises, and a reader for JSON
objects that names the path of whatever is missing or of the wrong type.

`BoardResponseError` is a body that cannot be read (malformed, truncated, the wrong shape);
`BoardNotFound` is a body that says the board does not exist (Lever's error object, Personio's
HTML page). Both name the board and the token. Unknown fields are ignored throughout.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from afterview.domain.boards import Board, Pay
from afterview.domain.errors import NotFound, ParseError
from afterview.integrations.boards.dates import read_epoch_ms


class BoardResponseError(ParseError):
    """A board's answer could not be read: the message names the board, token, place, problem."""

    def __init__(self, board: Board, token: str, where: str, problem: str) -> None:
        super().__init__(f"{board.label} board {token!r}", where, problem)
        self.board = board
        self.token = token
        self.problem = problem


class BoardNotFound(NotFound):
    """The board answered that it has no such company."""

    def __init__(self, board: Board, token: str, reason: str) -> None:
        super().__init__("board", f"{board.label}: {token}")
        self.message = f"{board.label} has no board {token!r} ({reason})."
        self.args = (self.message,)
        self.board = board
        self.token = token
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Origin:
    """Which board and token a body came from; every error it raises says so."""

    board: Board
    token: str

    def fail(self, where: str, problem: str) -> NoReturn:
        raise BoardResponseError(self.board, self.token, where, problem)

    def not_found(self, reason: str) -> NoReturn:
        raise BoardNotFound(self.board, self.token, reason)

    def load_json(self, body: bytes) -> object:
        """The JSON value of a body, or an error with the line and column where it breaks."""
        if looks_like_html(body):
            self.fail("body", "an HTML page, not the board's JSON feed")
        try:
            return json.loads(body)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno} column {exc.colno}"
            self.fail(where, f"malformed JSON ({exc.msg})")
        except UnicodeDecodeError:
            self.fail("body", "not UTF-8 text")
        except ValueError:  # an integer of thousands of digits
            self.fail("body", "malformed JSON (a number too long to read)")
        except RecursionError:
            self.fail("body", "JSON nested too deeply")

    def record(self, value: object, path: str) -> Record:
        if not isinstance(value, dict):
            self.fail(path or "body", f"not the expected shape: {_kind(value)}, not an object")
        return Record(value, path, self)

    def records(self, value: object, path: str) -> list[Record]:
        if not isinstance(value, list):
            self.fail(path or "body", f"not the expected shape: {_kind(value)}, not a list")
        return [self.record(item, f"{path}[{index}]") for index, item in enumerate(value)]


@dataclass(frozen=True, slots=True)
class Record:
    """One JSON object of a board's answer and where it sits (`jobs[2]`)."""

    data: Mapping[str, object]
    path: str
    origin: Origin

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, problem: str) -> NoReturn:
        self.origin.fail(self.where(key), f"not the expected shape: {problem}")

    def ident(self, key: str) -> str:
        """A required id: a non-empty string or an integer."""
        value = self.data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(key, "missing" if value in (None, "") else f"{_kind(value)}, not an id")

    def title(self, key: str) -> str:
        """A required, non-empty string."""
        value = self.text(key)
        if not value:
            self.fail(key, "missing")
        return value

    def text(self, key: str) -> str:
        """An optional string; "" when missing or null."""
        value = self.data.get(key)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.fail(key, f"{_kind(value)}, not text")
        return value.strip()

    def flag(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.fail(key, f"{_kind(value)}, not true or false")

    def number(self, key: str) -> float | None:
        """An optional amount: a number or a numeric string (Recruitee sends both)."""
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.fail(key, "true or false, not a number")
        if isinstance(value, int | float):
            amount = float(value)
        elif isinstance(value, str):
            try:
                amount = float(value.replace(",", ""))
            except ValueError:
                self.fail(key, f"{value!r} is not a number")
        else:
            self.fail(key, f"{_kind(value)}, not a number")
        if not math.isfinite(amount):
            self.fail(key, f"{value!r} is not a number")
        return amount

    def record(self, key: str) -> Record | None:
        """An optional nested object; None when missing or null."""
        value = self.data.get(key)
        return None if value is None else self.origin.record(value, self.where(key))

    def required_records(self, key: str) -> list[Record]:
        """A required list of objects (a board's jobs): missing or null is the wrong shape."""
        value = self.data.get(key)
        if value is None:
            self.fail(key, "missing" if key not in self.data else "null, not a list")
        return self.origin.records(value, self.where(key))

    def records(self, key: str) -> list[Record]:
        """An optional list of objects; [] when missing or null."""
        value = self.data.get(key)
        return [] if value is None else self.origin.records(value, self.where(key))

    def when(self, key: str, read: Callable[[str], datetime]) -> datetime | None:
        """An optional date, read with one of the date readers; bad dates name the field."""
        value = self.text(key)
        if not value:
            return None
        try:
            return read(value)
        except ValueError as exc:
            self.fail(key, str(exc))

    def epoch_ms(self, key: str) -> datetime | None:
        """An optional time in epoch milliseconds (Lever)."""
        value = self.data.get(key)
        if value is None:
            return None
        try:
            return read_epoch_ms(value)
        except ValueError as exc:
            self.fail(key, str(exc))


def looks_like_html(body: bytes) -> bool:
    start = body.lstrip()[:100].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def read_period(interval: str) -> str:
    """'per-year-salary', '1 YEAR', 'Yearly', 'month' → 'year', 'month'; unknown kept, lower."""
    lowered = interval.strip().lower()
    for period in ("year", "month", "week", "day", "hour"):
        if period in lowered or (period == "year" and "annual" in lowered):
            return period
    return lowered


def read_pay(currency: str, low: float | None, high: float | None, period: str) -> Pay | None:
    """A Pay, or None when the board gave no amount."""
    if low is None and high is None:
        return None
    return Pay(currency=currency.upper(), low=low, high=high, period=read_period(period))


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)

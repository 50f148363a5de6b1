"""An application: one role at one company, moving through its stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum
from uuid import UUID

from afterview.domain.errors import InvalidInput
from afterview.domain.stages import Stage


class Priority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3

    def __str__(self) -> str:
        return self.name.lower()


def parse_priority(text: str) -> Priority:
    try:
        return Priority[text.strip().upper()]
    except KeyError:
        raise InvalidInput(
            f"Unknown priority {text!r}; use low, normal or high.", field="priority"
        ) from None


@dataclass(frozen=True, slots=True, kw_only=True)
class Salary:
    minimum: int | None = None
    maximum: int | None = None
    currency: str | None = None

    def __post_init__(self) -> None:
        if self.currency is not None and not (
            len(self.currency) == 3 and self.currency.isascii() and self.currency.isupper()
        ):
            raise InvalidInput(
                f"{self.currency!r} is not a currency code (like EUR or USD).", field="salary"
            )
        for value in (self.minimum, self.maximum):
            if value is not None and value < 0:
                raise InvalidInput("A salary cannot be negative.", field="salary")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise InvalidInput(
                f"The salary range is upside down: {self.minimum} > {self.maximum}.",
                field="salary",
            )


def parse_salary(text: str) -> Salary:
    """'90000-110000 EUR', '95k', '80k–100k USD' → a Salary; '' → no salary."""
    import re

    cleaned = text.strip().replace(",", "").replace("_", "")
    if not cleaned:
        return Salary()
    match = re.fullmatch(
        r"(?P<min>\d+(?:\.\d+)?k?)\s*(?:[-–]\s*(?P<max>\d+(?:\.\d+)?k?))?\s*(?P<cur>[A-Za-z]{3})?",
        cleaned,
        flags=re.IGNORECASE,
    )
    if not match:
        raise InvalidInput(
            f"Cannot read the salary {text!r}; write it like '90000-110000 EUR' or '95k USD'.",
            field="salary",
        )
    low = _amount(match["min"])
    high = _amount(match["max"]) if match["max"] else None
    currency = match["cur"].upper() if match["cur"] else None
    return Salary(minimum=low, maximum=high, currency=currency)


MAX_SALARY = 10**9


def _amount(text: str) -> int:
    from decimal import Decimal

    factor = 1000 if text.lower().endswith("k") else 1
    amount = round(Decimal(text.lower().removesuffix("k")) * factor)
    if amount > MAX_SALARY:
        raise InvalidInput(f"The salary {text!r} is implausibly large.", field="salary")
    return amount


@dataclass(frozen=True, slots=True, kw_only=True)
class Application:
    id: int
    uid: UUID
    company_id: int
    company_name: str
    role: str
    stage: Stage
    priority: Priority = Priority.NORMAL
    link: str = ""
    source: str = ""
    location: str = ""
    salary: Salary = Salary()
    applied_on: date | None = None
    notes: str = ""
    posting: str = ""  # the job posting's text, for its requirements
    created_at: datetime
    updated_at: datetime
    stage_changed_at: datetime

    @property
    def label(self) -> str:
        return f"{self.company_name} — {self.role}"

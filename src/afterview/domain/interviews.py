"""An interview: one round of one application, at a time in a time zone, with interviewers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID
from zoneinfo import ZoneInfo

from afterview.domain.errors import InvalidInput

DEFAULT_DURATION = timedelta(hours=1)


class InterviewKind(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ONSITE = "onsite"
    TECHNICAL = "technical"
    PANEL = "panel"
    BEHAVIOURAL = "behavioural"
    CASE = "case"
    FINAL = "final"
    OTHER = "other"


def parse_interview_kind(text: str) -> InterviewKind:
    key = text.strip().lower().replace("-", "").replace(" ", "")
    aliases = {"behavioral": "behavioural", "onsite": "onsite", "inperson": "onsite"}
    try:
        return InterviewKind(aliases.get(key, key))
    except ValueError:
        names = ", ".join(kind.value for kind in InterviewKind)
        raise InvalidInput(
            f"Unknown interview kind {text!r}; use one of: {names}.", field="kind"
        ) from None


def check_round(value: int) -> int:
    if not 1 <= value <= 20:
        raise InvalidInput(f"The round must be between 1 and 20, not {value}.", field="round")
    return value


def check_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidInput("An interview must end after it starts.", field="ends_at")
    if ends_at - starts_at > timedelta(hours=12):
        raise InvalidInput("An interview cannot last more than 12 hours.", field="ends_at")


@dataclass(frozen=True, slots=True, kw_only=True)
class Interview:
    id: int
    uid: UUID
    application_id: int
    application_label: str
    round: int
    kind: InterviewKind
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    location: str = ""
    interviewer_ids: tuple[int, ...] = ()
    interviewer_names: tuple[str, ...] = ()
    next_step_said: str = ""
    notes: str = ""
    created_at: datetime
    updated_at: datetime

    @property
    def label(self) -> str:
        local = self.starts_at.astimezone(ZoneInfo(self.time_zone))
        return f"{self.application_label}, round {self.round} ({local:%Y-%m-%d %H:%M})"

"""Actions: the planned steps of the ten practices, and what the user did with them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from afterview.domain.errors import InvalidInput


class ActionState(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"
    # The plan no longer calls for it (an interviewer removed, an application ended).
    DROPPED = "dropped"

    @property
    def is_pending(self) -> bool:
        return self in (ActionState.OPEN, ActionState.SNOOZED)

    @property
    def is_closed(self) -> bool:
        """Finished by the user: done or skipped (never reopened by a replan)."""
        return self in (ActionState.DONE, ActionState.SKIPPED)


class ActionKind(StrEnum):
    SELF_REVIEW = "self_review"
    REFERENCE_HEADS_UP = "reference_heads_up"
    THANK_YOU = "thank_you"
    COMPETITION_SCAN = "competition_scan"
    NETWORK_CHECK = "network_check"
    FOLLOW_UP = "follow_up"
    SECOND_FOLLOW_UP = "second_follow_up"
    CONFIRM_GONE_QUIET = "confirm_gone_quiet"
    OFFER_DECISION = "offer_decision"
    REJECTION_REPLY = "rejection_reply"
    LESSONS_LEARNED = "lessons_learned"
    REAPPLY_REMINDER = "reapply_reminder"


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedAction:
    """What the playbook asks for; `key` names it across replans (rule, record, person)."""

    key: str
    rule: str
    practice: int
    kind: ActionKind
    application_id: int
    interview_id: int | None
    contact_id: int | None
    due_at: datetime
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    id: int
    uid: UUID
    key: str
    rule: str
    practice: int
    kind: ActionKind
    application_id: int
    interview_id: int | None
    contact_id: int | None
    due_at: datetime
    state: ActionState
    snoozed_until: datetime | None
    reason: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None

    def effective_due(self) -> datetime:
        """When it is next due: the snooze's end for a snoozed action."""
        if self.state == ActionState.SNOOZED and self.snoozed_until is not None:
            return self.snoozed_until
        return self.due_at


def check_snooze(until: datetime, now: datetime) -> datetime:
    if until <= now:
        raise InvalidInput("A snooze must end in the future.", field="until")
    return until

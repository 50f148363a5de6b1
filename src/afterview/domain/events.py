"""The append-only history of what changed, and how each change reads to a person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Any
from uuid import UUID

JsonValue = Any


class SubjectKind(StrEnum):
    PROFILE = "profile"
    COMPANY = "company"
    APPLICATION = "application"
    INTERVIEW = "interview"
    CONTACT = "contact"
    DRAFT = "draft"


class EventKind(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    STAGE_CHANGED = "stage_changed"
    FOLLOWED_UP = "followed_up"
    ACTION_CHANGED = "action_changed"
    SENT = "sent"
    REPLIED = "replied"
    REFERENCE_GIVEN = "reference_given"
    REVIEWED = "reviewed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    id: int
    uid: UUID
    subject_kind: SubjectKind
    subject_id: int
    kind: EventKind
    at: datetime
    data: Mapping[str, JsonValue] = field(default_factory=dict)


def to_json_value(value: object) -> JsonValue:
    """A JSON-ready form of a field value, for event data and exports."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value)
    if isinstance(value, tuple | list):
        return [to_json_value(item) for item in value]
    if isinstance(value, UUID):
        return str(value)
    return value


def changes_between(
    old: Mapping[str, object], new: Mapping[str, object]
) -> dict[str, list[JsonValue]]:
    """{field: [old, new]} for each field of `new` whose value differs from `old`."""
    changes: dict[str, list[JsonValue]] = {}
    for name, value in new.items():
        before = to_json_value(old.get(name))
        after = to_json_value(value)
        if before != after:
            changes[name] = [before, after]
    return changes


def describe_event(event: Event) -> str:
    """One line a person can read: 'Stage applied → interviewing'."""
    data = event.data
    if event.kind == EventKind.STAGE_CHANGED:
        note = data.get("note")
        return f"Stage {data.get('from')} → {data.get('to')}" + (f": {note}" if note else "")
    if event.kind == EventKind.FOLLOWED_UP:
        which = "Second follow-up" if data.get("which") == "second_follow_up" else "Followed up"
        return which + (" (early)" if data.get("early") else "")
    if event.kind == EventKind.ACTION_CHANGED:
        return (
            f"Action {data.get('action')} ({str(data.get('kind', '')).replace('_', ' ')}): "
            f"{data.get('state')}"
        )
    if event.kind == EventKind.SENT:
        channel, to, what = data.get("channel"), data.get("to"), data.get("what")
        return (
            (f"Sent {what}" if what else "Sent")
            + (f" ({channel})" if channel else "")
            + (f" to {to}" if to else "")
        )
    if event.kind == EventKind.REPLIED:
        note, about = data.get("note"), data.get("about")
        return "Replied" + (f" about {about}" if about else "") + (f": {note}" if note else "")
    if event.kind == EventKind.REFERENCE_GIVEN:
        # On the application's timeline it names the person; on theirs, the application.
        who, about, on = data.get("name"), data.get("about"), data.get("on")
        return (
            "Reference given"
            + (f": {who}" if who else "")
            + (f" for {about}" if about else "")
            + (f" on {on}" if on else "")
        )
    if event.kind == EventKind.REVIEWED:
        what = {"interview": "Self-review", "lessons": "Lessons learned"}.get(
            str(data.get("what")), "Feedback received"
        )
        text = what + (" rewritten" if data.get("again") else "")
        note = str(data.get("note") or "")
        return text + (f": {_short(note).removeprefix('→ ')}" if note else "")
    if event.kind == EventKind.CREATED:
        detail = data.get("summary")
        return f"Created {event.subject_kind}" + (f": {detail}" if detail else "")
    changes = data.get("changes", {})
    parts = [f"{name.replace('_', ' ')} {_short(pair[1])}" for name, pair in changes.items()]
    return "Edited " + ", ".join(parts) if parts else "Edited"


def _short(value: JsonValue) -> str:
    if value in (None, "", []) or (isinstance(value, list) and all(v is None for v in value)):
        return "cleared"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return f"→ {text[:40]}…" if len(text) > 40 else f"→ {text}"

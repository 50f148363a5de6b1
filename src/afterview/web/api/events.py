"""The Event shape (docs/json.md) that every timeline and draft history is made of."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from afterview.domain.events import Event, describe_event


class EventOut(BaseModel):
    """One thing that happened to a record: created, updated (with `data.changes`) or
    stage_changed (`data.from`, `data.to`, optional `data.note`)."""

    id: int
    at: str
    subject: dict[str, int | str]
    kind: str
    description: str
    data: dict[str, Any]


def event_out(event: Event) -> EventOut:
    return EventOut(
        id=event.id,
        at=event.at.isoformat(),
        subject={"kind": str(event.subject_kind), "id": event.subject_id},
        kind=str(event.kind),
        description=describe_event(event),
        data=dict(event.data),
    )

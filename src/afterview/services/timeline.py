"""Timelines: the events about one or more records, oldest first."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy.orm import Session

from afterview.domain.events import Event, EventKind, SubjectKind, changes_between
from afterview.store.events import append_event, list_events


def timeline(session: Session, subjects: Collection[tuple[SubjectKind, int]]) -> list[Event]:
    return list_events(session, subjects)


def record_created(
    session: Session, kind: SubjectKind, subject_id: int, at: datetime, summary: str
) -> None:
    append_event(session, kind, subject_id, EventKind.CREATED, at, {"summary": summary})


def record_changes(
    session: Session,
    kind: SubjectKind,
    subject_id: int,
    at: datetime,
    before: Mapping[str, object],
    after: Mapping[str, object],
) -> dict[str, list[Any]]:
    """Append an 'updated' event with what changed; nothing when nothing did."""
    changes = changes_between(before, after)
    if changes:
        append_event(
            session, kind, subject_id, EventKind.UPDATED, at, {"changes": changes}, uid=uuid4()
        )
    return changes

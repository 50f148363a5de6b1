"""The event history in the store: append and read, never change."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.events import Event, EventKind, SubjectKind
from afterview.store.rows import EventRow


def to_event(row: EventRow) -> Event:
    return Event(
        id=row.id,
        uid=row.uid,
        subject_kind=SubjectKind(row.subject_kind),
        subject_id=row.subject_id,
        kind=EventKind(row.kind),
        at=row.at,
        data=row.data,
    )


def append_event(
    session: Session,
    subject_kind: SubjectKind,
    subject_id: int,
    kind: EventKind,
    at: datetime,
    data: Mapping[str, Any] | None = None,
    *,
    uid: UUID | None = None,
) -> Event:
    row = EventRow(
        uid=uid or uuid4(),
        subject_kind=str(subject_kind),
        subject_id=subject_id,
        kind=str(kind),
        at=at,
        data=dict(data or {}),
    )
    session.add(row)
    session.flush()
    return to_event(row)


def list_events(
    session: Session, subjects: Collection[tuple[SubjectKind, int]] | None = None
) -> list[Event]:
    """Events in the order they happened; all, or those about the given subjects."""
    query = select(EventRow).order_by(EventRow.at, EventRow.id)
    if subjects is not None:
        if not subjects:
            return []
        by_kind: dict[SubjectKind, list[int]] = {}
        for kind, subject_id in subjects:
            by_kind.setdefault(kind, []).append(subject_id)
        condition = None
        for kind, ids in by_kind.items():
            clause = (EventRow.subject_kind == str(kind)) & EventRow.subject_id.in_(ids)
            condition = clause if condition is None else condition | clause
        query = query.where(condition)  # type: ignore[arg-type]
    return [to_event(row) for row in session.scalars(query)]

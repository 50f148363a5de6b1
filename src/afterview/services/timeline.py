"""Timelines: recording what changed, as events, and the small helpers edits share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from afterview.domain.events import EventKind, SubjectKind, changes_between
from afterview.store.events import append_event

T = TypeVar("T")


def kept(new: T | None, old: T) -> T:
    """An edit's value: the new one when given (not None), else the old one."""
    return old if new is None else new


def fields_of(record: object, names: Sequence[str]) -> dict[str, object]:
    return {name: getattr(record, name) for name in names}


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
        append_event(session, kind, subject_id, EventKind.UPDATED, at, {"changes": changes})
    return changes

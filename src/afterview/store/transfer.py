"""Whole-table reads and bulk writes, for export, import and the benchmark generator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from afterview.store.rows import (
    ActionRow,
    ApplicationRow,
    Base,
    CompanyRow,
    ContactRow,
    DraftRow,
    EventRow,
    InterviewerRow,
    InterviewRow,
    ProfileRow,
    ReferenceUseRow,
)

TABLES: dict[str, type[Base]] = {
    "profile": ProfileRow,
    "companies": CompanyRow,
    "contacts": ContactRow,
    "applications": ApplicationRow,
    "interviews": InterviewRow,
    "interviewers": InterviewerRow,
    "actions": ActionRow,
    "drafts": DraftRow,
    "reference_uses": ReferenceUseRow,
    "events": EventRow,
}
CHUNK = 2000


def _table(name: str) -> Table:
    table = TABLES[name].__table__
    assert isinstance(table, Table)
    return table


def read_table(session: Session, name: str) -> list[dict[str, Any]]:
    """Every row of a table as a dict of its columns, in id order."""
    table = _table(name)
    order = list(table.primary_key.columns)
    result = session.execute(select(table).order_by(*order))
    return [dict(row._mapping) for row in result]


def is_empty(session: Session) -> bool:
    return all(
        session.scalar(select(func.count()).select_from(row.__table__)) == 0
        for row in TABLES.values()
    )


def insert_rows(
    session: Session, name: str, rows: Sequence[Mapping[str, Any]], *, returning: bool = True
) -> dict[UUID, int]:
    """Insert many rows at once; returns uid → id of the inserted rows when asked (and when
    the table has uids). Without `returning` the driver's fast executemany is used."""
    table = _table(name)
    has_uid = returning and "uid" in table.c
    assigned: dict[UUID, int] = {}
    for start in range(0, len(rows), CHUNK):
        chunk = [dict(row) for row in rows[start : start + CHUNK]]
        if has_uid:
            statement = insert(table).returning(table.c.uid, table.c.id)
            result = session.execute(statement, chunk)
            assigned.update({uid: id_ for uid, id_ in result})  # noqa: C416 - rows, not pairs
        else:
            session.execute(insert(table), chunk)
    return assigned


def update_rows(session: Session, name: str, rows: Iterable[Mapping[str, Any]]) -> None:
    """Update rows by primary key (each mapping holds `id` and the new values)."""
    values = [dict(row) for row in rows]
    if values:
        session.execute(update(TABLES[name]), values)


def replace_panel(session: Session, interview_ids: Iterable[int]) -> None:
    ids = list(interview_ids)
    if ids:
        panel = _table("interviewers")
        session.execute(panel.delete().where(panel.c.interview_id.in_(ids)))


def reset_sequences(session: Session) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past the largest id."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in TABLES:
        if "id" not in _table(name).c:
            continue
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )

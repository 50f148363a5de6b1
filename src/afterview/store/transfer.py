"""Whole-table and light reads and bulk writes, for export, import (JSON and contacts) and the
benchmark generator."""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Column,
    ColumnElement,
    Row,
    String,
    Table,
    case,
    cast,
    func,
    insert,
    null,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from afterview.store.rows import (
    ActionRow,
    ApplicationRow,
    Base,
    CompanyRow,
    ContactRow,
    CriterionRow,
    DraftRow,
    EventRow,
    InterviewerRow,
    InterviewRow,
    JobBoardRow,
    OfferRow,
    PostingRow,
    ProfileRow,
    ReferenceUseRow,
    ReviewRow,
    RivalRow,
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
    "reviews": ReviewRow,  # after applications and interviews
    "offers": OfferRow,  # after applications
    "criteria": CriterionRow,
    "rivals": RivalRow,  # after companies
    "job_boards": JobBoardRow,  # after companies
    "postings": PostingRow,  # after companies and applications
    "events": EventRow,
}
CHUNK = 2000


def _table(name: str) -> Table:
    table = TABLES[name].__table__
    assert isinstance(table, Table)
    return table


@contextmanager
def without_collector() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work. Reading and writing tens of
    thousands of rows allocates hundreds of thousands of dicts and tuples, which sets off
    full collections that walk every object alive (the ORM's own included) again and again:
    some 15-40 % of a 30,000-row import. The rows hold no cycles (reference counting frees
    them), so nothing piles up; the collector is back on, as it was, when the block ends."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_table(session: Session, name: str) -> list[dict[str, Any]]:
    """Every row of a table as a dict of its columns, in id order."""
    table = _table(name)
    order = list(table.primary_key.columns)
    result = session.execute(select(table).order_by(*order))
    return [dict(row._mapping) for row in result]


def read_columns(
    session: Session, name: str, columns: Sequence[str], *, lists: Collection[str] = ()
) -> Sequence[Row[*tuple[Any, ...]]]:
    """Some columns of every row, as tuples in that order, in id order: a light read for
    comparing many rows (the columns left out are neither read nor converted). The JSON
    lists named in `lists` come back as None when empty, without being decoded (most are)."""
    table = _table(name)
    order = list(table.primary_key.columns)
    query = select(*(_unless_empty(table.c[c]) if c in lists else table.c[c] for c in columns))
    return session.execute(query.order_by(*order)).all()


def _unless_empty(column: Column[Any]) -> ColumnElement[Any]:
    """A JSON list column, NULL where it is empty."""
    empty = cast(column, String) == "[]"
    return type_coerce(case((empty, null()), else_=column), column.type).label(column.key)


def read_rows(session: Session, name: str, ids: Collection[int]) -> list[dict[str, Any]]:
    """The rows with these ids, each as a dict of its columns, in id order."""
    table = _table(name)
    wanted = sorted(ids)
    found: list[dict[str, Any]] = []
    for start in range(0, len(wanted), CHUNK):
        query = select(table).where(table.c.id.in_(wanted[start : start + CHUNK]))
        found.extend(dict(row._mapping) for row in session.execute(query.order_by(table.c.id)))
    return found


def new_uids(count: int) -> list[UUID]:
    """`count` random (version 4) uids, as uuid4() makes them, from one read of the
    system's random source."""
    data = os.urandom(16 * count)
    return [UUID(bytes=data[at : at + 16], version=4) for at in range(0, len(data), 16)]


def is_empty(session: Session) -> bool:
    return all(
        session.scalar(select(func.count()).select_from(row.__table__)) == 0
        for row in TABLES.values()
    )


def insert_rows(
    session: Session, name: str, rows: Sequence[Mapping[str, Any]], *, returning: bool = True
) -> dict[UUID, int]:
    """Insert many rows at once; returns uid → id of the inserted rows when asked (and when
    the table has uids). The rows go in by SQLAlchemy's executemany, without RETURNING (its
    RETURNING of many rows is several times slower, on PostgreSQL most), and the ids are
    read back by uid after."""
    table = _table(name)
    last = _last_id(session, table, rows) if returning else None
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(table), list(rows[start : start + CHUNK]))
    return _ids(session, table, rows, last) if last is not None else {}


def insert_many(
    session: Session,
    name: str,
    rows: Sequence[Mapping[str, Any]],
    same: Mapping[str, Any],
    *,
    returning: bool = True,
) -> dict[UUID, int]:
    """insert_rows for rows that share some values (`same`: a time, an origin, an empty
    list), through the driver's executemany: the INSERT compiled once by SQLAlchemy and each
    value converted by its column's type, the shared ones once for all rows. SQLAlchemy's
    own executemany converts every value of every row (an aware time alone costs some 6 µs):
    for tens of thousands of rows that is most of the cost of writing them on SQLite. Every
    column but `id` must be given, in each row (the same keys in all) or in `same`: column
    defaults are not applied."""
    table = _table(name)
    last = _last_id(session, table, rows) if returning else None
    if rows:
        _execute_many(session, table, rows, same)
    return _ids(session, table, rows, last) if last is not None else {}


def _execute_many(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], same: Mapping[str, Any]
) -> None:
    connection = session.connection()
    dialect = connection.dialect
    keys = [*rows[0], *same]
    if missing := {column.key for column in table.columns} - {"id", *keys}:
        raise ValueError(f"no values for {', '.join(sorted(missing))} of {table.name}")
    compiled = insert(table).compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup) if compiled.positional and compiled.positiontup else keys
    converters = {
        key: table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in keys
    }
    shared = {key: _converted([value], converters[key])[0] for key, value in same.items()}
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        # Column by column: each column's values converted in one pass, then zipped into rows.
        columns = [
            itertools.repeat(shared[key], len(chunk))
            if key in shared
            else _converted([row[key] for row in chunk], converters[key])
            for key in order
        ]
        params: list[Any] = list(zip(*columns, strict=False))
        if not compiled.positional:
            params = [dict(zip(order, values, strict=True)) for values in params]
        connection.exec_driver_sql(compiled.string, params)


def _converted(values: list[Any], convert: Callable[[Any], Any] | None) -> Sequence[Any]:
    """A column's values as the driver takes them. Values that repeat from row to row (texts,
    days, empty lists) are converted once each; unique ones (uids) one by one."""
    if convert is None:
        return values
    if isinstance(values[0], UUID):
        return [convert(value) for value in values]
    made: dict[tuple[type, Any], Any] = {}
    out = []
    for value in values:
        kind = type(value)
        if kind is str or kind is date or (kind is tuple and not value):
            if (kind, value) not in made:
                made[kind, value] = convert(value)
            out.append(made[kind, value])
        else:
            out.append(convert(value))
    return out


def _last_id(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> int | None:
    """The largest id before an insert (0 if none) when its rows have uids to read back."""
    if not rows or "uid" not in table.c:
        return None
    return session.scalar(select(func.max(table.c.id))) or 0


def _ids(
    session: Session, table: Table, rows: Sequence[Mapping[str, Any]], last: int
) -> dict[UUID, int]:
    """uid → id of just-inserted rows: in one query of the rows after the largest id there
    was before (`last`); any not among them (given an id below `last`: a PostgreSQL sequence
    set back) by their uids."""
    wanted = {row["uid"] for row in rows}
    pairs = select(table.c.uid, table.c.id)
    found = {
        uid: id_ for uid, id_ in session.execute(pairs.where(table.c.id > last)) if uid in wanted
    }
    missing = sorted(wanted - found.keys())
    for start in range(0, len(missing), CHUNK):
        chunk = pairs.where(table.c.uid.in_(missing[start : start + CHUNK]))
        found.update({uid: id_ for uid, id_ in session.execute(chunk)})  # noqa: C416 - rows
    return found


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

"""Bulk writes and light reads of store/transfer.py, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from afterview.store import transfer
from afterview.store.database import Database
from afterview.store.rows import Base
from afterview.store.schema import ensure_current
from tests.conftest import NOW


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    ensure_current(database)
    yield database
    database.dispose()


def company(name: str) -> dict[str, Any]:
    return {
        "uid": uuid.uuid4(),
        "name": name,
        "name_key": name.casefold(),
        "aliases": [name[:3]],
        "domains": [],
        "notes": "",
        "created_at": NOW,
        "updated_at": NOW,
    }


def names_by_id(session: Session) -> dict[int, str]:
    return {row["id"]: row["name"] for row in transfer.read_table(session, "companies")}


def test_insert_rows_returns_the_id_of_each_uid_across_chunks(db: Database) -> None:
    rows = [company(f"Firm {n:04d}") for n in range(transfer.CHUNK + 5)]
    with db.write() as session:
        transfer.insert_rows(session, "companies", [company("Already There")])
        assigned = transfer.insert_rows(session, "companies", rows)
        stored = names_by_id(session)
    assert len(assigned) == len(rows)
    assert [stored[assigned[row["uid"]]] for row in rows] == [row["name"] for row in rows]
    assert "Already There" not in {stored[i] for i in assigned.values()}


def test_insert_rows_finds_ids_below_the_largest_one(db: Database) -> None:
    """A row stored with an explicit id and no sequence moved after it (PostgreSQL): new rows
    may then get smaller ids, and are still found, by their uids."""
    with db.write() as session:
        session.execute(insert(transfer._table("companies")), [company("High") | {"id": 50}])
        rows = [company(f"Firm {n}") for n in range(3)]
        assigned = transfer.insert_rows(session, "companies", rows)
        stored = names_by_id(session)
    assert [stored[assigned[row["uid"]]] for row in rows] == ["Firm 0", "Firm 1", "Firm 2"]
    if db.is_sqlite:
        assert min(assigned.values()) > 50
    else:
        assert max(assigned.values()) < 50


def test_insert_rows_without_returning_or_rows_returns_nothing(db: Database) -> None:
    with db.write() as session:
        assert transfer.insert_rows(session, "companies", [company("A")], returning=False) == {}
        assert transfer.insert_rows(session, "companies", []) == {}
        assert list(names_by_id(session).values()) == ["A"]


SHARED = {"aliases": ["x"], "domains": [], "notes": "", "created_at": NOW, "updated_at": NOW}


def test_insert_many_stores_what_insert_rows_stores(db: Database) -> None:
    """The shared values converted once, the others row by row: the same rows either way."""
    names = [f"Firm {n:04d}" for n in range(transfer.CHUNK + 5)]
    rows: list[dict[str, Any]] = [
        {"uid": uuid.uuid4(), "name": name, "name_key": name.casefold()} for name in names
    ]
    with db.write() as session:
        transfer.insert_rows(session, "companies", [company("Already There")])
        assigned = transfer.insert_many(session, "companies", rows, SHARED)
        stored = {row["id"]: row for row in transfer.read_table(session, "companies")}
    assert len(assigned) == len(rows)
    assert [stored[assigned[row["uid"]]] for row in rows] == [
        {"id": assigned[row["uid"]], **row, **SHARED} for row in rows
    ]


def test_insert_many_converts_repeated_values_alike(db: Database) -> None:
    """Days, texts and empty lists that repeat from row to row are converted once each."""
    days = [date(2026, 7, 16), date(2025, 1, 2), None]
    rows: list[dict[str, Any]] = [
        {
            "uid": uuid.uuid4(),
            "name": f"Person {n}",
            "emails": (f"p{n}@x.example",) if n % 4 == 0 else (),
            "phones": (),
            "title": "Engineer" if n % 2 else "",
            "connected_on": days[n % 3],
        }
        for n in range(12)
    ]
    same: dict[str, Any] = {
        "company_id": None,
        "origin": "linkedin",
        "notes": "",
        "linkedin_url": "",
        "past_companies": [],
        "is_reference": False,
        "relationship": "",
        "knows_work": "",
        "created_at": NOW,
        "updated_at": NOW,
    }
    with db.write() as session:
        transfer.insert_many(session, "contacts", rows, same)
        stored = transfer.read_columns(session, "contacts", ("name", "emails", "connected_on"))
    assert [tuple(row) for row in stored] == [
        (row["name"], list(row["emails"]), row["connected_on"]) for row in rows
    ]


def test_insert_many_wants_every_column_and_may_return_nothing(db: Database) -> None:
    row = {"uid": uuid.uuid4(), "name": "Initech", "name_key": "initech"}
    with db.write() as session:
        with pytest.raises(ValueError, match=r"^no values for created_at, notes of companies$"):
            transfer.insert_many(
                session, "companies", [row], {"aliases": [], "domains": [], "updated_at": NOW}
            )
        assert transfer.insert_many(session, "companies", [row], SHARED, returning=False) == {}
        assert transfer.insert_many(session, "companies", [], SHARED) == {}
        assert list(names_by_id(session).values()) == ["Initech"]


def test_read_columns_reads_only_those_in_id_order(db: Database) -> None:
    with db.write() as session:
        transfer.insert_rows(session, "companies", [company(n) for n in ("Initech", "Globex")])
    with db.read() as session:
        rows = transfer.read_columns(session, "companies", ("name", "aliases", "id"))
    assert [tuple(row) for row in rows] == [("Initech", ["Ini"], 1), ("Globex", ["Glo"], 2)]


def test_read_columns_gives_empty_lists_as_none_when_asked(db: Database) -> None:
    with db.write() as session:
        transfer.insert_rows(session, "companies", [company("Initech"), company("Globex")])
        transfer.update_rows(session, "companies", [{"id": 2, "aliases": []}])
    with db.read() as session:
        rows = transfer.read_columns(
            session, "companies", ("name", "aliases", "domains"), lists=("aliases", "domains")
        )
    assert [tuple(row) for row in rows] == [("Initech", ["Ini"], None), ("Globex", None, None)]


def test_read_rows_reads_whole_rows_by_id(db: Database) -> None:
    rows = [company(f"Firm {n:04d}") for n in range(transfer.CHUNK + 2)]
    with db.write() as session:
        assigned = transfer.insert_rows(session, "companies", rows)
    wanted = [assigned[rows[-1]["uid"]], assigned[rows[0]["uid"]], assigned[rows[2]["uid"]]]
    with db.read() as session:
        found = transfer.read_rows(session, "companies", wanted)
        assert transfer.read_rows(session, "companies", []) == []
    assert [row["name"] for row in found] == ["Firm 0000", "Firm 0002", "Firm 2001"]
    assert found[0] == {"id": wanted[1], **rows[0]}


def test_new_uids_are_distinct_random_version_4_uids() -> None:
    uids = transfer.new_uids(1000)
    assert len(set(uids)) == 1000
    assert {(u.version, u.variant) for u in uids} == {(4, uuid.RFC_4122)}
    assert transfer.new_uids(0) == []


def test_every_table_is_transferred_after_the_tables_it_refers_to() -> None:
    """Export reads and import writes the tables in TABLES order: a table added by a
    migration but not here would be left out of the export."""
    assert set(transfer.TABLES) == set(Base.metadata.tables)
    seen: set[str] = set()
    for name, row in transfer.TABLES.items():
        referred = {key.column.table.name for key in row.__table__.foreign_keys} - {name}
        assert referred <= seen, f"{name} refers to {sorted(referred - seen)}, listed after it"
        seen.add(name)

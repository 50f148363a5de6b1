from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from afterview.domain.errors import Conflict
from afterview.store.backup import backup_sqlite
from afterview.store.database import Database, normalise_url, sqlite_url
from afterview.store.rows import CompanyRow
from afterview.store.schema import ensure_current
from tests.conftest import NOW


@pytest.fixture
def db(database_url):
    database = Database(database_url)
    ensure_current(database)
    yield database
    database.dispose()


def _company(name: str, uid_seed: int) -> CompanyRow:
    import uuid

    return CompanyRow(
        uid=uuid.UUID(int=uid_seed),
        name=name,
        name_key=name.casefold(),
        aliases=[],
        domains=[],
        notes="",
        created_at=NOW,
        updated_at=NOW,
    )


def test_urls_are_normalised():
    assert normalise_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_pragmas(tmp_path):
    database = Database(sqlite_url(tmp_path / "p.db"), busy_timeout_ms=1234)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1234
    database.dispose()


def test_datetimes_come_back_aware_in_utc(db):
    with db.write() as session:
        session.add(_company("Acme", 1))
    with db.read() as session:
        row = session.scalar(select(CompanyRow))
        assert row is not None
        assert row.created_at == NOW
        assert row.created_at.tzinfo is not None
        assert row.created_at.utcoffset().total_seconds() == 0


def test_naive_datetimes_are_refused(db):
    from sqlalchemy.exc import StatementError

    row = _company("Acme", 1)
    row.created_at = datetime(2026, 1, 1)  # noqa: DTZ001 - the point of the test
    with pytest.raises(StatementError, match="naive datetime"), db.write() as session:
        session.add(row)


def test_integrity_errors_become_conflicts_and_roll_back(db):
    def add_two_with_one_uid() -> None:
        with db.write() as session:
            session.add(_company("Acme", 1))
            session.flush()
            session.add(_company("Globex", 1))

    with pytest.raises(Conflict, match="conflicts with stored data"):
        add_two_with_one_uid()
    with db.read() as session:
        assert session.scalars(select(CompanyRow)).all() == []


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Conflict), db.write() as session:
        session.execute(
            text(
                "INSERT INTO contacts (uid, name, emails, phones, company_id, title, origin, "
                "notes, created_at, updated_at) VALUES (:uid, 'X', '[]', '[]', 999, '', '', '', "
                ":at, :at)"
            ),
            {"uid": "00000000000000000000000000000001", "at": datetime(2026, 1, 1, tzinfo=UTC)},
        )


def test_backup_is_consistent_while_a_writer_holds_a_transaction(tmp_path):
    database = Database(sqlite_url(tmp_path / "live.db"))
    ensure_current(database)
    with database.write() as session:
        session.add(_company("Acme", 1))
    writer = sqlite3.connect(tmp_path / "live.db", check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE companies SET notes = 'uncommitted'")
    (tmp_path / "backups").mkdir()
    try:
        copy = backup_sqlite(tmp_path / "live.db", tmp_path / "backups")
    finally:
        writer.rollback()
        writer.close()
    assert copy == tmp_path / "backups" / "live.db"
    with sqlite3.connect(copy) as check:
        assert check.execute("SELECT name, notes FROM companies").fetchall() == [("Acme", "")]
        assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    database.dispose()


def test_backup_refuses_to_overwrite_the_database(tmp_path):
    from afterview.domain.errors import InvalidInput

    path = tmp_path / "live.db"
    sqlite3.connect(path).close()
    with pytest.raises(InvalidInput, match="cannot overwrite the database itself"):
        backup_sqlite(path, path)


def test_the_revision_moves_with_every_commit_from_anyone(db):
    if not db.is_sqlite:
        assert db.revision() is None  # PostgreSQL cannot say cheaply: nothing is kept
        return
    first = db.revision()
    with db.read() as session:
        session.scalars(select(CompanyRow)).all()
    assert db.revision() == first  # reading changes nothing
    with db.write() as session:
        session.add(_company("Acme", 1))
    second = db.revision()
    assert second != first  # a commit in this process
    with sqlite3.connect(db.sqlite_path) as other:  # and one from another program
        other.execute("UPDATE companies SET name = 'Acme Corp'")
    third = db.revision()
    assert third != second
    with pytest.raises(Conflict), db.write() as session:
        session.add(_company("Acme Corp", 1))  # a rolled-back write is no change
    assert db.revision() == third
    db.dispose()
    assert isinstance(db.revision(), int)  # opened again after dispose


def test_an_in_memory_database_has_no_revision():
    assert Database("sqlite://").revision() is None

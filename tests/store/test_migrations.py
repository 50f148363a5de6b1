from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, text

from afterview.domain.errors import DatabaseError, InvalidInput
from afterview.store.database import Database
from afterview.store.rows import Base
from afterview.store.schema import (
    HEAD,
    MIGRATIONS,
    current_revision,
    downgrade,
    ensure_current,
    upgrade,
)


@pytest.fixture
def db(empty_database_url):
    database = Database(empty_database_url)
    yield database
    database.dispose()


def _tables(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def test_head_constant_is_alembics_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [HEAD]


def test_upgrade_from_empty_creates_every_table(db):
    assert current_revision(db) is None
    upgrade(db)
    assert current_revision(db) == HEAD
    assert _tables(db) == set(Base.metadata.tables)


def test_downgrade_then_upgrade_round_trip(db):
    upgrade(db)
    downgrade(db, "base")
    assert _tables(db) == set()
    assert current_revision(db) is None
    upgrade(db)
    assert _tables(db) == set(Base.metadata.tables)


def test_models_and_migrations_do_not_drift(db):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    upgrade(db)
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_ensure_current_creates_a_fresh_database(db):
    ensure_current(db)
    assert current_revision(db) == HEAD


def test_ensure_current_refuses_a_newer_revision(db):
    upgrade(db)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '2099_01_01_0001'"))
    with pytest.raises(
        DatabaseError,
        match=re.escape(
            "which this Afterview does not know: it was written by a newer Afterview. "
            "Upgrade Afterview."
        ),
    ):
        ensure_current(db)


def test_unknown_targets_are_refused_before_anything_happens(db):
    upgrade(db)
    with pytest.raises(
        InvalidInput, match=f"Unknown revision 'nonsense'; use head, base or one of: .*{HEAD}."
    ):
        downgrade(db, "nonsense")
    assert current_revision(db) == HEAD


def test_a_database_downgraded_to_base_is_afterviews_again(db):
    upgrade(db)
    downgrade(db, "base")
    ensure_current(db)
    assert current_revision(db) == HEAD


def test_ensure_current_refuses_a_foreign_database(db):
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE recipes (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseError, match="holds tables that are not Afterview's"):
        ensure_current(db)


def test_sqlite_migrations_back_up_a_database_with_data_first(tmp_path):
    import sqlite3

    from afterview.store.database import sqlite_url

    database = Database(sqlite_url(tmp_path / "a.db"))
    upgrade(database, HEAD)  # a new file: nothing to back up
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO profile (name, email, time_zone, country, "
                "target_roles, created_at, updated_at) VALUES ('Sam', "
                "'s@example.org', 'UTC', 'DE', '[]', '2026-01-01', '2026-01-01')"
            )
        )
    downgrade(database, "base", stamp="-1")
    downgrade(database, "base", stamp="-1")
    assert sorted(p.name for p in tmp_path.glob("a.*.db")) == ["a.before-downgrade-1.db"]
    with sqlite3.connect(tmp_path / "a.before-downgrade-1.db") as copy:
        assert copy.execute("SELECT name FROM profile").fetchall() == [("Sam",)]
    database.dispose()


def test_contacts_from_before_0004_keep_their_data_and_gain_empty_links(db):
    upgrade(db, "2026_11_26_0003")
    with db.connection() as connection:
        connection.execute(
            text(
                "INSERT INTO contacts (id, uid, name, emails, phones, title, origin, notes,"
                " created_at, updated_at) VALUES (1, :uid, 'Dana Reyes', '[\"d@x.example\"]',"
                " '[]', 'CTO', 'manual', '', :at, :at)"
            ),
            {
                "uid": "0" * 32 if db.is_sqlite else "00000000-0000-0000-0000-000000000001",
                "at": "2026-11-01 10:00:00",
            },
        )
    upgrade(db)
    with db.connection() as connection:
        row = connection.execute(
            text("SELECT name, emails, linkedin_url, connected_on, past_companies FROM contacts")
        ).one()
    assert (row.name, row.linkedin_url, row.connected_on) == ("Dana Reyes", "", None)
    assert row.past_companies in ("[]", [])
    assert row.emails in ('["d@x.example"]', ["d@x.example"])

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from afterview.domain.errors import DatabaseError
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


def test_ensure_current_refuses_another_revision(db):
    upgrade(db)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '2099_01_01_0001'"))
    with pytest.raises(
        DatabaseError,
        match="is at schema revision 2099_01_01_0001, and this "
        f"Afterview needs {HEAD}. Run `afterview db upgrade`",
    ):
        ensure_current(db)


def test_ensure_current_refuses_a_foreign_database(db):
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE recipes (id INTEGER PRIMARY KEY)"))
    with pytest.raises(DatabaseError, match="holds tables that are not Afterview's"):
        ensure_current(db)


def test_sqlite_upgrade_backs_up_a_database_with_data(tmp_path):
    from afterview.store.database import sqlite_url

    database = Database(sqlite_url(tmp_path / "a.db"))
    upgrade(database, HEAD)
    downgrade(database, "base")
    upgrade(database, HEAD)
    backups = sorted(p.name for p in tmp_path.glob("a.before-upgrade-*.db"))
    # one backup before the downgrade and one before the second upgrade... of an empty schema
    # (no alembic_version after 'base'), so only the downgrade made one.
    assert len(backups) == 1
    database.dispose()

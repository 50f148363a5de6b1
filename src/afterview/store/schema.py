"""Schema revisions: checking, upgrading (after a backup) and downgrading the database.

Alembic is imported only when a migration actually runs, so ordinary commands stay quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from afterview.domain.errors import DatabaseError, InvalidInput
from afterview.store.database import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest revision; a test checks that it is Alembic's head.
HEAD = "2026_11_26_0007"


def current_revision(db: Database) -> str | None:
    """The database's revision, or None for a database Afterview never touched (or one
    downgraded to the base, which keeps an empty alembic_version table)."""
    with db.connection() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_current(db: Database) -> None:
    """Create a fresh database's tables; refuse to work on one at another revision."""
    revision = current_revision(db)
    if revision == HEAD:
        return
    if revision is None:
        if _has_tables(db):
            raise DatabaseError(
                f"{db.display_name} holds tables that are not Afterview's; "
                "point --db or AFTERVIEW_DATABASE_URL at another database."
            )
        upgrade(db)
        return
    if revision not in _known_revisions():
        raise DatabaseError(
            f"The database at {db.display_name} is at schema revision {revision}, which this "
            f"Afterview does not know: it was written by a newer Afterview. Upgrade Afterview."
        )
    raise DatabaseError(
        f"The database at {db.display_name} is at schema revision {revision}, and this "
        f"Afterview needs {HEAD}. Run `afterview db upgrade` (it backs up SQLite files first)."
    )


def upgrade(db: Database, target: str = "head", *, stamp: str = "") -> Path | None:
    """Migrate to `target`; a SQLite file with data is backed up first (its name ends with
    `stamp`, the time of the migration). Returns the backup."""
    from alembic import command

    if target in ("head", HEAD) and current_revision(db) == HEAD:
        return None
    _check_target(target)
    backup = _backup_before_migrating(db, f"before-upgrade{stamp}")
    with db.connection() as connection:
        command.upgrade(_alembic_config(connection), target)
    return backup


def downgrade(db: Database, target: str, *, stamp: str = "") -> Path | None:
    from alembic import command

    _check_target(target)
    backup = _backup_before_migrating(db, f"before-downgrade{stamp}")
    with db.connection() as connection:
        command.downgrade(_alembic_config(connection), target)
    return backup


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def _check_target(target: str) -> None:
    if target not in ("head", "base") and target not in _known_revisions():
        known = ", ".join(sorted(_known_revisions()))
        raise InvalidInput(
            f"Unknown revision {target!r}; use head, base or one of: {known}.", field="revision"
        )


def _alembic_config(connection: Connection | None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def _has_tables(db: Database) -> bool:
    with db.connection() as connection:
        return bool(set(inspect(connection).get_table_names()) - {"alembic_version"})


def _backup_before_migrating(db: Database, label: str) -> Path | None:
    path = db.sqlite_path
    if path is None or not path.exists() or current_revision(db) is None:
        return None
    from afterview.store.backup import backup_sqlite, free_name

    return backup_sqlite(path, free_name(path.with_name(f"{path.stem}.{label}{path.suffix}")))

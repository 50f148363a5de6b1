"""Looking after the database itself: schema revisions and backups."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from afterview.domain.errors import InvalidInput
from afterview.services.workspace import Workspace
from afterview.store import schema
from afterview.store.backup import backup_sqlite


@dataclass(frozen=True, slots=True)
class Migration:
    location: str
    before: str | None
    after: str | None
    backup: Path | None


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    location: str
    revision: str | None
    head: str

    @property
    def is_current(self) -> bool:
        return self.revision == self.head


def schema_status(ws: Workspace) -> SchemaStatus:
    return SchemaStatus(ws.db.display_name, schema.current_revision(ws.db), schema.HEAD)


def upgrade_database(ws: Workspace, revision: str = "head") -> Migration:
    """Migrate up (a SQLite file with data is backed up first)."""
    before = schema.current_revision(ws.db)
    backup = schema.upgrade(ws.db, revision, stamp=_stamp(ws))
    return Migration(ws.db.display_name, before, schema.current_revision(ws.db), backup)


def downgrade_database(ws: Workspace, revision: str) -> Migration:
    before = schema.current_revision(ws.db)
    backup = schema.downgrade(ws.db, revision, stamp=_stamp(ws))
    return Migration(ws.db.display_name, before, schema.current_revision(ws.db), backup)


def back_up_database(ws: Workspace, target: str) -> tuple[Path, Path]:
    """Copy a consistent snapshot of the SQLite database to `target` — a file, or a folder
    when it exists or ends with a slash; (source, copy)."""
    source = ws.ready().sqlite_path
    if source is None:
        raise InvalidInput(
            "backup copies SQLite databases; for PostgreSQL use pg_dump, or `afterview export`."
        )
    folder = target.endswith(("/", os.sep))
    return source, backup_sqlite(source, Path(target).expanduser(), into_folder=folder)


def _stamp(ws: Workspace) -> str:
    return f"-{ws.now().astimezone():%Y%m%d-%H%M%S}"

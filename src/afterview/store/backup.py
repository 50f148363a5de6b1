"""A consistent copy of a SQLite database, taken with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from afterview.domain.errors import DatabaseError, InvalidInput


def free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3, ... before its suffix when that file exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def backup_sqlite(source: Path, target: Path, *, into_folder: bool = False) -> Path:
    """Copy `source` to `target` while other processes may be using it; atomic at `target`.

    `target` is a folder when it is one or `into_folder` says so (it is then created); the
    copy inside keeps the database's name. The copy is checked with `PRAGMA integrity_check`
    before it replaces `target`.
    """
    if into_folder or target.is_dir():
        target.mkdir(parents=True, exist_ok=True)
        target = target / source.name
    if target.resolve() == source.resolve():
        raise InvalidInput("The backup cannot overwrite the database itself.", field="path")
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".afterview-backup-", dir=target.parent)
    os.close(handle)
    try:
        with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(temporary)) as copy:
            live.execute("PRAGMA busy_timeout = 5000")
            live.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise DatabaseError(f"The backup copy failed its integrity check: {verdict}")
        os.replace(temporary, target)
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot back up {source}: {error}") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target

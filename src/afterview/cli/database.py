"""`afterview db ...` and `afterview backup`: the database itself."""

from __future__ import annotations

from pathlib import Path

import click

from afterview.cli import CliState
from afterview.cli.options import pass_state


@click.group()
def db() -> None:
    """Database schema revisions. SQLite files are backed up before any migration."""


@db.command()
@click.argument("revision", default="head")
@pass_state
def upgrade(state: CliState, revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    from afterview.store.schema import current_revision, upgrade as run_upgrade

    database = state.workspace().db
    before = current_revision(database)
    backup = run_upgrade(database, revision)
    after = current_revision(database)
    if backup:
        click.echo(f"Backed up to {backup}.")
    click.echo(f"Database at {database.display_name}: {before or 'empty'} → {after}."
               if before != after else f"Database at {database.display_name} is at {after}.")


@db.command()
@click.argument("revision")
@pass_state
def downgrade(state: CliState, revision: str) -> None:
    """Migrate the database down to REVISION ('base' removes every table)."""
    from afterview.store.schema import current_revision, downgrade as run_downgrade

    database = state.workspace().db
    backup = run_downgrade(database, revision)
    if backup:
        click.echo(f"Backed up to {backup}.")
    click.echo(f"Database at {database.display_name} is at "
               f"{current_revision(database) or 'base'}.")


@db.command()
@pass_state
def current(state: CliState) -> None:
    """Show where the database is and its schema revision."""
    from afterview.store.schema import HEAD, current_revision

    database = state.workspace().db
    revision = current_revision(database)
    status = "up to date" if revision == HEAD else f"this Afterview needs {HEAD}"
    click.echo(f"{database.display_name}: revision {revision or 'none (empty)'}, {status}.")


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@pass_state
def backup(state: CliState, path: Path) -> None:
    """Copy a consistent snapshot of the SQLite database to PATH (a file or a folder),
    even while Afterview is using it."""
    from afterview.domain.errors import InvalidInput
    from afterview.store.backup import backup_sqlite

    database = state.workspace().ready()
    source = database.sqlite_path
    if source is None:
        raise InvalidInput(
            "backup copies SQLite databases; for PostgreSQL use pg_dump, or `afterview export`."
        )
    target = backup_sqlite(source, path)
    click.echo(f"Backed up {source} to {target}.")

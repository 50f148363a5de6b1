"""`afterview db ...` and `afterview backup`: the database itself."""

from __future__ import annotations

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
    from afterview.services.maintenance import upgrade_database

    done = upgrade_database(state.workspace(), revision)
    if done.backup:
        click.echo(f"Backed up to {done.backup}.")
    if done.before == done.after:
        click.echo(f"Database at {done.location} is already at {done.after}.")
    else:
        click.echo(f"Database at {done.location}: {done.before or 'empty'} → {done.after}.")


@db.command()
@click.argument("revision")
@pass_state
def downgrade(state: CliState, revision: str) -> None:
    """Migrate the database down to REVISION ('base' removes every table)."""
    from afterview.services.maintenance import downgrade_database

    done = downgrade_database(state.workspace(), revision)
    if done.backup:
        click.echo(f"Backed up to {done.backup}.")
    click.echo(f"Database at {done.location}: {done.before} → {done.after or 'base'}.")


@db.command()
@pass_state
def current(state: CliState) -> None:
    """Show where the database is and its schema revision."""
    from afterview.services.maintenance import schema_status

    status = schema_status(state.workspace())
    verdict = "up to date" if status.is_current else f"this Afterview needs {status.head}"
    click.echo(f"{status.location}: revision {status.revision or 'none (empty)'}, {verdict}.")


@click.command()
@click.argument("path", type=click.Path())
@pass_state
def backup(state: CliState, path: str) -> None:
    """Copy a consistent snapshot of the SQLite database to PATH (a file or a folder),
    even while Afterview is using it."""
    from afterview.services.maintenance import back_up_database

    source, copy = back_up_database(state.workspace(), path)
    click.echo(f"Backed up {source} to {copy}.")

"""`afterview export` and `afterview import`: one JSON document with everything."""

from __future__ import annotations

from pathlib import Path

import click

from afterview.cli import CliState
from afterview.cli.options import pass_state


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path), required=False)
@pass_state
def export(state: CliState, path: Path | None) -> None:
    """Write everything to PATH as one JSON document (to standard output without PATH).

    The format is versioned and documented in docs/export-format.md; importing it into an
    empty database gives back the same data, ids included.
    """
    from afterview.services.transfer import export_text, export_to_file

    if path is None:
        click.echo(export_text(state.workspace()), nl=False)
        return
    total = export_to_file(state.workspace(), path)
    click.echo(f"Exported {total} records to {path}.")


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--merge",
    is_flag=True,
    help="Update records that are already here from the file instead of refusing.",
)
@pass_state
def import_(state: CliState, path: Path, merge: bool) -> None:
    """Read an export document from PATH. Nothing is written unless all of it can be."""
    from afterview.services.transfer import import_file

    report = import_file(state.workspace(), path, merge=merge)
    for verb, counts in (
        ("Added", report.added),
        ("Updated", report.updated),
        ("Unchanged", report.unchanged),
    ):
        if counts:
            listed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
            click.echo(f"{verb}: {listed}.")
    if not (report.added or report.updated or report.unchanged):
        click.echo("The file holds no records.")

"""`afterview demo`: a sample job search to explore."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from afterview.cli import CliState
from afterview.cli.options import pass_state


@click.command()
@click.option(
    "--serve/--no-serve",
    default=None,
    help="Then open it in the web UI (default: when run in a terminal).",
)
@click.option("--no-open", is_flag=True, help="Serve without opening the browser.")
@pass_state
@click.pass_context
def demo(ctx: click.Context, state: CliState, serve: bool | None, no_open: bool) -> None:
    """Fill a fresh temporary database with a sample job search, show its overview and, in a
    terminal, open it in the web UI.

    With --db or AFTERVIEW_DATABASE_URL, that database is filled instead, and only if it is
    empty: sample data is never mixed into real data.
    """
    from afterview.services.demo import fill_with_sample_data

    chosen = state.db or os.environ.get("AFTERVIEW_DATABASE_URL")
    if not chosen:
        folder = Path(tempfile.mkdtemp(prefix="afterview-demo-"))
        state.db = str(folder / "demo.db")
    ws = state.workspace()
    fill_with_sample_data(ws)
    click.echo(f"Sample job search written to {ws.db.display_name}.\n")
    from afterview.cli.overview import overview

    ctx.invoke(overview)
    flag = f"--db {ws.db.display_name} " if not chosen or state.db else ""
    click.echo(
        f"\nLook around:  afterview {flag}today\n"
        f"              afterview {flag}plan globex\n"
        f"              afterview {flag}app show northwind\n"
        f"              afterview {flag}draft list\n"
        f"              afterview {flag}draft cover-letter wayne\n"
        f"              afterview {flag}followup globex"
    )
    if serve if serve is not None else _in_terminal():
        from afterview.cli.serve import run_server

        click.echo()
        run_server(state, "127.0.0.1", 0, open_browser=not no_open)


def _in_terminal() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stdout.isatty()

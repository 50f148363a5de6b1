"""Options and decorators shared by the subcommands."""

from __future__ import annotations

import click

from afterview.cli import CliState

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (shape documented in docs/json.md)."
)

pass_state = click.make_pass_decorator(CliState)

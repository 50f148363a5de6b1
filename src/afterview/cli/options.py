"""Options and decorators shared by the subcommands."""

from __future__ import annotations

from pathlib import Path

import click

from afterview.cli import CliState

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (shape documented in docs/json.md)."
)

pass_state = click.make_pass_decorator(CliState)

text_file_type = click.Path(dir_okay=False, path_type=Path, allow_dash=True)


def read_text_file(path: Path) -> str:
    """A UTF-8 text file's content ('-' reads standard input); errors name the file."""
    from afterview.domain.errors import ParseError

    if str(path) == "-":
        import sys

        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        raise ParseError(str(path), "file", "no such file") from None
    except UnicodeDecodeError as error:
        raise ParseError(str(path), f"byte {error.start}", "not UTF-8 text") from None

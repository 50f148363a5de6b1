"""Options and decorators shared by the subcommands."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import click

from afterview.cli import CliState

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (shape documented in docs/json.md)."
)

pass_state = click.make_pass_decorator(CliState)

text_file_type = click.Path(dir_okay=False, path_type=Path, allow_dash=True)

T = TypeVar("T")
_WHOLE = re.compile(r"-?(?:\d{1,3}(?:[,_]\d{3})+|\d+)")


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


def on_terminal() -> bool:
    """Whether someone is there to answer prompts (standard input is a terminal)."""
    import sys

    return sys.stdin.isatty()


def parse_pairs(
    values: Iterable[str], option: str, shape: str, read: Callable[[str], T]
) -> dict[str, T]:
    """`KEY=VALUE` options as a mapping in their order (a repeated key: the last wins), split
    at the first '='; `read` turns the value into what it stands for, raising ValueError when
    it cannot. A malformed pair is refused naming the option ('' for an argument):
    "--rate 'x': write DIM=N."."""
    from afterview.domain.errors import InvalidInput

    found: dict[str, T] = {}
    for text in values:
        key, sep, value = text.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError(text)
            found[key.strip()] = read(value.strip())
        except ValueError:
            given = f"{option} {text!r}" if option else repr(text)
            raise InvalidInput(f"{given}: write {shape}.", field=option or None) from None
    return found


def whole_number(text: str) -> int:
    """'95000', '95,000' or '95_000' → 95000; anything else is a ValueError."""
    if not _WHOLE.fullmatch(text.strip()):
        raise ValueError(text)
    return int(text.strip().replace(",", "").replace("_", ""))


def number(text: str) -> float:
    """A finite number: '12', '12.5'; 'nan', 'inf' and words are a ValueError."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def text_value(text: str) -> str:
    """The text itself, which must not be empty (a ValueError if it is)."""
    if not text.strip():
        raise ValueError(text)
    return text.strip()


@contextmanager
def naming_options(names: Mapping[str, str]) -> Iterator[None]:
    """Within the block, a service's InvalidInput about a field starts with the option (or
    argument, or file and key) that gave it: "--bonus: The bonus cannot be negative (-5).".
    `names` maps the services' field names to what the user typed."""
    from afterview.domain.errors import InvalidInput

    try:
        yield
    except InvalidInput as error:
        given = names.get(error.field or "")
        if given and not error.message.startswith(given):
            error.message = f"{given}: {error.message}"
        raise

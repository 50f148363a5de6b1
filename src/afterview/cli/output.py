"""Printing: JSON for scripts, Rich tables and fields for people (Rich imported only here)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import click

if TYPE_CHECKING:
    from rich.console import Console

    from afterview.domain.events import Event
    from afterview.domain.interviews import Interview


# Columns that are short and read badly when wrapped; the others give way.
KEEP_WHOLE = frozenset({"ID", "Round", "Stage", "Priority", "Applied", "Since", "When", "Kind"})


def emit_json(data: Any) -> None:
    """Print `data` as JSON (the stable shapes are in docs/json.md): indented on a terminal,
    compact in a pipe, where the C encoder makes large listings several times faster."""
    import sys

    indent = 2 if sys.stdout.isatty() else None
    click.echo(json.dumps(data, indent=indent, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, emoji=False)


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[object]], *, empty: str = "Nothing yet."
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    materialised = [[_cell(value) for value in row] for row in rows]
    if not materialised:
        click.echo(empty)
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in columns:
        table.add_column(
            name,
            justify="right" if name == "ID" else "left",
            overflow="fold",
            no_wrap=name in KEEP_WHOLE,
        )
    for row in materialised:
        table.add_row(*(Text(cell) for cell in row))
    _print(table)


def print_fields(title: str, fields: Iterable[tuple[str, object]]) -> None:
    """A heading and its non-empty fields as an aligned list."""
    from rich.markup import escape
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column(overflow="fold")
    for label, value in fields:
        if value not in (None, "", ()):
            grid.add_row(label, escape(_cell(value)))
    _print(f"[bold]{escape(title)}[/bold]")
    if grid.row_count:
        _print(grid)


def print_section(title: str) -> None:
    from rich.markup import escape

    _print(f"\n[bold]{escape(title)}[/bold]")


def print_timeline(events: Sequence[Event], zone: str, *, title: str = "Timeline") -> None:
    from afterview.domain.events import describe_event

    print_section(title)
    print_table(
        ["When", "What"],
        [(local_time(event.at, zone), describe_event(event)) for event in events],
        empty="No events.",
    )


def local_time(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"


def _print(renderable: object) -> None:
    """Print through Rich, without the trailing spaces Rich pads lines with."""
    out = console()
    with out.capture() as captured:
        out.print(renderable)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))


def _cell(value: object) -> str:
    if isinstance(value, tuple | list):
        return ", ".join(str(item) for item in value)
    return str(value)


def interview_when(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """'Fri 2026-11-27 14:00–15:00 Europe/Berlin' in the interview's own zone."""
    tz = ZoneInfo(zone)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    until = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%a %Y-%m-%d %H:%M}–{until} {zone}"


def interview_start(starts_at: datetime, zone: str) -> str:
    """'Tue 2026-12-01 14:00 CET': compact, for tables (show gives the full zone and end)."""
    start = starts_at.astimezone(ZoneInfo(zone))
    return f"{start:%a %Y-%m-%d %H:%M %Z}"


def print_interviews(
    interviews: Sequence[Interview], *, empty: str, limit: int | None = None
) -> None:
    """The interview table; past `limit` rows, a line says how many more there are."""
    shown = interviews if limit is None else interviews[:limit]
    print_table(
        ["ID", "Application", "Round", "Kind", "When", "With"],
        [
            (
                i.id,
                i.application_label,
                i.round,
                i.kind,
                interview_start(i.starts_at, i.time_zone),
                i.interviewer_names,
            )
            for i in shown
        ],
        empty=empty,
    )
    if len(interviews) > len(shown):
        click.echo(f"… and {len(interviews) - len(shown)} more: afterview interview list")

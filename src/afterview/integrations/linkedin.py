"""LinkedIn's `Connections.csv` export (Settings › Data privacy › Get a copy of your data).

The header row is searched for, not assumed: recent exports start with a "Notes:" preamble of a
few lines, older ones start with the header and have no URL column. A UTF-8 byte order mark,
CRLF line endings and rows of only commas occur too. `Connected On` is like `16 Jul 2026`; the
month names are English whatever the machine's locale, so they are looked up here rather than
with `strptime`'s locale-dependent `%b`.

A row whose values do not fit the header (too many or too few, an e-mail that is not one, a
date that is not one) usually means a file that was edited and saved badly; the whole file is
refused with the line and column, rather than importing people with shifted fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from afterview.domain.contacts import ContactRecord
from afterview.domain.errors import ParseError
from afterview.integrations.contacts_csv import (
    ContactFile,
    SkippedEntry,
    csv_rows,
    decode_text,
    is_blank,
    load_bytes,
    require_email,
)

COLUMNS: Final = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
OPTIONAL_COLUMNS: Final = frozenset({"URL"})
DATE_EXAMPLE: Final = "16 Jul 2026"

_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DATE: Final = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where each column is in the file's header, and how many values a row has."""

    line: int
    width: int
    first: int
    last: int
    url: int | None
    email: int
    company: int
    position: int
    connected_on: int


def read_linkedin_connections(file: bytes | Path, *, source: str | None = None) -> ContactFile:
    """The connections in a LinkedIn export, given as its bytes or its path.

    Rows without a first or last name (LinkedIn writes them for members who left) are
    skipped with their line; a malformed file raises `ParseError` naming line and column.
    """
    name, data = load_bytes(file, source, "Connections.csv")
    rows = csv_rows(decode_text(data, name), name)
    columns = _find_header(rows, name)
    records: list[ContactRecord] = []
    skipped: list[SkippedEntry] = []
    for line, row in rows:
        if len(row) != columns.width:
            if is_blank(row):
                continue
            problem = f"{len(row)} values, but the header (line {columns.line}) has {columns.width}"
            raise ParseError(name, f"line {line}", problem)
        if not (row[columns.first].strip() or row[columns.last].strip()):
            if not is_blank(row):
                skipped.append(SkippedEntry(line, "no first or last name"))
            continue
        records.append(_connection(line, row, columns, name))
    return ContactFile(name, tuple(records), tuple(skipped))


def parse_connected_on(text: str) -> date | None:
    """`16 Jul 2026` as a date, with English month abbreviations; None if it is not one."""
    match = _DATE.fullmatch(text)
    month = _MONTHS.get(match[2].lower()) if match else None
    if match is None or month is None:
        return None
    try:
        return date(int(match[3]), month, int(match[1]))
    except ValueError:
        return None


def _find_header(rows: Iterator[tuple[int, list[str]]], source: str) -> _Columns:
    for line, row in rows:
        cells = [cell.strip().casefold() for cell in row]
        if "first name" in cells and "last name" in cells:
            return _columns(line, cells, row, source)
    expected = ",".join(COLUMNS)
    problem = f"no header row like {expected!r}; is this LinkedIn's Connections.csv?"
    raise ParseError(source, "header", problem)


def _columns(line: int, cells: list[str], row: list[str], source: str) -> _Columns:
    where: dict[str, int] = {}
    for column in COLUMNS:
        key = column.casefold()
        if key in cells:
            where[column] = cells.index(key)
        elif column not in OPTIONAL_COLUMNS:
            present = ", ".join(repr(cell.strip()) for cell in row)
            problem = f"the header has no {column!r} column (it has {present})"
            raise ParseError(source, f"line {line}", problem)
    return _Columns(
        line=line,
        width=len(row),
        first=where["First Name"],
        last=where["Last Name"],
        url=where.get("URL"),
        email=where["Email Address"],
        company=where["Company"],
        position=where["Position"],
        connected_on=where["Connected On"],
    )


def _connection(line: int, row: list[str], columns: _Columns, source: str) -> ContactRecord:
    email = row[columns.email].strip()
    if email:
        email = require_email(email, source, f"line {line}, Email Address")
    url = row[columns.url].strip() if columns.url is not None else ""
    if url and not url.startswith(("https://", "http://")):
        raise ParseError(source, f"line {line}, URL", f"{url!r} is not a web address")
    connected = row[columns.connected_on].strip()
    connected_on = parse_connected_on(connected) if connected else None
    if connected and connected_on is None:
        problem = f"{connected!r} is not a date like {DATE_EXAMPLE!r}"
        raise ParseError(source, f"line {line}, Connected On", problem)
    first, last = row[columns.first].strip(), row[columns.last].strip()
    return ContactRecord(
        line=line,
        name=f"{first} {last}" if first and last else first or last,
        emails=(email,) if email else (),
        company=row[columns.company].strip(),
        title=row[columns.position].strip(),
        linkedin_url=url,
        connected_on=connected_on,
    )

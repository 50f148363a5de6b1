"""Contact files: what every contact reader returns, the reading steps they share, and a reader
for any CSV address book (a Google or Outlook export, a spreadsheet) with a column mapping.

Every reader parses the whole file before returning and raises `ParseError` on the first real
problem, naming the file, the line and the column, so a malformed file is rejected as a whole.
Rows that are empty or only commas are passed over silently; rows without a name are listed in
`ContactFile.skipped` with their line and the reason.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from afterview.domain.contacts import MAPPABLE_FIELDS, ContactRecord
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.values import check_email, unique_texts

FIELDS: Final = MAPPABLE_FIELDS
# Google's CSV export puts several values in one cell, separated by " ::: ".
_MULTIPLE_VALUES: Final = ":::"


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A row or card left out on purpose, with the reason shown to the user."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ContactFile:
    """What a contact file holds: its people in file order, and the entries left out."""

    source: str
    records: tuple[ContactRecord, ...]
    skipped: tuple[SkippedEntry, ...] = ()


def load_bytes(file: bytes | Path, source: str | None, default: str) -> tuple[str, bytes]:
    """The file's name for messages and its bytes; `file` is the content or a path to it."""
    if isinstance(file, bytes):
        return source or default, file
    name = source or file.name
    try:
        return name, file.read_bytes()
    except FileNotFoundError:
        raise ParseError(name, "file", "no such file") from None
    except IsADirectoryError:
        raise ParseError(name, "file", "a folder, not a file") from None
    except OSError as error:
        raise ParseError(name, "file", f"cannot be read ({error.strerror})") from None


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text without its byte order mark; anything else is refused with a reason."""
    if data.startswith(b"PK\x03\x04"):
        raise ParseError(source, "file", "a ZIP archive, not a text file: unpack it first")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ParseError(source, "file", "UTF-16 text; save it as UTF-8 and try again")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise ParseError(source, f"line {line}", f"not UTF-8 text (byte 0x{byte:02x})") from None


def csv_rows(text: str, source: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """Each CSV row with the line it starts on (a quoted value may span several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ParseError(source, f"line {line}", f"not valid CSV ({error})") from None
        yield line, row
        line = reader.line_num + 1


def is_blank(row: Sequence[str]) -> bool:
    """An empty row, or one of only commas and spaces."""
    return not any(cell.strip() for cell in row)


def require_email(value: str, source: str, where: str) -> str:
    """`value` if it is an e-mail address; a misplaced value usually means a shifted row."""
    try:
        return check_email(value)
    except InvalidInput:
        raise ParseError(source, where, f"{value!r} is not an e-mail address") from None


def read_contacts_csv(
    file: bytes | Path,
    mapping: Mapping[str, str | Sequence[str]],
    *,
    source: str | None = None,
    delimiter: str = ",",
) -> ContactFile:
    """People from a CSV whose first non-empty row names the columns.

    `mapping` says which column fills which field of `FIELDS`, e.g.
    `{"name": "Full Name", "emails": ["E-mail 1 - Value", "E-mail 2 - Value"]}`. A field may
    take several columns: e-mails, phones and notes collect all of them, in order (a cell with
    several e-mails or phones separated by " ::: ", as Google writes them, gives each one);
    the other fields take the first non-empty one. Column names match without regard to case.
    The name is the `name` column or, when that is empty, `first_name` and `last_name` joined.
    """
    fields = _check_mapping(mapping)
    name, data = load_bytes(file, source, "contacts.csv")
    rows = csv_rows(decode_text(data, name), name, delimiter)
    header_line, header = _header(rows, name)
    columns = _column_indexes(fields, header, header_line, name)
    records: list[ContactRecord] = []
    skipped: list[SkippedEntry] = []
    for line, row in rows:
        if is_blank(row):
            continue
        if any(cell.strip() for cell in row[len(header) :]):
            problem = f"{len(row)} values, but the header (line {header_line}) has {len(header)}"
            raise ParseError(name, f"line {line}", problem)
        record = _csv_record(line, row, columns, header, name)
        if record is None:
            skipped.append(SkippedEntry(line, "no name"))
        else:
            records.append(record)
    return ContactFile(name, tuple(records), tuple(skipped))


def _check_mapping(mapping: Mapping[str, str | Sequence[str]]) -> dict[str, tuple[str, ...]]:
    fields: dict[str, tuple[str, ...]] = {}
    for field, columns in mapping.items():
        if field not in FIELDS:
            raise InvalidInput(
                f"The column mapping names {field!r}, which is not a contact field; "
                f"the fields are: {', '.join(FIELDS)}.",
                field="mapping",
            )
        chosen = (columns,) if isinstance(columns, str) else tuple(columns)
        if chosen:
            fields[field] = chosen
    if not {"name", "first_name", "last_name"} & fields.keys():
        raise InvalidInput(
            "The column mapping needs a column for 'name', or for 'first_name' and 'last_name'.",
            field="mapping",
        )
    return fields


def _header(rows: Iterator[tuple[int, list[str]]], source: str) -> tuple[int, list[str]]:
    for line, row in rows:
        if not is_blank(row):
            return line, [cell.strip() for cell in row]
    raise ParseError(source, "line 1", "no header row: the file is empty")


def _column_indexes(
    fields: dict[str, tuple[str, ...]], header: list[str], line: int, source: str
) -> dict[str, tuple[int, ...]]:
    positions: dict[str, int] = {}
    for index, column in enumerate(header):
        positions.setdefault(column.casefold(), index)
    indexes: dict[str, tuple[int, ...]] = {}
    for field, columns in fields.items():
        for column in columns:
            if column.strip().casefold() not in positions:
                present = ", ".join(repr(name) for name in header)
                raise ParseError(
                    source,
                    f"line {line}",
                    f"no column {column!r} (for {field}); the file's columns are: {present}",
                )
        indexes[field] = tuple(positions[column.strip().casefold()] for column in columns)
    return indexes


def _csv_record(
    line: int,
    row: list[str],
    columns: dict[str, tuple[int, ...]],
    header: list[str],
    source: str,
) -> ContactRecord | None:
    def first(field: str) -> str:
        values = (row[i].strip() for i in columns.get(field, ()) if i < len(row))
        return next((value for value in values if value), "")

    def every(field: str, separator: str | None = _MULTIPLE_VALUES) -> list[tuple[str, str]]:
        found = []
        for i in columns.get(field, ()):
            cell = row[i] if i < len(row) else ""
            values = cell.split(separator) if separator else [cell]
            found += [(header[i], value.strip()) for value in values]
        return [(column, value) for column, value in found if value]

    name = first("name") or " ".join(filter(None, (first("first_name"), first("last_name"))))
    if not name:
        return None
    emails = [require_email(v, source, f"line {line}, {c}") for c, v in every("emails")]
    return ContactRecord(
        line=line,
        name=name,
        emails=unique_texts(emails),
        phones=unique_texts(value for _, value in every("phones")),
        company=first("company"),
        title=first("title"),
        linkedin_url=first("linkedin_url"),
        notes="\n".join(value for _, value in every("notes", separator=None))
        .replace("\r\n", "\n")
        .replace("\r", "\n"),
    )

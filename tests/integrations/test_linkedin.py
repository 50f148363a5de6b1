"""LinkedIn's Connections.csv: the export's variants, its malformed cousins, and generated files."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contacts import ContactRecord
from afterview.domain.errors import ParseError
from afterview.integrations.contacts_csv import ContactFile, SkippedEntry
from afterview.integrations.linkedin import parse_connected_on, read_linkedin_connections

FIXTURES = Path(__file__).parents[1] / "fixtures" / "contacts"
# Byte for byte as LinkedIn writes it (docs: FORMATS.md, section 3).
PREAMBLE = (
    b"Notes:\n"
    b'"When exporting your connection data, you may notice that some of the email addresses'
    b" are missing. You will only see email addresses for connections who have allowed their"
    b" connections to see or download their email address using this setting"
    b" https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    b' https://www.linkedin.com/help/linkedin/answer/261"\n'
    b"\n"
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def connection(line: int, name: str, **fields: Any) -> ContactRecord:
    return ContactRecord(line=line, name=name, **fields)


def test_the_fixture_starts_with_the_exact_preamble():
    data = (FIXTURES / "Connections.csv").read_bytes()
    assert data.startswith(PREAMBLE + HEADER.encode() + b"\n")


def test_a_current_export_reads_every_connection_and_skips_the_nameless():
    read = read_linkedin_connections(FIXTURES / "Connections.csv")

    assert read.source == "Connections.csv"
    assert read.records == (
        connection(
            5,
            "Dana Reyes",
            company="Northwind Analytics, Inc.",
            title="Senior Data Engineer",
            linkedin_url="https://www.linkedin.com/in/dana-reyes",
            connected_on=date(2026, 7, 16),
        ),
        connection(
            6,
            "Jürgen Müller",
            emails=("juergen.mueller@example.de",),
            company="Bäckerei Müller GmbH",
            title="Geschäftsführer",
            linkedin_url="https://www.linkedin.com/in/juergen-mueller-4a1b2c",
            connected_on=date(2025, 3, 3),
        ),
        connection(
            7,
            "Priya Natarajan",
            linkedin_url="https://www.linkedin.com/in/priyanatarajan",
            connected_on=date(2024, 2, 29),
        ),
        connection(
            8,
            'Sam "Sammy" O\'Neil',
            company="Contoso, Ltd.",
            title='Director, "Platform" Engineering',
            linkedin_url="https://www.linkedin.com/in/sam-oneil",
            connected_on=date(2023, 1, 1),
        ),
        connection(
            11,
            "李 娜",
            emails=("li.na@example.cn",),
            company="Fabrikam",
            title="产品经理",
            linkedin_url="https://www.linkedin.com/in/li-na-0a1b2c3d",
            connected_on=date(2021, 11, 30),
        ),
        connection(
            12,
            "Chris",
            company="Tailspin Toys",
            linkedin_url="https://www.linkedin.com/in/chris-only",
            connected_on=date(2020, 8, 15),
        ),
    )
    # Line 9 is only commas: passed over without a word.
    assert read.skipped == (SkippedEntry(10, "no first or last name"),)


def test_a_byte_order_mark_crlf_and_empty_rows_change_nothing_but_the_line_numbers():
    read = read_linkedin_connections(FIXTURES / "Connections-bom-crlf.csv")

    assert [(r.line, r.name, r.company, r.connected_on) for r in read.records] == [
        (5, "Dana Reyes", "Northwind Analytics, Inc.", date(2026, 7, 16)),
        (8, "Ana Lima", "", date(2025, 12, 5)),
    ]
    assert read.skipped == ()


def test_an_old_export_has_no_preamble_and_no_url_column():
    read = read_linkedin_connections(FIXTURES / "Connections-old.csv")

    assert read.records == (
        connection(
            2,
            "Dana Reyes",
            emails=("dana.reyes@example.com",),
            company="Northwind Analytics, Inc.",
            title="Senior Data Engineer",
            connected_on=date(2019, 7, 16),
        ),
        connection(3, "Ana Lima", connected_on=date(2018, 12, 5)),
    )


def test_a_shorter_preamble_is_found_past_too():
    read = read_linkedin_connections(FIXTURES / "Connections-short-notes.csv")

    assert [(r.line, r.name) for r in read.records] == [(6, "Dana Reyes"), (9, "Ana Lima")]


def test_bytes_are_read_under_the_name_given_or_a_default():
    data = (FIXTURES / "Connections-old.csv").read_bytes()

    assert read_linkedin_connections(data, source="upload.csv").source == "upload.csv"
    assert read_linkedin_connections(data).source == "Connections.csv"
    assert read_linkedin_connections(data).records == (
        read_linkedin_connections(FIXTURES / "Connections-old.csv").records
    )


def test_a_header_without_rows_is_an_empty_export():
    assert read_linkedin_connections(PREAMBLE + HEADER.encode() + b"\n") == ContactFile(
        "Connections.csv", (), ()
    )


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(ParseError) as caught:
        read_linkedin_connections(tmp_path / "Connections.csv")
    assert caught.value.message == "Connections.csv: file: no such file"


@pytest.mark.parametrize("month", range(1, 13))
def test_connected_on_takes_english_month_abbreviations(month: int):
    text = f"09 {MONTHS[month - 1]} 2026"
    assert parse_connected_on(text) == date(2026, month, 9)
    assert parse_connected_on(text.upper()) == date(2026, month, 9)


@pytest.mark.parametrize(
    "text",
    ["32 Jul 2026", "29 Feb 2025", "16 Juli 2026", "16 Okt 2025", "16 Mai 2026", "2026-07-16",
     "16 July 2026", "Jul 16 2026", "16 Jul 26", " 16 Jul 2026x", ""],
)  # fmt: skip
def test_connected_on_refuses_anything_else(text: str):
    assert parse_connected_on(text) is None


BAD = [
    (
        "linkedin-bad-date.csv",
        "linkedin-bad-date.csv: line 7, Connected On: '32 Jul 2026' is not a date like "
        "'16 Jul 2026'",
    ),
    (
        "linkedin-german-month.csv",
        "linkedin-german-month.csv: line 7, Connected On: '16 Okt 2025' is not a date like "
        "'16 Jul 2026'",
    ),
    (
        "linkedin-unquoted-comma.csv",
        "linkedin-unquoted-comma.csv: line 7: 8 values, but the header (line 4) has 7",
    ),
    (
        "linkedin-short-row.csv",
        "linkedin-short-row.csv: line 7: 4 values, but the header (line 4) has 7",
    ),
    (
        "linkedin-bad-email.csv",
        "linkedin-bad-email.csv: line 7, Email Address: 'Analyst' is not an e-mail address",
    ),
    (
        "linkedin-bad-url.csv",
        "linkedin-bad-url.csv: line 7, URL: 'linkedin.com/in/kai-berg' is not a web address",
    ),
    (
        "linkedin-unclosed-quote.csv",
        "linkedin-unclosed-quote.csv: line 7: not valid CSV (unexpected end of data)",
    ),
    ("linkedin-latin1.csv", "linkedin-latin1.csv: line 6: not UTF-8 text (byte 0xfc)"),
    ("linkedin-utf16.csv", "linkedin-utf16.csv: file: UTF-16 text; save it as UTF-8 and try again"),
    (
        "linkedin-no-header.csv",
        "linkedin-no-header.csv: header: no header row like 'First Name,Last Name,URL,"
        "Email Address,Company,Position,Connected On'; is this LinkedIn's Connections.csv?",
    ),
    (
        "linkedin-missing-column.csv",
        "linkedin-missing-column.csv: line 1: the header has no 'Connected On' column (it has "
        "'First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position')",
    ),
    (
        "Basic_LinkedInDataExport.zip",
        "Basic_LinkedInDataExport.zip: file: a ZIP archive, not a text file: unpack it first",
    ),
]


@pytest.mark.parametrize(("name", "message"), BAD, ids=[name for name, _ in BAD])
def test_a_malformed_file_is_refused_naming_file_line_and_column(name: str, message: str):
    with pytest.raises(ParseError) as caught:
        read_linkedin_connections(FIXTURES / "bad" / name)
    assert caught.value.message == message
    assert caught.value.source == name


def test_every_bad_linkedin_fixture_has_its_message():
    names = {path.name for path in (FIXTURES / "bad").iterdir()}
    linkedin = {name for name in names if name.startswith("linkedin-") or name.endswith(".zip")}
    assert linkedin == {name for name, _ in BAD}


# Generated exports: any people, written as LinkedIn would, in any of the variants, read back.

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=15).map(str.strip)
_EMAILS = st.from_regex(r"[a-z0-9._%+-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,6}", fullmatch=True)
_DATES = st.dates(min_value=date(2003, 5, 5), max_value=date(2099, 12, 31))


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    slug: str
    email: str
    company: str
    position: str
    connected_on: date | None


_PEOPLE = st.builds(
    Person,
    first=_TEXT,
    last=_TEXT,
    slug=st.from_regex(r"[a-z0-9-]{0,20}", fullmatch=True),
    email=st.one_of(st.just(""), _EMAILS),
    company=_TEXT,
    position=_TEXT,
    connected_on=st.one_of(st.none(), _DATES),
).filter(lambda person: bool(person.first or person.last))


@st.composite
def exports(draw: st.DrawFn) -> tuple[bytes, list[ContactRecord], list[int]]:
    """A Connections.csv, the records it holds and the lines of its nameless rows."""
    people = draw(st.lists(_PEOPLE, max_size=8))
    preamble = draw(st.sampled_from([b"", PREAMBLE, b'Notes:\n"Shorter notes, too."\n\n']))
    with_url = draw(st.booleans())
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    line = preamble.count(b"\n") + 1
    columns = HEADER.split(",") if with_url else HEADER.replace(",URL", "").split(",")
    writer.writerow(columns)
    records, nameless = [], []
    for person in people:
        for _ in range(draw(st.integers(0, 2))):  # rows of only commas, or empty ones
            line += 1
            writer.writerow(draw(st.sampled_from([[""] * len(columns), []])))
        if draw(st.integers(0, 9)) == 0:  # a member who left: no name, but a URL
            line += 1
            nameless.append(line)
            writer.writerow(["", ""] + [""] * (len(columns) - 3) + ["16 Jul 2026"])
        line += 1
        writer.writerow(_row(person, with_url))
        records.append(_record(line, person, with_url))
    text = out.getvalue().encode()
    text = preamble.replace(b"\n", newline.encode()) + text
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text, records, nameless


def _url(person: Person) -> str:
    return f"https://www.linkedin.com/in/{person.slug}"


def _row(person: Person, with_url: bool) -> list[str]:
    connected = person.connected_on
    day = f"{connected.day:02d} {MONTHS[connected.month - 1]} {connected.year}" if connected else ""
    url = [_url(person)] if with_url else []
    return [person.first, person.last, *url, person.email, person.company, person.position, day]


def _record(line: int, person: Person, with_url: bool) -> ContactRecord:
    return ContactRecord(
        line=line,
        name=" ".join(part for part in (person.first, person.last) if part),
        emails=(person.email,) if person.email else (),
        company=person.company,
        title=person.position,
        linkedin_url=_url(person) if with_url else "",
        connected_on=person.connected_on,
    )


@settings(max_examples=150)
@given(exports())
def test_any_generated_export_reads_back_the_same(export: tuple[bytes, list, list]):
    data, records, nameless = export
    read = read_linkedin_connections(data)
    assert list(read.records) == records
    assert [entry.line for entry in read.skipped] == nameless


@settings(max_examples=200)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_are_read_or_refused_with_a_parse_error(data: bytes):
    try:
        read_linkedin_connections(PREAMBLE + HEADER.encode() + b"\n" + data)
    except ParseError as error:
        message = error.message
    else:
        return
    assert message.startswith("Connections.csv: ")

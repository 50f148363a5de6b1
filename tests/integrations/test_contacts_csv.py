"""Any CSV address book with a column mapping: fields from named columns, clear errors."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contacts import ContactRecord
from afterview.domain.errors import InvalidInput, ParseError
from afterview.integrations.contacts_csv import ContactFile, SkippedEntry, read_contacts_csv

FIXTURES = Path(__file__).parents[1] / "fixtures" / "contacts"
ADDRESS_BOOK = {
    "name": "Full Name",
    "first_name": "Given Name",
    "last_name": "Family Name",
    "emails": ["E-mail 1 - Value", "E-mail 2 - Value"],
    "phones": "Phone 1 - Value",
    "company": "Organization 1 - Name",
    "title": "Organization 1 - Title",
    "notes": "Notes",
}


def person(line: int, name: str, **fields: Any) -> ContactRecord:
    return ContactRecord(line=line, name=name, **fields)


def test_an_address_book_reads_through_its_mapping():
    read = read_contacts_csv(FIXTURES / "address-book.csv", ADDRESS_BOOK)

    assert read == ContactFile(
        "address-book.csv",
        (
            person(
                2,
                "Dana Reyes",
                emails=("dana@northwind.example", "dana.reyes@example.com"),  # " ::: "
                phones=("+1 415-555-0134",),
                company="Northwind Analytics, Inc.",
                title="Senior Data Engineer",
                notes='Met at PyCon; "great" talk',
            ),
            person(3, "Ana Lima", emails=("ana.lima@example.com",)),  # from the name parts
            person(
                6,
                "Ayşe Öztürk",
                emails=("ayse@example.org",),
                phones=("+90 212 555 0101",),
                company="Fabrikam",
                notes="two\nlines",
            ),
            person(8, "Chris Doe", emails=("CHRIS@example.com",)),  # one of two spellings
        ),
        (SkippedEntry(5, "no name"),),
    )


def test_column_names_match_without_regard_to_case_or_spaces():
    data = b"NAME , e-mail\nDana Reyes,dana@example.com\n"
    read = read_contacts_csv(data, {"name": "Name", "emails": " E-Mail"})
    assert read.records == (person(2, "Dana Reyes", emails=("dana@example.com",)),)


def test_other_delimiters_short_rows_and_multiple_note_columns():
    data = "Name;Note 1;Note 2;Web\nDana Reyes;first;second\nAna Lima;;;https://x.example\n"
    read = read_contacts_csv(
        data.encode(),
        {"name": "Name", "notes": ["Note 1", "Note 2"], "linkedin_url": "Web"},
        delimiter=";",
        source="sheet.csv",
    )
    assert read == ContactFile(
        "sheet.csv",
        (
            person(2, "Dana Reyes", notes="first\nsecond"),
            person(3, "Ana Lima", linkedin_url="https://x.example"),
        ),
    )


def test_a_mapping_naming_a_missing_column_lists_the_columns_there_are():
    with pytest.raises(ParseError) as caught:
        read_contacts_csv(
            FIXTURES / "address-book.csv", ADDRESS_BOOK | {"phones": ["Phone 1 - Value", "Mobile"]}
        )
    assert caught.value.message == (
        "address-book.csv: line 1: no column 'Mobile' (for phones); the file's columns are: "
        "'Full Name', 'Given Name', 'Family Name', 'E-mail 1 - Value', 'E-mail 2 - Value', "
        "'Phone 1 - Value', 'Organization 1 - Name', 'Organization 1 - Title', 'Notes'"
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (
            {"name": "Name", "email": "E-mail"},
            "The column mapping names 'email', which is not a contact field; the fields are: "
            "name, first_name, last_name, emails, phones, company, title, linkedin_url, notes.",
        ),
        (
            {"emails": "E-mail"},
            "The column mapping needs a column for 'name', or for 'first_name' and 'last_name'.",
        ),
    ],
)
def test_a_mapping_that_cannot_work_is_refused_before_reading(mapping: dict, message: str):
    with pytest.raises(InvalidInput) as caught:
        read_contacts_csv(Path("/nonexistent.csv"), mapping)
    assert caught.value.message == message
    assert caught.value.field == "mapping"


BAD = [
    ("csv-bad-email.csv", "csv-bad-email.csv: line 3, Email: 'Kai Berg' is not an e-mail address"),
    (
        "csv-extra-values.csv",
        "csv-extra-values.csv: line 3: 4 values, but the header (line 1) has 2",
    ),
    ("csv-empty.csv", "csv-empty.csv: line 1: no header row: the file is empty"),
]


@pytest.mark.parametrize(("name", "message"), BAD, ids=[name for name, _ in BAD])
def test_a_malformed_file_is_refused_naming_file_line_and_column(name: str, message: str):
    with pytest.raises(ParseError) as caught:
        read_contacts_csv(FIXTURES / "bad" / name, {"name": "Name", "emails": "Email"})
    assert caught.value.message == message


def test_every_bad_csv_fixture_has_its_message():
    names = {path.name for path in (FIXTURES / "bad").glob("csv-*")}
    assert names == {name for name, _ in BAD}


def test_a_file_that_is_not_utf8_names_its_line():
    with pytest.raises(ParseError) as caught:
        read_contacts_csv("Name\nJürgen\n".encode("latin-1"), {"name": "Name"})
    assert caught.value.message == "contacts.csv: line 2: not UTF-8 text (byte 0xfc)"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=15).map(str.strip)
_EMAILS = st.from_regex(r"[a-z0-9._%+-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,6}", fullmatch=True)
COLUMNS = ("Given", "Family", "Mail", "Work mail", "Org", "Role")


@settings(max_examples=100)
@given(
    st.permutations(COLUMNS),
    st.lists(
        st.tuples(_TEXT.filter(bool), _TEXT, _EMAILS, _EMAILS, _TEXT, _TEXT).filter(
            lambda row: row[2].casefold() != row[3].casefold()
        ),
        max_size=6,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_any_generated_csv_reads_back_the_same(order: list[str], rows: list[tuple], newline: str):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(order)
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        writer.writerow([values[column] for column in order])
    mapping = {
        "first_name": "Given",
        "last_name": "Family",
        "emails": ["Mail", "Work mail"],
        "company": "Org",
        "title": "Role",
    }

    read = read_contacts_csv(out.getvalue().encode(), mapping)

    assert list(read.records) == [
        person(
            line,
            f"{given} {family}".strip(),
            emails=(mail, work),
            company=org,
            title=role,
        )
        for line, (given, family, mail, work, org, role) in enumerate(rows, start=2)
    ]


@settings(max_examples=200)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_arbitrary_bytes_are_read_or_refused_with_a_parse_error(data: bytes):
    try:
        read_contacts_csv(b"Name,Email\n" + data, {"name": "Name", "emails": "Email"})
    except ParseError as error:
        message = error.message
    else:
        return
    assert message.startswith("contacts.csv: ")

"""vCard files: 2.1, 3.0 and 4.0 with their quirks, Apple's and Google's exports, malformed files,
and contacts written as vCard 3.0 and read back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.errors import ParseError
from afterview.integrations.contacts_csv import SkippedEntry
from afterview.integrations.vcard import contacts_to_vcard, read_vcards

FIXTURES = Path(__file__).parents[1] / "fixtures" / "contacts"
WHEN = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def person(line: int, name: str, **fields: Any) -> ContactRecord:
    return ContactRecord(line=line, name=name, **fields)


def vcf(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


def test_android_2_1_quoted_printable_bare_types_and_a_card_without_a_name():
    read = read_vcards(FIXTURES / "android-2.1.vcf")

    assert read.records == (
        person(
            1,
            "Александра Викторовна Смирнова",
            emails=("a.smirnova@fabrikam.example", "alexandra@example.ru"),  # PREF first
            phones=("+7 912 555-01-23", "+7 495 555-01-99"),
            company="Фабрикам, ООО",
            title="Руководитель",
            notes="Met in Berlin\nSpeaks German, too",
        ),
        person(
            19,
            "Reyes, Dana",  # 2.1 does not escape commas; they are kept
            phones=("+1 415-555-0134", "+1 415-555-0188"),
            company="Northwind Analytics, Inc.",
            title="Director, Data",
        ),
    )
    assert read.skipped == (SkippedEntry(28, "no name (neither FN nor N)"),)


def test_3_0_type_lists_escapes_and_folded_lines():
    read = read_vcards(FIXTURES / "contacts-3.0.vcf")

    assert read.records == (
        person(
            1,
            "Dana Reyes",
            emails=("dana@northwind.example", "dana.reyes@example.com"),
            phones=("+1 415-555-0134",),
            company="Northwind Analytics, Inc.",
            title="Senior Data Engineer",
            linkedin_url="https://www.linkedin.com/in/dana-reyes",
            notes="Met at PyCon US, Pittsburgh; talked about data contracts\nFollow up in May."
            " Path: C:\\data\\contracts — she said it’s fine to mention her name.",
        ),
        person(
            15,
            "田中 博",
            emails=("hiroshi.tanaka@example.jp",),
            company="Contoso",
            title="Director, Engineering",  # an unescaped comma, as some writers leave it
        ),
    )


def test_4_0_pref_numbers_tel_uris_sort_as_and_a_name_from_n():
    read = read_vcards(FIXTURES / "contacts-4.0.vcf")

    assert read.records == (
        person(
            1,
            "Ayşe Öztürk",
            emails=("ayse.ozturk@fabrikam.example", "ayse@example.org"),
            phones=("+44-20-7946-0958", "+44-20-7946-0000"),
            company="Fabrikam, Ltd.",
            title="Head of Research",
            linkedin_url="https://www.linkedin.com/in/ayse-ozturk",
            notes="Introduced by Dana.",
        ),
        person(16, "Γιώργος Παπαδόπουλος", emails=("giorgos@example.gr",)),
    )


def test_apple_groups_labels_social_profiles_and_escaped_colons():
    read = read_vcards(FIXTURES / "apple.vcf")

    assert read.records == (
        person(
            1,
            "Ana Lima",
            emails=("ana.lima@tailspin.example", "ana@example.com"),
            phones=("+55 11 95555-0101",),
            company="Tailspin Toys",
            title="Engineering Manager",
            linkedin_url="https://www.linkedin.com/in/ana-lima",
        ),
        person(
            23,
            "Kai Berg",
            emails=("kai@example.com",),
            linkedin_url="https://www.linkedin.com/in/kai-berg",  # from x-user
        ),
    )


def test_google_categories_and_an_empty_card():
    read = read_vcards(FIXTURES / "google.vcf")

    assert read.records == (
        person(
            1,
            "Dana Reyes",
            emails=("dana@northwind.example", "dana.reyes@example.com"),
            phones=("+1 415-555-0134",),
            company="Northwind Analytics, Inc.",
            title="Senior Data Engineer",
        ),
    )
    assert read.skipped == (SkippedEntry(12, "no name (neither FN nor N)"),)


def test_bytes_are_read_under_the_name_given_or_a_default():
    data = (FIXTURES / "google.vcf").read_bytes()

    assert read_vcards(data, source="phone.vcf").source == "phone.vcf"
    assert read_vcards(data).source == "contacts.vcf"


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_any_line_ending_and_blank_lines_between_cards(newline: str):
    lines = ["", "BEGIN:VCARD", "VERSION:3.0", "FN:Dana Reyes", "END:VCARD", "", ""]
    lines += ["BEGIN:VCARD", "VERSION:3.0", "FN:Ana Lima", "END:VCARD"]
    read = read_vcards(newline.join(lines).encode())

    assert [(r.line, r.name) for r in read.records] == [(2, "Dana Reyes"), (8, "Ana Lima")]


def test_a_byte_order_mark_is_ignored():
    read = read_vcards(b"\xef\xbb\xbf" + vcf("BEGIN:VCARD", "VERSION:3.0", "FN:Dana", "END:VCARD"))
    assert [r.name for r in read.records] == ["Dana"]


def test_lower_case_quoted_printable_and_other_charsets_are_decoded():
    read = read_vcards(
        vcf(
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN;CHARSET=UTF-8;ENCODING=quoted-printable:J=C3=BCrgen M=C3=BCller",
            "TITLE;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Gesch=E4ftsf=FChrer",
            "END:VCARD",
        )
    )
    assert [(r.name, r.title) for r in read.records] == [("Jürgen Müller", "Geschäftsführer")]


def test_a_soft_line_break_before_an_empty_line_and_a_second_encoding_are_read():
    # Android ends a long quoted-printable value with "=" and an empty line.
    read = read_vcards(
        vcf(
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=90=D0=BD=D0=BD=D0=B0=20=",
            "=D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2=D0=B0=",
            "",
            "TITLE;ENCODING=8BIT;QUOTED-PRINTABLE:Engineer=20II",
            "END:VCARD",
        )
    )
    assert [(r.name, r.title) for r in read.records] == [("Анна Петрова", "Engineer II")]


def test_unescaped_commas_survive_where_vobject_alone_would_cut_the_value():
    read = read_vcards(
        vcf(
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Smith, John",
            "ORG:Acme, Inc.;Sales, East",
            "NOTE:a, b\\, c\\; d \\\\ e\\nf",
            "TITLE:trailing backslash\\",
            "END:VCARD",
        )
    )
    (record,) = read.records
    assert (record.name, record.company, record.notes, record.title) == (
        "Smith, John",
        "Acme, Inc.",
        "a, b, c; d \\ e\nf",
        "trailing backslash\\",
    )


def test_nested_cards_are_not_people():
    read = read_vcards(
        vcf(
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Dana Reyes",
            "AGENT:",
            "BEGIN:VCARD",
            "VERSION:2.1",
            "FN:Her Assistant",
            "END:VCARD",
            "EMAIL:dana@example.com",
            "END:VCARD",
        )
    )
    assert read.records == (person(1, "Dana Reyes", emails=("dana@example.com",)),)


def test_a_name_from_n_joins_given_additional_and_family():
    read = read_vcards(
        vcf("BEGIN:VCARD", "VERSION:3.0", "N:Doe;John;Philip,Paul;Dr.;Jr.", "END:VCARD")
    )
    assert [r.name for r in read.records] == ["John Philip Paul Doe"]


BAD = [
    ("vcard-unclosed.vcf", "vcard-unclosed.vcf: line 5: this vCard has no END:VCARD"),
    (
        "vcard-outside.vcf",
        "vcard-outside.vcf: line 5: 'FN:Ana Lima' is outside BEGIN:VCARD … END:VCARD",
    ),
    (
        "vcard-not-a-line.vcf",
        'vcard-not-a-line.vcf: line 4: "Dana\'s phone is 555-0134" is not a vCard line '
        "(NAME:value)",
    ),
    (
        "vcard-unknown-charset.vcf",
        "vcard-unknown-charset.vcf: line 8, FN: unknown character set 'KLINGON'",
    ),
    (
        "vcard-bad-quoted-printable.vcf",
        "vcard-bad-quoted-printable.vcf: line 4, FN: quoted-printable text that is not valid UTF-8",
    ),
    (
        "vcard-calendar.vcf",
        "vcard-calendar.vcf: line 1: BEGIN:VCALENDAR starts something that is not a vCard",
    ),
    ("vcard-empty.vcf", "vcard-empty.vcf: line 1: no vCard in the file (no BEGIN:VCARD line)"),
    (
        "vcard-end-without-begin.vcf",
        "vcard-end-without-begin.vcf: line 5: END without a BEGIN:VCARD before it",
    ),
    ("vcard-latin1.vcf", "vcard-latin1.vcf: line 3: not UTF-8 text (byte 0xfc)"),
]


@pytest.mark.parametrize(("name", "message"), BAD, ids=[name for name, _ in BAD])
def test_a_malformed_file_is_refused_naming_file_line_and_property(name: str, message: str):
    with pytest.raises(ParseError) as caught:
        read_vcards(FIXTURES / "bad" / name)
    assert caught.value.message == message
    assert caught.value.source == name


def test_every_bad_vcard_fixture_has_its_message():
    names = {path.name for path in (FIXTURES / "bad").glob("*.vcf")}
    assert names == {name for name, _ in BAD}


def test_a_missing_file_is_named(tmp_path: Path):
    with pytest.raises(ParseError) as caught:
        read_vcards(tmp_path / "phone.vcf")
    assert caught.value.message == "phone.vcf: file: no such file"


# Writing.


def make_contact(**overrides: Any) -> Contact:
    values: dict[str, Any] = {
        "id": 1,
        "uid": UUID("4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"),
        "name": "Dana Reyes",
        "created_at": WHEN,
        "updated_at": WHEN,
    }
    return Contact(**(values | overrides))


def test_contacts_are_written_as_vcard_3_0():
    text = contacts_to_vcard(
        [
            make_contact(
                emails=("dana@northwind.example", "dana.reyes@example.com"),
                phones=("+1 415-555-0134",),
                company_name="Northwind Analytics, Inc.",
                title="Senior Data Engineer",
                notes="Met at PyCon; follow up\nin May.",
            ),
            make_contact(id=2, uid=UUID(int=2), name="Madonna"),
        ]
    )

    assert text == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
        "EMAIL;TYPE=INTERNET,pref:dana@northwind.example\r\n"
        "EMAIL;TYPE=INTERNET:dana.reyes@example.com\r\n"
        "FN:Dana Reyes\r\n"
        "N:Reyes;Dana;;;\r\n"
        "NOTE:Met at PyCon\\; follow up\\nin May.\r\n"
        "ORG:Northwind Analytics\\, Inc.\r\n"
        "REV:2026-11-26T09:00:00Z\r\n"
        "TEL:+1 415-555-0134\r\n"
        "TITLE:Senior Data Engineer\r\n"
        "END:VCARD\r\n"
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "UID:urn:uuid:00000000-0000-0000-0000-000000000002\r\n"
        "FN:Madonna\r\n"
        "N:;Madonna;;;\r\n"
        "REV:2026-11-26T09:00:00Z\r\n"
        "END:VCARD\r\n"
    )


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    text = contacts_to_vcard([make_contact(notes="Öztürk " * 40)])

    lines = text.split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)
    assert read_vcards(text.encode()).records[0].notes == ("Öztürk " * 40).strip()


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30).map(str.strip)
_NOTES = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"), max_size=80).map(
    str.strip
)
_EMAILS = st.from_regex(r"[a-z0-9._%+-]{1,10}@[a-z0-9-]{1,10}\.[a-z]{2,6}", fullmatch=True)
_PHONES = st.from_regex(r"\+?[0-9][0-9 ()-]{2,18}[0-9]", fullmatch=True)
_CONTACTS = st.builds(
    make_contact,
    id=st.integers(1, 10_000),
    uid=st.uuids(),
    name=_TEXT.filter(bool),
    emails=st.lists(_EMAILS, max_size=3, unique_by=str.casefold).map(tuple),
    phones=st.lists(_PHONES, max_size=3, unique=True).map(tuple),
    company_name=st.one_of(st.none(), _TEXT.filter(bool)),
    title=_TEXT,
    notes=_NOTES,
)


@settings(max_examples=150)
@given(st.lists(_CONTACTS, min_size=1, max_size=4))
def test_written_contacts_read_back_the_same(contacts: list[Contact]):
    text = contacts_to_vcard(contacts)
    read = read_vcards(text.encode())

    assert [(r.name, r.emails, r.phones, r.company, r.title, r.notes) for r in read.records] == [
        (c.name, c.emails, c.phones, c.company_name or "", c.title, c.notes) for c in contacts
    ]
    lines = text.split("\r\n")
    assert all(lines[record.line - 1] == "BEGIN:VCARD" for record in read.records)
    assert read.skipped == ()


@settings(max_examples=200)
@given(
    st.lists(
        st.sampled_from(
            ["BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "FN:x", "N:a;b", " folded", "", "=",
             "TEL;CELL:1", "EMAIL;PREF=x:a@b", "FN;ENCODING=QUOTED-PRINTABLE:=C3=", "x", ":",
             "NOTE;CHARSET=x;ENCODING=QUOTED-PRINTABLE:=41", "ORG:\\", "N:\\;\\", "BEGIN:X"]
        )
        | st.text(max_size=20),
        max_size=12,
    )
)  # fmt: skip
def test_arbitrary_lines_are_read_or_refused_with_a_parse_error(lines: list[str]):
    try:
        read_vcards("\r\n".join(lines).encode())
    except ParseError as error:
        message = error.message
    else:
        return
    assert message.startswith("contacts.vcf: ")

"""Importing people: LinkedIn exports, vCards and other CSVs into a real database (SQLite
and PostgreSQL) — added, updated, unchanged and skipped, all or nothing."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from afterview.domain.contacts import Contact
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.events import EventKind
from afterview.services.companies import add_company
from afterview.services.contact_import import CHUNK, Format, export_vcards, import_contacts
from afterview.services.contacts import add_contact, list_contacts, show_contact
from afterview.services.workspace import Workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def by_name(ws: Workspace) -> dict[str, Contact]:
    return {c.name: c for c in list_contacts(ws)}


def test_a_linkedin_export_adds_people_and_their_companies(ws):
    report = import_contacts(ws, FIXTURES / "Connections.csv")
    assert report.format == Format.LINKEDIN
    assert [r.name for r in report.added] == [
        "Dana Reyes",
        "Jürgen Müller",
        "Priya Natarajan",
        'Sam "Sammy" O\'Neil',
        "李 娜",
        "Chris",
    ]
    assert [(s.line, s.reason) for s in report.skipped] == [(10, "no first or last name")]
    people = by_name(ws)
    dana = people["Dana Reyes"]
    assert (dana.company_name, dana.title, dana.origin) == (
        "Northwind Analytics, Inc.",
        "Senior Data Engineer",
        "linkedin",
    )
    assert (dana.linkedin_url, dana.connected_on) == (
        "https://www.linkedin.com/in/dana-reyes",
        date(2026, 7, 16),
    )
    assert people["Priya Natarajan"].company_name is None
    assert people["Jürgen Müller"].emails == ("juergen.mueller@example.de",)
    created = show_contact(ws, dana.id).timeline
    assert [e.kind for e in created] == [EventKind.CREATED]
    assert created[0].data == {
        "summary": "Dana Reyes (Senior Data Engineer, Northwind Analytics, Inc.)"
    }


def test_importing_the_same_export_again_changes_nothing(ws):
    import_contacts(ws, FIXTURES / "Connections.csv")
    before = {c.id: c for c in list_contacts(ws)}
    again = import_contacts(ws, FIXTURES / "Connections.csv")
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, 6)
    assert again.companies_added == []
    assert {c.id: c for c in list_contacts(ws)} == before


def test_a_newer_export_updates_people_and_keeps_where_they_worked(ws, tmp_path):
    add_company(ws, name="Northwind Analytics", aliases=["NWA"])
    import_contacts(ws, FIXTURES / "Connections.csv")
    dana = by_name(ws)["Dana Reyes"]
    assert dana.company_name == "Northwind Analytics"  # "…, Inc." is the same company
    newer = tmp_path / "Connections.csv"
    newer.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Dana,Reyes-Okafor,https://www.linkedin.com/in/Dana-Reyes/,dana@contoso.example,"
        "Contoso Ltd,Head of Data,16 Jul 2026\r\n",
        encoding="utf-8",
    )
    report = import_contacts(ws, newer)
    [update] = report.updated
    assert update.contact == dana  # the whole stored contact, as it was
    assert set(update.changes) == {"name", "emails", "title", "company", "past_companies"}
    detail = show_contact(ws, dana.id)
    now = detail.contact
    assert (now.name, now.title) == ("Dana Reyes-Okafor", "Head of Data")
    assert now.company_name == "Contoso, Ltd."  # the company Sam's row created
    assert now.past_companies == ("Northwind Analytics",)
    assert now.emails == ("dana@contoso.example",)
    changed = detail.timeline[-1]
    assert changed.kind == EventKind.UPDATED
    assert changed.data["changes"]["title"] == ["Senior Data Engineer", "Head of Data"]


def test_people_are_recognised_by_email_then_by_name_at_the_same_company(ws, tmp_path):
    add_contact(ws, name="Ana Lima", emails=["ana@globex.example"], company="Globex")
    add_contact(ws, name="Ben Ode", company="Initech Inc.")
    add_contact(ws, name="Ben Ode", company="Hooli")  # the same name elsewhere: another person
    file = tmp_path / "people.csv"
    file.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ana,Lima,ANA@globex.example,Globex Corporation,CTO,01 Feb 2026\n"
        "ben,ode,,Initech,Engineer,01 Feb 2026\n",
        encoding="utf-8",
    )
    report = import_contacts(ws, file)
    assert report.added == []
    assert [(u.contact.name, u.contact.company_name) for u in report.updated] == [
        ("Ana Lima", "Globex"),
        ("Ben Ode", "Initech Inc."),
    ]
    assert len(list_contacts(ws)) == 3


def test_the_same_person_twice_in_one_file_is_skipped_with_the_first_line(ws, tmp_path):
    file = tmp_path / "Connections.csv"
    file.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Dana,Reyes,https://www.linkedin.com/in/dana-reyes,,Northwind,,16 Jul 2026\n"
        "Dana,R.,https://linkedin.com/in/dana-reyes/,,Northwind,,16 Jul 2026\n",
        encoding="utf-8",
    )
    report = import_contacts(ws, file)
    assert [r.name for r in report.added] == ["Dana Reyes"]
    assert [(s.line, s.reason) for s in report.skipped] == [(3, "same person as line 2")]


def test_a_dry_run_reports_and_writes_nothing(ws):
    report = import_contacts(ws, FIXTURES / "Connections.csv", dry_run=True)
    assert (len(report.added), report.dry_run) == (6, True)
    assert "Fabrikam" in report.companies_added
    assert list_contacts(ws) == []


@pytest.mark.parametrize("bad", sorted(p.name for p in (FIXTURES / "bad").iterdir()))
def test_a_malformed_file_is_refused_whole_and_writes_nothing(ws, tmp_path, bad):
    add_contact(ws, name="Dana Reyes")
    path = tmp_path / bad
    shutil.copy(FIXTURES / "bad" / bad, path)
    kind = {"csv": Format.CSV, "linkedin": Format.LINKEDIN, "vcard": Format.VCARD}.get(
        bad.split("-")[0]
    )  # None: found from the contents (a ZIP archive is LinkedIn's whole download)
    mapping = {"name": "Name", "emails": "E-mail"} if kind == Format.CSV else None
    with pytest.raises(InvalidInput) as refused:
        import_contacts(ws, path, format=kind, mapping=mapping)
    assert str(refused.value).startswith(f"{bad}: ")
    assert [c.name for c in list_contacts(ws)] == ["Dana Reyes"]


def test_a_bad_email_in_an_otherwise_good_file_names_its_line(ws, tmp_path):
    file = tmp_path / "book.vcf"
    file.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@globex.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Ode\r\nEMAIL:ben at initech\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as refused:
        import_contacts(ws, file)
    assert str(refused.value).startswith("book.vcf: line 6, e-mail: ")
    assert list_contacts(ws) == []


def test_another_csv_needs_its_columns_named(ws):
    with pytest.raises(InvalidInput, match="column mapping"):
        import_contacts(ws, FIXTURES / "address-book.csv")


def test_vcards_export_and_import_back_as_the_same_people(ws, tmp_path):
    import_contacts(ws, FIXTURES / "contacts-3.0.vcf")
    import_contacts(ws, FIXTURES / "Connections.csv")
    path = tmp_path / "all.vcf"
    text, count = export_vcards(ws, path=path)
    assert count == len(list_contacts(ws))
    assert path.read_bytes().decode("utf-8") == text  # CRLF, as vCard wants
    again = import_contacts(ws, path)
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, count)


def test_an_unreadable_file_is_a_clear_error(ws, tmp_path):
    with pytest.raises(InvalidInput, match=r"Cannot read .*missing\.csv"):
        import_contacts(ws, tmp_path / "missing.csv")


def test_a_long_export_gives_each_person_their_own_history(ws, tmp_path):
    """More people than one batch of writes: every contact gets its company and its own
    "created" event, and importing the file again changes nothing."""
    count = CHUNK + 150
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [
        f"Ana{n},Lima{n},https://www.linkedin.com/in/ana-{n},,Firm {n % 40},Engineer,16 Jul 2026"
        for n in range(count)
    ]
    file = tmp_path / "Connections.csv"
    file.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    report = import_contacts(ws, file)
    assert (len(report.added), len(report.companies_added)) == (count, 40)
    people = by_name(ws)
    for n in (0, CHUNK - 1, CHUNK, count - 1):
        person = people[f"Ana{n} Lima{n}"]
        assert person.company_name == f"Firm {n % 40}"
        [created] = show_contact(ws, person.id).timeline
        assert created.data == {"summary": f"Ana{n} Lima{n} (Engineer, Firm {n % 40})"}
    again = import_contacts(ws, file)
    assert (len(again.added), len(again.updated), again.unchanged) == (0, 0, count)

"""`afterview contact import` and `contact export --vcard`, driven as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def test_importing_a_linkedin_export_then_a_newer_one(run: Run):
    first = run("contact", "import", str(FIXTURES / "Connections.csv")).stdout
    assert first.splitlines()[:2] == [
        "Imported Connections.csv (a LinkedIn export): 6 added, 0 updated, 0 unchanged, 1 skipped.",
        "New companies: Northwind Analytics, Inc., Bäckerei Müller GmbH, Contoso, Ltd., "
        "Fabrikam, Tailspin Toys.",
    ]
    assert "10            no first or last name" in first
    preview = run("contact", "import", str(FIXTURES / "Connections-old.csv"), "--dry-run")
    assert preview.stdout == (
        "Would import Connections-old.csv (a LinkedIn export): 1 added, 1 updated, 0 unchanged, "
        "0 skipped.\n"
        "\n"
        "Updated\n"
        "Line   Contact      Changed\n"
        "────────────────────────────────────────\n"
        "2      Dana Reyes   emails, connected_on\n"
        "Nothing was written (--dry-run).\n"
    )
    assert "Ana Lima" not in run("contact", "list").stdout
    data = json.loads(
        run("contact", "import", str(FIXTURES / "Connections-old.csv"), "--json").stdout
    )
    assert (data["added"], data["unchanged"]) == ([{"line": 3, "name": "Ana Lima"}], 0)
    assert data["updated"][0]["changed"] == ["emails", "connected_on"]
    dana = json.loads(run("contact", "show", "dana", "--json").stdout)
    assert (dana["emails"], dana["connected_on"], dana["origin"]) == (
        ["dana.reyes@example.com"],
        "2019-07-16",
        "linkedin",
    )


def test_another_csv_with_a_column_mapping(run: Run):
    out = run(
        "contact",
        "import",
        str(FIXTURES / "address-book.csv"),
        "--map",
        "name=Full Name",
        "--map",
        "first_name=Given Name",
        "--map",
        "last_name=Family Name",
        "--map",
        "emails=E-mail 1 - Value",
        "--map",
        "company=Organization 1 - Name",
    ).stdout
    assert out.startswith("Imported address-book.csv (CSV): ")
    assert "Dana Reyes" in run("contact", "list", "northwind").stdout


def test_a_bad_file_or_mapping_is_one_clear_line(run: Run):
    bad = run("contact", "import", str(FIXTURES / "bad" / "linkedin-bad-date.csv"), expect=5)
    assert bad.stderr.startswith("Error: linkedin-bad-date.csv: line 7, Connected On: ")
    needs = run("contact", "import", str(FIXTURES / "address-book.csv"), expect=5)
    assert "column mapping" in needs.stderr
    wrong = run("contact", "import", str(FIXTURES / "address-book.csv"), "--map", "name", expect=2)
    assert "'name' is not FIELD=COLUMN" in wrong.stderr
    assert run("contact", "list").stdout.startswith("No contacts found.")


def test_exporting_vcards_to_a_file_and_to_stdout(run: Run, tmp_path: Path):
    run("contact", "add", "Grace Okafor", "--email", "grace@example.org", "--company", "Acme")
    card = run("contact", "export", "--vcard").stdout_bytes.decode("utf-8")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Grace Okafor\r\n" in card
    assert "ORG:Acme\r\n" in card
    out = tmp_path / "people.vcf"
    written = run("contact", "export", "--vcard", "-o", str(out))
    assert written.stderr == f"Wrote 1 contacts to {out}.\n"
    again = run("contact", "import", str(out)).stdout
    assert again.startswith("Imported people.vcf (vCards): 0 added, 0 updated, 1 unchanged")
    assert "Say the format: --vcard." in run("contact", "export", expect=2).stderr


def test_who_lists_the_people_you_know_there(run: Run):
    run("company", "add", "Northwind Analytics", "--alias", "NWA", "--domain", "northwind.example")
    run("contact", "import", str(FIXTURES / "Connections.csv"))
    run("contact", "add", "Ana Lima", "--email", "ana@mail.northwind.example")
    assert run("who", "nwa").stdout == (
        "People you know at nwa (taken as Northwind Analytics): 2.\n"
        "ID   Name         Title                  Works at              Sure   Why\n"
        + "─"
        * 100
        + "\n"
        " 1   Dana Reyes   Senior Data Engineer   Northwind Analytics   100    same name\n"
        " 7   Ana Lima                                                  95     e-mail at\n"
        + " " * 70
        + "mail.northwind.example\n"
    )
    data = json.loads(run("who", "Northwind Analytics", "--json").stdout)
    assert data["company"] == {"id": 1, "name": "Northwind Analytics"}
    assert [(p["contact"]["name"], p["match"]["level"]) for p in data["people"]] == [
        ("Dana Reyes", "exact"),
        ("Ana Lima", "email"),
    ]
    assert run("who", "Initech").stdout == (
        "People you know at Initech: 0.\nNobody you know there yet.\n"
    )
    assert "No company 99." in run("who", "99", expect=3).stderr

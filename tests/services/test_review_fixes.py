"""Behaviour found missing in review: each a way the app could store or say something wrong."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from afterview.domain.errors import Conflict, DatabaseError, InvalidInput, NotFound, ParseError
from afterview.services.applications import add_application, show_application
from afterview.services.companies import add_company, list_companies
from afterview.services.contacts import show_contact
from afterview.services.interviews import edit_interview
from afterview.services.maintenance import back_up_database
from afterview.services.transfer import export_document, export_text, import_file
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_contact, make_interview, make_profile


def test_applied_dates_look_back_and_never_ahead(ws):
    assert make_application(ws, applied_on="3 Nov").applied_on == date(2026, 11, 3)
    assert make_application(ws, role="B", applied_on="monday").applied_on == date(2026, 11, 23)
    with pytest.raises(InvalidInput, match=re.escape("2026-12-24 is after today (2026-11-26)")):
        make_application(ws, role="C", applied_on="2026-12-24")


def test_overlong_values_are_refused_the_same_on_both_databases(ws):
    with pytest.raises(
        InvalidInput, match=re.escape("The role is 301 characters long; at most 300 fit.")
    ):
        add_application(ws, company="Acme", role="x" * 301)
    with pytest.raises(InvalidInput, match="The name is 201 characters long"):
        make_contact(ws, name="y" * 201)


def test_a_digit_company_reference_is_an_id(ws):
    first = make_application(ws, company="Acme Corp")
    second = add_application(ws, company=str(first.company_id), role="Platform Engineer")
    assert second.company_name == "Acme Corp"
    assert len(list_companies(ws)) == 1


def test_an_alias_shared_by_two_companies_is_refused(ws):
    add_company(ws, name="Northwind Analytics", aliases=["Northwind"])
    with pytest.raises(Conflict, match="'northwind' already names company 1"):
        add_company(ws, name="Northwind Traders", aliases=["Northwind"])
    with pytest.raises(Conflict, match="already names company 1"):
        add_company(ws, name="northwind")


def test_a_contact_found_by_email_can_be_shown_by_it(ws):
    mei = make_contact(ws, name="Mei Chen", emails=["mei.chen@northwind.example"])
    assert show_contact(ws, "mei.chen@").contact == mei


def test_non_ascii_digits_are_names_not_ids(ws):
    make_application(ws)
    with pytest.raises(NotFound, match=re.escape("No application matching '²'.")):
        show_application(ws, "²")


def test_moving_an_interview_to_a_time_keeps_its_day(ws):
    interview = make_interview(ws, starts="2026-12-03 10:00 Europe/Berlin")
    moved = edit_interview(ws, interview.id, starts="15:30")
    assert moved.starts_at == datetime(2026, 12, 3, 14, 30, tzinfo=UTC)


def test_changing_only_the_zone_keeps_the_clock_time(ws):
    interview = make_interview(ws, starts="2026-12-03 10:00 Europe/Berlin", duration="45m")
    moved = edit_interview(ws, interview.id, zone="Europe/London")
    assert (moved.starts_at, moved.time_zone) == (
        datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
        "Europe/London",
    )
    assert moved.ends_at - moved.starts_at == interview.ends_at - interview.starts_at


def test_a_backup_path_ending_in_a_slash_is_a_folder(tmp_path):
    from afterview.config import load_settings

    ws = Workspace.open(load_settings(database_url=f"sqlite:///{tmp_path / 'live.db'}"))
    make_application(ws)
    source, copy = back_up_database(ws, f"{tmp_path / 'new-folder'}/")
    assert copy == tmp_path / "new-folder" / "live.db"
    assert source == tmp_path / "live.db"
    ws.db.dispose()


def test_an_unreachable_database_is_a_database_error(tmp_path):
    from afterview.config import load_settings

    (tmp_path / "notes.txt").write_text("this is not a database\n" * 100)
    for url in (f"sqlite:///{tmp_path / 'notes.txt'}", "postgresql://nobody@127.0.0.1:1/none"):
        ws = Workspace.open(load_settings(database_url=url))
        with pytest.raises(DatabaseError, match="Cannot use the database at"):
            make_application(ws)


def _document(ws: Workspace, tmp_path: Path) -> dict:
    settings = ws.settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 's.db'}"})
    source = Workspace.open(settings)
    make_profile(source)
    make_interview(source, interviewers=["Dana Reyes"])
    make_contact(source, name="Grace Okafor", emails=["grace@example.org"], company="Globex")
    return json.loads(export_text(source))


@pytest.mark.parametrize(
    ("mutate", "where", "problem"),
    [
        (
            lambda d: d["applications"][0].update(
                salary={"min": -5, "max": None, "currency": None}
            ),
            "$.applications[0].salary",
            "A salary cannot be negative.",
        ),
        (
            lambda d: d["applications"][0]["salary"].update(currency="eurx"),
            "$.applications[0].salary",
            "'eurx' is not a currency code",
        ),
        (
            lambda d: d["contacts"][1]["emails"].append("not an email"),
            "$.contacts[1].emails[1]",
            "'not an email' is not an e-mail address.",
        ),
        (lambda d: d["profile"].update(country="ZZ"), "$.profile.country", "Unknown country"),
        (
            lambda d: d["companies"][1].update(name="acme corp"),
            "$.companies[1].name",
            "'acme corp' also names $.companies[0]",
        ),
        (
            lambda d: d["applications"][0].update(role=" "),
            "$.applications[0].role",
            "The role must not be empty.",
        ),
    ],
)
def test_imports_obey_the_same_rules_as_typed_records(ws, tmp_path, mutate, where, problem):
    document = _document(ws, tmp_path)
    mutate(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ParseError) as raised:
        import_file(ws, path)
    assert (raised.value.source, raised.value.where) == (str(path), where)
    assert problem in raised.value.message
    assert export_document(ws).applications == []

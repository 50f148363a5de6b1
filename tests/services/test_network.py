"""Who you know at a company (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from afterview.domain.employers import MatchLevel
from afterview.domain.errors import Ambiguous, NotFound
from afterview.services.companies import add_company
from afterview.services.contact_import import import_contacts
from afterview.services.contacts import add_contact
from afterview.services.network import Asked, people_for_application, who_at
from afterview.services.workspace import Workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


@pytest.fixture
def network(ws: Workspace, tmp_path: Path) -> Workspace:
    add_company(ws, name="Northwind Analytics", aliases=["NWA"], domains=["northwind.example"])
    import_contacts(ws, FIXTURES / "Connections.csv")  # Dana at "Northwind Analytics, Inc."
    add_contact(ws, name="Ana Lima", emails=["ana@mail.northwind.example"])
    add_contact(ws, name="Ben Ode", company="Nortwind Analytics", title="Analyst")  # a typo
    add_contact(ws, name="Cy Park", company="Northwind Traders")  # another company
    add_contact(ws, name="Di Rao", emails=["di@gmail.com"], company="Apple")
    newer = tmp_path / "newer.csv"
    newer.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,O'Neil,https://www.linkedin.com/in/sam-oneil,,Northwind Analytics,CTO,01 Jan 2023\n",
        encoding="utf-8",
    )
    import_contacts(ws, newer)  # Sam leaves Contoso for Northwind
    return ws


def test_who_lists_people_best_first_with_why(network: Workspace):
    found = who_at(network, "northwind analytics")
    assert found.company.name == "Northwind Analytics"
    assert [(p.contact.name, p.match.level, p.former) for p in found.people] == [
        ("Dana Reyes", MatchLevel.EXACT, False),
        ("Sam O'Neil", MatchLevel.EXACT, False),
        ("Ana Lima", MatchLevel.EMAIL, False),
        ("Ben Ode", MatchLevel.FUZZY, False),
    ]
    reasons = {p.contact.name: p.match.reason for p in found.people}
    assert "mail.northwind.example" in reasons["Ana Lima"]
    assert "Nortwind" in reasons["Ben Ode"]


def test_who_finds_people_who_used_to_work_there(network: Workspace):
    found = who_at(network, "Contoso")
    assert [(p.contact.name, p.former) for p in found.people] == [("Sam O'Neil", True)]
    assert found.company.name == "Contoso, Ltd."


def test_an_alias_a_spelling_or_a_typo_names_the_stored_company(network: Workspace):
    for text in ("NWA", "northwind analytics, inc.", "Northwind Analytic"):
        assert who_at(network, text).company.name == "Northwind Analytics", text


def test_a_company_nobody_knows_is_answered_by_its_name(network: Workspace):
    found = who_at(network, "Applied Materials")
    assert found.company == Asked("Applied Materials")
    assert found.people == []  # not Di at Apple


def test_an_unknown_id_or_an_ambiguous_fragment_is_an_error(network: Workspace):
    with pytest.raises(NotFound):
        who_at(network, "999")
    with pytest.raises(Ambiguous):
        who_at(network, "northwind")


def test_an_application_names_the_people_at_its_company(network: Workspace):
    from afterview.services.applications import add_application

    application = add_application(network, company="NWA", role="Data Engineer")
    found = people_for_application(network, application.id)
    assert found.company.name == "Northwind Analytics"
    assert found.asked == "Northwind Analytics"
    assert [p.contact.name for p in found.people] == [
        "Dana Reyes",
        "Sam O'Neil",
        "Ana Lima",
        "Ben Ode",
    ]
    contoso = add_application(network, company="Contoso, Ltd.", role="Engineer")
    assert [
        (p.contact.name, p.former) for p in people_for_application(network, contoso.id).people
    ] == [("Sam O'Neil", True)]
    with pytest.raises(NotFound):
        people_for_application(network, 999)


def test_who_sees_a_change_to_the_companies_at_once(network: Workspace):
    """The companies are kept between calls while nothing changes (on SQLite); any change,
    here a new alias and a new company, is seen by the next call."""
    from afterview.services.companies import edit_company

    assert who_at(network, "Cobalt Labs").company == Asked("Cobalt Labs")
    assert who_at(network, "Northwind Analytics") == who_at(network, "Northwind Analytics")
    edit_company(network, "Northwind Analytics", aliases=["NWA", "Northwind Data"])
    assert who_at(network, "Northwind Data").company.name == "Northwind Analytics"
    add_company(network, name="Cobalt Labs")
    add_contact(network, name="Eve Sol", company="Cobalt Labs, Inc.")
    found = who_at(network, "Cobalt Labs")
    assert found.company.name == "Cobalt Labs"
    assert [p.contact.name for p in found.people] == ["Eve Sol"]

from __future__ import annotations

import re

import pytest

from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.events import EventKind
from afterview.services.companies import add_company, edit_company, show_company
from afterview.services.contacts import (
    add_contact,
    edit_contact,
    list_contacts,
    show_contact,
)
from afterview.services.profile import display_zone, get_profile, set_up_profile
from tests.builders import make_application, make_contact, make_interview, make_profile


def test_contact_with_company_emails_and_phones(ws):
    contact = add_contact(
        ws,
        name="Dana Reyes",
        emails=["dana@acme.example", "DANA@acme.example"],
        phones=["+1 555 0100"],
        company="Acme Corp",
        title="VP Data",
    )
    assert contact.emails == ("dana@acme.example",)
    assert contact.label == "Dana Reyes (VP Data, Acme Corp)"
    assert show_company(ws, "acme").contacts == [contact]


def test_invalid_email_is_refused(ws):
    with pytest.raises(InvalidInput, match=re.escape("'dana at acme' is not an e-mail address.")):
        add_contact(ws, name="Dana", emails=["dana at acme"])
    assert list_contacts(ws) == []


def test_search_matches_name_title_company_and_email(ws):
    dana = make_contact(ws, name="Dana Reyes", title="VP Data", emails=["dr@acme.example"])
    marcus = make_contact(ws, name="Marcus Lee", company="Globex", title="Engineer")
    assert list_contacts(ws, search="reyes") == [dana]
    assert list_contacts(ws, search="vp") == [dana]
    assert list_contacts(ws, search="globex") == [marcus]
    assert list_contacts(ws, search="dr@acme") == [dana]
    assert list_contacts(ws, company="Globex") == [marcus]
    assert [c.name for c in list_contacts(ws)] == ["Dana Reyes", "Marcus Lee"]


def test_edit_contact_detaches_company_and_keeps_history(ws):
    contact = make_contact(ws)
    edited = edit_contact(ws, contact.id, company="", emails=["d@example.org"])
    assert (edited.company_id, edited.emails) == (None, ("d@example.org",))
    event = show_contact(ws, contact.id).timeline[-1]
    assert event.kind == EventKind.UPDATED
    assert event.data["changes"] == {
        "emails": [[], ["d@example.org"]],
        "company_name": ["Acme Corp", None],
    }


def test_contact_shows_the_interviews_they_were_on(ws):
    interview = make_interview(ws, interviewers=["Dana Reyes"])
    assert [i.id for i in show_contact(ws, "dana").interviews] == [interview.id]


def test_company_names_are_unique(ws):
    add_company(ws, name="Acme Corp")
    with pytest.raises(Conflict, match="There is already a company called 'ACME corp'"):
        add_company(ws, name="ACME corp")


def test_company_domains_are_checked_and_normalised(ws):
    company = add_company(ws, name="Acme", domains=["WWW.Acme.example"])
    assert company.domains == ("acme.example",)
    with pytest.raises(InvalidInput, match="'not a domain' is not a domain name"):
        edit_company(ws, company.id, domains=["not a domain"])


def test_company_show_lists_applications(ws):
    application = make_application(ws)
    detail = show_company(ws, "acme")
    assert detail.applications == [application]
    assert [e.kind for e in detail.timeline] == [EventKind.CREATED]


def test_profile_is_set_up_then_changed(ws):
    assert get_profile(ws) is None
    assert display_zone(ws) == "UTC"
    profile = make_profile(ws)
    assert profile.country == "DE"
    assert display_zone(ws) == "Europe/Berlin"
    changed = make_profile(ws, target_roles=["Data Engineer", "data engineer", "Analyst"])
    assert changed.target_roles == ("Data Engineer", "Analyst")
    assert get_profile(ws) == changed
    placed = make_profile(ws, target_places=["Berlin", " berlin ", "Remote EU"], remote_ok=False)
    assert (placed.target_places, placed.remote_ok) == (("Berlin", "Remote EU"), False)
    assert get_profile(ws) == placed


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"time_zone": "Mars/Olympus"}, "Unknown time zone 'Mars/Olympus'"),
        ({"country": "XX"}, "Unknown country 'XX'"),
        ({"subdivision": "ZZ"}, "Unknown subdivision 'ZZ' for DE"),
        ({"email": "nope"}, "'nope' is not an e-mail address"),
    ],
)
def test_bad_profile_values_write_nothing(ws, overrides, message):
    with pytest.raises(InvalidInput, match=message):
        set_up_profile(
            ws,
            **(
                {
                    "name": "Sam",
                    "email": "s@example.org",
                    "time_zone": "UTC",
                    "country": "DE",
                    "subdivision": None,
                }
                | overrides
            ),
        )
    assert get_profile(ws) is None


def test_search_and_fragments_fold_accented_capitals(ws):
    from afterview.services.applications import show_application
    from afterview.services.interviews import show_interview

    tomas = make_contact(ws, name="Tomás Álvarez", company="Ålesund Élan")
    assert list_contacts(ws, search="álvarez") == [tomas]
    assert show_contact(ws, "ÁLVAREZ").contact == tomas
    application = make_application(ws, company="Ålesund Élan", role="Ingénieur")
    assert show_application(ws, "ålesund élan").application.id == application.id
    interview = make_interview(ws, application=application.id, interviewers=["Tomás Álvarez"])
    assert show_interview(ws, "álvarez").interview.id == interview.id

"""Matching imported people with the stored contacts (pure)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afterview.domain.contacts import Contact, ContactRecord
from afterview.domain.errors import ParseError
from afterview.domain.merging import (
    changes_for,
    linkedin_key,
    match_records,
    person_key,
    plan_import,
)
from afterview.services.contact_import import Person

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def stored(id_: int, name: str, **fields: Any) -> Contact:
    return Contact(id=id_, uid=uuid4(), name=name, created_at=NOW, updated_at=NOW, **fields)


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://www.linkedin.com/in/Dana-Reyes/", "linkedin.com/in/dana-reyes"),
        ("http://linkedin.com/in/dana-reyes?trk=people", "linkedin.com/in/dana-reyes"),
        ("de.linkedin.com/in/dana-reyes", "linkedin.com/in/dana-reyes"),
        ("HTTPS://WWW.LinkedIn.com/in/Dana-Reyes//", "linkedin.com/in/dana-reyes"),
        ("https://www.linkedin.com/in/dana-reyes-1a2b3c4d", "linkedin.com/in/dana-reyes-1a2b3c4d"),
        ("  ", ""),
    ],
)
def test_linkedin_addresses_reduce_to_the_person(url, key):
    assert linkedin_key(url) == key


def reduced_by_urlsplit(url: str) -> str:
    """linkedin_key as it was before its shortcut for the usual form: urlsplit always."""
    text = url.strip()
    if not text:
        return ""
    parts = urlsplit(text if "//" in text else f"//{text}")
    host = parts.netloc.casefold().removeprefix("www.")
    host = re.sub(r"^[a-z]{2,3}\.linkedin\.com$", "linkedin.com", host)
    return f"{host}{parts.path.rstrip('/').casefold()}"


def outcome(reduce: Any, url: str) -> tuple[str, str]:
    try:
        return ("key", reduce(url))
    except ValueError as error:  # urlsplit: "Invalid IPv6 URL"
        return ("error", str(error))


usual_addresses = st.builds(
    lambda scheme, www, path: f"{scheme}//{www}linkedin.com{path}",
    st.sampled_from(["", "http:", "https:"]),
    st.sampled_from(["", "www."]),
    st.text(alphabet="/-_.~%Az09?#@: ", max_size=12),
)
other_addresses = st.builds(
    lambda space, scheme, slashes, host, path: f"{space}{scheme}{slashes}{host}{path}{space}",
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from(["", "https:", "http:", "HTTPS:", "ftp:", "https:/"]),
    st.sampled_from(["//", "", "/", "///"]),
    st.sampled_from(
        ["linkedin.com", "www.linkedin.com", "de.linkedin.com", "WWW.LinkedIn.com", "x.example", ""]
    ),
    st.text(alphabet="/-_.~%?#@:[]AaZz09é \t\n", max_size=16),
)


@settings(max_examples=400)
@given(st.one_of(usual_addresses, other_addresses))
def test_the_usual_address_is_reduced_as_urlsplit_reduces_it(url):
    assert outcome(linkedin_key, url) == outcome(reduced_by_urlsplit, url)


def test_names_compare_without_case_or_spacing():
    assert person_key("  Dana   REYES ") == person_key("dana reyes")


def test_the_linkedin_address_wins_over_email_and_name():
    by_url = stored(1, "Someone", linkedin_url="https://linkedin.com/in/dana")
    by_email = stored(2, "Dana Reyes", emails=("dana@x.example",))
    record = ContactRecord(
        line=2, name="Dana Reyes", emails=("dana@x.example",), linkedin_url="linkedin.com/in/dana"
    )
    plan = plan_import("f.csv", [record], [by_email, by_url])
    assert [u.contact.id for u in plan.updated] == [1]


def test_a_name_is_only_the_same_person_at_the_same_company():
    at_acme = stored(1, "Ana Lima", company_id=1, company_name="Acme, Inc.")
    plan = plan_import(
        "f.csv",
        [
            ContactRecord(line=2, name="ana lima", company="ACME"),
            ContactRecord(line=3, name="Ana Lima", company="Globex"),
        ],
        [at_acme],
    )
    assert [r.line for r in plan.unchanged] == [2]
    assert [r.line for r in plan.added] == [3]


def test_changes_add_to_what_is_stored_and_never_empty_it():
    dana = stored(
        1,
        "Dana Reyes",
        emails=("dana@northwind.example",),
        company_id=1,
        company_name="Northwind",
        title="Engineer",
        notes="Met at PyCon",
        past_companies=("Initech",),
    )
    newer = ContactRecord(
        line=2,
        name="Dana Reyes",
        emails=("DANA@northwind.example", "dana@contoso.example"),
        company="Contoso",
        notes="from the export",
        connected_on=date(2026, 7, 16),
    )
    assert changes_for(dana, newer) == {
        "emails": ("dana@northwind.example", "dana@contoso.example"),
        "company": "Contoso",
        "past_companies": ("Initech", "Northwind"),
        "connected_on": date(2026, 7, 16),
    }
    assert changes_for(dana, ContactRecord(line=2, name="Dana Reyes")) == {}
    back = replace(dana, company_name="Contoso", past_companies=("Initech", "Northwind"))
    moved = changes_for(back, ContactRecord(line=2, name="Dana Reyes", company="Northwind Inc"))
    assert moved == {
        "company": "Northwind Inc",
        "past_companies": ("Initech", "Northwind", "Contoso"),
    }


def test_a_bad_email_stops_the_plan_with_file_line_and_field():
    with pytest.raises(ParseError, match=r"^book\.vcf: line 7, e-mail: "):
        plan_import("book.vcf", [ContactRecord(line=7, name="Ben", emails=("ben at x",))], [])


names = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).filter(str.strip)
records = st.lists(
    st.builds(
        ContactRecord,
        line=st.integers(1, 10_000),
        name=names,
        emails=st.lists(
            st.sampled_from(["a@x.example", "b@x.example", "c@y.example"]), max_size=2
        ).map(tuple),
        company=st.sampled_from(["", "Acme", "Acme Inc.", "Globex"]),
        linkedin_url=st.sampled_from(["", "linkedin.com/in/a", "https://www.linkedin.com/in/b/"]),
    ),
    max_size=20,
)


@given(records)
def test_every_record_has_exactly_one_outcome(found):
    plan = plan_import("f.csv", found, [])
    outcomes = [*plan.added, *plan.unchanged, *(u.record for u in plan.updated)]
    assert len(outcomes) + len(plan.skipped) == len(found)


@given(records)
def test_importing_what_was_just_added_again_changes_nothing(found):
    added = plan_import("f.csv", found, []).added
    as_stored = [
        stored(
            n + 1,
            r.name,
            emails=r.emails,
            company_name=r.company or None,
            linkedin_url=r.linkedin_url,
        )
        for n, r in enumerate(added)
    ]
    again = plan_import("f.csv", added, as_stored)
    assert (again.added, again.updated, again.skipped) == ([], [], [])


# A stored contact with only what matching reads, as an import reads it.
Light = Person


def light(contact: Contact) -> Light:
    return Light(*(getattr(contact, name) for name in Light._fields))


@given(records, records)
def test_matching_a_light_form_of_the_contacts_plans_the_same(stored_ones, found):
    contacts = [
        stored(
            n + 1,
            r.name,
            emails=r.emails,
            company_name=r.company or None,
            linkedin_url=r.linkedin_url,
            title="Engineer" if n % 2 else "",
        )
        for n, r in enumerate(stored_ones)
    ]
    whole = plan_import("f.csv", found, contacts)
    lighter = match_records("f.csv", found, [light(c) for c in contacts])
    assert (lighter.added, lighter.unchanged, lighter.skipped) == (
        whole.added,
        whole.unchanged,
        whole.skipped,
    )
    assert [(u.contact, u.record, u.changes) for u in lighter.updated] == [
        (light(u.contact), u.record, u.changes) for u in whole.updated
    ]

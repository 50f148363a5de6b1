"""`afterview refs ...`, driven as a user would."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def test_marking_giving_and_listing_references(search: Run):
    search("contact", "add", "Grace Okafor", "--email", "grace@initech.example")
    marked = search("refs", "add", "grace", "--relationship", "my manager at Initech")
    assert marked.stdout == "Grace Okafor is a reference: my manager at Initech.\n"
    assert search("refs", "give", "acme", "grace").stdout == (
        "Gave Grace Okafor: a heads-up is planned.\n"
    )
    assert search("refs", "give", "acme", "grace").stdout == (
        "Grace Okafor was already given for this application.\n"
    )
    listing = search("refs", "list").stdout
    words = " ".join(listing.split())
    assert words.startswith("ID Reference Relationship Given Last given for")
    assert "3 Grace Okafor my manager at" in words
    assert "1 in 90 days" in words
    data = json.loads(search("refs", "list", "--json").stdout)
    assert (data[0]["recent"], data[0]["overused"], data[0]["uses"][0]["given_on"]) == (
        1,
        False,
        "2026-11-26",
    )
    plan = json.loads(search("plan", "1", "--json").stdout)
    [heads_up] = plan["practices"][1]["actions"]
    assert heads_up["reason"] == (
        "Tell Grace Okafor that Acme Corp may call: you gave them as a reference"
    )
    assert search("refs", "remove", "grace").stdout == "Grace Okafor is no longer a reference.\n"
    assert search("refs", "list").stdout.startswith("No references yet")


def test_giving_needs_a_past_day_and_someone(search: Run):
    search("contact", "add", "Grace Okafor")
    future = search("refs", "give", "acme", "grace", "--on", "2027-03-01", expect=5)
    assert "References cannot be given in the future (2027-03-01)." in future.stderr
    assert "Missing argument 'CONTACTS...'" in search("refs", "give", "acme", expect=2).stderr

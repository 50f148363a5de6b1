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


def test_networking_asks_with_a_note_and_records_the_reply(search: Run):
    search("contact", "add", "Tomás Álvarez", "--company", "Acme Corp", "--email", "t@acme.example")
    assert search("network", "list", "acme").stdout == (
        "Nobody asked yet: afterview draft networking-note APP --to CONTACT.\n"
    )
    search("draft", "networking-note", "acme", "--to", "tomás")
    listing = search("network", "list", "acme").stdout
    assert "Tomás Álvarez   draft " in listing
    assert "not sent yet" in listing
    note = json.loads(search("network", "list", "acme", "--json").stdout)[0]["draft"]
    search("draft", "sent", str(note), "--via", "linkedin")
    assert search("network", "replied", "tomás", "--app", "acme", "--note", "Friday?").stdout == (
        "Noted Tomás Álvarez's reply.\n"
    )
    [row] = json.loads(search("network", "list", "acme", "--json").stdout)
    assert (row["asked_at"], row["replied_at"]) == (
        "2026-11-26T09:00:00+00:00",
        "2026-11-26T09:00:00+00:00",
    )
    shown = " ".join(search("contact", "show", "tomás").stdout.split())
    assert "Sent networking note: A question about the Data Engineer role at Acme Corp" in shown
    assert "Replied about Acme Corp — Data Engineer: Friday?" in shown

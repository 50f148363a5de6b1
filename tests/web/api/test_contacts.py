"""Contacts over the API: searched, shown, added, edited."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.api.shapes import CONTACT_KEYS, invalid


def test_contacts_are_searched_and_shown(demo_client: TestClient):
    everyone = demo_client.get("/api/contacts").json()
    assert len(everyone) == 12
    assert all(set(c) == CONTACT_KEYS for c in everyone)
    found = demo_client.get("/api/contacts", params={"q": "northwind.example"}).json()
    assert [c["name"] for c in found] == ["Dana Reyes", "Marcus Lee", "Mei Chen"]
    at_globex = demo_client.get("/api/contacts", params={"company": "Globex"}).json()
    assert [c["name"] for c in at_globex] == ["Sam Patel", "Tomás Álvarez"]
    grace = demo_client.get("/api/contacts/3").json()
    assert set(grace) == CONTACT_KEYS | {"interviews", "timeline"}
    assert (grace["name"], grace["company"], grace["interviews"]) == ("Grace Okafor", None, [])
    sam = demo_client.get("/api/contacts/4").json()
    assert [i["id"] for i in sam["interviews"]] == [4]


def test_a_contact_is_added_and_edited(client: TestClient):
    added = client.post(
        "/api/contacts",
        json={"name": "Dana Reyes", "emails": ["dana@northwind.example"], "company": "Northwind"},
    )
    assert added.status_code == 201
    body = added.json()
    assert body.pop("uid")
    assert body == {
        "id": 1,
        "name": "Dana Reyes",
        "emails": ["dana@northwind.example"],
        "phones": [],
        "company": {"id": 1, "name": "Northwind"},
        "title": "",
        "origin": "manual",
        "notes": "",
        "linkedin_url": "",
        "connected_on": None,
        "past_companies": [],
        "is_reference": False,
        "relationship": "",
        "knows_work": "",
        "created_at": "2026-11-26T09:00:00+00:00",
        "updated_at": "2026-11-26T09:00:00+00:00",
    }
    edited = client.patch("/api/contacts/1", json={"title": "VP Data", "company": ""}).json()
    assert (edited["title"], edited["company"], edited["emails"]) == (
        "VP Data",
        None,
        ["dana@northwind.example"],
    )
    invalid(client.post("/api/contacts", json={"name": ""}), {"name": "at least 1"})
    invalid(client.post("/api/contacts", json={}), {"name": "must not be empty"})
    bad_email = client.patch("/api/contacts/1", json={"emails": ["dana at northwind"]})
    invalid(bad_email, {"emails": "not an e-mail address"})

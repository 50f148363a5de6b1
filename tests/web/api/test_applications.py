"""Applications over the API: listed, shown, added, edited, moved; bad input is 422."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.api.shapes import APPLICATION_KEYS, EVENT_KEYS, INTERVIEW_KEYS, invalid


def test_applications_are_listed_and_filtered(demo_client: TestClient):
    everything = demo_client.get("/api/applications").json()
    assert len(everything) == 9
    assert all(set(a) == APPLICATION_KEYS for a in everything)
    chosen = demo_client.get("/api/applications?stage=offer&stage=screening").json()
    assert sorted((a["id"], a["stage"]) for a in chosen) == [(3, "offer"), (9, "screening")]
    active = demo_client.get("/api/applications", params={"active": "true"}).json()
    assert {a["stage"] for a in active} <= {
        "saved",
        "applied",
        "screening",
        "interviewing",
        "offer",
    }
    assert len(active) == 6


def test_an_application_shows_its_posting_interviews_and_timeline(demo_client: TestClient):
    shown = demo_client.get("/api/applications/1").json()
    assert set(shown) == APPLICATION_KEYS | {"posting", "interviews", "timeline"}
    assert shown["company"] == {"id": 1, "name": "Northwind Analytics"}
    assert [i["round"] for i in shown["interviews"]] == [1, 2, 3]
    assert all(set(i) == INTERVIEW_KEYS for i in shown["interviews"])
    assert all(set(e) == EVENT_KEYS for e in shown["timeline"])
    times = [e["at"] for e in shown["timeline"]]
    assert times == sorted(times)
    assert shown["timeline"][0]["subject"] == {"kind": "application", "id": 1}


def test_an_application_is_added(client: TestClient):
    added = client.post(
        "/api/applications",
        json={
            "company": "Acme",
            "role": " Data Engineer ",
            "priority": "high",
            "salary": "90k-110k EUR",
            "applied_on": "yesterday",
            "location": "Berlin",
            "notes": "via Mei",
        },
    )
    assert added.status_code == 201
    body = added.json()
    assert body.pop("uid")
    assert body == {
        "id": 1,
        "company": {"id": 1, "name": "Acme"},
        "role": "Data Engineer",
        "stage": "applied",
        "priority": "high",
        "link": "",
        "source": "",
        "location": "Berlin",
        "salary": {"min": 90000, "max": 110000, "currency": "EUR"},
        "applied_on": "2026-11-25",
        "notes": "via Mei",
        "created_at": "2026-11-26T09:00:00+00:00",
        "updated_at": "2026-11-26T09:00:00+00:00",
        "stage_changed_at": "2026-11-26T09:00:00+00:00",
    }
    assert client.get("/api/applications/1").json()["posting"] == ""


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"company": "Acme", "role": ""}, {"role": "at least 1 character"}),
        ({"company": "Acme", "role": "   "}, {"role": "The role must not be empty."}),
        ({"role": "Engineer"}, {"company": "The company must not be empty."}),
        ({"company": "Acme", "role": "x" * 301}, {"role": "at most 300 characters"}),
        ({"company": "Acme", "role": "Eng", "stage": "hired"}, {"stage": "'gone-quiet'"}),
        ({"company": "Acme", "role": "Eng", "priority": "urgent"}, {"priority": "'high'"}),
        ({"company": "Acme", "role": "Eng", "applied_on": "someday"}, {"applied_on": "someday"}),
        (
            {"company": "Acme", "role": "Eng", "applied_on": "next blurday"},
            {"applied_on": "as the applied_on (a date); try 'yesterday', 'last monday'"},
        ),
        ({"company": "Acme", "role": "Eng", "applied_on": "2099-01-01"}, {"applied_on": "after"}),
        ({"company": "Acme", "role": "Eng", "salary": "-5"}, {"salary": "Cannot read"}),
        ({"company": "Acme", "role": "Eng", "salary": "9-5 EUR"}, {"salary": "upside down"}),
        ({"company": "Acme", "role": "Eng", "salary": "9k dollars"}, {"salary": "Cannot read"}),
    ],
)
def test_a_bad_application_is_422_naming_the_field(client: TestClient, sent, fields):
    invalid(client.post("/api/applications", json=sent), fields)
    assert client.get("/api/applications").json() == []


def test_an_application_is_edited_in_part(demo_client: TestClient):
    edited = demo_client.patch(
        "/api/applications/3", json={"role": "Senior Platform Engineer", "salary": ""}
    )
    assert edited.status_code == 200
    body = edited.json()
    assert body["role"] == "Senior Platform Engineer"
    assert body["salary"] == {"min": None, "max": None, "currency": None}
    assert body["location"] == "Jersey City, onsite"  # not given: left alone
    last = demo_client.get("/api/applications/3").json()["timeline"][-1]
    assert last["kind"] == "updated"
    assert last["data"]["changes"]["role"] == ["Data Platform Engineer", "Senior Platform Engineer"]
    invalid(demo_client.patch("/api/applications/3", json={"stage": "offer"}), {"stage": "/stage"})
    invalid(demo_client.patch("/api/applications/3", json={"role": ""}), {"role": "at least"})


def test_an_application_changes_stage(demo_client: TestClient):
    moved = demo_client.post(
        "/api/applications/9/stage",
        json={"stage": "rejected", "note": "Form letter", "automated": True},
    )
    assert moved.status_code == 200
    assert moved.json()["stage"] == "rejected"
    last = demo_client.get("/api/applications/9").json()["timeline"][-1]
    assert last["kind"] == "stage_changed"
    assert last["data"] == {
        "from": "screening",
        "to": "rejected",
        "note": "Form letter",
        "automated": True,
        "still_interested": False,
    }
    invalid(demo_client.post("/api/applications/1/stage", json={}), {"stage": "Field required"})
    invalid(
        demo_client.post("/api/applications/1/stage", json={"stage": "accepted"}),
        {"stage": "Only an offer can be accepted"},
    )

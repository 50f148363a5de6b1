"""Interviews and their plans over the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.api.shapes import ACTION_KEYS, INTERVIEW_KEYS, invalid


def test_interviews_are_listed_and_shown(demo_client: TestClient):
    listed = demo_client.get("/api/interviews").json()
    assert len(listed) == 8
    assert all(set(i) == INTERVIEW_KEYS for i in listed)
    of_one = demo_client.get("/api/interviews", params={"application": "Globex"}).json()
    assert [i["id"] for i in of_one] == [4]
    vague = demo_client.get("/api/interviews", params={"application": "Data"})
    assert (vague.status_code, vague.json()["code"]) == (409, "ambiguous")
    shown = demo_client.get("/api/interviews/4").json()
    assert set(shown) == INTERVIEW_KEYS | {"timeline"}
    assert shown["interviewers"] == [{"id": 4, "name": "Sam Patel"}]
    assert shown["application"] == {"id": 2, "label": "Globex — Analytics Engineer"}
    assert shown["timeline"][0]["subject"] == {"kind": "interview", "id": 4}


def test_an_interview_plan_has_the_ten_practices(demo_client: TestClient):
    plan = demo_client.get("/api/interviews/4/plan").json()
    assert plan["interview"]["id"] == 4
    assert [p["practice"] for p in plan["practices"]] == list(range(1, 11))
    assert all(set(p) == {"practice", "name", "note", "actions"} for p in plan["practices"])
    thanks = plan["practices"][2]
    assert thanks["name"] == "Send thank-you notes"
    action = thanks["actions"][0]
    assert set(action) == ACTION_KEYS | {"draft"}
    assert (action["id"], action["draft"]) == (19, {"id": 9, "errors": 0, "warnings": 0})


def test_an_interview_is_scheduled_and_edited(demo_client: TestClient):
    added = demo_client.post(
        "/api/interviews",
        json={
            "application": 2,
            "starts": "2026-12-02 10:00 Europe/Berlin",
            "duration": "45m",
            "kind": "technical",
            "interviewers": [4, "Riley Stone"],
            "next_step_said": "by Friday",
        },
    )
    assert added.status_code == 201
    body = added.json()
    assert set(body) == INTERVIEW_KEYS
    assert (body["round"], body["kind"], body["time_zone"]) == (2, "technical", "Europe/Berlin")
    assert (body["starts_at"], body["ends_at"]) == (
        "2026-12-02T09:00:00+00:00",
        "2026-12-02T09:45:00+00:00",
    )
    assert [p["name"] for p in body["interviewers"]] == ["Sam Patel", "Riley Stone"]
    riley = demo_client.get("/api/contacts", params={"q": "Riley"}).json()
    assert riley[0]["company"] == {"id": 2, "name": "Globex"}
    edited = demo_client.patch(f"/api/interviews/{body['id']}", json={"notes": "Bring questions"})
    assert edited.json()["notes"] == "Bring questions"
    assert edited.json()["starts_at"] == body["starts_at"]


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"application": 2, "starts": "someday"}, {"starts": "'someday' as the starts (a date"}),
        ({"application": 2, "starts": "friday"}, {"starts": "The starts needs a time of day"}),
        ({"application": 2}, {"starts": "must not be empty"}),
        ({"application": 2, "starts": "tomorrow 9:00", "round": 0}, {"round": "greater than"}),
        ({"application": 2, "starts": "tomorrow 9:00", "kind": "chat"}, {"kind": "'final'"}),
        ({"application": 2, "starts": "tomorrow 9:00", "duration": "13h"}, {"duration": "12"}),
        ({"application": 2, "starts": "tomorrow 9:00", "duration": "soon"}, {"duration": "45m"}),
        ({"application": "", "starts": "tomorrow 9:00"}, {"application": "at least 1"}),
        ({"application": 2, "starts": "mon 9:00 Mars/Olympus"}, {"starts": "Mars/Olympus"}),
    ],
)
def test_a_bad_interview_is_422_naming_the_field(demo_client: TestClient, sent, fields):
    invalid(demo_client.post("/api/interviews", json=sent), fields)


def test_an_interview_stays_with_its_application(demo_client: TestClient):
    invalid(demo_client.patch("/api/interviews/4", json={"application": 1}), {"application": ""})

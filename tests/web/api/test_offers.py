"""Offers, the current job, the weights and the worksheet over the API; bad input is refused
naming the field, with nothing written. On the small search of tests/web/small_search.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.api.shapes import OFFER_KEYS, invalid
from tests.web.small_search import ACME, FLAG, Search, small_search

DEFAULTS = {
    "pay": 25.0,
    "growth": 15.0,
    "manager": 10.0,
    "team": 10.0,
    "mission": 10.0,
    "stability": 10.0,
    "commute": 10.0,
    "balance": 10.0,
}


@pytest.fixture
def search(client: TestClient) -> Search:
    return small_search(client)


def record(client: TestClient, **fields: object) -> dict:
    added = client.post("/api/offers", json={"currency": "USD", "base": 170_000} | fields)
    assert added.status_code == 201, added.text
    offer: dict = added.json()
    return offer


def stage(client: TestClient, application: int) -> str:
    found: str = client.get(f"/api/applications/{application}").json()["stage"]
    return found


def test_an_offer_is_recorded_and_its_application_moves(client: TestClient, search: Search):
    assert client.get("/api/offers").json() == []
    offer = record(
        client,
        application=search.acme,
        currency="usd",
        bonus=20_000,
        equity=10_000,
        sign_on=15_000,
        benefits=5_000,
        start_on="2027-01-04",
        deadline="2026-12-04",
        location="Berlin",
        remote="hybrid",
        scores={"Growth": 4},
    )
    assert set(offer) == OFFER_KEYS
    assert offer["application"] == {"id": search.acme, "label": ACME}
    assert (offer["currency"], offer["yearly"], offer["first_year"]) == ("USD", 205_000, 220_000)
    assert offer["arithmetic"] == (
        "base 170,000 + bonus 20,000 + equity 10,000 + benefits 5,000 = 205,000 USD a year "
        "(first year 220,000 with the sign-on bonus of 15,000)"
    )
    assert (offer["start_on"], offer["deadline"], offer["remote"]) == (
        "2027-01-04",
        "2026-12-04",
        "hybrid",
    )
    assert offer["scores"] == {"growth": 4}
    assert stage(client, search.acme) == "offer"
    assert client.get("/api/offers").json() == [offer]


def test_the_current_job_is_the_baseline_and_there_is_one(client: TestClient, search: Search):
    current = record(client, application="current", employer="Contoso", base=150_000)
    assert (current["application"], current["label"]) == (None, "Current job: Contoso")
    baseline = {"application": "current", "currency": "USD", "base": 1}
    again = client.post("/api/offers", json=baseline)
    assert (again.status_code, again.json()["code"]) == (409, "conflict")
    offer = record(client, application=search.acme)
    twice = client.post(
        "/api/offers", json={"application": search.acme, "currency": "USD", "base": 1}
    )
    assert twice.status_code == 409
    assert twice.json()["error"] == (
        f"{ACME} already has an offer recorded (offer {offer['id']}): edit it instead."
    )
    labels = [o["label"] for o in client.get("/api/offers").json()]
    assert labels == ["Current job: Contoso", ACME]


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"base": -1}, {"base": "The base cannot be negative (-1)."}),
        ({"sign_on": -500}, {"sign_on": "The sign-on cannot be negative (-500)."}),
        ({"currency": "EUX"}, {"currency": "Unknown currency 'EUX': give its ISO 4217 code"}),
        ({"deadline": "2026-11-20"}, {"deadline": "has passed (today is 2026-11-26)"}),
        ({"deadline": "someday"}, {"deadline": "someday"}),
        ({"remote": "sometimes"}, {"remote": "Remote is one of onsite, hybrid, remote"}),
        ({"scores": {"charm": 3}}, {"scores": "no criterion 'charm'"}),
        ({"scores": {"growth": 7}}, {"scores": "from 1 to 5"}),
        ({"base": None}, {"base": "“base” is required"}),
        ({"currency": None}, {"currency": "“currency” is required"}),
        ({"application": None}, {"application": "“application” is required"}),
        ({"application": 999}, {"application": "No application 999."}),
        ({"base": 10**12}, {"base": "too large"}),
        ({"base": "lots"}, {"base": "valid integer"}),
    ],
)
def test_a_bad_offer_is_422_naming_the_field_and_writes_nothing(
    client: TestClient, search: Search, sent: dict, fields: dict
):
    body = {"application": search.acme, "currency": "USD", "base": 170_000} | sent
    invalid(client.post("/api/offers", json=body), fields)
    assert client.get("/api/offers").json() == []
    assert stage(client, search.acme) == "applied"


def test_an_application_that_ended_gets_no_offer(client: TestClient, search: Search):
    sent = {"application": search.initech, "currency": "USD", "base": 1}
    invalid(
        client.post("/api/offers", json=sent),
        {"application": "Initech — Platform Engineer is rejected"},
    )


def test_an_offer_is_edited_and_removed(client: TestClient, search: Search):
    offer = record(client, application=search.acme, scores={"growth": 4}, deadline="2026-12-04")
    path = f"/api/offers/{offer['id']}"
    edited = client.patch(
        path, json={"bonus": 10_000, "scores": {"team": 5}, "remote": "remote", "deadline": ""}
    )
    assert edited.status_code == 200
    body = edited.json()
    assert (body["bonus"], body["yearly"], body["remote"]) == (10_000, 180_000, "remote")
    assert (body["scores"], body["deadline"]) == ({"growth": 4, "team": 5}, None)
    for sent, fields in [
        ({"bonus": -3}, {"bonus": "cannot be negative"}),
        ({"deadline": "2026-11-01"}, {"deadline": "has passed"}),
        ({"currency": "??"}, {"currency": "Unknown currency"}),
        ({"application": search.globex}, {"application": "cannot change"}),
        ({"employer": "Hooli"}, {"employer": "cannot change"}),
        ({"scores": {" ": 3}}, {"scores": "A criterion needs a name."}),
    ]:
        invalid(client.patch(path, json=sent), fields)
    assert client.get("/api/offers").json() == [body]  # nothing written
    removed = client.delete(path)
    assert (removed.status_code, removed.content) == (204, b"")
    assert client.get("/api/offers").json() == []
    assert stage(client, search.acme) == "offer"


def test_the_weights_are_set_removed_and_reset(client: TestClient):
    shown = client.get("/api/offers/weights").json()
    assert shown["weights"] == DEFAULTS
    assert shown["shares"]["pay"] == 0.25
    assert shown["labels"]["balance"] == "Work-life balance"
    changed = client.put(
        "/api/offers/weights",
        json={"weights": {"pay": 40, "Visa support": 5}, "remove": ["mission"]},
    ).json()
    assert changed["weights"]["pay"] == 40
    assert changed["weights"]["visa-support"] == 5
    assert changed["labels"]["visa-support"] == "Visa support"
    assert "mission" not in changed["weights"]
    for sent, fields in [
        ({"weights": dict.fromkeys(changed["weights"], 0)}, {"weights": "add up to zero"}),
        ({"weights": {"pay": -1}}, {"weights": "cannot be negative"}),
        ({"remove": ["charm"]}, {"remove": "There is no criterion 'charm'"}),
        ({"weights": {" ": 3}}, {"weights": "A criterion needs a name."}),
        ({"weights": {"pay": "heavy"}}, {"weights.pay": "valid number"}),
    ]:
        invalid(client.put("/api/offers/weights", json=sent), fields)
    assert client.get("/api/offers/weights").json() == changed  # nothing written
    reset = client.put("/api/offers/weights", json={"reset": True}).json()
    assert reset["weights"] == DEFAULTS


def test_the_worksheet_compares_ranks_and_flags(client: TestClient, search: Search):
    invalid(client.get("/api/offers/compare"), {"offers": "No offers yet"})
    acme = record(client, application=search.acme, base=190_000, deadline="2026-12-01")
    current = record(client, application="current", base=150_000, scores={"growth": 2})
    compared = client.get("/api/offers/compare").json()
    assert set(compared) == {"currency", "criteria", "rows", "sensitivity", "summary"}
    assert compared["currency"] == "USD"
    assert compared["criteria"][0] == {"key": "pay", "label": "Pay", "weight": 25.0, "share": 0.25}
    first, second = compared["rows"]
    assert (first["offer"]["id"], first["rank"]) == (acme["id"], 1)
    assert (second["offer"]["id"], second["rank"]) == (current["id"], 2)
    assert set(first) == {
        "offer",
        "rank",
        "score",
        "scores",
        "pay_worked_out",
        "unscored",
        "days_left",
        "red_flags",
    }
    assert (first["scores"]["pay"], first["pay_worked_out"]) == (5.0, True)
    assert second["scores"]["pay"] == pytest.approx(5 * 150 / 190)
    assert "growth" in first["unscored"]
    assert "growth" not in second["unscored"]
    assert (first["days_left"], second["days_left"]) == (5, None)
    assert first["red_flags"] == [f"{FLAG} (round 1, 10 Nov)"]
    assert second["red_flags"] == []
    assert compared["sensitivity"]["leaders"] == [acme["id"]]
    assert compared["sensitivity"]["holds"] is True
    assert compared["summary"] == (
        f"{ACME} stays ahead whichever single weight moves by 20% either way. "
        "It is most sensitive to pay."
    )
    client.put("/api/offers/weights", json={"weights": {"pay": 1, "growth": 60}})
    flipped = client.get("/api/offers/compare").json()
    assert [row["offer"]["label"] for row in flipped["rows"]] == [ACME, "Current job"]


def test_offers_in_two_currencies_need_pay_scored(client: TestClient, search: Search):
    record(client, application=search.globex)
    record(client, application="current", currency="EUR", base=90_000)
    invalid(
        client.get("/api/offers/compare"),
        {"scores": "The offers are in EUR, USD: their pay cannot be compared as sums."},
    )

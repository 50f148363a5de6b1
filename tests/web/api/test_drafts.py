"""Drafts over the API: listed, shown, edited, linted live, sent, discarded, written."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.api.shapes import DRAFT_KEYS, invalid


def test_drafts_are_listed_and_shown_with_lint_and_history(demo_client: TestClient):
    open_drafts = demo_client.get("/api/drafts").json()
    assert {d["state"] for d in open_drafts} == {"draft"}
    assert all(set(d) == DRAFT_KEYS for d in open_drafts)
    every = demo_client.get("/api/drafts", params={"state": "all"}).json()
    assert len(every) == 15
    of_globex = demo_client.get("/api/drafts", params={"application": "2"}).json()
    assert [d["id"] for d in of_globex] == [10, 9]
    shown = demo_client.get("/api/drafts/7").json()
    assert set(shown) == DRAFT_KEYS | {"history"}
    assert shown["to"] == {
        "contact_id": 6,
        "name": "Marcus Lee",
        "email": "marcus.lee@northwind.example",
    }
    assert [f["code"] for f in shown["lint"]] == ["missing_detail"]
    assert set(shown["lint"][0]) == {"severity", "code", "message"}
    invalid(demo_client.get("/api/drafts", params={"state": "old"}), {"state": "'all'"})


def test_a_draft_is_edited_and_its_history_kept(demo_client: TestClient):
    edited = demo_client.patch(
        "/api/drafts/9", json={"subject": "Thanks, Sam", "body": "Hi Sam,\n\nThank you."}
    )
    assert edited.status_code == 200
    body = edited.json()
    assert (body["subject"], body["body"], body["edited"]) == (
        "Thanks, Sam",
        "Hi Sam,\n\nThank you.\n",
        True,
    )
    history = demo_client.get("/api/drafts/9").json()["history"]
    assert history[-1]["kind"] == "updated"
    assert set(history[-1]["data"]["changes"]) == {"subject", "body"}
    invalid(demo_client.patch("/api/drafts/9", json={"body": "  "}), {"body": "must not be empty"})
    invalid(demo_client.patch("/api/drafts/9", json={"subject": "x" * 301}), {"subject": "300"})


def test_a_pydantic_error_in_a_field_called_body_names_it(demo_client: TestClient):
    invalid(demo_client.patch("/api/drafts/9", json={"body": ""}), {"body": "at least 1"})
    invalid(demo_client.post("/api/drafts/9/lint", json={"subject": "Hi"}), {"body": "required"})


def test_the_live_lint_does_not_save(demo_client: TestClient):
    before = demo_client.get("/api/drafts/9").json()
    linted = demo_client.post(
        "/api/drafts/9/lint", json={"subject": "", "body": "Hi [NAME],\n\nThanks."}
    )
    assert linted.status_code == 200
    codes = [f["code"] for f in linted.json()]
    assert {"no_subject", "placeholder"} <= set(codes)
    assert {f["severity"] for f in linted.json()[: codes.index("no_subject") + 1]} == {"error"}
    after = demo_client.get("/api/drafts/9").json()
    assert after == before
    clean = demo_client.post(
        "/api/drafts/9/lint", json={"subject": before["subject"], "body": before["body"]}
    )
    assert clean.json() == before["lint"]


def test_a_draft_is_marked_sent_or_discarded(demo_client: TestClient):
    sent = demo_client.post("/api/drafts/9/sent", json={"via": "Gmail"})
    assert sent.status_code == 200
    body = sent.json()
    assert (body["state"], body["channel"], body["lint"]) == ("sent", "Gmail", [])
    assert body["sent_at"] == "2026-11-26T09:00:00+00:00"
    action = demo_client.get("/api/interviews/4/plan").json()["practices"][2]["actions"][0]
    assert action["state"] == "done"
    invalid(demo_client.post("/api/drafts/9/sent"), {"state": "already sent"})
    discarded = demo_client.post("/api/drafts/7/discard").json()
    assert (discarded["state"], discarded["lint"]) == ("discarded", [])
    invalid(demo_client.post("/api/drafts/7/discard"), {"state": "cannot change"})
    early = demo_client.post("/api/drafts/10/sent")
    assert early.status_code == 422
    assert early.json()["code"] == "too_early"


def test_drafts_are_written_on_request(demo_client: TestClient):
    written = demo_client.post("/api/drafts", json={"kind": "thank_you", "for": 8})
    assert written.status_code == 201
    notes = written.json()
    assert [(d["kind"], d["to"]["name"]) for d in notes] == [("thank_you", "Oliver Hughes")]
    assert set(notes[0]) == DRAFT_KEYS
    letter = demo_client.post(
        "/api/drafts", json={"kind": "cover_letter", "for": "Cyberdyne", "tone": "formal"}
    )
    assert letter.status_code == 201
    assert set(letter.json()[0]) == DRAFT_KEYS | {"requirements"}
    assert letter.json()[0]["tone"] == "formal"
    invalid(
        demo_client.post("/api/drafts", json={"kind": "haiku"}),
        {"kind": "'cover_letter'", "for": "Field required"},
    )
    invalid(
        demo_client.post("/api/drafts", json={"kind": "networking_note", "for": 2}),
        {"to": "Say whom"},
    )

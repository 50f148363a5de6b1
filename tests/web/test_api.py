"""The JSON API under /api/: the shapes of docs/json.md, validation answered as 422 with
`fields`, missing records as 404, CSRF on every change, and an OpenAPI schema listing it all."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def keys(names: str) -> set[str]:
    return set(names.split())


APPLICATION_KEYS = keys(
    "id uid company role stage priority link source location salary applied_on notes "
    "created_at updated_at stage_changed_at"
)
INTERVIEW_KEYS = keys(
    "id uid application round kind starts_at ends_at time_zone local_start local_end "
    "location interviewers next_step_said notes created_at updated_at"
)
CONTACT_KEYS = keys("id uid name emails phones company title origin notes created_at updated_at")
EVENT_KEYS = {"id", "at", "subject", "kind", "description", "data"}
ACTION_KEYS = keys(
    "id practice kind rule application_id interview_id contact_id due_at state snoozed_until reason"
)
DRAFT_KEYS = keys(
    "id uid kind tone short application_id interview_id action_id to subject body "
    "state edited channel sent_at created_at updated_at lint"
)
# Every route of the API with the methods it answers (besides GET /api/csrf).
ROUTES = {
    "/api/applications": {"get", "post"},
    "/api/applications/{application_id}": {"get", "patch"},
    "/api/applications/{application_id}/stage": {"post"},
    "/api/interviews": {"get", "post"},
    "/api/interviews/{interview_id}": {"get", "patch"},
    "/api/interviews/{interview_id}/plan": {"get"},
    "/api/contacts": {"get", "post"},
    "/api/contacts/{contact_id}": {"get", "patch"},
    "/api/agenda": {"get"},
    "/api/actions/{action_id}/done": {"post"},
    "/api/actions/{action_id}/skip": {"post"},
    "/api/actions/{action_id}/snooze": {"post"},
    "/api/drafts": {"get", "post"},
    "/api/drafts/{draft_id}": {"get", "patch"},
    "/api/drafts/{draft_id}/lint": {"post"},
    "/api/drafts/{draft_id}/sent": {"post"},
    "/api/drafts/{draft_id}/discard": {"post"},
}
CHANGES = [
    (method.upper(), path)
    for path, methods in ROUTES.items()
    for method in sorted(methods)
    if method != "get"
]


def invalid(response, fields: dict[str, str]) -> None:
    """A 422 whose `fields` names exactly these fields, each message containing the text."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["ok"], body["code"], body["status"]) == (False, "invalid", 422)
    assert set(body["fields"]) == set(fields)
    for name, text in fields.items():
        assert text in body["fields"][name], (name, body["fields"][name])


# --- the schema, CSRF and missing records ------------------------------------------------


def test_the_openapi_schema_documents_every_route(client: TestClient):
    schema = client.get("/api/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p != "/api/csrf"}
    assert {p: set(ops) for p, ops in paths.items()} == ROUTES
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation["tags"], (method, path)
            assert operation["description"], (method, path)
    error = schema["paths"]["/api/applications"]["post"]["responses"]["422"]
    assert error["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    components = schema["components"]["schemas"]
    assert {"ApplicationIn", "ApplicationOut", "DraftIn", "DraftOut"} <= set(components)
    assert components["ApplicationOut"]["properties"]["stage"]["$ref"].endswith("/Stage")


@pytest.mark.parametrize(("method", "path"), CHANGES)
def test_every_change_without_the_csrf_token_is_refused(client: TestClient, method: str, path: str):
    client.headers.pop("X-CSRF-Token")
    concrete = path.format(application_id=1, interview_id=1, contact_id=1, action_id=1, draft_id=1)
    refused = client.request(method, concrete, json={})
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf"


@pytest.mark.parametrize(
    ("method", "path", "kind"),
    [
        ("GET", "/api/applications/99999", "application"),
        ("PATCH", "/api/applications/99999", "application"),
        ("POST", "/api/applications/99999/stage", "application"),
        ("GET", "/api/interviews/99999", "interview"),
        ("PATCH", "/api/interviews/99999", "interview"),
        ("GET", "/api/interviews/99999/plan", "interview"),
        ("GET", "/api/contacts/99999", "contact"),
        ("PATCH", "/api/contacts/99999", "contact"),
        ("POST", "/api/actions/99999/done", "action"),
        ("POST", "/api/actions/99999/skip", "action"),
        ("POST", "/api/actions/99999/snooze", "action"),
        ("GET", "/api/drafts/99999", "draft"),
        ("PATCH", "/api/drafts/99999", "draft"),
        ("POST", "/api/drafts/99999/lint", "draft"),
        ("POST", "/api/drafts/99999/sent", "draft"),
        ("POST", "/api/drafts/99999/discard", "draft"),
    ],
)
def test_an_unknown_id_is_404_with_the_stable_body(
    client: TestClient, method: str, path: str, kind: str
):
    bodies = {"stage": {"stage": "offer"}, "snooze": {"until": "tomorrow 9:00"}}
    bodies["lint"] = {"subject": "Hi", "body": "Hello"}
    answer = client.request(method, path, json=bodies.get(path.rsplit("/", 1)[-1], {}))
    assert answer.status_code == 404
    assert answer.json() == {
        "ok": False,
        "error": f"No {kind} 99999.",
        "code": "not_found",
        "status": 404,
    }


# --- applications ------------------------------------------------------------------------


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


# --- interviews and plans ----------------------------------------------------------------


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
        ({"application": 2, "starts": "someday"}, {"starts": "time of day"}),
        ({"application": 2}, {"starts": "must not be empty"}),
        ({"application": 2, "starts": "tomorrow 9:00", "round": 0}, {"round": "greater than"}),
        ({"application": 2, "starts": "tomorrow 9:00", "kind": "chat"}, {"kind": "'final'"}),
        ({"application": 2, "starts": "tomorrow 9:00", "duration": "13h"}, {"duration": "12"}),
        ({"application": 2, "starts": "tomorrow 9:00", "duration": "soon"}, {"duration": "45m"}),
        ({"application": "", "starts": "tomorrow 9:00"}, {"application": "at least 1"}),
    ],
)
def test_a_bad_interview_is_422_naming_the_field(demo_client: TestClient, sent, fields):
    invalid(demo_client.post("/api/interviews", json=sent), fields)


def test_an_interview_stays_with_its_application(demo_client: TestClient):
    invalid(demo_client.patch("/api/interviews/4", json={"application": 1}), {"application": ""})


# --- contacts ----------------------------------------------------------------------------


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


# --- agenda and actions ------------------------------------------------------------------


def test_the_agenda_has_the_shape_of_today_json(demo_client: TestClient):
    agenda = demo_client.get("/api/agenda").json()
    assert set(agenda) == {
        "today",
        "time_zone",
        "overdue",
        "due_today",
        "this_week",
        "waiting",
        "totals",
        "pipeline",
    }
    assert (agenda["today"], agenda["time_zone"]) == ("2026-11-26", "America/New_York")
    parts = ("overdue", "due_today", "this_week", "waiting")
    assert agenda["totals"] == {part: len(agenda[part]) for part in parts}
    first = agenda["overdue"][0]
    assert set(first) == ACTION_KEYS | {"application_label", "draft"}
    assert first["reason"] == "Thank Sam Patel within 24 h of your 15:00 interview"
    assert first["application_label"] == "Globex — Analytics Engineer"
    assert first["draft"] == {"id": 9, "errors": 0, "warnings": 0}
    assert agenda["waiting"][0] == {
        "application": {"id": 2, "label": "Globex — Analytics Engineer"},
        "since": "2026-11-24",
        "normal_from": "2026-11-24",
        "normal_until": "2026-12-03",
        "source": "they said “within a week”",
        "overdue": False,
        "status": "day 2 of a typical 0–9 (they said “within a week”)",
    }
    assert agenda["pipeline"] == {
        "active": 5,
        "by_stage": {"applied": 1, "screening": 1, "interviewing": 2, "offer": 1},
        "floor": 5,
        "applied_this_week": 0,
        "weekly_goal": 5,
        "nudge": "5 more applications to reach this week's goal.",
    }


def test_the_agenda_can_be_limited_and_still_counts_everything(demo_client: TestClient):
    whole = demo_client.get("/api/agenda").json()
    first = demo_client.get("/api/agenda", params={"limit": 1}).json()
    assert first["totals"] == whole["totals"]
    for part in ("overdue", "due_today", "this_week", "waiting"):
        assert first[part] == whole[part][:1]
    invalid(demo_client.get("/api/agenda", params={"limit": 0}), {"limit": "greater than"})
    invalid(demo_client.get("/api/agenda", params={"limit": "all"}), {"limit": "integer"})


def test_actions_are_done_skipped_and_snoozed(demo_client: TestClient):
    done = demo_client.post("/api/actions/19/done")
    assert done.status_code == 200
    assert set(done.json()) == ACTION_KEYS
    assert done.json()["state"] == "done"
    assert demo_client.post("/api/actions/21/skip").json()["state"] == "skipped"
    snoozed = demo_client.post("/api/actions/20/snooze", json={"until": "2026-11-30 9:00"}).json()
    assert (snoozed["state"], snoozed["snoozed_until"]) == ("snoozed", "2026-11-30T14:00:00+00:00")
    overdue = demo_client.get("/api/agenda").json()["overdue"]
    assert 19 not in [a["id"] for a in overdue]
    invalid(demo_client.post("/api/actions/19/skip"), {"state": "already done"})
    invalid(demo_client.post("/api/actions/22/done"), {"action": "is a follow-up"})
    invalid(demo_client.post("/api/actions/42/snooze", json={}), {"until": "Field required"})
    past = demo_client.post("/api/actions/42/snooze", json={"until": "2026-11-01 9:00"})
    invalid(past, {"until": "in the future"})


# --- drafts ------------------------------------------------------------------------------


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

"""What every route shares: the OpenAPI schema listing them all, CSRF on every change,
and the stable body of a 404."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.api.shapes import invalid

# Every route of the API with the methods it answers (besides GET /api/csrf).
ROUTES = {
    "/api/applications": {"get", "post"},
    "/api/applications/{application_id}/network": {"get"},
    "/api/contacts/{contact_id}/replies": {"post"},
    "/api/applications/{application_id}": {"get", "patch"},
    "/api/applications/{application_id}/stage": {"post"},
    "/api/interviews": {"get", "post"},
    "/api/interviews/{interview_id}": {"get", "patch"},
    "/api/interviews/{interview_id}/plan": {"get"},
    "/api/contacts": {"get", "post"},
    "/api/contacts/{contact_id}": {"get", "patch"},
    "/api/contacts/import": {"post"},
    "/api/contacts/{contact_id}/reference": {"put", "delete"},
    "/api/who": {"get"},
    "/api/references": {"get"},
    "/api/applications/{application_id}/references": {"post"},
    "/api/agenda": {"get"},
    "/api/actions/{action_id}/done": {"post"},
    "/api/actions/{action_id}/skip": {"post"},
    "/api/actions/{action_id}/snooze": {"post"},
    "/api/drafts": {"get", "post"},
    "/api/drafts/{draft_id}": {"get", "patch"},
    "/api/drafts/{draft_id}/lint": {"post"},
    "/api/drafts/{draft_id}/sent": {"post"},
    "/api/drafts/{draft_id}/discard": {"post"},
    "/api/interviews/{interview_id}/review": {"get", "put"},
    "/api/applications/{application_id}/lessons": {"post"},
    "/api/applications/{application_id}/feedback": {"post"},
    "/api/reviews/trends": {"get"},
    "/api/reviews/questions": {"get"},
    "/api/offers": {"get", "post"},
    "/api/offers/{offer_id}": {"patch", "delete"},
    "/api/offers/weights": {"get", "put"},
    "/api/offers/compare": {"get"},
    "/api/applications/{application_id}/reject": {"post"},
    "/api/companies/{company_id}/rivals": {"get", "post"},
    "/api/companies/{company_id}/rivals/{rival_id}": {"delete"},
    "/api/companies/{company_id}/board": {"put", "delete"},
    "/api/scan": {"post"},
    "/api/openings": {"get"},
    "/api/openings/{opening_id}/save": {"post"},
}
CHANGES = [
    (method.upper(), path)
    for path, methods in ROUTES.items()
    for method in sorted(methods)
    if method != "get"
]


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
    ids = ["application_id", "interview_id", "contact_id", "action_id", "draft_id", "offer_id"]
    ids += ["company_id", "rival_id", "opening_id"]
    concrete = path.format(**dict.fromkeys(ids, 1))
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
        ("PUT", "/api/contacts/99999/reference", "contact"),
        ("DELETE", "/api/contacts/99999/reference", "contact"),
        ("POST", "/api/applications/99999/references", "application"),
        ("POST", "/api/actions/99999/done", "action"),
        ("POST", "/api/actions/99999/skip", "action"),
        ("POST", "/api/actions/99999/snooze", "action"),
        ("GET", "/api/drafts/99999", "draft"),
        ("PATCH", "/api/drafts/99999", "draft"),
        ("POST", "/api/drafts/99999/lint", "draft"),
        ("POST", "/api/drafts/99999/sent", "draft"),
        ("POST", "/api/drafts/99999/discard", "draft"),
        ("GET", "/api/interviews/99999/review", "interview"),
        ("PUT", "/api/interviews/99999/review", "interview"),
        ("POST", "/api/applications/99999/lessons", "application"),
        ("POST", "/api/applications/99999/feedback", "application"),
        ("PATCH", "/api/offers/99999", "offer"),
        ("DELETE", "/api/offers/99999", "offer"),
        ("POST", "/api/applications/99999/reject", "application"),
        ("GET", "/api/companies/99999/rivals", "company"),
        ("DELETE", "/api/companies/99999/rivals/1", "company"),
        ("DELETE", "/api/companies/99999/board", "company"),
        ("POST", "/api/openings/99999/save", "opening"),
    ],
)
def test_an_unknown_id_is_404_with_the_stable_body(
    client: TestClient, method: str, path: str, kind: str
):
    bodies: dict[str, dict[str, object]] = {
        "stage": {"stage": "offer"},
        "snooze": {"until": "tomorrow 9:00"},
    }
    bodies["lint"] = {"subject": "Hi", "body": "Hello"}
    bodies["references"] = {"contacts": [1]}
    bodies["review"] = {"ratings": {"answers": 3}}
    bodies["lessons"] = {"went_wrong": "Too long"}
    bodies["feedback"] = {"notes": "Good"}
    answer = client.request(method, path, json=bodies.get(path.rsplit("/", 1)[-1], {}))
    assert answer.status_code == 404
    assert answer.json() == {
        "ok": False,
        "error": f"No {kind} 99999.",
        "code": "not_found",
        "status": 404,
    }


MISSING = {"application": 999, "company": "999", "contact": 999, "interview": 999}


@pytest.mark.parametrize(
    ("method", "path", "sent", "field", "kind"),
    [
        ("POST", "/api/applications", {"role": "Eng"}, "company", "company"),
        ("PATCH", "/api/applications/1", {}, "company", "company"),
        ("POST", "/api/interviews", {"starts": "mon 9:00"}, "application", "application"),
        ("POST", "/api/interviews", {"application": 2, "starts": "9am"}, "interviewers", "contact"),
        ("PATCH", "/api/interviews/4", {}, "interviewers", "contact"),
        ("POST", "/api/contacts", {"name": "Ann Lee"}, "company", "company"),
        ("PATCH", "/api/contacts/1", {}, "company", "company"),
        ("POST", "/api/drafts", {"kind": "thank_you"}, "for", "interview"),
        ("POST", "/api/drafts", {"kind": "cover_letter"}, "for", "application"),
        ("POST", "/api/drafts", {"kind": "networking_note", "for": 2}, "to", "contact"),
        ("PATCH", "/api/drafts/9", {}, "to", "contact"),
    ],
)
def test_a_record_the_body_names_that_does_not_exist_is_422_naming_the_field(
    demo_client: TestClient, method: str, path: str, sent: dict, field: str, kind: str
):
    """404 is for the path's ids; a missing record named in the body is bad input there."""
    value = MISSING[kind]
    sent = sent | {field: [value] if field == "interviewers" else value}
    invalid(demo_client.request(method, path, json=sent), {field: f"No {kind} 999."})


def test_a_path_id_that_is_no_number_is_not_found(client: TestClient):
    not_found = {"ok": False, "error": "No such page.", "code": "http", "status": 404}
    for method, path in [("GET", "/api/applications/abc"), ("POST", "/api/actions/x/done")]:
        answer = client.request(method, path, json={})
        assert (answer.status_code, answer.json()) == (404, not_found)


def test_a_body_that_is_no_object_is_422_without_a_field(client: TestClient):
    answer = client.post("/api/applications", json=["Acme", "Engineer"])
    assert answer.status_code == 422
    assert answer.json() == {
        "ok": False,
        "error": "Input should be a valid dictionary or object to extract fields from",
        "code": "invalid",
        "status": 422,
    }

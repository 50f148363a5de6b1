"""Your network over the API: contact files imported (a dry run first, all or nothing), who
you know at a company, references marked, listed and given, and networking: whom you asked
about an application, and who replied."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import NOW
from tests.web.api.shapes import CONTACT_KEYS, EVENT_KEYS, IMPORT_KEYS, REFERENCE_KEYS, invalid

FIXTURES = Path(__file__).parents[2] / "fixtures" / "contacts"
LINKEDIN = FIXTURES / "Connections.csv"
AT = "2026-11-26T09:00:00+00:00"  # NOW, as the API says it
GLOBEX = "Globex — Analytics Engineer"


def upload(client: TestClient, path: Path, **fields: str):
    """POST the file to /api/contacts/import with these form fields."""
    with path.open("rb") as file:
        return client.post("/api/contacts/import", files={"file": (path.name, file)}, data=fields)


def names(client: TestClient) -> list[str]:
    return [c["name"] for c in client.get("/api/contacts").json()]


def parse_error(response, text: str) -> None:
    """A 422 for a malformed file: the message names the file, line and column."""
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["status"], set(body["fields"])) == ("parse_error", 422, {"file"})
    assert text in body["error"]
    assert body["fields"]["file"] == body["error"]


def test_a_dry_run_says_what_the_import_would_change_and_writes_nothing(
    demo_client: TestClient,
):
    before = names(demo_client)
    answer = upload(demo_client, LINKEDIN, dry_run="true")
    assert answer.status_code == 200
    report = answer.json()
    assert set(report) == IMPORT_KEYS
    assert (report["source"], report["format"], report["dry_run"]) == (
        "Connections.csv",
        "linkedin",
        True,
    )
    assert [(p["line"], p["name"]) for p in report["added"]] == [
        (6, "Jürgen Müller"),
        (7, "Priya Natarajan"),
        (8, 'Sam "Sammy" O\'Neil'),
        (11, "李 娜"),
        (12, "Chris"),
    ]
    assert report["added"][0] == {
        "line": 6,
        "name": "Jürgen Müller",
        "company": "Bäckerei Müller GmbH",
        "title": "Geschäftsführer",
    }
    assert report["updated"] == [
        {
            "line": 5,
            "contact": {"id": 5, "name": "Dana Reyes"},
            "changes": {
                "title": {"from": "Data Lead", "to": "Senior Data Engineer"},
                "linkedin_url": {"from": "", "to": "https://www.linkedin.com/in/dana-reyes"},
                "connected_on": {"from": "", "to": "2026-07-16"},
            },
        }
    ]
    assert report["unchanged"] == 0
    assert report["skipped"] == [{"line": 10, "name": "", "reason": "no first or last name"}]
    assert report["companies_added"] == [
        "Bäckerei Müller GmbH",
        "Contoso, Ltd.",
        "Fabrikam",
        "Tailspin Toys",
    ]
    assert names(demo_client) == before


def test_an_import_writes_and_a_second_one_finds_everyone_known(client: TestClient):
    first = upload(client, LINKEDIN).json()
    assert (first["dry_run"], len(first["added"]), first["updated"]) == (False, 6, [])
    assert len(names(client)) == 6
    again = upload(client, LINKEDIN).json()
    assert (again["added"], again["updated"], again["unchanged"]) == ([], [], 6)
    vcards = upload(client, FIXTURES / "contacts-3.0.vcf").json()
    assert vcards["format"] == "vcard"
    assert "Dana Reyes" in [u["contact"]["name"] for u in vcards["updated"]]


def test_another_csv_needs_its_columns_named(client: TestClient):
    book = FIXTURES / "address-book.csv"
    refused = upload(client, book)
    invalid(refused, {"mapping": "is not a LinkedIn export"})
    mapped = upload(client, book, map_name="Full Name", map_emails="E-mail 1 - Value")
    assert mapped.status_code == 200
    assert [p["name"] for p in mapped.json()["added"]] == ["Dana Reyes", "Ayşe Öztürk", "Chris Doe"]
    parse_error(upload(client, book, map_name="Nope"), "no column 'Nope' (for name)")
    no_name = upload(client, book, map_emails="E-mail 1 - Value")
    invalid(no_name, {"mapping": "needs a column for 'name', or for 'first_name' and 'last_name'"})
    as_csv = upload(client, LINKEDIN, format="csv", map_name="First Name")
    parse_error(as_csv, "Connections.csv: line 1: no column 'First Name' (for name)")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("linkedin-bad-email.csv", "line 7, Email Address: 'Analyst' is not an e-mail address"),
        ("linkedin-short-row.csv", "line 7: 4 values, but the header (line 4) has 7"),
        ("vcard-unclosed.vcf", "line 5: this vCard has no END:VCARD"),
        ("Basic_LinkedInDataExport.zip", "file: a ZIP archive, not a text file: unpack it first"),
    ],
)
def test_a_malformed_file_is_422_naming_the_line_and_writes_nothing(
    client: TestClient, name: str, message: str
):
    parse_error(upload(client, FIXTURES / "bad" / name), f"{name}: {message}")
    assert names(client) == []


def test_bad_import_requests_are_422_naming_the_field(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    invalid(client.post("/api/contacts/import", data={"dry_run": "true"}), {"file": "required"})
    invalid(client.post("/api/contacts/import", json={}), {"file": "required"})
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    invalid(upload(client, empty), {"file": "empty"})
    invalid(upload(client, LINKEDIN, format="ldif"), {"format": "'linkedin', 'vcard' or 'csv'"})
    invalid(upload(client, LINKEDIN, map_name="x" * 201), {"map_name": "at most 200"})
    monkeypatch.setattr("afterview.web.uploads.MAX_BYTES", 100)
    invalid(upload(client, LINKEDIN), {"file": "Connections.csv is larger than 0 MB"})
    assert names(client) == []


def test_an_upload_without_the_csrf_token_is_refused(client: TestClient):
    token = client.headers.pop("X-CSRF-Token")
    refused = upload(client, LINKEDIN)
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf")
    wrong = upload(client, LINKEDIN, csrf_token="x" + token)
    assert (wrong.status_code, wrong.json()["code"]) == (403, "csrf")
    assert names(client) == []
    # A plain form carries it as a field, a file upload as well.
    accepted = upload(client, LINKEDIN, csrf_token=token, dry_run="true")
    assert accepted.status_code == 200


def test_who_lists_the_people_you_know_at_a_company(demo_client: TestClient):
    upload(demo_client, LINKEDIN)
    found = demo_client.get("/api/who", params={"company": "globex corporation"}).json()
    assert set(found) == {"asked", "company", "people"}
    assert (found["asked"], found["company"]) == (
        "globex corporation",
        {"id": 2, "name": "Globex"},
    )
    assert [p["contact"]["name"] for p in found["people"]] == ["Sam Patel", "Tomás Álvarez"]
    sam = found["people"][0]
    assert set(sam) == {"contact", "match", "former"}
    assert set(sam["contact"]) == CONTACT_KEYS
    assert sam["match"] == {"level": "exact", "score": 100, "reason": "same name"}
    assert sam["former"] is False
    unknown = demo_client.get("/api/who", params={"company": "Tyrell"}).json()
    assert unknown == {"asked": "Tyrell", "company": {"id": None, "name": "Tyrell"}, "people": []}


def test_who_refuses_a_missing_company_and_an_unknown_id(client: TestClient):
    invalid(client.get("/api/who"), {"company": "Field required"})
    invalid(client.get("/api/who", params={"company": " "}), {"company": "must not be empty"})
    missing = client.get("/api/who", params={"company": "999"})
    assert (missing.status_code, missing.json()) == (
        404,
        {"ok": False, "error": "No company 999.", "code": "not_found", "status": 404},
    )


def test_a_reference_is_marked_listed_and_unmarked(demo_client: TestClient):
    assert demo_client.get("/api/references").json() == []
    marked = demo_client.put(
        "/api/contacts/3/reference",
        json={"relationship": "my manager at Contoso", "knows_work": "the dbt migration"},
    )
    assert marked.status_code == 200
    body = marked.json()
    assert set(body) == REFERENCE_KEYS
    assert set(body["contact"]) == CONTACT_KEYS
    assert (body["contact"]["name"], body["relationship"], body["knows_work"]) == (
        "Grace Okafor",
        "my manager at Contoso",
        "the dbt migration",
    )
    assert (body["uses"], body["recent"], body["limit"], body["window_days"]) == ([], 0, 3, 90)
    assert (body["overused"], body["warning"]) == (False, "")
    # Again: only what is sent changes.
    again = demo_client.put("/api/contacts/3/reference", json={"knows_work": ""}).json()
    assert (again["relationship"], again["knows_work"]) == ("my manager at Contoso", "")
    assert [r["contact"]["id"] for r in demo_client.get("/api/references").json()] == [3]
    removed = demo_client.delete("/api/contacts/3/reference")
    assert (removed.status_code, removed.content) == (204, b"")
    assert demo_client.get("/api/references").json() == []
    invalid(
        demo_client.put("/api/contacts/3/reference", json={"relationship": "x" * 201}),
        {"relationship": "at most 200"},
    )


def test_references_are_given_with_a_heads_up_each(demo_client: TestClient):
    given = demo_client.post("/api/applications/2/references", json={"contacts": ["Grace"]})
    assert given.status_code == 200
    body = given.json()
    assert body["already"] == []
    [grace] = body["added"]
    assert set(grace) == REFERENCE_KEYS | {"heads_up"}
    assert grace["uses"] == [
        {"application": {"id": 2, "label": "Globex — Analytics Engineer"}, "given_on": "2026-11-26"}
    ]
    heads_up = grace["heads_up"]
    assert (heads_up["kind"], heads_up["contact_id"], heads_up["state"]) == (
        "reference_heads_up",
        3,
        "open",
    )
    assert (
        heads_up["reason"] == "Tell Grace Okafor that Globex may call: you gave them as a reference"
    )
    assert heads_up["due_at"] == "2026-11-27T14:00:00+00:00"
    assert heads_up["draft"]["id"] > 0
    draft = demo_client.get(f"/api/drafts/{heads_up['draft']['id']}").json()
    assert (draft["kind"], draft["to"]["name"]) == ("reference_heads_up", "Grace Okafor")

    twice = demo_client.post(
        "/api/applications/2/references", json={"contacts": [3], "on": "yesterday"}
    ).json()
    assert (twice["added"], [c["name"] for c in twice["already"]]) == ([], ["Grace Okafor"])
    listed = demo_client.get("/api/references").json()
    assert [(r["contact"]["name"], r["recent"]) for r in listed] == [("Grace Okafor", 1)]
    assert all("heads_up" not in r for r in listed)


def test_a_reference_given_too_often_is_warned_about(demo_client: TestClient):
    for application in (1, 3, 5):
        demo_client.post(f"/api/applications/{application}/references", json={"contacts": [3]})
    fourth = demo_client.post("/api/applications/2/references", json={"contacts": [3]}).json()
    [grace] = fourth["added"]
    assert (grace["recent"], grace["overused"]) == (4, True)
    assert grace["warning"].startswith("Given 4 times in the last 90 days (more than 3)")


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"contacts": []}, {"contacts": "Name at least one reference"}),
        ({"contacts": [999]}, {"contacts": "No contact 999."}),
        ({"contacts": [3], "on": "someday soon"}, {"on": "someday soon"}),
        ({"contacts": [3], "on": "2026-12-25"}, {"on": "cannot be given in the future"}),
        ({}, {"contacts": "Field required"}),
        ({"contacts": 3}, {"contacts": "valid list"}),
    ],
)
def test_bad_references_are_422_naming_the_field(demo_client: TestClient, sent, fields):
    invalid(demo_client.post("/api/applications/2/references", json=sent), fields)
    assert demo_client.get("/api/references").json() == []


def test_references_for_unknown_records_are_not_found(client: TestClient):
    for method, path, body, kind in [
        ("PUT", "/api/contacts/42/reference", {}, "contact"),
        ("DELETE", "/api/contacts/42/reference", None, "contact"),
        ("POST", "/api/applications/42/references", {"contacts": [1]}, "application"),
    ]:
        answer = client.request(method, path, json=body)
        assert answer.status_code == 404, (method, path)
        assert answer.json()["error"] == f"No {kind} 42."


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/api/contacts/3/reference"),
        ("DELETE", "/api/contacts/3/reference"),
        ("POST", "/api/applications/2/references"),
    ],
)
def test_reference_changes_without_the_csrf_token_are_refused(
    demo_client: TestClient, method: str, path: str
):
    demo_client.headers.pop("X-CSRF-Token")
    refused = demo_client.request(method, path, json={"contacts": [3]})
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf")
    assert demo_client.get("/api/references").json() == []


def ask(client: TestClient, application: int, contact: int, *, sent: bool = True) -> int:
    """Write a networking note about the application to the contact (and mark it sent, by
    default); its draft's id."""
    written = client.post(
        "/api/drafts", json={"kind": "networking_note", "for": application, "to": contact}
    )
    assert written.status_code == 201, written.text
    draft: int = written.json()[0]["id"]
    if sent:
        assert client.post(f"/api/drafts/{draft}/sent", json={"via": "e-mail"}).status_code == 200
    return draft


def exchange(
    contact: tuple[int, str], draft: int, asked: str | None = None, replied: str | None = None
) -> dict[str, object]:
    """An exchange as the API says it."""
    person = {"id": contact[0], "name": contact[1]}
    return {"contact": person, "draft": draft, "asked_at": asked, "replied_at": replied}


SAM = (4, "Sam Patel")
TOMAS = (2, "Tomás Álvarez")


def test_the_network_of_an_application_says_whom_you_asked(demo_client: TestClient):
    assert demo_client.get("/api/applications/2/network").json() == []
    sam = ask(demo_client, 2, 4, sent=False)
    assert demo_client.get("/api/applications/2/network").json() == [exchange(SAM, sam)]
    tomas = ask(demo_client, 2, 2)
    demo_client.post(f"/api/drafts/{sam}/discard")
    sam_again = ask(demo_client, 2, 4, sent=False)
    # Those asked first, the notes still drafts last; a discarded note is no exchange.
    assert demo_client.get("/api/applications/2/network").json() == [
        exchange(TOMAS, tomas, AT),
        exchange(SAM, sam_again),
    ]
    assert demo_client.get("/api/applications/1/network").json() == []


def test_a_reply_about_an_application_answers_the_note(demo_client: TestClient):
    sam = ask(demo_client, 2, 4)
    answer = demo_client.post(
        "/api/contacts/4/replies", json={"application": "2", "note": "  Happy to\n help "}
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == {"contact", "reply", "exchanges"}
    assert set(body["contact"]) == CONTACT_KEYS
    assert body["contact"]["name"] == "Sam Patel"
    reply = body["reply"]
    assert set(reply) == EVENT_KEYS
    assert (reply["at"], reply["subject"], reply["kind"]) == (
        AT,
        {"kind": "contact", "id": 4},
        "replied",
    )
    assert reply["description"] == f"Replied about {GLOBEX}: Happy to help"
    assert reply["data"] == {"note": "Happy to help", "application": 2, "about": GLOBEX}
    assert body["exchanges"] == [exchange(SAM, sam, AT, AT)]
    assert demo_client.get("/api/applications/2/network").json() == body["exchanges"]
    # The note and the reply are on Sam's timeline.
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    note = "networking note: A question about the Analytics Engineer role at Globex"
    assert [(e["kind"], e["description"]) for e in timeline[-2:]] == [
        ("sent", f"Sent {note} (e-mail)"),
        ("replied", f"Replied about {GLOBEX}: Happy to help"),
    ]


def test_a_reply_about_nothing_in_particular(demo_client: TestClient):
    # A day before any note, it answers none; the body may be left out.
    ws = demo_client.app.state.workspace  # type: ignore[attr-defined]
    demo_client.app.state.workspace = ws.at(NOW - timedelta(days=1))  # type: ignore[attr-defined]
    early = demo_client.post("/api/contacts/4/replies")
    demo_client.app.state.workspace = ws  # type: ignore[attr-defined]
    assert early.status_code == 201
    assert (early.json()["reply"]["at"], early.json()["reply"]["description"]) == (
        "2026-11-25T09:00:00+00:00",
        "Replied",
    )
    assert early.json()["exchanges"] == []
    sam = ask(demo_client, 2, 4)
    assert demo_client.get("/api/applications/2/network").json()[0]["replied_at"] is None
    # After the note went, a reply about nothing in particular answers it.
    later = demo_client.post("/api/contacts/4/replies", json={"note": "Call me"}).json()
    assert (later["reply"]["description"], later["exchanges"]) == ("Replied: Call me", [])
    assert demo_client.get("/api/applications/2/network").json() == [exchange(SAM, sam, AT, AT)]
    # A reply about an application they were not asked about answers no note of it.
    other = demo_client.post("/api/contacts/4/replies", json={"application": 1}).json()
    northwind = "Northwind Analytics — Senior Data Engineer"
    assert (other["reply"]["description"], other["exchanges"]) == (f"Replied about {northwind}", [])


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"application": 999}, {"application": "No application 999."}),
        ({"application": ""}, {"application": "at least 1 character"}),
        ({"note": "x" * 50_001}, {"note": "at most 50000 characters"}),
        ({"note": 3}, {"note": "valid string"}),
    ],
)
def test_bad_replies_are_422_naming_the_field(demo_client: TestClient, sent, fields):
    invalid(demo_client.post("/api/contacts/4/replies", json=sent), fields)
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    assert "replied" not in {e["kind"] for e in timeline}


def test_networking_for_unknown_records_is_not_found(client: TestClient):
    for method, path, kind in [
        ("GET", "/api/applications/42/network", "application"),
        ("POST", "/api/contacts/42/replies", "contact"),
    ]:
        answer = client.request(method, path, json={})
        assert answer.status_code == 404, (method, path)
        assert answer.json() == {
            "ok": False,
            "error": f"No {kind} 42.",
            "code": "not_found",
            "status": 404,
        }


def test_a_reply_without_the_csrf_token_is_refused(demo_client: TestClient):
    demo_client.headers.pop("X-CSRF-Token")
    refused = demo_client.post("/api/contacts/4/replies", json={"note": "hi"})
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf")
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    assert "replied" not in {e["kind"] for e in timeline}

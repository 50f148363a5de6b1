"""Safety on one machine: CSRF on every state-changing request, security headers on every
response, no exception text in answers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from afterview.web.security import SECURITY_HEADERS


def test_every_response_carries_the_security_headers(client: TestClient):
    for path in ("/", "/api/csrf", "/no-such-page", "/static/app.css"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers[name] == value, (path, name)
    policy = SECURITY_HEADERS["content-security-policy"]
    assert "script-src 'self';" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_state_changing_request_without_the_token_is_refused(demo_client: TestClient):
    token = demo_client.headers.pop("X-CSRF-Token")
    refused = demo_client.post("/actions/19/done")
    assert refused.status_code == 403
    assert refused.json() == {
        "ok": False,
        "error": "The request lacks its CSRF token: reload the page and try again.",
        "code": "csrf",
        "status": 403,
    }
    wrong = demo_client.post("/actions/19/done", headers={"X-CSRF-Token": "x" + token})
    assert wrong.status_code == 403
    form = demo_client.post("/actions/19/done", data={"csrf_token": token})
    assert form.status_code == 200


def test_a_fresh_visitor_gets_a_strict_cookie_and_cannot_post_without_it(web_settings):
    from afterview.web.app import create_app

    with TestClient(create_app(web_settings)) as fresh:
        first = fresh.get("/")
        cookie = first.headers["set-cookie"]
        assert "SameSite=Strict" in cookie
        assert "HttpOnly" in cookie
        fresh.cookies.clear()
        assert fresh.post("/actions/1/done", headers={"X-CSRF-Token": "guess"}).status_code == 403


def test_errors_answer_in_the_callers_format_without_internals(demo_client: TestClient):
    page = demo_client.get("/no-such-page")
    assert page.status_code == 404
    assert "Not found" in page.text
    assert "Traceback" not in page.text
    api = demo_client.get("/api/no-such-thing")
    assert api.json() == {"ok": False, "error": "No such page.", "code": "http", "status": 404}
    missing = demo_client.post("/actions/99999/done")
    assert missing.status_code == 404
    assert "No action 99999." in missing.text


def test_the_agenda_page_shows_the_sample_search(demo_client: TestClient):
    page = demo_client.get("/")
    assert page.status_code == 200
    assert "Agenda for" in page.text
    assert "Thank Sam Patel within 24 h of your 15:00 interview" in page.text
    done = demo_client.post("/actions/19/done")
    assert done.status_code == 200
    assert "Thank Sam Patel" not in done.text


def test_a_file_upload_carries_its_token_as_a_form_field(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    token = client.headers.pop("X-CSRF-Token")
    files = {"file": ("a.csv", b"First Name,Last Name\n")}
    refused = client.post("/contacts/import", files=files, data={"csrf_token": "é" + token})
    assert (refused.status_code, refused.json()["code"]) == (403, "csrf")
    unreadable = client.post(
        "/contacts/import",
        content=b"--x\r\nnot a part",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert (unreadable.status_code, unreadable.json()["code"]) == (403, "csrf")
    read = client.post("/contacts/import", files=files, data={"csrf_token": token})
    assert read.status_code == 422  # past the check: the form says what is wrong
    monkeypatch.setattr("afterview.web.security.MAX_FORM_BYTES", 100)
    big = client.post("/contacts/import", files=files, data={"csrf_token": token, "x": "y" * 200})
    assert big.status_code == 413
    assert big.json() == {
        "ok": False,
        "error": "The form is larger than 65 MB.",
        "code": "too_large",
        "status": 413,
    }
    assert big.headers["x-frame-options"] == "DENY"

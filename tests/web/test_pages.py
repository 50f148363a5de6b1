"""The pages beyond the agenda: application, interview, drafts and the editor, the board,
contacts and the forms — over the sample search, or an empty database."""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from afterview.services.workspace import Workspace
from tests.smtpserver import Recorder, StartServer

HX = {"HX-Request": "true"}
THANK_SAM = "Thank Sam Patel within 24 h of your 15:00 interview"
XSS = "<script>alert(1)</script>"


def workspace(client: TestClient) -> Workspace:
    ws: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    return ws


def field_error(name: str, message: str) -> str:
    return f'<p class="field-error" id="f-{name}-error">{escape(message)}</p>'


PAGES = [
    "/board",
    "/contacts",
    "/drafts",
    "/drafts?state=all",
    "/applications/new",
    "/contacts/new",
    "/interviews/new",
    "/reviews",
    "/offers",
    "/openings",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_on_an_empty_database(client: TestClient, path: str):
    page = client.get(path)
    assert page.status_code == 200
    assert "<h1>" in page.text


DEMO_PAGES = [
    *PAGES,
    "/applications/2",
    "/applications/2/edit",
    "/interviews/4",
    "/interviews/new?application=2",
    "/drafts/9",
    "/contacts/4",
    "/contacts?q=patel",
    "/board?stage=interviewing",
    "/reviews?q=yourself",
    "/offers?application=1",
    "/applications/4",
    "/openings?rivals_of=1&new=1",
]


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_pages_run_nothing_inline(demo_client: TestClient, path: str):
    """The CSP forbids inline scripts, styles and handlers: the pages use none."""
    page = demo_client.get(path)
    assert page.status_code == 200
    assert re.findall(r"<script(?![^>]*\ssrc=)", page.text) == []
    assert re.findall(r"\sstyle=|\son[a-z]+=", page.text) == []
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


def test_unknown_records_are_not_found(demo_client: TestClient):
    for path in (
        "/applications/99",
        "/applications/99/edit",
        "/interviews/99",
        "/interviews/new?application=99",
        "/drafts/99",
        "/drafts/99.eml",
        "/contacts/99",
    ):
        page = demo_client.get(path)
        assert page.status_code == 404, path
        assert "Not found" in page.text


def test_the_application_page_shows_its_record_plan_drafts_and_history(
    demo_client: TestClient,
):
    page = demo_client.get("/applications/2")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Globex — Analytics Engineer</h1>" in text
    assert "<dt>Salary</dt><dd>150000-165000 USD</dd>" in text
    assert '<a href="/interviews/4">Round 1 · video · Tue 24 Nov, 15:00</a>' in text
    assert f"<td>{THANK_SAM} · " in text
    assert '<span class="state state-done">done</span>' in text
    assert '<a href="/drafts/9">Thank-you note to Sam Patel</a>' in text
    assert "Stage applied → interviewing</li>" in text
    assert '<label for="new-stage">New stage</label>' in text
    assert '<a class="button" href="/applications/2/edit">Edit application</a>' in text


def test_the_stage_changes_from_the_application_page(demo_client: TestClient):
    moved = demo_client.post(
        "/applications/2/stage",
        data={"stage": "offer", "note": "Verbal offer", "view": "application"},
        headers=HX,
    )
    assert moved.status_code == 200
    assert '<p class="notice ok" role="status">Moved to offer.</p>' in moved.text
    assert "Stage interviewing → offer: Verbal offer</li>" in moved.text
    assert "<!doctype html>" not in moved.text
    refused = demo_client.post(
        "/applications/5/stage",
        data={"stage": "accepted", "note": "kept", "view": "application"},
        headers=HX,
    )
    assert refused.status_code == 422
    assert (
        "Only an offer can be accepted; the application is at stage applied. "
        "Record the offer first (stage offer).</p>"
    ) in refused.text
    assert 'value="kept"' in refused.text
    plain = demo_client.post(
        "/applications/5/stage",
        data={"stage": "screening", "view": "application"},
        follow_redirects=False,
    )
    assert (plain.status_code, plain.headers["location"]) == (303, "/applications/5")


def test_the_interview_page_shows_the_plan_as_a_checklist(demo_client: TestClient):
    page = demo_client.get("/interviews/4")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Round 1 (video): Globex — Analytics Engineer</h1>" in text
    assert "<dd><q>within a week</q></dd>" in text
    assert "topic: migrating 300 dbt models to incremental" in text
    assert '<a href="/contacts/4">Sam Patel</a>' in text
    assert '<a href="/drafts/9">Thank-you note to Sam Patel</a>' in text
    for number, name in ((1, "Evaluate your performance"), (10, "Accept rejection with grace")):
        assert f'<h3 id="p-{number}">{number}. {name}</h3>' in text
    assert f"<strong>{THANK_SAM}</strong>" in text
    assert 'Due Wed 25 Nov, 16:00 · <span class="state">open</span>' in text
    assert f'aria-label="Done: {THANK_SAM}">Done</button>' in text
    # A follow-up is done by sending it, so it offers Skip only.
    assert 'action="/interviews/4/actions/22/done"' not in text
    assert 'action="/interviews/4/actions/22/skip"' in text


def test_done_and_skip_in_the_plan_answer_with_the_plan(demo_client: TestClient):
    done = demo_client.post("/interviews/4/actions/19/done", headers=HX)
    assert done.status_code == 200
    assert '<p class="notice ok" role="status">Marked done.</p>' in done.text
    assert '<li id="plan-action-19" class="state-done">' in done.text
    assert f'aria-label="Done: {THANK_SAM}"' not in done.text
    assert "<!doctype html>" not in done.text
    skipped = demo_client.post("/interviews/4/actions/21/skip", headers=HX)
    assert '<li id="plan-action-21" class="state-skipped">' in skipped.text
    again = demo_client.post("/interviews/4/actions/21/skip", headers=HX)
    assert again.status_code == 422
    assert '<p class="notice error" role="alert">Action 21 is already skipped.</p>' in again.text
    elsewhere = demo_client.post("/interviews/4/actions/43/done", headers=HX)
    assert elsewhere.status_code == 404
    assert THANK_SAM not in demo_client.get("/").text
    plain = demo_client.post("/interviews/4/actions/20/done", follow_redirects=False)
    assert (plain.status_code, plain.headers["location"]) == (303, "/interviews/4")


def test_the_drafts_list_shows_each_ones_lint(demo_client: TestClient):
    page = demo_client.get("/drafts")
    assert page.status_code == 200
    assert page.text.count('<td><a href="/drafts/') == 7
    assert '<a href="/drafts/9">Thank-you note</a>' in page.text
    assert '<span class="lint-clean">clean</span>' in page.text
    assert '<span class="lint-warning">2 warnings</span>' in page.text
    assert "<td>draft</td>" in page.text
    sent = demo_client.get("/drafts?state=sent")
    assert '<a href="/drafts?state=sent" aria-current="page">Sent</a>' in sent.text


def test_the_editor_shows_the_draft_with_its_ways_out(demo_client: TestClient):
    page = demo_client.get("/drafts/9")
    assert page.status_code == 200
    text = page.text
    assert "<h1>Thank-you note to Sam Patel</h1>" in text
    assert '<p>For <a href="/applications/2">Globex — Analytics Engineer</a> · draft 9</p>' in text
    assert "<strong>To:</strong> Sam Patel &lt;sam.patel@globex.example&gt;" in text
    assert '<label for="subject">Subject</label>' in text
    assert '<label for="body">Body</label>' in text
    assert 'hx-post="/drafts/9/lint" hx-trigger="input changed delay:400ms"' in text
    assert '<button type="button" data-copy="body">Copy</button>' in text
    assert 'href="mailto:sam.patel@globex.example?subject=Thank%20you%20for' in text
    assert '<a class="button" href="/drafts/9.eml" download>Download .eml</a>' in text
    assert '<label for="via">Sent via</label>' in text
    assert "<strong>Lint: clean</strong>" in text


def test_save_keeps_the_words_and_refuses_an_empty_body(demo_client: TestClient):
    body = "Hi Sam,\n\nThanks for the talk about the Analytics Engineer role at Globex.\n"
    saved = demo_client.post("/drafts/9", data={"subject": "Thanks, Sam", "body": body}, headers=HX)
    assert saved.status_code == 200
    assert '<p class="notice ok" role="status">Saved.</p>' in saved.text
    assert "<!doctype html>" not in saved.text
    page = demo_client.get("/drafts/9").text
    assert 'value="Thanks, Sam"' in page
    assert ">Hi Sam,\n\nThanks for the talk about" in page
    assert "Edited subject → Thanks, Sam, body → Hi Sam," in page
    empty = demo_client.post(
        "/drafts/9", data={"subject": "Kept subject", "body": "  "}, headers=HX
    )
    assert empty.status_code == 422
    assert '<p class="field-error" id="body-error">The body must not be empty.</p>' in empty.text
    assert 'value="Kept subject"' in empty.text
    assert 'aria-invalid="true" aria-describedby="body-error"' in empty.text


def test_the_live_lint_checks_the_words_as_typed(demo_client: TestClient):
    typed = (
        "Hi Sam,\n\nThank you for talking with me about the Analytics Engineer role at "
        "[Company] on Tuesday; I especially enjoyed our conversation about migrating dbt "
        "models, and I look forward to the next steps.\n\nBest,\nAlex\n"
    )
    lint = demo_client.post(
        "/drafts/9/lint", data={"subject": "Thank you", "body": typed}, headers=HX
    )
    assert lint.status_code == 200
    assert lint.text == (
        '<p class="lint-summary"><strong>Lint: 2 errors</strong></p>\n'
        '<ul class="lint">\n'
        '  <li class="error"><span class="visually-hidden">error: </span>'
        "Line 3 has a bracketed placeholder: &#39;[Company]&#39;.</li>\n"
        '  <li class="error"><span class="visually-hidden">error: </span>'
        "The company (Globex) is not mentioned.</li>\n"
        "</ul>\n"
    )
    # Nothing was saved.
    assert "[Company]" not in demo_client.get("/drafts/9").text


def test_mark_sent_shows_the_sent_state_and_the_agenda_moves_on(demo_client: TestClient):
    assert THANK_SAM in demo_client.get("/").text
    sent = demo_client.post("/drafts/9/sent", data={"via": "LinkedIn"}, headers=HX)
    assert sent.status_code == 200
    assert '<p class="notice ok" role="status">Marked sent (LinkedIn).</p>' in sent.text
    assert (
        '<p class="notice ok">Sent Thu 26 Nov, 04:00 (LinkedIn) to '
        "Sam Patel &lt;sam.patel@globex.example&gt;.</p>"
    ) in sent.text
    assert '<a href="/applications/2">Back to the application</a>' in sent.text
    assert '<textarea id="body"' not in sent.text
    assert THANK_SAM not in demo_client.get("/").text
    again = demo_client.post("/drafts/9/sent", data={"via": "e-mail"}, headers=HX)
    assert again.status_code == 422
    assert "Draft 9 is already sent." in again.text


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_eml_download_is_the_message(demo_client: TestClient):
    download = demo_client.get("/drafts/9.eml")
    assert download.status_code == 200
    assert download.headers["content-type"] == "message/rfc822"
    assert download.headers["content-disposition"] == 'attachment; filename="draft-9.eml"'
    message = parse(download.content)
    assert message["To"] == "Sam Patel <sam.patel@globex.example>"
    assert message["From"] == "Alex Morgan <alex.morgan@example.com>"
    assert message["Subject"] == "Thank you for the Analytics Engineer interview"
    assert message.get_content().startswith("Hi Sam,\r\n\r\nThank you for taking the time")


def test_lint_errors_stop_the_eml_download_unless_forced(demo_client: TestClient):
    body = "Hi Sam,\n\nThank you for the Analytics Engineer interview at [Company].\n"
    demo_client.post("/drafts/9", data={"subject": "Thanks", "body": body}, headers=HX)
    refused = demo_client.get("/drafts/9.eml")
    assert refused.status_code == 422
    assert "<h1>Not exported</h1>" in refused.text
    assert "Draft 9 has 3 problems: Line 3 has a bracketed placeholder" in refused.text
    assert 'href="/drafts/9.eml?force=1" download>Download it anyway</a>' in refused.text
    forced = demo_client.get("/drafts/9.eml?force=1")
    assert forced.status_code == 200
    assert "[Company]" in parse(forced.content).get_content()
    no_address = demo_client.get("/drafts/19.eml")
    assert no_address.status_code == 422
    assert "Draft 19 has no e-mail address to go to" in no_address.text
    assert "Download it anyway" not in no_address.text


def test_send_without_a_server_offers_the_exports(demo_client: TestClient):
    answer = demo_client.post("/drafts/9/send", headers=HX)
    assert answer.status_code == 422
    assert "<p>No SMTP server is configured: set smtp_host" in answer.text
    assert '<a href="/drafts/9.eml" download>download the .eml file</a>' in answer.text
    assert "<!doctype html>" not in answer.text


def test_send_by_smtp_asks_first(demo_client: TestClient, smtpd: StartServer):
    server = Recorder()
    ws = workspace(demo_client)
    ws.settings = ws.settings.model_copy(
        update={"smtp_host": "127.0.0.1", "smtp_port": smtpd(server), "smtp_security": "none"}
    )
    asked = demo_client.post("/drafts/9/send", headers=HX)
    assert asked.status_code == 200
    assert '<h3 id="h-confirm">Send this e-mail now?</h3>' in asked.text
    assert "<dt>To</dt><dd>Sam Patel &lt;sam.patel@globex.example&gt;</dd>" in asked.text
    assert "<dt>Subject</dt><dd>Thank you for the Analytics Engineer interview</dd>" in asked.text
    assert '<input type="hidden" name="confirm" value="1">' in asked.text
    assert '<button type="submit" class="primary">Send now</button>' in asked.text
    assert server.received == []
    sent = demo_client.post("/drafts/9/send", data={"confirm": "1"}, headers=HX)
    assert sent.status_code == 200
    assert sent.headers["hx-retarget"] == "#editor"
    assert (
        '<p class="notice ok" role="status">Sent to Sam Patel &lt;sam.patel@globex.example&gt;.'
        in sent.text
    )
    [received] = server.received
    assert received.rcpt_tos == ["sam.patel@globex.example"]
    assert parse(received.content)["Subject"] == "Thank you for the Analytics Engineer interview"
    assert THANK_SAM not in demo_client.get("/").text


def test_the_board_moves_a_card_in_place(demo_client: TestClient):
    board = demo_client.get("/board")
    assert board.status_code == 200
    assert (
        '<h2 id="col-interviewing">interviewing <span class="muted">(2)</span></h2>' in board.text
    )
    assert '<label class="visually-hidden" for="stage-2">Stage of Globex — Analytics Engineer' in (
        board.text
    )
    assert 'aria-label="Move: Globex — Analytics Engineer">Move</button>' in board.text
    moved = demo_client.post("/applications/2/stage", data={"stage": "offer"}, headers=HX)
    assert moved.status_code == 200
    assert (
        '<p class="notice ok" role="status">Moved Globex — Analytics Engineer to offer.</p>'
        in moved.text
    )
    assert '<h2 id="col-offer">offer <span class="muted">(2)</span></h2>' in moved.text
    assert '<h2 id="col-interviewing">interviewing <span class="muted">(1)</span></h2>' in (
        moved.text
    )
    assert "<!doctype html>" not in moved.text
    refused = demo_client.post("/applications/5/stage", data={"stage": "declined"}, headers=HX)
    assert refused.status_code == 422
    assert (
        '<p class="field-error" id="stage-5-error" role="alert">Only an offer can be declined; '
        "the application is at stage applied. Record the offer first (stage offer).</p>"
    ) in refused.text
    plain = demo_client.post(
        "/applications/5/stage", data={"stage": "screening"}, follow_redirects=False
    )
    assert (plain.status_code, plain.headers["location"]) == (303, "/board")


def test_contacts_search_answers_as_you_type(demo_client: TestClient):
    page = demo_client.get("/contacts")
    assert page.status_code == 200
    assert '<label for="q">Search contacts</label>' in page.text
    assert 'hx-get="/contacts" hx-trigger="input changed delay:300ms, search"' in page.text
    assert '<p class="muted">12 contacts.</p>' in page.text
    found = demo_client.get("/contacts", params={"q": "patel"}, headers=HX)
    assert found.status_code == 200
    assert "<!doctype html>" not in found.text
    assert '<td><a href="/contacts/4">Sam Patel</a></td>' in found.text
    assert "Mei Chen" not in found.text
    assert "1 matching “patel”" in found.text


def test_user_data_is_escaped(demo_client: TestClient):
    from afterview.services.contacts import add_contact

    contact = add_contact(workspace(demo_client), name=XSS, company="Globex", title=XSS)
    for path in ("/contacts", f"/contacts?q={XSS}", f"/contacts/{contact.id}"):
        page = demo_client.get(path)
        assert XSS not in page.text, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text, path
    created = demo_client.post(
        "/applications/new", data={"company": XSS, "role": XSS}, follow_redirects=True
    )
    assert XSS not in created.text
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; — &lt;script&gt;" in created.text
    assert XSS not in demo_client.get("/board").text


def test_the_application_form_adds_one(demo_client: TestClient):
    form = {
        "company": "Initrode",
        "role": "Data Engineer",
        "stage": "applied",
        "priority": "high",
        "salary": "90k-110k EUR",
        "applied_on": "yesterday",
        "location": "Berlin",
    }
    added = demo_client.post("/applications/new", data=form, follow_redirects=False)
    assert added.status_code == 303
    location = added.headers["location"]
    assert location == "/applications/10"
    page = demo_client.get(location).text
    assert "<h1>Initrode — Data Engineer</h1>" in page
    assert "<dt>Salary</dt><dd>90000-110000 EUR</dd>" in page
    assert "<dt>Applied</dt><dd>Wed 25 Nov 2026</dd>" in page
    assert "<dt>Priority</dt><dd>high</dd>" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"role": ""}, "role", "The role must not be empty."),
        ({"company": " "}, "company", "The company must not be empty."),
        (
            {"salary": "lots"},
            "salary",
            "Cannot read the salary 'lots'; write it like '90000-110000 EUR' or '95k USD'.",
        ),
        (
            {"applied_on": "2030-01-01"},
            "applied_on",
            "The application date 2030-01-01 is after today (2026-11-26).",
        ),
    ],
)
def test_the_application_form_shows_what_is_wrong_where(
    client: TestClient, change: dict[str, str], field: str, message: str
):
    form = {"company": "Initrode", "role": "Data Engineer", "stage": "applied"} | change
    refused = client.post("/applications/new", data=form)
    assert refused.status_code == 422
    assert field_error(field, message) in refused.text
    assert f'aria-describedby="f-{field}' in refused.text
    assert f'value="{escape(form["company"])}"' in refused.text
    assert client.get("/api/applications").json() == []


def test_the_edit_form_changes_an_application(demo_client: TestClient):
    page = demo_client.get("/applications/2/edit")
    assert page.status_code == 200
    assert 'id="f-salary" name="salary" type="text" value="150000-165000 USD"' in page.text
    assert 'name="stage"' not in page.text
    form = {
        "company": "Globex",
        "role": "Senior Analytics Engineer",
        "priority": "high",
        "salary": "150000-165000 USD",
        "applied_on": "2026-11-08",
        "location": "Remote (US)",
        "source": "LinkedIn",
    }
    edited = demo_client.post("/applications/2/edit", data=form, follow_redirects=False)
    assert (edited.status_code, edited.headers["location"]) == (303, "/applications/2")
    assert "<h1>Globex — Senior Analytics Engineer</h1>" in demo_client.get("/applications/2").text
    refused = demo_client.post("/applications/2/edit", data=form | {"role": "", "location": "Home"})
    assert refused.status_code == 422
    assert field_error("role", "The role must not be empty.") in refused.text
    assert 'value="Home"' in refused.text


def test_the_interview_form_schedules_one(demo_client: TestClient):
    page = demo_client.get("/interviews/new?application=2")
    assert '<option value="2" selected>Globex — Analytics Engineer</option>' in page.text
    form = {
        "application": "2",
        "starts": "2026-12-02 14:00",
        "duration": "45m",
        "kind": "technical",
        "interviewers": "Sam Patel, Ana Lima",
        "next_step_said": "by Friday",
        "notes": "topic: the event pipeline",
    }
    added = demo_client.post("/interviews/new", data=form, follow_redirects=False)
    assert (added.status_code, added.headers["location"]) == (303, "/interviews/9")
    shown = demo_client.get("/interviews/9").text
    assert "<h1>Round 2 (technical): Globex — Analytics Engineer</h1>" in shown
    assert "Wed 02 Dec, 14:00–14:45" in shown
    assert "<dd><q>by Friday</q></dd>" in shown
    assert '<a href="/contacts/13">Ana Lima</a>' in shown


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"round": "two"}, "round", "The round is a number from 1 to 20 (empty: the next one)."),
        ({"round": "30"}, "round", "The round must be between 1 and 20, not 30."),
        (
            {"duration": "forever"},
            "duration",
            "Cannot read the duration 'forever'; write 45m, 1h or 1h30m.",
        ),
        ({"interviewers": "99"}, "interviewers", "No contact 99."),
    ],
)
def test_the_interview_form_shows_what_is_wrong_where(
    demo_client: TestClient, change: dict[str, str], field: str, message: str
):
    form = {"application": "2", "starts": "2026-12-02 14:00", "kind": "video"} | change
    refused = demo_client.post("/interviews/new", data=form)
    assert refused.status_code == 422
    assert field_error(field, message) in refused.text
    assert 'value="2026-12-02 14:00"' in refused.text
    assert "/interviews/9" not in demo_client.get("/applications/2").text


def test_the_interview_form_needs_a_start(demo_client: TestClient):
    refused = demo_client.post("/interviews/new", data={"application": "2", "starts": ""})
    assert refused.status_code == 422
    assert '<p class="field-error" id="f-starts-error">The starts must not be empty;' in (
        refused.text
    )


def test_the_contact_form_adds_one(demo_client: TestClient):
    form = {
        "name": "Ana Lima",
        "emails": "ana@globex.example, ana.lima@example.org",
        "phones": "+1 555 0100",
        "company": "Globex",
        "title": "Recruiter",
    }
    added = demo_client.post("/contacts/new", data=form, follow_redirects=False)
    assert (added.status_code, added.headers["location"]) == (303, "/contacts/13")
    page = demo_client.get("/contacts/13").text
    assert "<h1>Ana Lima</h1>" in page
    assert '<a href="mailto:ana@globex.example">ana@globex.example</a>, ' in page
    assert "<dt>Company</dt><dd>Globex</dd>" in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": ""}, "name", "The name must not be empty."),
        ({"emails": "ana-at-globex"}, "emails", "'ana-at-globex' is not an e-mail address."),
    ],
)
def test_the_contact_form_shows_what_is_wrong_where(
    client: TestClient, change: dict[str, str], field: str, message: str
):
    form = {"name": "Ana Lima", "emails": "ana@globex.example", "title": "Recruiter"} | change
    refused = client.post("/contacts/new", data=form)
    assert refused.status_code == 422
    assert field_error(field, message) in refused.text
    assert 'value="Recruiter"' in refused.text
    assert client.get("/api/contacts").json() == []


def test_plain_forms_carry_the_csrf_token(demo_client: TestClient):
    token = demo_client.headers.pop("X-CSRF-Token")
    page = demo_client.get("/contacts/new")
    assert f'<input type="hidden" name="csrf_token" value="{token}">' in page.text
    refused = demo_client.post("/contacts/new", data={"name": "Ana Lima"})
    assert refused.status_code == 403
    added = demo_client.post(
        "/contacts/new", data={"name": "Ana Lima", "csrf_token": token}, follow_redirects=False
    )
    assert added.status_code == 303


def test_the_agenda_shows_its_first_rows_and_every_row_on_request(
    demo_client: TestClient, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("afterview.web.pages.agenda.SHOWN", 1)
    totals = demo_client.get("/api/agenda").json()["totals"]
    assert totals == {"overdue": 1, "due_today": 0, "this_week": 13, "waiting": 2}
    actions = [totals[part] for part in ("overdue", "due_today", "this_week")]
    rows = re.compile(r'<li class="[^"]*" id="action-\d+">')
    short = demo_client.get("/").text
    assert len(rows.findall(short)) == sum(1 for n in actions if n)
    for n in [*actions, totals["waiting"]]:
        if n > 1:
            assert f"… and {n - 1} more." in short
    assert short.count('<a href="/?all=1">Show all</a>') == sum(n > 1 for n in totals.values())
    everything = demo_client.get("/?all=1").text
    assert len(rows.findall(everything)) == sum(actions)
    assert "more." not in everything
    assert '<input type="hidden" name="all" value="1">' in everything
    assert 'name="all"' not in short
    # Acting on a row of the whole agenda answers with the whole agenda again.
    first = rows.findall(everything)[0].split('id="action-')[1].rstrip('">')
    done = demo_client.post(f"/actions/{first}/done", data={"all": "1"}, headers=HX)
    assert len(rows.findall(done.text)) == sum(actions) - 1

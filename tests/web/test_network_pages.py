"""The network's pages, used as a person would: a contact file uploaded, previewed, then
imported (or cancelled); the vCard download; who you know at an application's company;
references marked on a contact's page, listed, and given from an application's page; and
networking: someone asked from an application's page, their reply recorded there or on
their own page."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from afterview.services.workspace import Workspace
from tests.conftest import NOW

FIXTURES = Path(__file__).parents[1] / "fixtures" / "contacts"
LINKEDIN = FIXTURES / "Connections.csv"
HX = {"HX-Request": "true"}


def workspace(client: TestClient) -> Workspace:
    ws: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    return ws


def uploads(client: TestClient) -> list[Path]:
    folder = Path(workspace(client).settings.data_dir) / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def contact_names(client: TestClient) -> list[str]:
    return [c["name"] for c in client.get("/api/contacts").json()]


def choose(client: TestClient, path: Path, **fields: str):
    """Send the import form with this file as a browser does: the token in the form."""
    token = client.headers.pop("X-CSRF-Token")
    try:
        with path.open("rb") as file:
            return client.post(
                "/contacts/import",
                files={"file": (path.name, file)},
                data={"csrf_token": token, "format": ""} | fields,
            )
    finally:
        client.headers["X-CSRF-Token"] = token


def token_of(page: str) -> str:
    found = re.findall(r'<input type="hidden" name="token" value="([^"]+)">', page)
    assert found, "no token in the page"
    assert len(set(found)) == 1
    return found[0]


def text_of(page: str) -> str:
    """The page's words, without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_contacts_page_offers_the_import_and_the_vcard_download(demo_client: TestClient):
    page = demo_client.get("/contacts").text
    assert '<a class="button" href="/contacts/import">Import contacts</a>' in page
    assert '<a class="button" href="/contacts.vcf" download>Download as vCard</a>' in page
    download = demo_client.get("/contacts.vcf")
    assert download.status_code == 200
    assert download.headers["content-type"] == "text/vcard; charset=utf-8"
    assert download.headers["content-disposition"] == (
        'attachment; filename="afterview-contacts.vcf"'
    )
    assert download.text.count("BEGIN:VCARD") == 12
    assert "FN:Tomás Álvarez" in download.text
    at_globex = demo_client.get("/contacts.vcf", params={"company": "Globex"}).text
    assert at_globex.count("BEGIN:VCARD") == 2


def test_the_import_form_labels_every_control(client: TestClient):
    page = client.get("/contacts/import").text
    assert 'enctype="multipart/form-data"' in page
    assert '<input type="hidden" name="csrf_token"' in page
    for control in re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', page):
        assert f'<label for="{control}">' in page, control
    assert '<details class="columns">' in page  # closed until needed


def test_upload_preview_confirm(demo_client: TestClient):
    before = contact_names(demo_client)
    preview = choose(demo_client, LINKEDIN)
    assert preview.status_code == 200
    words = text_of(preview.text)
    assert "Check the import: Connections.csv" in words
    assert "LinkedIn export: 5 to add 1 to update 0 already here as they are 1 skipped" in words
    assert "4 new companies" in words
    assert "6 Jürgen Müller Bäckerei Müller GmbH Geschäftsführer" in words
    assert "5 Dana Reyes title: Data Lead → Senior Data Engineer" in words
    assert "connected on: 2026-07-16" in words
    assert "10 no first or last name" in words
    assert "Bäckerei Müller GmbH · Contoso, Ltd. · Fabrikam · Tailspin Toys" in words
    assert escape('Sam "Sammy" O\'Neil') in preview.text
    # Nothing written; the file kept for the confirmation, by its token.
    assert contact_names(demo_client) == before
    token = token_of(preview.text)
    [kept] = uploads(demo_client)
    assert kept.name == f"{token}.upload"
    assert kept.stat().st_mode & 0o077 == 0

    done = demo_client.post("/contacts/import/confirm", data={"token": token})
    assert done.status_code == 200
    words = text_of(done.text)
    assert "Imported Connections.csv" in words
    assert "5 added 1 updated" in words
    assert 'name="token"' not in done.text
    assert uploads(demo_client) == []
    after = contact_names(demo_client)
    assert len(after) == len(before) + 5
    assert {"Jürgen Müller", "李 娜"} <= set(after)
    dana = demo_client.get("/api/contacts/5").json()
    assert dana["title"] == "Senior Data Engineer"

    # The token worked once.
    again = demo_client.post("/contacts/import/confirm", data={"token": token})
    assert again.status_code == 404
    assert "That upload is no longer here" in again.text
    assert "<h1>Import contacts</h1>" in again.text
    assert len(contact_names(demo_client)) == len(after)


def test_cancel_forgets_the_file_and_imports_nothing(client: TestClient):
    token = token_of(choose(client, LINKEDIN).text)
    assert len(uploads(client)) == 1
    cancelled = client.post(
        "/contacts/import/cancel", data={"token": token}, follow_redirects=False
    )
    assert (cancelled.status_code, cancelled.headers["location"]) == (303, "/contacts")
    assert uploads(client) == []
    refused = client.post("/contacts/import/confirm", data={"token": token})
    assert refused.status_code == 404
    assert contact_names(client) == []


@pytest.mark.parametrize("token", ["", "nope", "../../afterview", "a" * 43])
def test_an_unknown_token_is_refused_clearly(client: TestClient, token: str):
    refused = client.post("/contacts/import/confirm", data={"token": token})
    assert refused.status_code == 404
    assert '<p class="notice error" role="alert">That upload is no longer here' in refused.text
    assert contact_names(client) == []


def test_an_upload_older_than_an_hour_is_refused_and_swept(client: TestClient):
    ws = workspace(client)
    old = token_of(choose(client, LINKEDIN).text)
    client.app.state.workspace = ws.at(NOW + timedelta(minutes=61))  # type: ignore[attr-defined]
    refused = client.post("/contacts/import/confirm", data={"token": old})
    assert refused.status_code == 404
    assert "more than an hour old" in refused.text
    assert uploads(client) == []
    # Another expired one goes when the next file is kept.
    client.app.state.workspace = ws  # type: ignore[attr-defined]
    token_of(choose(client, LINKEDIN).text)
    client.app.state.workspace = ws.at(NOW + timedelta(hours=2))  # type: ignore[attr-defined]
    fresh = token_of(choose(client, LINKEDIN).text)
    assert [p.name for p in uploads(client)] == [f"{fresh}.upload"]
    assert contact_names(client) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "linkedin-bad-email.csv",
            "linkedin-bad-email.csv: line 7, Email Address: 'Analyst' is not an e-mail address",
        ),
        ("vcard-not-a-line.vcf", "vcard-not-a-line.vcf: line 4: "),
    ],
)
def test_a_malformed_file_is_shown_on_the_form_and_nothing_is_written(
    client: TestClient, name: str, message: str
):
    refused = choose(client, FIXTURES / "bad" / name)
    assert refused.status_code == 422
    assert "<h1>Import contacts</h1>" in refused.text
    assert f'<p class="field-error" id="f-file-error">{escape(message)}' in refused.text
    assert 'aria-describedby="f-file-hint f-file-error" aria-invalid="true"' in refused.text
    assert contact_names(client) == []
    assert uploads(client) == []


def test_another_csv_is_read_by_the_columns_named(client: TestClient):
    book = FIXTURES / "address-book.csv"
    refused = choose(client, book)
    assert refused.status_code == 422
    assert '<details class="columns" open>' in refused.text
    assert 'id="f-mapping-error" role="alert">address-book.csv is not a LinkedIn export' in (
        refused.text
    )
    columns = {"format": "csv", "map_name": "Full Name", "map_company": "Organization 1 - Name"}
    wrong = choose(client, book, **columns | {"map_title": "Job"})
    assert wrong.status_code == 422
    assert "no column &#39;Job&#39; (for title)" in wrong.text
    assert 'value="Organization 1 - Name"' in wrong.text  # what was typed is kept
    preview = choose(client, book, **columns)
    assert preview.status_code == 200
    assert "CSV file: 3 to add" in text_of(preview.text)
    client.post("/contacts/import/confirm", data={"token": token_of(preview.text)})
    assert contact_names(client) == ["Ayşe Öztürk", "Chris Doe", "Dana Reyes"]


def test_an_empty_choice_and_a_file_known_already(client: TestClient):
    nothing = client.post(
        "/contacts/import",
        files={"file": ("", b"")},
        data={"csrf_token": client.headers["X-CSRF-Token"]},
    )
    assert nothing.status_code == 422
    assert "Choose a file to import" in nothing.text
    client.post("/contacts/import/confirm", data={"token": token_of(choose(client, LINKEDIN).text)})
    known = choose(client, LINKEDIN)
    assert "Nothing to import: everyone in the file is already here" in known.text
    assert ">Import</button>" not in known.text
    assert ">Cancel</button>" in known.text


def test_import_pages_need_the_csrf_token(client: TestClient):
    client.headers.pop("X-CSRF-Token")
    with LINKEDIN.open("rb") as file:
        refused = client.post("/contacts/import", files={"file": ("Connections.csv", file)})
    assert refused.status_code == 403
    assert client.post("/contacts/import/confirm", data={"token": "x"}).status_code == 403
    assert client.post("/contacts/import/cancel", data={"token": "x"}).status_code == 403
    assert uploads(client) == []


@pytest.mark.parametrize(
    "path", ["/contacts/import", "/references", "/applications/2", "/contacts/4"]
)
def test_the_network_pages_run_nothing_inline(demo_client: TestClient, path: str):
    page = demo_client.get(path).text
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []
    assert re.findall(r"\sstyle=|\son[a-z]+=", page) == []
    preview = choose(demo_client, LINKEDIN).text
    assert re.findall(r"\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)", preview) == []


def test_the_people_you_know_at_the_company_of_an_application(demo_client: TestClient):
    page = demo_client.get("/applications/2").text
    panel = page[page.index('<h2 id="h-people">') : page.index('<h2 id="h-references">')]
    assert '<a href="/contacts/4">Sam Patel</a> <span class="muted">Analytics Manager</span>' in (
        panel
    )
    assert "Why: same name · how sure: 100/100 (exact match)" in panel
    assert "Tomás Álvarez" in panel
    interview = demo_client.get("/interviews/4").text
    assert '<h2 id="h-people">People you know here</h2>' in interview
    assert '<a href="/contacts/2">Tomás Álvarez</a>' in interview
    # Nobody at Stark Logistics: the way to find out is the import.
    empty = demo_client.get("/applications/5").text
    assert "Nobody you know at Stark Logistics yet." in empty
    assert '<a href="/contacts/import">Import your contacts</a>' in empty


def test_someone_who_used_to_work_there_is_said_so(demo_client: TestClient):
    ws = workspace(demo_client)
    from afterview.services.contact_import import import_contact_data

    import_contact_data(ws, "Connections.csv", LINKEDIN.read_bytes())
    moved = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,O'Neil,https://www.linkedin.com/in/sam-oneil,,Globex,CTO,01 Jan 2023\n"
    )
    import_contact_data(ws, "newer.csv", moved.encode())
    demo_client.post(
        "/api/applications", json={"company": "Contoso, Ltd.", "role": "Data Engineer"}
    )
    page = demo_client.get("/applications/10").text
    assert "Sam O&#39;Neil" in page
    assert '<span class="tag">used to work there</span>' in page
    globex = demo_client.get("/applications/2").text
    assert 'Sam O&#39;Neil</a> <span class="muted">CTO</span>' in globex


def test_a_reference_is_marked_listed_and_unmarked_from_the_pages(demo_client: TestClient):
    assert "No references yet." in demo_client.get("/references").text
    contact = demo_client.get("/contacts/3").text
    assert '<h2 id="h-reference">As a reference</h2>' in contact
    assert '<label for="f-relationship">How they know you</label>' in contact
    assert '<label for="f-knows_work">What of your work they know</label>' in contact
    assert ">Mark as a reference</button>" in contact
    marked = demo_client.post(
        "/contacts/3/reference",
        data={"relationship": "my manager at Contoso", "knows_work": "the dbt migration"},
        follow_redirects=False,
    )
    assert (marked.status_code, marked.headers["location"]) == (303, "/contacts/3")
    contact = demo_client.get("/contacts/3").text
    assert "Grace Okafor is one of your" in text_of(contact)
    assert 'value="my manager at Contoso"' in contact
    assert ">No longer a reference</button>" in contact
    listed = text_of(demo_client.get("/references").text)
    assert "Grace Okafor Engineering Director given 0 times in the last 90 days" in listed
    assert "Relationship my manager at Contoso Knows of your work the dbt migration" in listed
    assert "Given for not given yet" in listed

    too_long = demo_client.post("/contacts/3/reference", data={"relationship": "x" * 201})
    assert too_long.status_code == 422
    assert 'id="f-relationship-error">The relationship is 201 characters long' in too_long.text

    removed = demo_client.post("/contacts/3/reference/remove", follow_redirects=False)
    assert removed.status_code == 303
    assert "No references yet." in demo_client.get("/references").text
    assert demo_client.post("/contacts/99/reference", data={}).status_code == 404


def test_references_are_given_from_the_application_page(demo_client: TestClient):
    page = demo_client.get("/applications/2").text
    assert "No references yet: mark one on a contact's page" in page
    demo_client.put("/api/contacts/3/reference", json={"relationship": "my manager"})
    page = demo_client.get("/applications/2").text
    assert "<legend>Give references</legend>" in page
    assert (
        '<label class="check"><input type="checkbox" name="contacts" value="3"> Grace Okafor '
        '<span class="muted">— my manager</span></label>'
    ) in page
    assert '<input id="give-on" name="on" type="date" value="2026-11-26" max="2026-11-26">' in page

    given = demo_client.post(
        "/applications/2/references", data={"contacts": "3", "on": "2026-11-26"}
    )
    assert given.status_code == 200
    words = text_of(given.text)
    assert (
        "Gave Grace Okafor as a reference. Planned: “Tell Grace Okafor that Globex may call: you "
        "gave them as a reference”, heads-up due Fri 27 Nov, 09:00 · draft to Grace Okafor ."
    ) in words
    assert "Grace Okafor given Thu 26 Nov 2026 · heads-up due Fri 27 Nov, 09:00" in words
    draft = re.search(r'<a href="/drafts/(\d+)">draft to Grace Okafor</a>', given.text)
    assert draft
    assert "Reference heads-up" in demo_client.get(f"/drafts/{draft[1]}").text

    # htmx gets the application's details, with the notice.
    again = demo_client.post("/applications/2/references", data={"contacts": "3"}, headers=HX)
    assert again.status_code == 200
    assert "<html" not in again.text
    assert "Grace Okafor was already given for this application." in again.text


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({}, "contacts", "Name at least one reference to give."),
        ({"contacts": "99"}, "contacts", "No contact 99."),
        ({"contacts": "3", "on": "2026-12-24"}, "on", "References cannot be given in the future"),
    ],
)
def test_the_give_form_says_what_is_wrong(
    demo_client: TestClient, form: dict[str, str], field: str, message: str
):
    demo_client.put("/api/contacts/3/reference", json={})
    refused = demo_client.post("/applications/2/references", data=form)
    assert refused.status_code == 422
    assert f'id="give-{field}-error" role="alert">{escape(message)}' in refused.text
    if "on" in form:
        assert 'value="2026-12-24"' in refused.text
    assert demo_client.get("/api/references").json()[0]["uses"] == []
    assert demo_client.post("/applications/99/references", data=form).status_code == 404


def test_a_reference_asked_too_often_is_warned_about(demo_client: TestClient):
    from afterview.services.references import give_references

    ws = workspace(demo_client)
    for application in (1, 3, 5, 9):
        give_references(ws, application, [3])
    listed = demo_client.get("/references").text
    assert '<li class="overused">' in listed
    warning = (
        "Given 4 times in the last 90 days (more than 3): ask someone else, or thank them well."
    )
    assert f'<p class="notice warn">{warning}</p>' in listed
    page = demo_client.get("/applications/2").text
    assert f'<p class="hint warn" id="give-warning-3">{warning}</p>' in page
    assert 'aria-describedby="give-warning-3"' in page
    assert warning in demo_client.get("/contacts/3").text


def test_a_file_that_cannot_be_kept_is_said_so(client: TestClient):
    folder = Path(workspace(client).settings.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "uploads").write_text("in the way")
    refused = choose(client, LINKEDIN)
    assert refused.status_code == 500
    assert "Cannot keep Connections.csv until you confirm: File exists." in refused.text
    assert contact_names(client) == []


def networking(page: str) -> str:
    """The application page's Networking section."""
    start = page.index('<section class="card" id="networking"')
    return page[start : page.index('id="h-references"', start)]


def ask(client: TestClient, application: int, **form: str) -> int:
    """Ask someone from the application's page; the draft the answer opens."""
    asked = client.post(f"/applications/{application}/network", data=form, follow_redirects=False)
    assert asked.status_code == 303, asked.text
    found = re.fullmatch(r"/drafts/(\d+)", asked.headers["location"])
    assert found, asked.headers["location"]
    return int(found[1])


def test_someone_is_asked_from_the_application_page(demo_client: TestClient):
    section = networking(demo_client.get("/applications/2").text)
    assert '<h2 id="h-networking">Networking</h2>' in section
    assert "Nobody asked yet." in section
    # The people you know at Globex, to choose from.
    assert '<label for="ask-contact">Someone you know at Globex</label>' in section
    assert '<option value="4">Sam Patel</option>' in section
    assert '<option value="2">Tomás Álvarez</option>' in section
    assert '<input type="hidden" name="csrf_token"' in section

    sam = ask(demo_client, 2, contact="4")
    draft = demo_client.get(f"/drafts/{sam}").text
    assert "<h1>Networking note to Sam Patel</h1>" in draft
    assert '<p>For <a href="/applications/2">Globex — Analytics Engineer</a>' in draft
    # Anyone else in your contacts, by name.
    grace = ask(demo_client, 2, contact="", other="Grace")
    assert grace != sam
    section = networking(demo_client.get("/applications/2").text)
    assert "Nobody asked yet." not in section
    words = text_of(section)
    assert "Grace Okafor · Networking note to Grace Okafor draft" in words
    assert "Sam Patel · Networking note to Sam Patel draft" in words
    assert (
        f'<a href="/contacts/4">Sam Patel</a> · <a href="/drafts/{sam}">Networking note to Sam '
        "Patel</a>"
    ) in section
    # Not sent yet: no reply to record.
    assert "/replies" not in section
    # Asking again before sending writes the same draft again.
    assert ask(demo_client, 2, contact="4") == sam


def test_a_reply_is_recorded_from_the_application_page(demo_client: TestClient):
    sam = ask(demo_client, 2, contact="4")
    demo_client.post(f"/drafts/{sam}/sent", data={"via": "e-mail"})
    section = networking(demo_client.get("/applications/2").text)
    assert '<span class="tag">asked on Thu 26 Nov 2026</span>' in section
    assert '<form class="reply" method="post" action="/contacts/4/replies" novalidate>' in section
    label = f'<label for="reply-note-{sam}">What Sam Patel said <span class="muted">(optional)'
    assert label in section
    assert f'<input id="reply-note-{sam}" name="note" value="">' in section

    replied = demo_client.post(
        "/contacts/4/replies",
        data={"application": "2", "view": "application", "note": "Happy to help"},
        follow_redirects=False,
    )
    assert (replied.status_code, replied.headers["location"]) == (303, "/applications/2#networking")
    section = networking(demo_client.get("/applications/2").text)
    assert '<span class="tag replied">replied on Thu 26 Nov 2026</span>' in section
    assert "/replies" not in section
    # Both show on Sam's timeline.
    contact = demo_client.get("/contacts/4").text
    timeline = text_of(contact[contact.index('id="h-timeline"') :])
    assert (
        "Sent networking note: A question about the Analytics Engineer role at Globex (e-mail)"
    ) in timeline
    assert "Replied about Globex — Analytics Engineer: Happy to help" in timeline


@pytest.mark.parametrize(
    ("application", "form", "field", "message"),
    [
        (2, {}, "contact", "Choose whom to ask."),
        (2, {"contact": "99"}, "contact", "No contact 99."),
        (
            2,
            {"contact": "4", "other": "Nobody Here"},
            "other",
            "No contact matching 'Nobody Here'.",
        ),
        (2, {"other": "a"}, "other", "'a' matches"),
        (2, {"other": "x" * 201}, "other", "The name is 201 characters long; at most 200 fit."),
        # Nobody known at Stark Logistics: the name field is the only one.
        (5, {}, "other", "Choose whom to ask."),
    ],
)
def test_the_ask_form_says_what_is_wrong(
    demo_client: TestClient, application: int, form: dict[str, str], field: str, message: str
):
    refused = demo_client.post(f"/applications/{application}/network", data=form)
    assert refused.status_code == 422
    section = networking(refused.text)
    assert (
        f'<p class="field-error" id="ask-{field}-error" role="alert">{escape(message)}' in section
    )
    assert f'aria-invalid="true" aria-describedby="ask-{field}-error"' in section
    if "other" in form:
        assert f'name="other" value="{escape(form["other"])}"' in section
    assert "--" not in text_of(section)
    assert "afterview" not in text_of(section).lower()
    assert demo_client.get(f"/api/applications/{application}/network").json() == []
    assert demo_client.post("/applications/99/network", data=form).status_code == 404


def test_a_note_you_edited_is_not_written_over(demo_client: TestClient):
    sam = ask(demo_client, 2, contact="4")
    demo_client.post(f"/drafts/{sam}", data={"subject": "Coffee?", "body": "Hi Sam, coffee soon?"})
    refused = demo_client.post("/applications/2/network", data={"contact": "4"})
    assert refused.status_code == 409
    message = f"Draft {sam} already holds your edits for this."
    assert f'<p class="notice error" role="alert">{message}</p>' in networking(refused.text)
    assert "draft edit" not in refused.text
    assert demo_client.get(f"/api/drafts/{sam}").json()["subject"] == "Coffee?"


def test_a_reply_is_recorded_from_the_contact_page(demo_client: TestClient):
    contact = demo_client.get("/contacts/2").text
    assert '<h2 id="h-reply">Record a reply</h2>' in contact
    assert '<label for="f-application">About</label>' in contact
    assert '<option value="">No application in particular</option>' in contact
    assert '<optgroup label="Asked about">' not in contact
    assert " selected>" not in contact[contact.index('id="h-reply"') :]
    assert '<label for="f-note">What they said</label>' in contact
    replied = demo_client.post(
        "/contacts/2/replies",
        data={"application": "", "note": "Coffee next week"},
        follow_redirects=False,
    )
    assert (replied.status_code, replied.headers["location"]) == (303, "/contacts/2#h-timeline")
    assert "Replied: Coffee next week" in text_of(demo_client.get("/contacts/2").text)

    # Once asked about an application, that one comes first and is chosen.
    tomas = ask(demo_client, 2, contact="2")
    demo_client.post(f"/drafts/{tomas}/sent", data={"via": "LinkedIn"})
    contact = demo_client.get("/contacts/2").text
    asked = contact[contact.index('<optgroup label="Asked about">') :]
    assert asked.startswith(
        '<optgroup label="Asked about">\n'
        '          <option value="2" selected>Globex — Analytics Engineer</option>\n'
        "        </optgroup>\n"
        '        <optgroup label="Other applications">\n'
        '          <option value="7">Acme Robotics — Data Engineer II</option>'
    )
    demo_client.post("/contacts/2/replies", data={"application": "2"})
    section = networking(demo_client.get("/applications/2").text)
    assert "replied on Thu 26 Nov 2026" in section
    assert "Replied about Globex — Analytics Engineer" in text_of(
        demo_client.get("/contacts/2").text
    )


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"application": "99"}, "application", "No application 99."),
        ({"application": "Globex"}, "application", "Choose an application from the list."),
        ({"note": "x" * 5_001}, "note", "The note is 5001 characters long; at most 5000 fit."),
    ],
)
def test_the_reply_form_says_what_is_wrong(
    demo_client: TestClient, form: dict[str, str], field: str, message: str
):
    refused = demo_client.post("/contacts/4/replies", data=form)
    assert refused.status_code == 422
    assert f'<p class="field-error" id="f-{field}-error">{escape(message)}' in refused.text
    assert f'id="f-{field}"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    assert "replied" not in {e["kind"] for e in timeline}
    assert demo_client.post("/contacts/99/replies", data=form).status_code == 404


def test_a_reply_refused_on_the_application_page_says_so_there(demo_client: TestClient):
    sam = ask(demo_client, 2, contact="4")
    demo_client.post(f"/drafts/{sam}/sent", data={"via": "e-mail"})
    form = {"application": "2", "view": "application", "note": "x" * 50_001}
    refused = demo_client.post("/contacts/4/replies", data=form)
    assert refused.status_code == 422
    section = networking(refused.text)
    assert (
        f'<p class="field-error" id="reply-note-{sam}-error" role="alert">The note is 50001 '
        "characters long"
    ) in section
    assert f'aria-invalid="true" aria-describedby="reply-note-{sam}-error"' in section
    assert "asked on Thu 26 Nov 2026" in section
    gone = demo_client.post("/contacts/4/replies", data=form | {"application": "99", "note": ""})
    assert gone.status_code == 404
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    assert "replied" not in {e["kind"] for e in timeline}


def test_networking_forms_need_the_csrf_token(demo_client: TestClient):
    demo_client.headers.pop("X-CSRF-Token")
    assert demo_client.post("/applications/2/network", data={"contact": "4"}).status_code == 403
    assert demo_client.post("/contacts/4/replies", data={"note": "hi"}).status_code == 403
    assert demo_client.get("/api/applications/2/network").json() == []
    timeline = demo_client.get("/api/contacts/4").json()["timeline"]
    assert "replied" not in {e["kind"] for e in timeline}


@pytest.mark.parametrize("path", ["/applications/2", "/applications/5", "/contacts/4"])
def test_the_networking_forms_label_every_control(demo_client: TestClient, path: str):
    sam = ask(demo_client, 2, contact="4")
    demo_client.post(f"/drafts/{sam}/sent", data={"via": "e-mail"})
    page = demo_client.get(path).text
    controls = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"', page)
    assert controls
    for control in controls:
        assert f'<label for="{control}">' in page, control
    assert len(controls) == len(set(controls))

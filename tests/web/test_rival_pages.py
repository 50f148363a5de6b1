"""Rivals on the application page and the openings page, through the pages as a browser sends
them (plain forms and htmx), against a real job-board server on 127.0.0.1: a rival added by a
pasted job link or by name, bad input next to its field, a scan answered in place with how
each board fared and what is new, the openings filtered, one saved as an application and its
cover letter written. Reading a page never reaches a board."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from afterview.services.workspace import Workspace
from tests.boardserver import BoardServer, Reply, fixture, greenhouse_jobs
from tests.builders import make_application, make_profile
from tests.conftest import NOW
from tests.web.page_checks import labelled, said, section

HX = {"HX-Request": "true"}
GLOBEX_LINK = "https://boards.greenhouse.io/globex/jobs/1"
FIRST = (
    (1, "Data Engineer", "Berlin, Germany", "Python and SQL every day"),
    (2, "Office Manager", "Munich", "Keep the office running"),
)
LATER = (
    (1, "Data Engineer", "Berlin, Germany", "Python and SQL every day"),
    (3, "Analytics Engineer", "Remote", "SQL and dbt"),
    (4, "Senior Data Engineer", "Berlin", "Python"),
)


@dataclass(frozen=True, slots=True)
class Search:
    client: TestClient
    server: BoardServer
    acme: int  # Acme Corp — Data Engineer
    company: int  # Acme Corp

    @property
    def page(self) -> str:
        return f"/applications/{self.acme}"

    @property
    def globex_jobs(self) -> str:
        return f"{self.server.base}/greenhouse/v1/boards/globex/jobs?content=true"

    def workspace(self) -> Workspace:
        ws: Workspace = self.client.app.state.workspace  # type: ignore[attr-defined]
        return ws

    def later(self, days: int) -> None:
        """Move the app's clock `days` days on from NOW."""
        app = self.client.app
        app.state.workspace = self.workspace().at(NOW + timedelta(days=days))  # type: ignore[attr-defined]


@pytest.fixture
def search(board_server: BoardServer, client: TestClient) -> Search:
    ws: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    make_profile(ws, skills=["Python", "SQL"], target_places=["Berlin"])
    acme = make_application(ws, company="Acme Corp", role="Data Engineer")
    return Search(client, board_server, acme.id, acme.company_id)


def field_error(prefix: str, name: str, message: str) -> str:
    return f'<p class="field-error" id="{prefix}-{name}-error">{escape(message)}</p>'


def add(search: Search, **form: str) -> str:
    answer = search.client.post(f"{search.page}/rivals", data=form, headers=HX)
    assert answer.status_code == 200, answer.text
    return answer.text


def scan(search: Search, **form: str) -> str:
    answer = search.client.post(f"{search.page}/rivals/scan", data=form, headers=HX)
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_panel_offers_to_add_rivals_and_suggests_some(search: Search):
    ws = search.workspace()
    make_application(ws, company="Globex", role="Senior Data Engineer")
    make_application(ws, company="Initech", role="Product Designer")
    page = search.client.get(search.page).text
    panel = section(page, "h-rivals")
    assert "No rivals yet." in panel
    assert '<label for="rival-rival">A company, or one of its job links</label>' in panel
    assert '<label for="rival-link">Its job board link</label>' in panel
    assert f'hx-post="{search.page}/rivals" hx-target="#rivals-panel" hx-swap="innerHTML"' in panel
    assert "Scan rivals now" not in panel  # nothing to scan yet
    suggested = panel[panel.index('id="h-suggested"') :]
    assert "Globex" in suggested
    assert escape("you applied for “Senior Data Engineer” there, close to “Data Engineer”") in (
        suggested
    )
    assert 'aria-label="Add Globex as a rival"' in suggested
    assert "Initech" not in suggested  # another field
    labelled(page)

    # The suggestion's Add button sends the company's id.
    globex = re.search(r'name="rival" value="(\d+)"', suggested)
    assert globex is not None
    added = add(search, rival=globex[1])
    assert added.startswith('<section class="card" id="rivals"')
    assert "Added Globex as a rival." in added
    assert 'id="h-suggested"' not in added
    assert "no job board: add it with one of its job links" in added


def test_a_pasted_job_link_adds_the_rival_with_its_board(search: Search):
    panel = add(search, rival=GLOBEX_LINK)
    assert (
        '<p class="notice ok" role="status" tabindex="-1" data-focus>Added Globex as a rival.'
        in panel
    )
    assert (
        f'<a href="{GLOBEX_LINK}" rel="noopener noreferrer" target="_blank">Greenhouse: globex</a>'
        in panel
    )
    assert "0 openings listed" in panel
    assert "Scan rivals now" in panel
    assert f'<a href="/openings?rivals_of={search.company}">' in panel
    # A plain form (no htmx) comes back to the page.
    again = search.client.post(
        f"{search.page}/rivals",
        data={"rival": "Initech", "link": "https://jobs.lever.co/initech/abc"},
        follow_redirects=False,
    )
    assert again.status_code == 303
    assert again.headers["location"] == f"{search.page}#rivals"
    page = search.client.get(search.page).text
    assert "Lever: initech" in section(page, "h-rivals")
    said(section(page, "h-rivals"))


@pytest.mark.parametrize(
    ("form", "name", "message", "status"),
    [
        ({"rival": ""}, "rival", "Name the rival, or paste one of its job links.", 422),
        ({"rival": "Acme Corp"}, "rival", "Acme Corp cannot be its own rival.", 422),
        (
            {"rival": "https://initech.example/careers?gh_jid=12"},
            "rival",
            "'https://initech.example/careers?gh_jid=12' is a Greenhouse link that does not name "
            "the company's board; paste a link from its board itself, or give greenhouse:TOKEN.",
            422,
        ),
        (
            {"rival": "Initech", "link": "https://careers.example.com/jobs/12"},
            "link",
            "'https://careers.example.com/jobs/12' is not a link of a job board Afterview reads "
            "(Greenhouse, Lever, Ashby, SmartRecruiters, Workable, Recruitee, Personio).",
            422,
        ),
        (
            {"rival": "Initech", "link": "greenhouse:globex"},
            "link",
            "Greenhouse: globex is already Globex's board.",
            409,
        ),
    ],
)
def test_bad_input_is_shown_next_to_its_field(
    search: Search, form: dict[str, str], name: str, message: str, status: int
):
    add(search, rival="greenhouse:globex")
    refused = search.client.post(f"{search.page}/rivals", data=form, headers=HX)
    assert refused.status_code == status
    assert field_error("rival", name, message) in refused.text
    assert f'id="rival-{name}"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    # What was typed stays in the form; nothing was added.
    if form["rival"]:
        assert f'value="{escape(form["rival"])}"' in refused.text
    assert "Initech" not in search.client.get(f"/api/companies/{search.company}/rivals").text
    # Without htmx the whole page comes back, the panel with the same message.
    whole = search.client.post(f"{search.page}/rivals", data=form)
    assert whole.status_code == status
    assert "<h1>Acme Corp — Data Engineer</h1>" in whole.text
    assert field_error("rival", name, message) in whole.text


def test_a_scan_answers_in_place_with_each_board_and_what_is_new(search: Search):
    server = search.server
    add(search, rival=GLOBEX_LINK)
    add(search, rival="Initech")  # no board: said so
    server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*FIRST)))
    first = scan(search)
    assert first.startswith('<section class="card" id="rivals"')
    assert "Scanned 1 board: 0 new openings." in first
    assert "Globex (Greenhouse: globex): 2 listed, first scan" in first
    assert "Initech: no job board to scan" in first
    assert "2 openings listed" in first
    best = first[first.index('id="h-best-openings"') :]
    titles = re.findall(r'target="_blank">([^<]+)</a>', best)
    assert titles == ["Data Engineer", "Office Manager"]
    assert "title close to “Data Engineer” (100)" in best
    assert '<span class="tag new">' not in best
    said(first)

    # Two days later (Saturday), the board lists two more: new since Thursday's scan.
    search.later(days=2)
    server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*LATER)))
    second = scan(search)
    assert "Scanned 1 board: 2 new openings." in second
    assert "Globex (Greenhouse: globex): 3 listed, 2 new since Thursday" in second
    best = second[second.index('id="h-best-openings"') :]
    items = re.findall(r'<li class="opening" id="opening-\d+">.*?</li>\s*</ul>', best, re.S)
    assert len(items) == 3
    assert "Data Engineer</a>" in items[0]
    assert '<span class="tag new">new</span>' not in items[0]
    assert any('<span class="tag new">new</span>' in item for item in items[1:])
    assert len(server.requests_to(search.globex_jobs)) == 2
    # Reading the pages asks no board.
    search.client.get(search.page)
    search.client.get("/openings")
    assert len(server.requests) == 2


def test_a_failing_board_is_named_with_its_reason(search: Search):
    server = search.server
    add(search, rival="greenhouse:globex")
    add(search, rival="https://jobs.lever.co/initech")
    server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*FIRST)))
    server.serve(
        f"{server.base}/lever/v0/postings/initech?mode=json",
        Reply(body=fixture("lever", "not-found.json")),
    )
    answer = scan(search)
    initech = re.search(
        r"<li>Initech \(Lever: initech\): <strong>failed</strong>: ([^<]+)</li>", answer
    )
    assert initech is not None
    assert "no such board" in initech[1]
    assert "Globex (Greenhouse: globex): 2 listed" in answer
    # The rival keeps the failure until a scan reads its board.
    page = search.client.get(search.page).text
    assert re.search(r"Its last scan failed \(Thu 26 Nov, 10:00\): [^<]*no such board", page)


def test_nothing_to_scan_is_said_plainly(search: Search):
    refused = search.client.post(f"{search.page}/rivals/scan", headers=HX)
    assert refused.status_code == 422
    message = "Acme Corp has no rivals yet: add one by name or by one of its job links."
    assert f'<p class="notice error" role="alert">{message}</p>' in refused.text
    add(search, rival="Initech")
    answer = scan(search)
    assert "Scanned 0 boards: 0 new openings." in answer
    assert "Initech: no job board to scan" in answer
    assert search.server.requests == []


def test_a_rival_is_removed_and_the_board_set(search: Search):
    add(search, rival="greenhouse:globex")
    rivals = search.client.get(f"/api/companies/{search.company}/rivals").json()
    globex = rivals["rivals"][0]["company"]["id"]
    removed = search.client.post(f"{search.page}/rivals/{globex}/remove", headers=HX)
    assert removed.status_code == 200
    assert "Globex is no longer a rival." in removed.text
    assert "No rivals yet." in removed.text
    again = search.client.post(f"{search.page}/rivals/{globex}/remove", headers=HX)
    assert again.status_code == 422
    assert "Globex is not a rival of Acme Corp." in again.text

    board = search.client.post(
        f"{search.page}/board", data={"source": "https://jobs.ashbyhq.com/acme"}, headers=HX
    )
    assert board.status_code == 200
    assert "Acme Corp&#39;s board is Ashby: acme." in board.text
    assert '<a href="https://jobs.ashbyhq.com/acme" rel="noopener noreferrer"' in board.text
    taken = search.client.post(
        f"{search.page}/board", data={"source": "greenhouse:globex"}, headers=HX
    )
    assert taken.status_code == 409
    assert field_error("board", "source", "Greenhouse: globex is already Globex's board.") in (
        taken.text
    )
    cleared = search.client.post(f"{search.page}/board", data={"source": ""}, headers=HX)
    assert "Acme Corp has no board now." in cleared.text
    none = search.client.post(f"{search.page}/board", data={"source": ""}, headers=HX)
    assert none.status_code == 422
    assert field_error("board", "source", "Acme Corp has no job board set.") in none.text


def test_the_openings_page_says_what_to_do_when_empty(client: TestClient):
    page = client.get("/openings")
    assert page.status_code == 200
    assert '<a href="/openings" aria-current="page">Openings</a>' in page.text
    assert "No rivals with a job board yet." in page.text
    assert "on an application" in page.text
    refused = client.post("/openings/scan")
    assert refused.status_code == 422
    assert "No company has a job board yet" in refused.text
    labelled(page.text)


def scanned_twice(search: Search) -> None:
    add(search, rival=GLOBEX_LINK)
    search.server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*FIRST)))
    scan(search)
    search.later(days=2)
    search.server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*LATER)))
    scan(search)


def listed(page: str) -> list[str]:
    return re.findall(r'target="_blank">([^<]+)</a>\s*(?:<span class="tag new">)?', page)


def openings_titles(page: str) -> list[str]:
    part = page[page.index('id="h-openings"') : page.index('id="h-boards"')]
    return re.findall(r'rel="noopener noreferrer" target="_blank">([^<]+)</a>', part)


@pytest.mark.parametrize(
    ("query", "titles", "count"),
    [
        ("", ["Data Engineer", "Senior Data Engineer", "Analytics Engineer"], "3 of 3 openings"),
        ("new=1", ["Senior Data Engineer", "Analytics Engineer"], "2 of 3 openings"),
        ("remote=1", ["Analytics Engineer"], "1 of 3 openings"),
        ("q=dbt", ["Analytics Engineer"], "1 of 3 openings"),
        ("min_score=90", ["Data Engineer"], "1 of 3 openings"),
        ("board=lever", [], "0 of 3 openings"),
        ("rivals_of=1&board=greenhouse", 3, "3 of 3 openings at Acme Corp's rivals"),
    ],
)
def test_the_openings_are_filtered_best_first(
    search: Search, query: str, titles: list[str] | int, count: str
):
    scanned_twice(search)
    page = search.client.get(f"/openings?{query}")
    assert page.status_code == 200
    found = openings_titles(page.text)
    assert found == titles if isinstance(titles, list) else len(found) == titles
    assert f'<p class="muted" id="openings-count">{count}</p>' in page.text, page.text[
        page.text.index("openings-count") - 40 :
    ][:200]
    if not found:
        assert "No opening matches these filters." in page.text
    # The boards looked at, with their last scan.
    boards = section(page.text, "h-boards")
    assert "Globex" in boards
    assert "last read Sat 28 Nov, 10:00" in boards
    assert len(search.server.requests) == 2


@pytest.mark.parametrize(
    ("query", "name", "message"),
    [
        (
            "min_score=lots",
            "min_score",
            "Give the minimum score as a number from 0 to 100, not 'lots'.",
        ),
        ("min_score=150", "min_score", "A score is between 0 and 100."),
        ("board=monster", "board", "'monster' is not a job board Afterview reads."),
        ("company=999", "company", "No company 999."),
        ("rivals_of=999", "rivals_of", "No company 999."),
    ],
)
def test_bad_filters_are_named(search: Search, query: str, name: str, message: str):
    page = search.client.get(f"/openings?{query}")
    assert page.status_code == 422
    assert field_error("filter", name, message) in page.text
    assert "Fix the filters above" in page.text


def test_an_opening_is_saved_then_its_cover_letter_written(search: Search):
    scanned_twice(search)
    page = search.client.get("/openings?unsaved=1&q=python").text
    assert openings_titles(page) == ["Data Engineer", "Senior Data Engineer"]
    first = re.search(r'action="/openings/(\d+)/save"', page)
    assert first is not None
    opening = first[1]
    assert '<input type="hidden" name="back" value="q=python&amp;unsaved=1">' in page
    saved = search.client.post(
        f"/openings/{opening}/save", data={"back": "q=python&unsaved=1"}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/openings?q=python&unsaved=1&saved={opening}#saved"
    page = search.client.get(saved.headers["location"]).text
    [application] = [
        a for a in search.client.get("/api/applications").json() if a["company"]["name"] == "Globex"
    ]
    assert (application["role"], application["stage"]) == ("Data Engineer", "saved")
    notice = page[page.index('id="saved"') :]
    assert escape("Saved “Data Engineer” at Globex as ") in notice
    assert f'<a href="/applications/{application["id"]}">application {application["id"]}</a>' in (
        notice
    )
    assert openings_titles(page) == ["Senior Data Engineer"]  # the saved one is hidden
    everything = search.client.get("/openings").text
    assert f"saved as application {application['id']}</a>" in everything

    again = search.client.post(f"/openings/{opening}/save", data={"back": ""})
    assert again.status_code == 409
    assert f"is saved already, as application {application['id']}" in again.text

    letter = search.client.post(
        "/drafts",
        data={"kind": "cover_letter", "application": str(application["id"])},
        follow_redirects=False,
    )
    assert letter.status_code == 303
    draft = search.client.get(letter.headers["location"])
    assert draft.status_code == 200
    assert "Cover letter" in draft.text
    assert "Globex" in draft.text
    # Edited, then asked for again: the page opens the edited letter as it is.
    draft_id = int(letter.headers["location"].rsplit("/", 1)[1])
    edited = search.client.patch(f"/api/drafts/{draft_id}", json={"body": "My own words."})
    assert edited.status_code == 200
    again = search.client.post(
        "/drafts",
        data={"kind": "cover_letter", "application": str(application["id"])},
        follow_redirects=False,
    )
    assert again.headers["location"] == f"/drafts/{draft_id}"
    assert "My own words." in search.client.get(again.headers["location"]).text


def test_a_draft_of_no_such_kind_is_refused(search: Search):
    refused = search.client.post("/drafts", data={"kind": "sonnet", "application": "1"})
    assert refused.status_code == 422
    assert "&#39;sonnet&#39; is not a kind of draft for an application." in refused.text


def test_scan_all_boards_from_the_openings_page(search: Search):
    add(search, rival=GLOBEX_LINK)
    search.server.serve(search.globex_jobs, Reply(body=greenhouse_jobs(*FIRST)))
    page = search.client.post("/openings/scan", data={"back": "min_score=50"})
    assert page.status_code == 200
    assert "Scanned 1 board: 0 new openings." in page.text
    assert "Globex (Greenhouse: globex): 2 listed" in page.text
    assert openings_titles(page.text) == ["Data Engineer"]  # the filters kept
    assert '<p class="muted" id="openings-count">1 of 2 openings</p>' in page.text
    # Within the scan interval the copy read before is used, unless asked again.
    cached = search.client.post("/openings/scan", data={})
    assert "(the copy read earlier)" in cached.text
    assert len(search.server.requests) == 1
    search.client.post("/openings/scan", data={"refresh": "1"})
    assert len(search.server.requests) == 2


def test_the_interview_plan_shows_the_best_openings_at_the_rivals(demo_client: TestClient):
    """The sample search: Northwind's rivals were scanned twice, a week apart."""
    [northwind] = [
        i
        for i in demo_client.get("/api/interviews").json()
        if str(i["application"]["label"]).startswith("Northwind Analytics")
    ][:1]
    page = demo_client.get(f"/interviews/{northwind['id']}").text
    practice = page[page.index('id="p-4"') : page.index('id="p-5"')]
    assert "Best openings at Northwind Analytics&#39;s rivals:" in practice
    assert listed(practice) == [
        "Analytics Engineer",
        "Senior Data Engineer",
        "Staff Data Engineer, Streaming",
    ]

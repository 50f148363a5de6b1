"""Rivals, boards, scans and openings over the API, against a real job-board server on
127.0.0.1: the answers' shapes, new openings counted from the scan before, filters as query
parameters, an opening saved once, and bad input refused naming the field."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from fastapi.testclient import TestClient

from afterview.services.workspace import Workspace
from tests.boardserver import BoardServer, Reply, greenhouse_jobs
from tests.builders import make_application, make_profile
from tests.conftest import NOW
from tests.web.api.shapes import APPLICATION_KEYS, invalid, keys

BOARD_KEYS = keys("board token region label link scanned_at since failed_at failure failing")
OPENING_KEYS = keys(
    "id company board token posting_id title department location remote employment url "
    "published_at pay first_seen_at last_seen_at new score parts reasons application_id"
)
UTC_NOW = NOW.astimezone(UTC).isoformat()  # times are answered in UTC
ALL = ["Data Engineer", "Analytics Engineer", "Office Manager"]  # best first
SCAN_BOARD_KEYS = keys("company board token label source failure listed added new since")


def workspace(client: TestClient) -> Workspace:
    ws: Workspace = client.app.state.workspace  # type: ignore[attr-defined]
    return ws


@pytest.fixture(autouse=True)
def boards(board_server: BoardServer) -> BoardServer:
    """The board server, started before the client loads its settings (autouse fixtures
    come first), so every scan here reads it."""
    return board_server


@pytest.fixture
def acme(client: TestClient) -> int:
    """Acme Corp's id, on a search for data engineering roles in Berlin."""
    ws = workspace(client)
    make_profile(ws, skills=["Python", "SQL"], target_places=["Berlin"])
    return make_application(ws).company_id


def jobs_url(server: BoardServer) -> str:
    return f"{server.base}/greenhouse/v1/boards/globex/jobs?content=true"


def test_rivals_are_added_listed_and_removed(client: TestClient, acme: int):
    base = f"/api/companies/{acme}/rivals"
    empty = client.get(base).json()
    assert empty == {
        "company": {"id": acme, "name": "Acme Corp"},
        "board": None,
        "rivals": [],
        "suggestions": [],
    }
    added = client.post(base, json={"rival": "https://boards.greenhouse.io/globex/jobs/12"})
    assert added.status_code == 201, added.text
    [globex] = added.json()["rivals"]
    assert globex["company"]["name"] == "Globex"
    assert set(globex["board"]) == BOARD_KEYS
    assert (globex["board"]["label"], globex["board"]["scanned_at"], globex["listed"]) == (
        "Greenhouse: globex",
        None,
        0,
    )
    by_name = client.post(base, json={"rival": "Initech", "link": "lever-eu:initech"}).json()
    names = [(r["company"]["name"], r["board"]["label"]) for r in by_name["rivals"]]
    assert names == [("Globex", "Greenhouse: globex"), ("Initech", "Lever (EU): initech")]
    left = client.delete(f"{base}/{globex['company']['id']}")
    assert left.status_code == 200
    assert [r["company"]["name"] for r in left.json()["rivals"]] == ["Initech"]
    again = client.delete(f"{base}/{globex['company']['id']}")
    invalid(again, {"rival": "Globex is not a rival of Acme Corp."})


def test_suggestions_come_from_your_applications(client: TestClient, acme: int):
    make_application(workspace(client), company="Globex", role="Senior Data Engineer")
    [suggestion] = client.get(f"/api/companies/{acme}/rivals").json()["suggestions"]
    assert suggestion["company"]["name"] == "Globex"
    assert "Senior Data Engineer" in suggestion["reason"]
    assert suggestion["closeness"] >= 75


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"rival": ""}, {"rival": "String should have at least 1 character"}),
        ({"rival": "Acme Corp"}, {"rival": "cannot be its own rival"}),
        ({"rival": "999"}, {"rival": "No company 999."}),
        ({"rival": "https://initech.example/jobs?gh_jid=3"}, {"rival": "does not name"}),
        ({"rival": "Initech", "link": "https://example.com/jobs"}, {"link": "not a link of"}),
    ],
)
def test_a_bad_rival_is_refused_naming_the_field(
    client: TestClient, acme: int, body: dict[str, str], fields: dict[str, str]
):
    invalid(client.post(f"/api/companies/{acme}/rivals", json=body), fields)
    assert client.get(f"/api/companies/{acme}/rivals").json()["rivals"] == []


def test_an_unknown_company_in_the_path_is_not_found(client: TestClient, acme: int):
    for method, path in [
        ("GET", "/api/companies/999/rivals"),
        ("POST", "/api/companies/999/rivals"),
        ("DELETE", f"/api/companies/{acme}/rivals/999"),
        ("PUT", "/api/companies/999/board"),
    ]:
        body = {"rival": "Globex", "source": "greenhouse:globex"}
        answer = client.request(method, path, json=body)
        assert (answer.status_code, answer.json()["error"]) == (404, "No company 999."), path


def test_a_company_board_is_set_taken_and_removed(client: TestClient, acme: int):
    client.post(f"/api/companies/{acme}/rivals", json={"rival": "greenhouse:globex"})
    board = client.put(
        f"/api/companies/{acme}/board", json={"source": "https://acme.recruitee.com/o/x"}
    )
    assert board.status_code == 200
    assert (board.json()["board"], board.json()["token"]) == ("recruitee", "acme")
    taken = client.put(f"/api/companies/{acme}/board", json={"source": "greenhouse:globex"})
    assert (taken.status_code, taken.json()["code"]) == (409, "conflict")
    assert taken.json()["error"] == "Greenhouse: globex is already Globex's board."
    invalid(
        client.put(f"/api/companies/{acme}/board", json={"source": "nowhere"}),
        {"source": "not a link of a job board"},
    )
    assert client.delete(f"/api/companies/{acme}/board").status_code == 204
    assert client.get(f"/api/companies/{acme}/rivals").json()["board"] is None
    invalid(client.delete(f"/api/companies/{acme}/board"), {"board": "has no job board set"})


def test_a_scan_reports_each_board_and_counts_new_openings(
    client: TestClient, acme: int, board_server: BoardServer
):
    client.post(f"/api/companies/{acme}/rivals", json={"rival": "greenhouse:globex"})
    client.post(f"/api/companies/{acme}/rivals", json={"rival": "Initech"})
    board_server.serve(
        jobs_url(board_server),
        Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "Python and SQL"))),
    )
    first = client.post("/api/scan", json={"company": "Acme"})
    assert first.status_code == 200, first.text
    report = first.json()
    assert report["of"] == {"id": acme, "name": "Acme Corp"}
    [board] = report["boards"]
    assert set(board) == SCAN_BOARD_KEYS
    assert (board["source"], board["listed"], board["new"], board["since"]) == (
        "fresh",
        1,
        0,
        None,
    )
    assert [c["name"] for c in report["unboarded"]] == ["Initech"]
    [opening] = report["openings"]
    assert set(opening) == OPENING_KEYS
    assert (opening["title"], opening["score"], opening["new"]) == ("Data Engineer", 100.0, False)
    assert opening["reasons"][0] == "title close to “Data Engineer” (100)"

    # Two days later, every board: one new opening since the scan before.
    app = client.app
    app.state.workspace = workspace(client).at(NOW + timedelta(days=2))  # type: ignore[attr-defined]
    board_server.serve(
        jobs_url(board_server),
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin", "Python and SQL"),
                (2, "Analytics Engineer", "Remote", "SQL"),
            )
        ),
    )
    second = client.post("/api/scan").json()
    assert second["of"] is None
    assert (second["new"], second["since"]) == (1, UTC_NOW)
    assert [(o["title"], o["new"]) for o in second["openings"]] == [
        ("Data Engineer", False),
        ("Analytics Engineer", True),
    ]
    assert len(board_server.requests) == 2


def test_nothing_to_scan_and_an_unknown_company_are_bad_input(client: TestClient, acme: int):
    invalid(client.post("/api/scan", json={}), {"company": "No company has a job board yet"})
    invalid(client.post("/api/scan", json={"company": "Acme"}), {"company": "no rivals yet"})
    invalid(client.post("/api/scan", json={"company": 999}), {"company": "No company 999."})


@pytest.fixture
def scanned(client: TestClient, acme: int, board_server: BoardServer) -> int:
    client.post(f"/api/companies/{acme}/rivals", json={"rival": "greenhouse:globex"})
    board_server.serve(
        jobs_url(board_server),
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin", "Python and SQL"),
                (2, "Analytics Engineer", "Remote", "SQL and dbt"),
                (3, "Office Manager", "Munich", "Run the office"),
            )
        ),
    )
    client.post("/api/scan", json={"company": acme})
    return acme


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("", ALL),
        ("?remote_only=true", ["Analytics Engineer"]),
        ("?min_score=50", ["Data Engineer", "Analytics Engineer"]),
        ("?search=dbt", ["Analytics Engineer"]),
        ("?board=lever", []),
        (
            "?rivals_of=Acme&company=Globex",
            ["Data Engineer", "Analytics Engineer", "Office Manager"],
        ),
        ("?new_only=true", []),
    ],
)
def test_the_openings_are_filtered_without_reading_a_board(
    client: TestClient, scanned: int, board_server: BoardServer, query: str, titles: list[str]
):
    found = client.get(f"/api/openings{query}")
    assert found.status_code == 200, found.text
    body = found.json()
    assert [o["title"] for o in body["openings"]] == titles
    assert body["total"] == 3
    assert [c["name"] for c in body["companies"]] == ["Globex"]
    [board] = body["boards"]
    assert board["label"] == "Greenhouse: globex"
    assert board["scanned_at"] == UTC_NOW
    assert len(board_server.requests) == 1


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("min_score=101", {"min_score": "less than or equal to 100"}),
        ("board=monster", {"board": "Input should be"}),
        ("rivals_of=999", {"rivals_of": "No company 999."}),
        ("company=999", {"company": "No company 999."}),
    ],
)
def test_bad_filters_are_refused_naming_them(
    client: TestClient, scanned: int, query: str, fields: dict[str, str]
):
    invalid(client.get(f"/api/openings?{query}"), fields)


def test_an_opening_is_saved_as_an_application_once(client: TestClient, scanned: int):
    best = client.get("/api/openings").json()["openings"][0]
    saved = client.post(f"/api/openings/{best['id']}/save")
    assert saved.status_code == 201, saved.text
    application = saved.json()
    assert set(application) >= APPLICATION_KEYS
    assert (application["company"]["name"], application["role"], application["stage"]) == (
        "Globex",
        "Data Engineer",
        "saved",
    )
    assert client.get("/api/openings").json()["openings"][0]["application_id"] == application["id"]
    again = client.post(f"/api/openings/{best['id']}/save")
    assert (again.status_code, again.json()["code"]) == (409, "conflict")
    unsaved = client.get("/api/openings?unsaved_only=true").json()
    assert [o["title"] for o in unsaved["openings"]] == ["Analytics Engineer", "Office Manager"]
    missing = client.post("/api/openings/999/save")
    assert (missing.status_code, missing.json()["error"]) == (404, "No opening 999.")

"""`afterview rival ...`, `afterview scan` and `afterview opening ...`, driven as a user would,
with the boards served by a real job-board server on 127.0.0.1: rivals added by name or by a
pasted job link, their boards, the suggestions, a scan and a second one two days later with
the new openings, the cache, a failing board, openings listed, shown and saved with their
cover letter, and bad input refused plainly."""

from __future__ import annotations

import json

import pytest

from tests.boardserver import BoardServer, Reply, fixture, greenhouse_jobs
from tests.cli.conftest import Run

TWO_DAYS_LATER = "2026-11-28T10:00:00+01:00"  # a Saturday; the run fixture's now is Thursday
DATA_ENGINEER = (1, "Data Engineer", "Berlin, Germany", "Python and SQL every day")
OFFICE_MANAGER = (2, "Office Manager", "Munich", "Keep the office running")
ANALYTICS = (3, "Analytics Engineer", "Remote", "You know SQL and dbt.")
SENIOR = (4, "Senior Data Engineer", "Berlin", "Python")


def _serve(server: BoardServer, token: str, *jobs: tuple[int, str, str, str]) -> str:
    url = f"{server.base}/greenhouse/v1/boards/{token}/jobs?content=true"
    server.serve(url, Reply(body=greenhouse_jobs(*jobs)))
    return url


def _no_lever_board(server: BoardServer, token: str) -> None:
    url = f"{server.base}/lever/v0/postings/{token}?mode=json"
    server.serve(url, Reply(body=fixture("lever", "not-found.json")))


@pytest.fixture
def acme(board_server: BoardServer, run: Run) -> Run:
    """A profile looking for Data Engineer roles in Berlin, and an application at Acme Corp."""
    run(
        "init",
        "--name",
        "Sam Rivera",
        "--email",
        "sam@example.org",
        "--time-zone",
        "Europe/Berlin",
        "--country",
        "de",
        "--role",
        "Data Engineer",
        "--skill",
        "Python",
        "--skill",
        "SQL",
        "--place",
        "Berlin",
    )
    run("app", "add", "Acme Corp", "Data Engineer")
    return run


@pytest.fixture
def scanned(acme: Run, board_server: BoardServer) -> Run:
    """Globex (a Greenhouse board listing two openings) scanned as Acme Corp's rival."""
    acme("rival", "add", "acme", "greenhouse:globex")
    _serve(board_server, "globex", DATA_ENGINEER, OFFICE_MANAGER)
    acme("scan", "acme")
    return acme


def test_rivals_by_job_link_and_by_name(acme: Run):
    by_link = acme("rival", "add", "acme", "https://job-boards.greenhouse.io/globex/jobs/123")
    assert by_link.stdout == "Globex is now a rival of Acme Corp; its board: Greenhouse: globex.\n"
    by_name = acme("rival", "add", "acme", "Hooli")
    assert by_name.stdout == (
        "Hooli is now a rival of Acme Corp.\n"
        "Hooli: no job board; add one with `afterview rival board Hooli LINK`\n"
    )
    with_link = acme("rival", "add", "acme", "Initech", "--link", "https://jobs.lever.co/initech")
    assert with_link.stdout == "Initech is now a rival of Acme Corp; its board: Lever: initech.\n"
    named = acme("rival", "add", "acme", "jobs.ashbyhq.com/umbrella-co", "--name", "Umbrella")
    assert named.stdout == "Umbrella is now a rival of Acme Corp; its board: Ashby: umbrella-co.\n"
    # Another link of Globex's board finds Globex; a board given later is said.
    again = acme("rival", "add", "acme", "https://boards.greenhouse.io/globex")
    assert again.stdout == (
        "Nothing changed: 'https://boards.greenhouse.io/globex' is a rival of Acme Corp already.\n"
    )
    boarded = acme("rival", "add", "acme", "Hooli", "--link", "hooli.recruitee.com")
    assert boarded.stdout == "Hooli is a rival of Acme Corp already; its board: Recruitee: hooli.\n"

    listed = acme("rival", "list", "acme")
    assert listed.stdout == (
        "Rivals of Acme Corp:\n"
        "ID   Rival      Board                Openings   Last scan\n" + "─" * 57 + "\n"
        " 2   Globex     Greenhouse: globex              not yet\n"
        " 3   Hooli      Recruitee: hooli                not yet\n"
        " 4   Initech    Lever: initech                  not yet\n"
        " 5   Umbrella   Ashby: umbrella-co              not yet\n"
        "Acme Corp: no job board; add one with `afterview rival board 'Acme Corp' LINK`\n"
    )
    # A rivalry reads both ways.
    assert "Acme Corp" in acme("rival", "list", "globex").stdout

    removed = acme("rival", "remove", "acme", "umbrella")
    assert removed.stdout == "Umbrella is no longer a rival of Acme Corp.\n"
    assert "Umbrella" not in acme("rival", "list", "acme").stdout


def test_a_company_board_set_and_removed(acme: Run):
    acme("rival", "add", "acme", "Initech")
    done = acme("rival", "board", "initech", "https://initech.recruitee.com/o/data-engineer")
    assert done.stdout == "Initech's board: Recruitee: initech.\n"
    own = acme("rival", "board", "acme", "lever-eu:acme")
    assert own.stdout == "Acme Corp's board: Lever (EU): acme.\n"
    assert acme("rival", "list", "acme").stdout.endswith("Acme Corp's board: Lever (EU): acme.\n")
    gone = acme("rival", "board", "initech", "--remove")
    assert gone.stdout == "Initech has no job board now.\n"
    again = acme("rival", "board", "initech", "--remove", expect=5)
    assert again.stderr == "Error: Initech has no job board set.\n"
    neither = acme("rival", "board", "initech", expect=2)
    assert "Give a job link or BOARD:TOKEN, or --remove." in neither.stderr
    both = acme("rival", "board", "initech", "greenhouse:initech", "--remove", expect=2)
    assert "Give a job link or BOARD:TOKEN, or --remove." in both.stderr
    taken = acme("rival", "board", "initech", "lever-eu:acme", expect=6)
    assert taken.stderr == "Error: Lever (EU): acme is already Acme Corp's board.\n"


def test_rivals_suggested_from_your_applications(acme: Run):
    acme("app", "add", "Stark Industries", "Senior Data Engineer")
    acme("app", "add", "Wayne Enterprises", "Product Designer")
    reason = "you applied for “Senior Data Engineer” there, close to “Data Engineer”"
    assert acme("rival", "list", "acme").stdout.endswith(
        f"Suggested: Stark Industries ({reason}).\n"
        "  Add them: afterview rival suggest 'Acme Corp' --add\n"
    )
    listed = acme("rival", "suggest", "acme")
    assert listed.stdout == (
        "ID   Company            Why\n" + "─" * 94 + "\n"
        f" 2   Stark Industries   {reason}\n"
        "Add them all: afterview rival suggest 'Acme Corp' --add\n"
    )
    added = acme("rival", "suggest", "acme", "--add")
    assert added.stdout == "Rivals of Acme Corp now include Stark Industries.\n"
    rivals = json.loads(acme("rival", "list", "acme", "--json").stdout)
    assert [r["company"]["name"] for r in rivals["rivals"]] == ["Stark Industries"]
    assert rivals["suggestions"] == []
    nothing = acme("rival", "suggest", "acme")
    assert nothing.stdout == (
        "No suggestions: no other company has an application close to Acme Corp's.\n"
    )


def test_a_scan_ranks_the_openings_and_a_later_one_counts_the_new(
    acme: Run, board_server: BoardServer, monkeypatch: pytest.MonkeyPatch
):
    acme("rival", "add", "acme", "https://boards.greenhouse.io/globex")
    acme("rival", "add", "acme", "Hooli")
    url = _serve(board_server, "globex", DATA_ENGINEER, OFFICE_MANAGER)
    first = acme("scan", "acme")
    assert first.stdout == (
        "Globex (Greenhouse: globex): 2 openings, first scan\n"
        "Hooli: no job board; add one with `afterview rival board Hooli LINK`\n"
        "\n"
        "Best 2 of 2 openings\n"
        "ID   Score   Title            Company   Place             New   Why\n" + "─" * 100 + "\n"
        " 1   100     Data Engineer    Globex    Berlin, Germany         "
        "title close to “Data Engineer” (100)\n"
        " 2   0       Office Manager   Globex    Munich                  "
        "title unlike your target roles\n"
        "Save one as an application: afterview opening save ID\n"
    )

    # Two days later one opening is gone and two are new.
    _serve(board_server, "globex", DATA_ENGINEER, ANALYTICS, SENIOR)
    monkeypatch.setenv("AFTERVIEW_NOW", TWO_DAYS_LATER)
    second = acme("scan", "acme", "--top", "2")
    assert second.stdout == (
        "Globex (Greenhouse: globex): 3 openings, 2 new since Thursday\n"
        "Hooli: no job board; add one with `afterview rival board Hooli LINK`\n"
        "\n"
        "Best 2 of 3 openings\n"
        "ID   Score   Title                  Company   Place             New   Why\n"
        + "─"
        * 100
        + "\n"
        " 1   100     Data Engineer          Globex    Berlin, Germany         "
        "title close to “Data Engineer”\n"
        "                                                                      (100)\n"
        " 4   85      Senior Data Engineer   Globex    Berlin            new   "
        "title close to “Data Engineer”\n"
        "                                                                      (100)\n"
        "Save one as an application: afterview opening save ID\n"
    )
    assert len(board_server.requests_to(url)) == 2

    # Within scan_interval_hours the board is not asked again, unless --refresh.
    cached = acme("scan", "acme", "--top", "0")
    assert cached.stdout == (
        "Globex (Greenhouse: globex): 3 openings, 2 new since Thursday (from the cache, under "
        "6 h old: --refresh asks the board again)\n"
        "Hooli: no job board; add one with `afterview rival board Hooli LINK`\n"
    )
    assert len(board_server.requests_to(url)) == 2
    refreshed = json.loads(acme("scan", "acme", "--refresh", "--top", "1", "--json").stdout)
    assert len(board_server.requests_to(url)) == 3
    [board] = refreshed["boards"]
    assert board == {
        "company": {"id": 2, "name": "Globex"},
        "board": {
            "board": "greenhouse",
            "token": "globex",
            "region": "",
            "label": "Greenhouse: globex",
        },
        "source": "fresh",
        "failure": "",
        "listed": 3,
        "added": 0,
        "new": 0,
        "since": "2026-11-28T09:00:00+00:00",
    }
    assert refreshed["of"] == {"id": 1, "name": "Acme Corp"}
    assert refreshed["unboarded"] == [{"id": 3, "name": "Hooli"}]
    assert (refreshed["new"], refreshed["total"]) == (0, 3)
    [best] = refreshed["openings"]
    assert (best["id"], best["title"], best["score"], best["new"]) == (
        1,
        "Data Engineer",
        100,
        False,
    )

    rivals = json.loads(acme("rival", "list", "acme", "--json").stdout)
    globex = rivals["rivals"][0]
    assert globex["listed"] == 3
    assert globex["board"]["scanned_at"] == "2026-11-28T09:00:00+00:00"
    assert globex["board"]["failing"] is False


def test_a_failing_board_is_reported_and_the_scan_goes_on(acme: Run, board_server: BoardServer):
    acme("rival", "add", "acme", "greenhouse:globex")
    acme("rival", "add", "acme", "https://jobs.lever.co/initech")
    _serve(board_server, "globex", DATA_ENGINEER)
    _no_lever_board(board_server, "initech")
    done = acme("scan", "acme")
    assert done.stdout.startswith(
        "Globex (Greenhouse: globex): 1 opening, first scan\n"
        "Initech (Lever: initech): failed — Lever initech: no such board\n"
    )
    assert done.stderr == ""
    listed = acme("rival", "list", "acme").stdout
    assert (
        " 3   Initech   Lever: initech                  "
        "failed 2026-11-26 10:00: Lever initech: no such board\n" in listed
    )
    assert " 2   Globex    Greenhouse: globex   1          2026-11-26 10:00\n" in listed


def test_a_scan_where_every_board_failed_exits_1(acme: Run, board_server: BoardServer):
    acme("rival", "add", "acme", "https://jobs.lever.co/initech")
    _no_lever_board(board_server, "initech")
    failed = acme("scan", "--all", expect=1)
    assert failed.stdout == "Initech (Lever: initech): failed — Lever initech: no such board\n"
    assert failed.stderr == "Error: No board could be read.\n"
    as_json = json.loads(acme("scan", "--all", "--json", expect=1).stdout)
    assert as_json["boards"][0]["failure"] == "Lever initech: no such board"
    assert as_json["boards"][0]["source"] == ""


def test_openings_listed_filtered_and_shown(
    scanned: Run, board_server: BoardServer, monkeypatch: pytest.MonkeyPatch
):
    scanned("rival", "add", "acme", "greenhouse:hooli")
    _serve(board_server, "globex", DATA_ENGINEER, ANALYTICS, SENIOR)
    _serve(board_server, "hooli", (9, "Data Engineer", "Remote", "Python, SQL"))
    monkeypatch.setenv("AFTERVIEW_NOW", TWO_DAYS_LATER)
    scanned("scan", "acme")
    everything = scanned("opening", "list")
    assert everything.stdout.splitlines()[0] == "4 of 4 openings."
    assert [row.split()[0] for row in everything.stdout.splitlines()[3:] if row[:4].strip()] == [
        "1",
        "5",
        "4",
        "3",
    ]
    some = scanned("opening", "list", "--rivals-of", "acme", "--new", "--search", "sql")
    assert some.stdout == (
        "1 of 4 openings at Acme Corp's rivals.\n"
        "ID   Score   Title                Company   Place    New   Why\n" + "─" * 94 + "\n"
        " 3   73      Analytics Engineer   Globex    Remote   new   "
        "title close to “Data Engineer” (76)\n"
    )
    only = json.loads(scanned("opening", "list", "--company", "hooli", "--remote", "--json").stdout)
    assert (only["total"], [o["id"] for o in only["openings"]]) == (4, [5])
    assert only["of"] is None
    assert scanned("opening", "list", "--min-score", "90", "--board", "LEVER").stdout == (
        "0 of 4 openings.\n"
    )

    shown = scanned("opening", "show", "3")
    assert shown.stdout == (
        "Analytics Engineer at Globex (opening 3)\n"
        "Board       Greenhouse: globex\n"
        "Link        https://job-boards.greenhouse.io/acme/jobs/3\n"
        "Department  Engineering\n"
        "Place       Remote\n"
        "Published   2026-11-16 15:00\n"
        "First seen  2026-11-28 10:00 (new)\n"
        "Last seen   2026-11-28 10:00\n"
        "Score       73 (title 76, skills 50, place 100)\n"
        "\n"
        "Why\n"
        "- title close to “Data Engineer” (76)\n"
        "- remote\n"
        "- mentions SQL (1 of 2 skills)\n"
        "\n"
        "Posting\n"
        "You know SQL and dbt.\n"
        "\n"
        "Save it as an application: afterview opening save 3\n"
    )
    data = json.loads(scanned("opening", "show", "3", "--json").stdout)
    assert data == {
        "id": 3,
        "uid": data["uid"],
        "company": {"id": 2, "name": "Globex"},
        "board": "greenhouse",
        "token": "globex",
        "posting_id": "3",
        "title": "Analytics Engineer",
        "department": "Engineering",
        "location": "Remote",
        "remote": "remote",
        "employment": "",
        "url": "https://job-boards.greenhouse.io/acme/jobs/3",
        "published_at": "2026-11-16T14:00:00+00:00",
        "pay": None,
        "first_seen_at": "2026-11-28T09:00:00+00:00",
        "last_seen_at": "2026-11-28T09:00:00+00:00",
        "gone_at": None,
        "application_id": None,
        "new": True,
        "score": 73.1,
        "parts": {"title": 76.2, "skills": 50.0, "place": 100.0},
        "reasons": [
            "title close to “Data Engineer” (76)",
            "remote",
            "mentions SQL (1 of 2 skills)",
        ],
        "text": "You know SQL and dbt.",
    }
    # The opening no longer listed is kept, and says so.
    assert "Gone        2026-11-28 10:00\n" in scanned("opening", "show", "2").stdout


def test_an_opening_saved_with_its_cover_letter(scanned: Run):
    saved = scanned("opening", "save", "1", "--letter")
    assert saved.stdout.startswith(
        "Saved opening 1 as application 2: Globex — Data Engineer (saved).\n"
        "Wrote the cover letter, draft 1 ("
    )
    assert saved.stdout.endswith("Read it: afterview draft show 1\n")
    [letter] = json.loads(scanned("draft", "list", "--app", "2", "--json").stdout)
    assert (letter["kind"], letter["application_id"]) == ("cover_letter", 2)
    application = json.loads(scanned("app", "show", "2", "--json").stdout)
    assert (application["stage"], application["posting"]) == ("saved", "Python and SQL every day")
    assert (
        "Saved as application 2: afterview app show 2\n" in scanned("opening", "show", "1").stdout
    )
    assert scanned("opening", "list", "--unsaved").stdout.startswith("1 of 2 openings.\n")

    twice = scanned("opening", "save", "1", expect=6)
    assert twice.stderr == (
        "Error: Opening 1 is saved already, as application 2 (Globex — Data Engineer).\n"
    )
    # Without a terminal (or with --no-letter) it says how to draft the letter later.
    later = scanned("opening", "save", "2")
    assert later.stdout == (
        "Saved opening 2 as application 3: Globex — Office Manager (saved).\n"
        "Draft the cover letter: afterview draft cover-letter 3\n"
    )


def test_on_a_terminal_saving_asks_for_the_letter(scanned: Run, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("afterview.cli.openings.on_terminal", lambda: True)
    declined = scanned("opening", "save", "2", input="n\n")
    assert declined.stdout == (
        "Saved opening 2 as application 2: Globex — Office Manager (saved).\n"
        "Draft the cover letter now? [Y/n]: n\n"
        "Draft the cover letter: afterview draft cover-letter 2\n"
    )
    accepted = scanned("opening", "save", "1", input="\n")
    assert "Draft the cover letter now? [Y/n]: \nWrote the cover letter, draft 1 (" in (
        accepted.stdout
    )
    refused = scanned("opening", "save", "1", "--no-letter", expect=6)
    assert refused.stdout == ""


@pytest.mark.parametrize(
    ("args", "code", "error"),
    [
        (
            ("rival", "add", "acme", "https://careers.example.com/jobs/12"),
            5,
            "Error: 'https://careers.example.com/jobs/12' is not a link of a job board Afterview "
            "reads (Greenhouse, Lever, Ashby, SmartRecruiters, Workable, Recruitee, Personio).\n",
        ),
        (
            ("rival", "add", "acme", "https://initech.example/careers?gh_jid=12"),
            5,
            "Error: 'https://initech.example/careers?gh_jid=12' is a Greenhouse link that does "
            "not name the company's board; paste a link from its board itself, or give "
            "greenhouse:TOKEN.\n",
        ),
        (("rival", "add", "nowhere", "Globex"), 3, "Error: No company matching 'nowhere'.\n"),
        (("rival", "add", "acme", "Acme Corp"), 5, "Error: Acme Corp cannot be its own rival.\n"),
        (("rival", "remove", "acme", "acme"), 5, "Error: Acme Corp is not a rival of Acme Corp.\n"),
        (
            ("scan", "acme"),
            5,
            "Error: Acme Corp has no rivals yet: add one by name or by one of its job links.\n",
        ),
        (
            ("scan", "--all"),
            5,
            "Error: No company has a job board yet: add a rival by one of its job links.\n",
        ),
        (("opening", "show", "99"), 3, "Error: No opening 99.\n"),
        (("opening", "save", "99"), 3, "Error: No opening 99.\n"),
        (
            ("opening", "list", "--rivals-of", "nowhere"),
            3,
            "Error: No company matching 'nowhere'.\n",
        ),
    ],
)
def test_bad_input_is_refused_plainly(acme: Run, args: tuple[str, ...], code: int, error: str):
    assert acme(*args, expect=code).stderr == error


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("scan", "acme", "--all"), "Name the company whose rivals to scan, or give --all."),
        (("scan",), "Name the company whose rivals to scan, or give --all."),
        (("scan", "acme", "--top", "-1"), "-1 is not in the range x>=0"),
        (("opening", "list", "--min-score", "120"), "120.0 is not in the range 0<=x<=100"),
        (("opening", "list", "--board", "monster"), "'monster' is not one of 'greenhouse'"),
        (("opening", "show", "one"), "'one' is not a valid integer"),
    ],
)
def test_usage_errors_exit_2(acme: Run, args: tuple[str, ...], error: str):
    assert error in acme(*args, expect=2).stderr


def test_the_interview_plan_lists_the_best_openings_at_the_rivals(scanned: Run):
    scanned("interview", "add", "acme", "2026-11-25 14:00", "--with", "Dana Reyes")
    text = scanned("plan", "1").stdout
    assert "Best openings at Acme Corp's rivals: Data Engineer at Globex (100)" in text
    plan = json.loads(scanned("plan", "1", "--json").stdout)
    competition = plan["practices"][3]
    assert [o["title"] for o in competition["openings"]] == ["Data Engineer", "Office Manager"]
    assert "text" not in competition["openings"][0]
    assert all(p["openings"] == [] for p in plan["practices"] if p["practice"] != 4)

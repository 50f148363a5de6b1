"""Rivals, job boards and scans through the services, on SQLite and PostgreSQL, against a
real job-board server on 127.0.0.1: adding rivals by name or by a pasted job link, the
suggestions from your own applications, a scan storing and ranking what each board lists,
new openings counted from the scan before, a failing board reported while the others are
stored, the cache sparing a second request, and an opening saved as an application."""

from __future__ import annotations

from datetime import timedelta

import pytest

from afterview.config import load_settings
from afterview.domain.boards import Board
from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.stages import Stage
from afterview.services.applications import list_applications, show_application
from afterview.services.plans import PracticePlan, interview_plan
from afterview.services.rivals import (
    add_rival,
    add_suggested,
    remove_board,
    remove_rival,
    rivals_of,
    set_board,
)
from afterview.services.scan import Filters, list_openings, save_opening, scan, show_opening
from afterview.services.workspace import Workspace
from tests.boardserver import BoardServer, Reply, fixture, greenhouse_jobs
from tests.builders import make_application, make_interview, make_profile
from tests.conftest import NOW


def _jobs_url(server: BoardServer, token: str) -> str:
    return f"{server.base}/greenhouse/v1/boards/{token}/jobs?content=true"


def _later(ws: Workspace, hours: float) -> Workspace:
    return ws.at(NOW + timedelta(hours=hours))


@pytest.fixture
def search(board_server: BoardServer, ws: Workspace) -> Workspace:
    make_profile(
        ws,
        target_roles=["Data Engineer"],
        skills=["Python", "SQL"],
        target_places=["Berlin"],
    )
    make_application(ws, company="Acme Corp", role="Data Engineer")
    return ws


def test_a_pasted_job_link_adds_the_rival_with_its_board(search: Workspace):
    rivals = add_rival(search, "Acme", "https://job-boards.greenhouse.io/globex/jobs/123").rivals
    [rival] = rivals.rivals
    assert rival.company.name == "Globex"
    assert rival.board is not None
    assert rival.board.ref.token == "globex"
    # It reads both ways, and a second paste of another of its links finds the same company.
    again = add_rival(search, "Acme", "https://boards.greenhouse.io/globex").rivals
    assert [r.company.name for r in again.rivals] == ["Globex"]
    assert [r.company.name for r in rivals_of(search, "Globex").rivals] == ["Acme Corp"]


def test_a_rival_by_name_with_a_link_and_bad_input(search: Workspace):
    add_rival(search, "Acme", "Initech", link="lever:initech")
    [rival] = rivals_of(search, "Acme").rivals
    assert rival.board is not None
    assert (rival.company.name, rival.board.ref.board) == ("Initech", Board.LEVER)
    with pytest.raises(InvalidInput, match="cannot be its own rival"):
        add_rival(search, "Acme", "Acme Corp")
    with pytest.raises(InvalidInput, match="does not name the company's board") as error:
        add_rival(search, "Acme", "https://initech.example/careers?gh_jid=12")
    assert error.value.field == "board"
    with pytest.raises(InvalidInput, match="not a link of a job board"):
        add_rival(search, "Acme", "https://careers.example.com/jobs/12")
    # Booking.com is a name, not a link.
    add_rival(search, "Acme", "Booking.com")
    assert [r.company.name for r in rivals_of(search, "Acme").rivals] == ["Booking.com", "Initech"]


def test_one_board_per_company_and_removing(search: Workspace):
    add_rival(search, "Acme", "greenhouse:globex")
    add_rival(search, "Acme", "Initech")
    with pytest.raises(Conflict, match="already Globex's board"):
        set_board(search, "Initech", "https://boards.greenhouse.io/globex")
    set_board(search, "Initech", "https://initech.recruitee.com/o/data-engineer")
    board = rivals_of(search, "Initech").board
    assert board is not None
    assert board.ref.token == "initech"
    remove_board(search, "Initech")
    assert rivals_of(search, "Initech").board is None
    after = remove_rival(search, "Acme", "Globex").rivals
    assert [r.company.name for r in after.rivals] == ["Initech"]
    with pytest.raises(InvalidInput, match="not a rival"):
        remove_rival(search, "Acme", "Globex")


def test_rivals_are_suggested_from_your_applications_in_the_same_field(search: Workspace):
    make_application(search, company="Globex", role="Senior Data Engineer")
    make_application(search, company="Initech", role="Product Designer")
    [suggestion] = rivals_of(search, "Acme").suggestions
    assert suggestion.company == "Globex"
    assert "Senior Data Engineer" in suggestion.reason
    make_application(search, company="Hooli", role="Data Engineer II")
    rivals, taken = add_suggested(search, "Acme")
    assert [s.company for s in taken] == ["Globex", "Hooli"]
    assert [r.company.name for r in rivals.rivals] == ["Globex", "Hooli"]
    assert rivals.suggestions == []


def test_a_scan_stores_ranks_and_counts_new_openings(search: Workspace, board_server):
    add_rival(search, "Acme", "https://boards.greenhouse.io/globex")
    add_rival(search, "Acme", "Initech")  # no board: reported, not scanned
    url = _jobs_url(board_server, "globex")
    board_server.serve(
        url,
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin, Germany", "Python and SQL every day"),
                (2, "Office Manager", "Munich", "Keep the office running"),
            )
        ),
    )
    first = scan(search, "Acme")
    [board] = first.boards
    assert (board.company, board.source, board.listed, board.new) == ("Globex", "fresh", 2, 0)
    assert [c.name for c in first.unboarded] == ["Initech"]
    best, worst = first.openings
    assert best.opening.posting.title == "Data Engineer"
    assert best.score > 90
    assert any("Python, SQL" in reason for reason in best.ranked.reasons)
    assert worst.score < 30
    assert not best.new

    # Two days later one opening is gone and two are new.
    board_server.serve(
        url,
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin, Germany", "Python and SQL every day"),
                (3, "Analytics Engineer", "Remote", "SQL and dbt"),
                (4, "Senior Data Engineer", "Berlin", "Python"),
            )
        ),
    )
    later = _later(search, 48)
    second = scan(later, "Acme")
    [board] = second.boards
    assert (board.listed, board.added, board.new) == (3, 2, 2)
    assert board.since == NOW
    assert {o.opening.posting.id for o in second.openings if o.new} == {"3", "4"}
    assert {o.opening.posting.id for o in second.openings} == {"1", "3", "4"}
    listed = list_openings(later, Filters(rivals_of="Acme", new_only=True))
    assert (len(listed.openings), listed.total) == (2, 3)
    assert len(board_server.requests_to(url)) == 2


def test_a_second_scan_within_the_interval_reads_the_cache(search: Workspace, board_server):
    add_rival(search, "Acme", "greenhouse:globex")
    url = _jobs_url(board_server, "globex")
    board_server.serve(url, Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))))
    scan(search, "Acme")
    again = scan(_later(search, 1), "Acme")
    assert again.boards[0].source == "cache"
    assert len(board_server.requests_to(url)) == 1
    refreshed = scan(_later(search, 1), "Acme", refresh=True)
    assert refreshed.boards[0].source == "fresh"
    assert len(board_server.requests_to(url)) == 2


def test_a_failing_board_is_reported_and_the_others_are_stored(search: Workspace, board_server):
    add_rival(search, "Acme", "greenhouse:globex")
    add_rival(search, "Acme", "https://jobs.lever.co/initech")
    board_server.serve(
        _jobs_url(board_server, "globex"),
        Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))),
    )
    board_server.serve(
        f"{board_server.base}/lever/v0/postings/initech?mode=json",
        Reply(body=fixture("lever", "not-found.json")),
    )
    report = scan(search, "Acme")
    outcome = {b.company: b for b in report.boards}
    assert outcome["Globex"].listed == 1
    assert not outcome["Globex"].failed
    assert "no such board" in outcome["Initech"].failure
    assert [o.opening.company for o in report.openings] == ["Globex"]
    board = next(r.board for r in rivals_of(search, "Acme").rivals if r.company.name == "Initech")
    assert board is not None
    assert board.failing
    assert "no such board" in board.failure


def test_nothing_to_scan_is_said_plainly(search: Workspace):
    with pytest.raises(InvalidInput, match="no rivals yet"):
        scan(search, "Acme")
    with pytest.raises(InvalidInput, match="No company has a job board"):
        scan(search)


def test_an_opening_becomes_a_saved_application_once(search: Workspace, board_server):
    add_rival(search, "Acme", "greenhouse:globex")
    board_server.serve(
        _jobs_url(board_server, "globex"),
        Reply(body=greenhouse_jobs((7, "Data Engineer", "Berlin", "Python, SQL and Airflow"))),
    )
    [opening] = scan(search, "Acme").openings
    application = save_opening(search, opening.opening.id)
    assert (application.company_name, application.role, application.stage) == (
        "Globex",
        "Data Engineer",
        Stage.SAVED,
    )
    assert application.link.endswith("/jobs/7")
    assert "Airflow" in show_application(search, application.id).application.posting
    assert show_opening(search, opening.opening.id).opening.application_id == application.id
    with pytest.raises(Conflict, match=f"as application {application.id}"):
        save_opening(search, opening.opening.id)
    unsaved = list_openings(search, Filters(unsaved_only=True))
    assert unsaved.openings == []
    assert unsaved.total == 1


def test_the_tests_point_every_board_at_a_closed_local_port(ws: Workspace):
    """The tests' settings point every board at a closed local port (tests/conftest.py)."""
    settings = load_settings()
    assert all(url.startswith("http://127.0.0.1:9/") for url in settings.board_urls.values())
    assert set(settings.board_urls) == {str(board) for board in Board}


def test_the_interview_plan_lists_the_best_openings_at_the_rivals(
    search: Workspace, board_server: BoardServer
):
    [acme] = [a for a in list_applications(search) if a.company_name == "Acme Corp"]
    interview = make_interview(search, application=acme.id)

    def practice_4() -> PracticePlan:
        return interview_plan(search, interview.id).practices[3]

    assert "No rivals of Acme Corp yet" in practice_4().note
    add_rival(search, "Acme", "Initech")
    assert "has a job board yet" in practice_4().note
    add_rival(search, "Acme", "greenhouse:globex")
    assert "afterview scan 'Acme Corp'" in practice_4().note
    board_server.serve(
        _jobs_url(board_server, "globex"),
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin", "Python and SQL"),
                (2, "Office Manager", "Berlin", "Keep the office running"),
                (3, "Analytics Engineer", "Remote", "SQL"),
                (4, "Head of Sales", "Paris", "Sell"),
            )
        ),
    )
    scan(search, "Acme")
    plan = practice_4()
    assert [o.opening.posting.title for o in plan.openings] == [
        "Data Engineer",
        "Analytics Engineer",
        "Office Manager",
    ]
    assert plan.note.startswith("Best openings at Acme Corp's rivals: Data Engineer at Globex (")
    assert plan.note.endswith("Scanned today at 10:00.")


def test_an_opening_that_goes_and_comes_back_is_listed_again_not_new(
    search: Workspace, board_server: BoardServer
):
    add_rival(search, "Acme", "greenhouse:globex")
    url = _jobs_url(board_server, "globex")
    both = greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"), (2, "Analyst", "Berlin", "SQL"))
    board_server.serve(url, Reply(body=both))
    scan(search, "Acme")
    board_server.serve(url, Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))))
    gone = scan(_later(search, 24), "Acme")
    assert [o.opening.posting.id for o in gone.openings] == ["1"]
    board_server.serve(url, Reply(body=both))
    back = scan(_later(search, 48), "Acme")
    [board] = back.boards
    assert (board.listed, board.added, board.new) == (2, 0, 0)
    assert sorted(o.opening.posting.id for o in back.openings) == ["1", "2"]
    # The title changed on the board: the stored opening follows it.
    board_server.serve(
        url, Reply(body=greenhouse_jobs((1, "Senior Data Engineer", "Berlin", "SQL")))
    )
    changed = scan(_later(search, 72), "Acme")
    assert [o.opening.posting.title for o in changed.openings] == ["Senior Data Engineer"]


def test_a_board_removed_or_changed_sets_its_openings_aside(
    search: Workspace, board_server: BoardServer
):
    add_rival(search, "Acme", "greenhouse:globex")
    board_server.serve(
        _jobs_url(board_server, "globex"),
        Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))),
    )
    scan(search, "Acme")
    assert list_openings(search).total == 1
    set_board(search, "Globex", "lever:globex")
    assert list_openings(search).total == 0
    set_board(search, "Globex", "greenhouse:globex")
    scan(search, "Acme")
    assert list_openings(search).total == 1
    remove_board(search, "Globex")
    assert list_openings(search).total == 0


def test_a_link_and_a_name_are_each_given_once(search: Workspace):
    with pytest.raises(InvalidInput, match="give its board once") as error:
        add_rival(search, "Acme", "greenhouse:globex", link="lever:globex")
    assert error.value.field == "link"
    with pytest.raises(InvalidInput, match="named 'Globex' already") as error:
        add_rival(search, "Acme", "Globex", name="Globex Inc")
    assert error.value.field == "name"


def test_rivals_may_be_named_after_job_boards(search: Workspace):
    add_rival(search, "Acme", "Lever")
    add_rival(search, "Acme", "Greenhouse")
    assert [r.company.name for r in rivals_of(search, "Acme").rivals] == ["Greenhouse", "Lever"]


def test_a_long_opening_is_saved_cut_to_what_an_application_holds(
    search: Workspace, board_server: BoardServer
):
    add_rival(search, "Acme", "greenhouse:globex")
    title, text = "Data Engineer " + "x" * 400, "SQL " * 20_000
    board_server.serve(
        _jobs_url(board_server, "globex"), Reply(body=greenhouse_jobs((1, title, "Berlin", text)))
    )
    [opening] = scan(search, "Acme").openings
    application = save_opening(search, opening.opening.id)
    assert application.role == title[:300]
    assert len(show_application(search, application.id).application.posting) <= 50_000


def test_a_cached_scan_keeps_what_is_new(search: Workspace, board_server: BoardServer):
    add_rival(search, "Acme", "greenhouse:globex")
    url = _jobs_url(board_server, "globex")
    board_server.serve(url, Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))))
    scan(search, "Acme")
    board_server.serve(
        url,
        Reply(
            body=greenhouse_jobs(
                (1, "Data Engineer", "Berlin", "SQL"), (2, "Analytics Engineer", "Berlin", "SQL")
            )
        ),
    )
    fresh = scan(_later(search, 24), "Acme").boards[0]
    cached = scan(_later(search, 25), "Acme").boards[0]
    assert (cached.source, cached.new, cached.since) == ("cache", 1, fresh.since)
    assert fresh.since == NOW


def test_a_board_changed_while_it_was_read_is_not_stored(
    search: Workspace, board_server: BoardServer, monkeypatch: pytest.MonkeyPatch
):
    from afterview.services import scan as scan_module

    add_rival(search, "Acme", "greenhouse:globex")
    add_rival(search, "Acme", "greenhouse:initech")
    board_server.serve(
        _jobs_url(board_server, "globex"),
        Reply(body=greenhouse_jobs((1, "Data Engineer", "Berlin", "SQL"))),
    )
    board_server.serve(
        _jobs_url(board_server, "initech"),
        Reply(body=greenhouse_jobs((2, "Data Engineer", "Berlin", "SQL"))),
    )
    fetch = scan_module._fetch

    def fetch_then_change(*args: object, **kwargs: object) -> object:
        result = fetch(*args, **kwargs)  # type: ignore[arg-type]
        set_board(search, "Globex", "lever:globex")  # the user, meanwhile
        return result

    monkeypatch.setattr(scan_module, "_fetch", fetch_then_change)
    report = scan(search, "Acme")
    outcome = {b.company: b for b in report.boards}
    assert "changed while it was read" in outcome["Globex"].failure
    assert outcome["Initech"].listed == 1
    assert [o.opening.company for o in list_openings(search).openings] == ["Initech"]
    board = rivals_of(search, "Globex").board
    assert board is not None
    assert (board.ref.board, board.scanned_at) == (Board.LEVER, None)

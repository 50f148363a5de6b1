"""The job boards' answers read into Postings: every field of one posting per board, and
each board's quirks (FORMATS.md §2), from fixtures written to the boards' shapes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from afterview.domain.boards import Board, Pay, Posting
from afterview.domain.values import Remote
from afterview.integrations.boards import (
    PARSERS,
    BoardNotFound,
    parse_ashby,
    parse_greenhouse,
    parse_lever,
    parse_personio,
    parse_recruitee,
    parse_smartrecruiters,
    parse_workable,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "boards"


def fixture(board: str, name: str) -> bytes:
    return (FIXTURES / board / name).read_bytes()


def test_every_board_has_a_parser():
    assert set(PARSERS) == set(Board)


@pytest.mark.parametrize(
    ("board", "name"),
    [
        (Board.GREENHOUSE, "empty.json"),
        (Board.LEVER, "empty.json"),
        (Board.ASHBY, "empty.json"),
        (Board.SMARTRECRUITERS, "empty.json"),
        (Board.WORKABLE, "empty.json"),
        (Board.RECRUITEE, "empty.json"),
        (Board.PERSONIO, "empty.xml"),
    ],
)
def test_an_empty_board_has_no_postings(board, name):
    assert PARSERS[board](fixture(board, name), "acme") == []


def test_greenhouse_reads_every_field_and_unescapes_the_content():
    first, _ = parse_greenhouse(fixture("greenhouse", "jobs.json"), "acme")
    assert first == Posting(
        board=Board.GREENHOUSE,
        token="acme",
        id="4012345007",
        title="Senior Backend Engineer",
        department="Engineering",
        location="Berlin, Germany",
        remote=None,
        employment="",
        url="https://job-boards.greenhouse.io/acme/jobs/4012345007",
        # first_published, not the more recent updated_at
        published_at=datetime(2026, 11, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
        text=(
            "About the role\n\n"
            "You will build our billing platform & its APIs.\n\n"
            "• Python & PostgreSQL\n• 5+ years\n\n"
            "Salary range: €80k–95k"
        ),
        pay=None,
    )
    assert first.key == "greenhouse:acme:4012345007"


def test_greenhouse_falls_back_to_updated_at_and_reads_remote_from_the_location():
    _, second = parse_greenhouse(fixture("greenhouse", "jobs.json"), "acme")
    assert second.published_at == datetime(2026, 11, 20, 8, tzinfo=UTC)
    assert second.url == "https://www.acme.example/careers/?gh_jid=4023456007"
    assert second.remote is Remote.REMOTE
    assert second.department == ""
    assert second.text == "Design things."


def test_lever_reads_every_field_with_epoch_milliseconds_and_salary():
    first, _ = parse_lever(fixture("lever", "postings.json"), "acme")
    assert first == Posting(
        board=Board.LEVER,
        token="acme",
        id="5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        title="Platform Engineer",
        department="Engineering",
        location="London",
        remote=Remote.HYBRID,
        employment="Full-time",
        url="https://jobs.lever.co/acme/5ac21346-8e0c-4494-8e7a-3eb92ff77902",
        published_at=datetime(2026, 11, 6, 10, tzinfo=UTC),
        text=(
            "Acme is hiring a platform engineer.\n\n"
            "What you'll do\n\n• Run Kubernetes\n• Own the CI\n\n"
            "About you\n\n• Go or Python\n\n"
            "We offer 30 days of holiday."
        ),
        pay=Pay(currency="GBP", low=70000.0, high=85000.0, period="year"),
    )


def test_lever_keeps_milliseconds_and_reads_unspecified_workplace_from_the_location():
    _, second = parse_lever(fixture("lever", "postings.json"), "acme")
    assert second.published_at == datetime(2026, 11, 20, 10, 0, 0, 123000, tzinfo=UTC)
    assert second.remote is Remote.REMOTE  # "unspecified", location "Remote"
    assert second.department == "Support"  # no department category: the team
    assert second.text == "Help our customers."  # no descriptionPlain: the HTML's text
    assert second.pay is None


def test_lever_error_object_means_the_board_does_not_exist():
    with pytest.raises(BoardNotFound) as caught:
        parse_lever(fixture("lever", "not-found.json"), "nosuch")
    assert caught.value.message == "Lever has no board 'nosuch' (Document not found)."
    assert (caught.value.board, caught.value.token, caught.value.code) == (
        Board.LEVER,
        "nosuch",
        "not_found",
    )


def test_ashby_drops_unlisted_jobs_and_reads_the_first_tier_salary():
    postings = parse_ashby(fixture("ashby", "job-board.json"), "acme")
    assert [p.title for p in postings] == ["Machine Learning Engineer", "Recruiting Coordinator"]
    assert postings[0] == Posting(
        board=Board.ASHBY,
        token="acme",
        id="9b7e3c52-0f1a-4d6e-8a2b-1c3d4e5f6a7b",
        title="Machine Learning Engineer",
        department="Research",
        location="San Francisco",
        remote=Remote.HYBRID,  # workplaceType wins over isRemote: false
        employment="full-time",
        url="https://jobs.ashbyhq.com/acme/9b7e3c52-0f1a-4d6e-8a2b-1c3d4e5f6a7b",
        published_at=datetime(2026, 11, 10, 17, 45, 12, 391000, tzinfo=UTC),
        text="Train models.\n\nShip them.",  # descriptionPlain, not the HTML
        pay=Pay(currency="USD", low=180000.0, high=240000.0, period="year"),
    )


def test_ashby_without_compensation_or_plain_text():
    coordinator = parse_ashby(fixture("ashby", "job-board.json"), "acme")[1]
    assert coordinator.remote is Remote.REMOTE  # isRemote alone
    assert coordinator.employment == "contract"
    assert coordinator.text == "Coordinate interviews.\n\n• Schedules"
    assert coordinator.pay is None


def test_smartrecruiters_reads_a_page_and_its_total_and_builds_the_job_url():
    postings, total = parse_smartrecruiters(
        fixture("smartrecruiters", "postings-offset-0.json"), "Ubisoft2"
    )
    assert total == 3
    assert postings[0] == Posting(
        board=Board.SMARTRECRUITERS,
        token="Ubisoft2",
        id="744000012345678",
        title="Data Analyst (m/f/d)",
        department="Business Intelligence",
        location="Montreal, QC, Canada",
        remote=Remote.HYBRID,
        employment="Full-time",
        url="https://jobs.smartrecruiters.com/Ubisoft2/744000012345678",
        published_at=datetime(2026, 11, 18, 14, 22, 31, 412000, tzinfo=UTC),
        text="",
        pay=None,
    )
    designer = postings[1]
    assert designer.department == ""  # department: {}
    assert designer.location == "Paris, FR"  # no fullLocation: city and country
    assert designer.remote is Remote.REMOTE


def test_smartrecruiters_pages_add_up_to_the_total():
    first, total = parse_smartrecruiters(
        fixture("smartrecruiters", "postings-offset-0.json"), "Ubisoft2"
    )
    second, same_total = parse_smartrecruiters(
        fixture("smartrecruiters", "postings-offset-2.json"), "Ubisoft2"
    )
    assert total == same_total == len(first) + len(second)
    assert len({p.id for p in first + second}) == total
    assert second[0].remote is Remote.ONSITE  # remote: false, hybrid: false
    assert (
        PARSERS[Board.SMARTRECRUITERS](
            fixture("smartrecruiters", "postings-offset-2.json"), "Ubisoft2"
        )
        == second
    )


def test_workable_reads_a_date_only_as_midnight_utc():
    first, second = parse_workable(fixture("workable", "account.json"), "acme")
    assert first == Posting(
        board=Board.WORKABLE,
        token="acme",
        id="A1B2C3D4E5",
        title="Embedded Software Engineer",
        department="Engineering",
        location="Athens, Attica, Greece",
        remote=None,  # telecommuting: false does not say on-site
        employment="Full-time",
        url="https://apply.workable.com/j/A1B2C3D4E5",
        published_at=datetime(2026, 11, 12, tzinfo=UTC),
        text="Write firmware for our arms.\n\n• C\n• RTOS",
        pay=None,
    )
    assert second.remote is Remote.REMOTE  # telecommuting: true
    assert second.location == "Portugal"
    assert second.text == ""  # no details=true


def test_recruitee_reads_its_non_iso_dates_flags_and_salary():
    first, second = parse_recruitee(fixture("recruitee", "offers.json"), "acme")
    assert first == Posting(
        board=Board.RECRUITEE,
        token="acme",
        id="1843210",
        title="Frontend Developer",
        department="Product & Engineering",
        location="Amsterdam, Netherlands",
        remote=Remote.HYBRID,
        employment="full-time, permanent",
        url="https://careers.acme.example/o/frontend-developer",
        published_at=datetime(2026, 11, 20, 9, 15, tzinfo=UTC),
        text="Build our React app.\n\n• TypeScript\n• Accessibility",
        pay=Pay(currency="EUR", low=4500.0, high=6000.0, period="month"),
    )
    assert second.department == ""  # null
    assert second.location == "Utrecht, Netherlands"
    assert second.remote is Remote.REMOTE
    assert second.published_at == datetime(2026, 1, 5, 8, tzinfo=UTC)  # created_at
    assert second.pay is None  # a salary of nulls


def test_personio_reads_the_xml_feed_with_cdata_descriptions():
    first, second = parse_personio(fixture("personio", "feed.xml"), "acme")
    assert first == Posting(
        board=Board.PERSONIO,
        token="acme",
        id="1398211",
        title="Accountant (m/w/d)",
        department="Finance",
        location="München, Berlin",
        remote=None,
        employment="full-time, permanent",
        url="https://acme.jobs.personio.de/job/1398211",
        published_at=datetime(2026, 11, 3, 8, 12, 45, tzinfo=UTC),
        text=(
            "Your tasks\n\n• Monthly closing\n• VAT returns & audits\n\n"
            "Your profile\n\nThree years in accounting."
        ),
        pay=None,
    )
    assert second.published_at is None  # no createdAt
    assert second.remote is Remote.REMOTE  # office "Remote (DE)"
    assert second.text == "Deine Aufgaben\n\nKampagnen planen."


def test_personio_html_page_means_the_board_does_not_exist():
    with pytest.raises(BoardNotFound, match="Personio has no board 'nosuch'") as caught:
        parse_personio(fixture("personio", "not-found.html"), "nosuch")
    assert "an HTML page, not the feed: the board does not exist" in caught.value.message


@pytest.mark.parametrize("board", list(Board))
def test_unknown_fields_are_ignored(board):
    bodies = {
        Board.GREENHOUSE: b'{"jobs":[{"id":1,"title":"T","new":{"x":[1]}}],"meta":{},"more":1}',
        Board.LEVER: b'[{"id":"a","text":"T","surprise":true}]',
        Board.ASHBY: b'{"apiVersion":"2","jobs":[{"id":"a","title":"T","x":null}],"y":[]}',
        Board.SMARTRECRUITERS: b'{"totalFound":1,"content":[{"id":"1","name":"T","z":{}}]}',
        Board.WORKABLE: b'{"jobs":[{"shortcode":"S","title":"T","locations":[]}]}',
        Board.RECRUITEE: b'{"offers":[{"id":7,"title":"T","tags":["a"]}],"meta":1}',
        Board.PERSONIO: b"<workzag-jobs><position><id>1</id><name>T</name><new/></position>"
        b"<other/></workzag-jobs>",
    }
    (posting,) = PARSERS[board](bodies[board], "acme")
    assert (posting.board, posting.title) == (board, "T")

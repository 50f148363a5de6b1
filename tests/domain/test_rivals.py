"""The pure side of rivals: a board from a link or board:token, names from tokens, rivals
suggested by field, openings new since the scan before, and 'since Tuesday'."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.boards import Board, BoardRef, Posting
from afterview.domain.errors import InvalidInput
from afterview.domain.rivals import (
    Opening,
    board_source,
    board_text,
    name_from_token,
    since_phrase,
    suggest_rivals,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=BERLIN)  # a Thursday


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("https://job-boards.greenhouse.io/globex/jobs/123", BoardRef(Board.GREENHOUSE, "globex")),
        ("greenhouse:globex", BoardRef(Board.GREENHOUSE, "globex")),
        ("Lever-EU:acme", BoardRef(Board.LEVER, "acme", "eu")),
        ("jobs.eu.lever.co/acme/abc", BoardRef(Board.LEVER, "acme", "eu")),
        ("smartrecruiters:AcmeRobotics", BoardRef(Board.SMARTRECRUITERS, "AcmeRobotics")),
        ("https://acme.jobs.personio.de/job/1", BoardRef(Board.PERSONIO, "acme")),
        ("acme.recruitee.com", BoardRef(Board.RECRUITEE, "acme")),
    ],
)
def test_a_board_from_a_link_or_board_token(given_text: str, expected: BoardRef):
    assert board_source(given_text) == expected


@pytest.mark.parametrize(
    ("given_text", "problem"),
    [
        ("", "Give a job link"),
        ("https://acme.example/careers?gh_jid=4", "does not name the company's board"),
        ("https://apply.workable.com/j/ABC123", "does not name the company's board"),
        ("greenhouse:", "is not a Greenhouse token"),
        ("greenhouse:a b", "is not a Greenhouse token"),
        ("https://careers.example.com/jobs/1", "not a link of a job board"),
    ],
)
def test_what_names_no_board_is_refused_by_field(given_text: str, problem: str):
    with pytest.raises(InvalidInput, match=problem) as error:
        board_source(given_text)
    assert error.value.field in ("board", "link")


@given(
    st.sampled_from(list(Board)),
    # Path words of the boards' own pages ("jobs", "j", "api", …) are no company's token.
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True).filter(
        lambda token: token not in {"embed", "api", "v1", "v0", "j", "jobs", "job", "careers"}
    ),
    st.booleans(),
)
def test_board_text_reads_back(board: Board, token: str, eu: bool):
    ref = BoardRef(board, token, "eu" if eu and board is Board.LEVER else "")
    assert board_source(board_text(ref)) == ref


def test_names_from_tokens():
    assert name_from_token("acme-robotics") == "Acme Robotics"
    assert name_from_token("contoso_data") == "Contoso Data"
    assert name_from_token("AcmeRobotics") == "AcmeRobotics"


def test_rivals_are_suggested_by_field_not_by_level_or_kind():
    roles = {
        1: ["Senior Data Engineer"],
        2: ["Data Engineer II"],
        3: ["ML Engineer"],  # shares only "Engineer"
        4: ["Senior Product Manager"],  # shares only "Senior"
        5: ["Data Platform Engineer"],
        6: ["Staff Data Engineer"],
    }
    names = {1: "Acme", 2: "Globex", 3: "Initech", 4: "Hooli", 5: "Umbrella", 6: "Stark"}
    found = suggest_rivals(1, roles, names, exclude=[6])
    assert [s.company for s in found] == ["Globex", "Umbrella"]
    assert (
        found[0].reason
        == "you applied for “Data Engineer II” there, close to “Senior Data Engineer”"
    )
    assert suggest_rivals(7, roles, names) == []  # no application there: nothing to go by


def _opening(first_seen: datetime) -> Opening:
    posting = Posting(board=Board.LEVER, token="acme", id="1", title="Data Engineer")
    return Opening(
        id=1,
        uid=uuid4(),
        company_id=1,
        company="Acme",
        posting=posting,
        first_seen_at=first_seen,
        last_seen_at=first_seen,
    )


def test_an_opening_is_new_when_first_seen_after_the_scan_before():
    scan_before = NOW - timedelta(days=2)
    assert _opening(NOW).is_new(scan_before)
    assert not _opening(scan_before).is_new(scan_before)  # seen at that scan
    assert not _opening(NOW).is_new(None)  # a first scan has nothing to be new against


@pytest.mark.parametrize(
    ("since", "expected"),
    [
        (datetime(2026, 11, 26, 7, 30, tzinfo=UTC), "since 08:30"),  # today, in now's zone
        (datetime(2026, 11, 24, 9, 0, tzinfo=BERLIN), "since Tuesday"),
        (datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN), "since Friday"),
        (datetime(2026, 11, 19, 9, 0, tzinfo=BERLIN), "since 19 Nov"),  # a week ago
        (datetime(2025, 12, 30, 9, 0, tzinfo=BERLIN), "since 30 Dec 2025"),
    ],
)
def test_since_phrase(since: datetime, expected: str):
    assert since_phrase(since, NOW) == expected

"""Recognising a job board and the company's token from a job link (FORMATS.md §2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.boards import Board, BoardRef, detect_board
from afterview.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://boards.greenhouse.io/northwind/jobs/4012345",
            BoardRef(Board.GREENHOUSE, "northwind"),
        ),
        (
            "https://job-boards.greenhouse.io/northwind/jobs/4012345?gh_src=x",
            BoardRef(Board.GREENHOUSE, "northwind"),
        ),
        ("boards.greenhouse.io/embed/job_app?for=acme", BoardRef(Board.GREENHOUSE, None)),
        ("https://www.acme.com/careers/job?gh_jid=4012345", BoardRef(Board.GREENHOUSE, None)),
        ("https://jobs.lever.co/waynefintech/7f3c-aa", BoardRef(Board.LEVER, "waynefintech")),
        ("https://jobs.eu.lever.co/dunder/1234", BoardRef(Board.LEVER, "dunder", "eu")),
        ("https://jobs.ashbyhq.com/openai/0f1e2d", BoardRef(Board.ASHBY, "openai")),
        (
            "https://jobs.smartrecruiters.com/Ubisoft2/744000012345-data-engineer",
            BoardRef(Board.SMARTRECRUITERS, "Ubisoft2"),
        ),
        ("https://apply.workable.com/hooli/j/AB12CD34EF/", BoardRef(Board.WORKABLE, "hooli")),
        ("https://apply.workable.com/j/AB12CD34EF", BoardRef(Board.WORKABLE, None)),
        ("https://stark.recruitee.com/o/data-engineer", BoardRef(Board.RECRUITEE, "stark")),
        (
            "https://umbrella.jobs.personio.de/job/123456?language=en",
            BoardRef(Board.PERSONIO, "umbrella"),
        ),
        ("umbrella.jobs.personio.com/xml", BoardRef(Board.PERSONIO, "umbrella")),
        ("HTTPS://WWW.Jobs.Lever.co/Globex", BoardRef(Board.LEVER, "Globex")),
    ],
)
def test_a_job_link_names_its_board_and_token(link: str, expected: BoardRef) -> None:
    assert detect_board(link) == expected


@pytest.mark.parametrize(
    "link",
    [
        "https://www.linkedin.com/jobs/view/123",
        "https://careers.acme.com/jobs/42",
        "https://recruitee.com/o/data",
        "https://evil.recruitee.com.example.org/o/x",
        "not a link at all",
        "",
    ],
)
def test_other_links_are_refused_naming_the_boards(link: str) -> None:
    with pytest.raises(InvalidInput, match="Greenhouse, Lever, Ashby") as refused:
        detect_board(link)
    assert refused.value.field == "link"


def test_labels() -> None:
    assert detect_board("jobs.eu.lever.co/dunder").label == "Lever (EU): dunder"
    assert detect_board("https://acme.com/?gh_jid=1").label == "Greenhouse"


@given(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), st.sampled_from(list(Board)))
def test_a_boards_own_address_gives_back_the_token(token: str, board: Board) -> None:
    address = {
        Board.GREENHOUSE: f"https://boards.greenhouse.io/{token}",
        Board.LEVER: f"https://jobs.lever.co/{token}",
        Board.ASHBY: f"https://jobs.ashbyhq.com/{token}",
        Board.SMARTRECRUITERS: f"https://jobs.smartrecruiters.com/{token}",
        Board.WORKABLE: f"https://apply.workable.com/{token}/",
        Board.RECRUITEE: f"https://{token}.recruitee.com/",
        Board.PERSONIO: f"https://{token}.jobs.personio.de/",
    }[board]
    found = detect_board(address)
    assert found.board == board
    assert found.token == (
        None if token in ("embed", "api", "v1", "v0", "j", "jobs", "job", "careers") else token
    )

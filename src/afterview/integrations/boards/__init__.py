"""The job boards' answers read into Postings: one pure parser per board, no network.

Each `parse_<board>(body, token)` takes the raw response body and the company's token and
returns its Postings (SmartRecruiters also returns `totalFound`, for paging). A body that
cannot be read raises BoardResponseError (naming board, token, place and problem); a body
saying the board does not exist raises BoardNotFound. The connector picks the parser from
PARSERS; for SmartRecruiters' paging it calls `parse_smartrecruiters` for the total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

from afterview.domain.boards import Board, Posting
from afterview.integrations.boards.ashby import parse_ashby
from afterview.integrations.boards.greenhouse import parse_greenhouse
from afterview.integrations.boards.lever import parse_lever
from afterview.integrations.boards.personio import parse_personio
from afterview.integrations.boards.recruitee import parse_recruitee
from afterview.integrations.boards.responses import BoardNotFound, BoardResponseError
from afterview.integrations.boards.smartrecruiters import (
    parse_smartrecruiters,
    parse_smartrecruiters_page,
)
from afterview.integrations.boards.workable import parse_workable

Parser = Callable[[bytes, str], list[Posting]]

PARSERS: Final[Mapping[Board, Parser]] = {
    Board.GREENHOUSE: parse_greenhouse,
    Board.LEVER: parse_lever,
    Board.ASHBY: parse_ashby,
    Board.SMARTRECRUITERS: parse_smartrecruiters_page,
    Board.WORKABLE: parse_workable,
    Board.RECRUITEE: parse_recruitee,
    Board.PERSONIO: parse_personio,
}

__all__ = [
    "PARSERS",
    "BoardNotFound",
    "BoardResponseError",
    "Parser",
    "parse_ashby",
    "parse_greenhouse",
    "parse_lever",
    "parse_personio",
    "parse_recruitee",
    "parse_smartrecruiters",
    "parse_smartrecruiters_page",
    "parse_workable",
]

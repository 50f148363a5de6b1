"""Where each board's postings are asked for: a base URL per board, and the path after it.

A base is a URL without a trailing slash, and may hold `{token}`: the company's token goes
there, URL-quoted. The defaults are the boards' real hosts (FORMATS.md §2); the two boards
with a host per company (Recruitee, Personio) put the token in the host:

| Board | Default base | Path after it |
|---|---|---|
| Greenhouse | https://boards-api.greenhouse.io | /v1/boards/{token}/jobs?content=true |
| Lever | https://api.lever.co (EU: https://api.eu.lever.co) | /v0/postings/{token}?mode=json |
| Ashby | https://api.ashbyhq.com | /posting-api/job-board/{token}?includeCompensation=true |
| SmartRecruiters | https://api.smartrecruiters.com | /v1/companies/{token}/postings?limit&offset |
| Workable | https://apply.workable.com | /api/v1/widget/accounts/{token}?details=true |
| Recruitee | https://{token}.recruitee.com | /api/offers/ |
| Personio | https://{token}.jobs.personio.de | /xml?language=en |

Overriding a board's base (`bases={Board.RECRUITEE: "http://127.0.0.1:8000/recruitee/{token}"}`)
replaces the host of every company on that board; a base for Lever serves both regions.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final
from urllib.parse import quote

from afterview.domain.boards import Board, BoardRef

DEFAULT_BASES: Final[Mapping[Board, str]] = MappingProxyType(
    {
        Board.GREENHOUSE: "https://boards-api.greenhouse.io",
        Board.LEVER: "https://api.lever.co",
        Board.ASHBY: "https://api.ashbyhq.com",
        Board.SMARTRECRUITERS: "https://api.smartrecruiters.com",
        Board.WORKABLE: "https://apply.workable.com",
        Board.RECRUITEE: "https://{token}.recruitee.com",
        Board.PERSONIO: "https://{token}.jobs.personio.de",
    }
)
LEVER_EU_BASE: Final = "https://api.eu.lever.co"

_PATHS: Final[Mapping[Board, str]] = MappingProxyType(
    {
        Board.GREENHOUSE: "/v1/boards/{token}/jobs?content=true",
        Board.LEVER: "/v0/postings/{token}?mode=json",
        Board.ASHBY: "/posting-api/job-board/{token}?includeCompensation=true",
        Board.SMARTRECRUITERS: "/v1/companies/{token}/postings?limit={limit}&offset={offset}",
        Board.WORKABLE: "/api/v1/widget/accounts/{token}?details=true",
        Board.RECRUITEE: "/api/offers/",
        Board.PERSONIO: "/xml?language=en",
    }
)


def board_url(
    ref: BoardRef, token: str, bases: Mapping[Board, str], *, offset: int = 0, limit: int = 100
) -> str:
    """The URL of a board's postings (for SmartRecruiters, of the page at `offset`)."""
    base = bases.get(ref.board)
    if base is None:
        eu = ref.board is Board.LEVER and ref.region.lower() == "eu"
        base = LEVER_EU_BASE if eu else DEFAULT_BASES[ref.board]
    quoted = quote(token, safe="")
    path = _PATHS[ref.board].format(token=quoted, offset=offset, limit=limit)
    return base.rstrip("/").replace("{token}", quoted) + path

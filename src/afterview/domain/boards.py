"""Public job boards (practice 4): which board a job link belongs to, and the one Posting
every board's answer is read into. Pure: the connectors (integrations/boards) fetch and
parse; this module knows the boards' link shapes and what a posting holds.

Recognising a board from a job link (FORMATS.md §2):

| Link | Board | Token |
|---|---|---|
| boards.greenhouse.io/{t}, job-boards.greenhouse.io/{t} | Greenhouse | t |
| any link with a `gh_jid=` parameter (a company's own site) | Greenhouse | unknown |
| jobs.lever.co/{site}, jobs.eu.lever.co/{site} | Lever (EU for the latter) | site |
| jobs.ashbyhq.com/{board} | Ashby | board |
| jobs.smartrecruiters.com/{Company}/{id}-slug | SmartRecruiters | Company (case kept) |
| apply.workable.com/{account}, …/j/{shortcode} | Workable | account (none for /j/) |
| {company}.recruitee.com | Recruitee | company |
| {company}.jobs.personio.de or .com | Personio | company |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

from afterview.domain.errors import InvalidInput
from afterview.domain.values import Remote


class Board(StrEnum):
    GREENHOUSE = "greenhouse"
    LEVER = "lever"
    ASHBY = "ashby"
    SMARTRECRUITERS = "smartrecruiters"
    WORKABLE = "workable"
    RECRUITEE = "recruitee"
    PERSONIO = "personio"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Board.GREENHOUSE: "Greenhouse",
    Board.LEVER: "Lever",
    Board.ASHBY: "Ashby",
    Board.SMARTRECRUITERS: "SmartRecruiters",
    Board.WORKABLE: "Workable",
    Board.RECRUITEE: "Recruitee",
    Board.PERSONIO: "Personio",
}
# A board's token as its API takes it: letters, digits, and - _ . (SmartRecruiters keeps case).
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# Path words that are pages of the board's site, not a company's token.
_NOT_TOKENS = frozenset({"embed", "api", "v1", "v0", "j", "jobs", "job", "careers"})


@dataclass(frozen=True, slots=True)
class BoardRef:
    """A company's board: which one, and its token there (None when a link does not tell:
    a Greenhouse job on the company's own site, a Workable /j/ short link)."""

    board: Board
    token: str | None
    region: str = ""  # "eu" for Lever's EU accounts

    @property
    def label(self) -> str:
        where = f" ({self.region.upper()})" if self.region else ""
        return f"{self.board.label}{where}: {self.token}" if self.token else self.board.label


@dataclass(frozen=True, slots=True)
class Pay:
    """Compensation as the board states it."""

    currency: str
    low: float | None
    high: float | None
    period: str  # "year", "month", "hour", … as given, lower case ("" when not given)


@dataclass(frozen=True, slots=True, kw_only=True)
class Posting:
    """One open role, the same whichever board it came from."""

    board: Board
    token: str
    id: str  # the board's id for it
    title: str
    department: str = ""
    location: str = ""
    remote: Remote | None = None
    employment: str = ""  # full-time, part-time, contract, intern, … as the board names it
    url: str = ""
    published_at: datetime | None = None
    text: str = ""  # the description as plain text
    pay: Pay | None = None

    @property
    def place(self) -> str:
        """Where, with how remote when the location does not say: 'Berlin (hybrid)'."""
        where, remote = self.location.strip(), str(self.remote or "")
        if remote and remote not in where.casefold():
            return f"{where} ({remote})" if where else remote
        return where

    @property
    def key(self) -> str:
        """Its identity across scans: board, token and id."""
        return f"{self.board}:{self.token}:{self.id}"


def detect_board(link: str) -> BoardRef:
    """The board a job link (or a board's own address) belongs to, with the company's token
    when the link tells it. An address of no known board is refused, naming the boards."""
    text = link.strip()
    parts = urlsplit(text if "://" in text else f"https://{text}")
    host = (parts.hostname or "").lower().removeprefix("www.")
    words = [w for w in parts.path.split("/") if w]
    first = words[0] if words else None
    found: BoardRef | None = None
    if host in ("boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io"):
        found = BoardRef(Board.GREENHOUSE, _token(first))
    elif "gh_jid" in parse_qs(parts.query):
        found = BoardRef(Board.GREENHOUSE, None)
    elif host in ("jobs.lever.co", "jobs.eu.lever.co"):
        found = BoardRef(Board.LEVER, _token(first), "eu" if ".eu." in host else "")
    elif host == "jobs.ashbyhq.com":
        found = BoardRef(Board.ASHBY, _token(first))
    elif host in ("jobs.smartrecruiters.com", "careers.smartrecruiters.com"):
        found = BoardRef(Board.SMARTRECRUITERS, _token(first))
    elif host == "apply.workable.com":
        found = BoardRef(Board.WORKABLE, None if first == "j" else _token(first))
    elif host.endswith(".recruitee.com") and host.count(".") == 2:
        found = BoardRef(Board.RECRUITEE, _token(host.split(".")[0]))
    elif re.fullmatch(r"[a-z0-9-]+\.jobs\.personio\.(de|com)", host):
        found = BoardRef(Board.PERSONIO, _token(host.split(".")[0]))
    if found is None:
        raise InvalidInput(
            f"{link.strip()!r} is not a link of a job board Afterview reads "
            f"({', '.join(b.label for b in Board)}).",
            field="link",
        )
    return found


def _token(word: str | None) -> str | None:
    if word is None or word.casefold() in _NOT_TOKENS or not _TOKEN.match(word):
        return None
    return word

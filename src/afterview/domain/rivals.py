"""Rivals and their openings (practice 4). Pure: which companies compete with one you are
interviewing at, where each lists its openings, which openings a scan found and which of
them are new.

- A **rivalry** pairs two companies; it reads both ways.
- A company's **job board** is a `BoardRef` with a token (a link that does not name the
  company's board, such as a Greenhouse job on its own site, cannot be one).
- An **opening** is a posting a scan found, with when it was first and last seen. It is
  *new* when first seen after the scan before the last one of its board (`JobBoard.since`):
  what the last scan added. The first scan of a board finds nothing new: all is unseen.
- **Suggested rivals** are companies where you applied for a role in the field of one you
  applied for at the company: the titles' closeness (domain.ranking) without the words of
  level and kind ("Senior", "Engineer"), at least `SAME_FIELD`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from afterview.domain.boards import Board, BoardRef, Posting, detect_board
from afterview.domain.errors import InvalidInput
from afterview.domain.ranking import role_closeness

SAME_FIELD = 75.0  # title closeness (0..100) of two roles in the same field
# Words of a job title that say its level or kind of job, not its field: "Senior Data
# Engineer" and "ML Engineer" share only these, so they are not in the same field.
_NOT_FIELD = frozenset(
    [
        "senior",
        "sr",
        "junior",
        "jr",
        "staff",
        "principal",
        "lead",
        "head",
        "chief",
        "distinguished",
        "associate",
        "assistant",
        "intern",
        "trainee",
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "engineer",
        "engineering",
        "developer",
        "manager",
        "specialist",
        "consultant",
        "analyst",
        "of",
        "and",
        "the",
        "for",
        "a",
        "an",
        "in",
        "at",
        "to",
        "with",
    ]
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rivalry:
    id: int
    uid: UUID
    company_id: int
    rival_id: int
    created_at: datetime

    def other(self, company_id: int) -> int:
        return self.rival_id if company_id == self.company_id else self.company_id


@dataclass(frozen=True, slots=True, kw_only=True)
class JobBoard:
    """A company's board, and how its scans went."""

    id: int
    uid: UUID
    company_id: int
    ref: BoardRef
    link: str  # as the user gave it
    scanned_at: datetime | None = None  # the last scan that read it
    since: datetime | None = None  # the scan before that one
    failed_at: datetime | None = None  # the last scan that could not read it
    failure: str = ""  # why
    created_at: datetime
    updated_at: datetime

    @property
    def failing(self) -> bool:
        """Its last scan failed."""
        return self.failed_at is not None and (
            self.scanned_at is None or self.failed_at > self.scanned_at
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Opening:
    """A posting a scan found at a company."""

    id: int
    uid: UUID
    company_id: int
    company: str  # its name
    posting: Posting
    first_seen_at: datetime
    last_seen_at: datetime
    gone_at: datetime | None = None  # no longer listed
    application_id: int | None = None  # saved as this application

    def is_new(self, since: datetime | None) -> bool:
        return since is not None and self.first_seen_at > since


@dataclass(frozen=True, slots=True)
class Suggestion:
    company_id: int
    company: str
    reason: str  # 'you applied for "Data Engineer" there too'
    closeness: float


def board_source(text: str) -> BoardRef:
    """A company's board from a job link, its board's address, or `board:token`
    ("greenhouse:globex", "lever-eu:acme"). It must name the company's token."""
    given = text.strip()
    if not given:
        raise InvalidInput("Give a job link or board:token.", field="board")
    if is_board_token(given):
        name, _, token = given.partition(":")
        board = Board(name.casefold().removesuffix("-eu"))
        region = "eu" if name.casefold().endswith("-eu") and board is Board.LEVER else ""
        found = detect_board(f"https://{_host(board, token.strip(), region)}")
        if found.token is None:
            raise InvalidInput(f"{token.strip()!r} is not a {board.label} token.", field="board")
        return BoardRef(board, found.token, region)
    found = detect_board(given)
    if found.token is None:
        raise InvalidInput(
            f"{given!r} is a {found.board.label} link that does not name the company's "
            f"board; paste a link from its board itself, or give {found.board}:TOKEN.",
            field="board",
        )
    return found


def is_board_token(text: str) -> bool:
    """Whether `text` is written `board:token` ("greenhouse:globex", "lever-eu:acme")."""
    name, colon, _ = text.strip().partition(":")
    return bool(colon) and "/" not in text and name.casefold().removesuffix("-eu") in set(Board)


def _host(board: Board, token: str, region: str) -> str:
    """A board address for `token`, for detect_board to check the token."""
    return {
        Board.GREENHOUSE: f"boards.greenhouse.io/{token}",
        Board.LEVER: f"jobs.{'eu.' if region else ''}lever.co/{token}",
        Board.ASHBY: f"jobs.ashbyhq.com/{token}",
        Board.SMARTRECRUITERS: f"jobs.smartrecruiters.com/{token}",
        Board.WORKABLE: f"apply.workable.com/{token}",
        Board.RECRUITEE: f"{token}.recruitee.com",
        Board.PERSONIO: f"{token}.jobs.personio.de",
    }[board]


def board_text(ref: BoardRef) -> str:
    """`board:token`, as board_source reads it back."""
    name = f"{ref.board}-eu" if ref.region == "eu" else str(ref.board)
    return f"{name}:{ref.token}"


def name_from_token(token: str) -> str:
    """A company name to start from when a pasted link is all there is: 'acme-robotics' →
    'Acme Robotics' (SmartRecruiters' tokens keep their case: 'AcmeRobotics')."""
    words = [w for w in token.replace("_", "-").replace(".", "-").split("-") if w]
    return " ".join(w if not w.islower() else w.capitalize() for w in words) or token


def suggest_rivals(
    company_id: int,
    roles: Mapping[int, Sequence[str]],
    names: Mapping[int, str],
    exclude: Iterable[int] = (),
) -> list[Suggestion]:
    """Companies where you applied for a role close to one you applied for at `company_id`,
    closest first. `roles`: each company's application roles; `exclude`: its rivals already."""
    mine = roles.get(company_id, ())
    skip = {company_id, *exclude}
    found: list[Suggestion] = []
    for other, theirs in roles.items():
        if other in skip or other not in names:
            continue
        best = max(
            ((_same_field(a, b), a, b) for a in mine for b in theirs),
            default=(0.0, "", ""),
        )
        if best[0] >= SAME_FIELD:
            _, role, their_role = best
            reason = (
                f"you applied for “{their_role}” there too"
                if role.casefold() == their_role.casefold()
                else f"you applied for “{their_role}” there, close to “{role}”"
            )
            found.append(Suggestion(other, names[other], reason, best[0]))
    return sorted(found, key=lambda s: (-s.closeness, s.company.casefold(), s.company_id))


def _same_field(one: str, other: str) -> float:
    """How close two roles' fields are (0..100): their titles' closeness without the words
    of level and kind ("Senior", "Engineer"); 0 when no other word is shared."""
    mine, theirs = _field_words(one), _field_words(other)
    if not mine & theirs:
        return 0.0
    return role_closeness(" ".join(sorted(mine)), " ".join(sorted(theirs)))


def _field_words(role: str) -> set[str]:
    words = {"".join(c for c in w if c.isalnum()) for w in role.casefold().split()}
    return {w for w in words if w and w not in _NOT_FIELD}


def new_words(new: int, since: datetime | None, now: datetime) -> str:
    """What a scan found new: '4 new since Tuesday', 'none new since 10:00', or 'first
    scan' (nothing to be new against yet)."""
    if since is None:
        return "first scan"
    return f"{new or 'none'} new {since_phrase(since, now)}"


def since_phrase(since: datetime, now: datetime) -> str:
    """'since Tuesday' within the last week, else 'since 3 Nov' ('since 3 Nov 2025' in
    another year); both in `now`'s zone."""
    then = since.astimezone(now.tzinfo)
    if then.date() == now.date():
        return f"since {then:%H:%M}"
    if now.date() - then.date() < timedelta(days=7):
        return f"since {then:%A}"
    if then.year == now.year:
        return f"since {then.day} {then:%b}"
    return f"since {then.day} {then:%b %Y}"

"""Rivals, job boards, scans and the openings found (practice 4): a company's rivals and its
board, scanning the boards (the only requests that reach the network), the openings ranked
for you from the last scans, and saving one as an application."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from afterview.domain.boards import Board, BoardRef
from afterview.domain.companies import Company
from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.rivals import JobBoard
from afterview.services import rivals as service
from afterview.services import scan as scanning
from afterview.web.api.applications import ApplicationOut, application_out
from afterview.web.api.fields import Reference, Short, Words, body_fields
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["rivals"])
BOARD_FIELDS = {"board": "source", "link": "source"}
# A company named in the body that does not exist is bad input there.
SCAN_FIELDS = {"company": "company"}
# A job link as pasted, query and all.
Link = Annotated[str, Field(max_length=2000)]


class RivalIn(BaseModel):
    """A rival to add: a company (id, name or alias; a new name is created) or one of its
    job links in `rival`."""

    rival: Annotated[Link, Field(min_length=1)] = Field(
        description="A company, or one of its job links."
    )
    link: Link = Field(
        "", description="For a company given by name: one of its job links or board:token."
    )
    name: Short = Field("", description="For a job link: the company's name when it is new.")


class BoardIn(BaseModel):
    source: Annotated[Link, Field(min_length=1)] = Field(
        description="A job link of the company's board, its address, or board:token "
        "(greenhouse:acme, lever-eu:acme)."
    )


class BoardOut(BaseModel):
    """A company's job board: `board` and `token` (`region` "eu" for Lever's EU boards),
    `label`, the `link` you gave, its last scan (`scanned_at`), the one before (`since`: what
    came after it is new), and its last failure (`failing`: the last scan failed)."""

    board: Board
    token: str | None
    region: str
    label: str
    link: str
    scanned_at: str | None
    since: str | None
    failed_at: str | None
    failure: str
    failing: bool


class RivalsOut(BaseModel):
    """The company, its `board`, its `rivals` (each with its board and the openings it
    `listed` at the last scan) and the `suggestions` (companies where you applied for a role
    close to one you applied for at the company, with the `reason` and `closeness` 0-100)."""

    company: dict[str, int | str]
    board: BoardOut | None
    rivals: list[dict[str, object]]
    suggestions: list[dict[str, object]]


class ScanIn(BaseModel):
    company: Reference | None = Field(
        None, description="Scan this company's rivals' boards; left out: every board there is."
    )
    refresh: bool = Field(False, description="Ask every board again, however recent its copy.")


class OpeningOut(BaseModel):
    """An opening a scan found, ranked for you: `score` 0-100 with its `parts` (title,
    skills, place) and `reasons`; `new`: first seen in its board's last scan;
    `application_id`: saved as that application. The posting's text is left out."""

    id: int
    company: dict[str, int | str]
    board: Board
    token: str
    posting_id: str
    title: str
    department: str
    location: str
    remote: str | None
    employment: str
    url: str
    published_at: str | None
    pay: dict[str, str | float | None] | None
    first_seen_at: str
    last_seen_at: str
    new: bool
    score: float
    parts: dict[str, float]
    reasons: list[str]
    application_id: int | None


class ScanOut(BaseModel):
    """How each board fared (`source`: fresh, not-modified or cache; `failure` when it
    failed; `listed`; `added` in this scan; `new` since the scan before, `since`), the rivals
    with no board to scan (`unboarded`), the `new` openings in all, and the openings of the
    boards scanned, best first."""

    of: dict[str, int | str] | None
    boards: list[dict[str, object]]
    unboarded: list[dict[str, int | str]]
    new: int
    since: str | None
    openings: list[OpeningOut]


class OpeningsOut(BaseModel):
    """The openings kept by the filters, best first; `total` before filtering; the
    `companies` with openings; `of` (the `rivals_of` company); the `boards` looked at."""

    openings: list[OpeningOut]
    total: int
    companies: list[dict[str, int | str]]
    of: dict[str, int | str] | None
    boards: list[dict[str, object]]


@router.get("/companies/{company_id}/rivals")
def list_rivals(company_id: int, ws: WorkspaceDep) -> RivalsOut:
    """A company's rivals, its own board, and the rivals suggested from your applications."""
    return rivals_out(service.rivals_of(ws, company_id))


@router.post("/companies/{company_id}/rivals", status_code=201)
def add_rival(company_id: int, new: RivalIn, ws: WorkspaceDep) -> RivalsOut:
    """Make a company (or the company of a job link, created when there is none) a rival;
    a link sets the rival's board. A board that is another company's is 409."""
    # A bad board link is `link`'s when one was given for a name, else `rival`'s.
    about_link = "link" if new.link.strip() else "rival"
    named = {"company": "rival", "board": about_link, "link": about_link}
    try:
        with body_fields(named):
            found = service.add_rival(ws, company_id, new.rival, link=new.link, name=new.name)
    except InvalidInput as error:
        if isinstance(error.__cause__, NotFound) and error.__cause__.key == company_id:
            raise error.__cause__ from None  # the path's company: not found
        raise
    return rivals_out(found.rivals)


@router.delete("/companies/{company_id}/rivals/{rival_id}")
def remove_rival(company_id: int, rival_id: int, ws: WorkspaceDep) -> RivalsOut:
    """No longer a rival (422 in `rival` when it was none); answers the rivals left."""
    return rivals_out(service.remove_rival(ws, company_id, rival_id).rivals)


@router.put("/companies/{company_id}/board")
def set_board(company_id: int, change: BoardIn, ws: WorkspaceDep) -> BoardOut:
    """Set where the company lists its openings."""
    with body_fields(BOARD_FIELDS):
        return board_out(service.set_board(ws, company_id, change.source))


@router.delete("/companies/{company_id}/board", status_code=204, response_class=Response)
def remove_board(company_id: int, ws: WorkspaceDep) -> Response:
    """Forget the company's board (422 in `board` when it has none)."""
    service.remove_board(ws, company_id)
    return Response(status_code=204)


@router.post("/scan")
def scan(ws: WorkspaceDep, sent: ScanIn | None = None) -> ScanOut:
    """Read the boards now — a company's rivals', or every board — and store what each
    lists; one failing board is reported and the others are stored. A copy younger than the
    scan interval is used unless `refresh`."""
    company, refresh = (sent.company, sent.refresh) if sent else (None, False)
    with body_fields(SCAN_FIELDS):
        report = scanning.scan(ws, company, refresh=refresh)
    return ScanOut(
        of=_company(report.of) if report.of else None,
        boards=[_board_scan(b) for b in report.boards],
        unboarded=[_company(c) for c in report.unboarded],
        new=report.new,
        since=_moment(report.since),
        openings=[opening_out(o) for o in report.openings],
    )


@router.get("/openings")
def list_openings(
    ws: WorkspaceDep,
    rivals_of: Annotated[Reference | None, Query(description="Only its rivals'.")] = None,
    company: Annotated[Reference | None, Query(description="Only this company's.")] = None,
    board: Annotated[Board | None, Query()] = None,
    new_only: Annotated[bool, Query(description="Only those new in the last scan.")] = False,
    remote_only: Annotated[bool, Query()] = False,
    min_score: Annotated[float, Query(ge=0, le=100)] = 0.0,
    search: Annotated[Words, Query(description="Words all found in it.")] = "",
    unsaved_only: Annotated[bool, Query(description="Leave out those saved.")] = False,
) -> OpeningsOut:
    """The openings the last scans found (no board is read), ranked and filtered."""
    filters = scanning.Filters(
        rivals_of=rivals_of,
        company=company,
        board=board,
        new_only=new_only,
        remote_only=remote_only,
        min_score=min_score,
        search=search,
        unsaved_only=unsaved_only,
    )
    try:
        found = scanning.list_openings(ws, filters)
    except (NotFound, Ambiguous) as error:
        named = "company" if company and (not rivals_of or _names(error, company)) else "rivals_of"
        raise InvalidInput(error.message, field=named) from error
    return OpeningsOut(
        openings=[opening_out(o) for o in found.openings],
        total=found.total,
        companies=[{"id": cid, "name": name} for cid, name in found.companies],
        of=_company(found.of) if found.of else None,
        boards=[{"company_id": b.company_id} | board_out(b).model_dump() for b in found.boards],
    )


@router.post("/openings/{opening_id}/save", status_code=201)
def save_opening(opening_id: int, ws: WorkspaceDep) -> ApplicationOut:
    """Save an opening as an application (stage saved, with the posting's text for a cover
    letter); 409 when it is saved already."""
    return application_out(scanning.save_opening(ws, opening_id))


def rivals_out(found: service.Rivals) -> RivalsOut:
    return RivalsOut(
        company=_company(found.company),
        board=board_out(found.board) if found.board else None,
        rivals=[
            {
                "company": _company(r.company),
                "board": board_out(r.board) if r.board else None,
                "listed": r.listed,
            }
            for r in found.rivals
        ],
        suggestions=[
            {
                "company": {"id": s.company_id, "name": s.company},
                "reason": s.reason,
                "closeness": s.closeness,
            }
            for s in found.suggestions
        ],
    )


def board_out(board: JobBoard) -> BoardOut:
    ref: BoardRef = board.ref
    return BoardOut(
        board=ref.board,
        token=ref.token,
        region=ref.region,
        label=ref.label,
        link=board.link,
        scanned_at=_moment(board.scanned_at),
        since=_moment(board.since),
        failed_at=_moment(board.failed_at),
        failure=board.failure,
        failing=board.failing,
    )


def opening_out(item: scanning.RankedOpening) -> OpeningOut:
    o = item.opening
    p = o.posting
    return OpeningOut(
        id=o.id,
        company={"id": o.company_id, "name": o.company},
        board=p.board,
        token=p.token,
        posting_id=p.id,
        title=p.title,
        department=p.department,
        location=p.location,
        remote=str(p.remote) if p.remote is not None else None,
        employment=p.employment,
        url=p.url,
        published_at=_moment(p.published_at),
        pay=asdict(p.pay) if p.pay else None,
        first_seen_at=o.first_seen_at.isoformat(),
        last_seen_at=o.last_seen_at.isoformat(),
        new=item.new,
        score=round(item.score, 1),
        parts={name: round(value, 1) for name, value in item.ranked.parts.items()},
        reasons=list(item.ranked.reasons),
        application_id=o.application_id,
    )


def _board_scan(b: scanning.BoardScan) -> dict[str, object]:
    return {
        "company": {"id": b.company_id, "name": b.company},
        "board": str(b.board.board),
        "token": b.board.token,
        "label": b.board.label,
        "source": b.source,
        "failure": b.failure,
        "listed": b.listed,
        "added": b.added,
        "new": b.new,
        "since": _moment(b.since),
    }


def _names(error: NotFound | Ambiguous, reference: str) -> bool:
    """Whether `reference` is the company the error is about."""
    return isinstance(error, NotFound) and str(error.key) == reference


def _company(company: Company) -> dict[str, int | str]:
    return {"id": company.id, "name": company.name}


def _moment(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None

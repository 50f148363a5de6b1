"""Rivals and job boards (practice 4): who competes with a company, and where each lists
its openings. Scanning the boards is services/scan.py."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.boards import BoardRef
from afterview.domain.companies import Company
from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.events import SubjectKind
from afterview.domain.rivals import (
    JobBoard,
    Suggestion,
    board_source,
    board_text,
    is_board_token,
    name_from_token,
    suggest_rivals,
)
from afterview.services.companies import company_named, find_company
from afterview.services.timeline import record_changes
from afterview.services.workspace import Workspace
from afterview.store import companies as company_store
from afterview.store import rivals as rival_store
from afterview.store.rows import ApplicationRow


@dataclass(frozen=True, slots=True)
class Rival:
    company: Company
    board: JobBoard | None
    listed: int  # its openings listed at the last scan


@dataclass(frozen=True, slots=True)
class Rivals:
    """A company's rivals, its own board, and the companies suggested as rivals."""

    company: Company
    board: JobBoard | None
    rivals: list[Rival]
    suggestions: list[Suggestion]


@dataclass(frozen=True, slots=True)
class RivalChange:
    """What adding or removing a rival did, and the company's rivals after."""

    rivals: Rivals
    rival: Company  # the rival added or removed
    paired: bool  # the two became rivals now (adding) or stopped being rivals (removing)
    board: JobBoard | None  # the rival's board now
    board_set: bool  # adding set the rival's board (a new one, or another than before)


def rivals_of(ws: Workspace, reference: str | int) -> Rivals:
    with ws.ready().read() as session:
        company = find_company(session, reference)
        return _rivals(session, company)


def add_rival(
    ws: Workspace, reference: str | int, rival: str, *, link: str = "", name: str = ""
) -> RivalChange:
    """Make `rival` a rival of the company `reference` names. `rival` is a company (its id,
    name or alias; created when there is none) or a job link; `link` gives the rival's board
    when `rival` is a name; `name` names a company a link alone would create."""
    now = ws.now()
    text = rival.strip()
    if not text:
        raise InvalidInput("Name the rival, or paste one of its job links.", field="rival")
    with ws.ready().write() as session:
        company = find_company(session, reference)
        ref = _link_in(text)
        if ref is not None and link.strip():
            raise InvalidInput(
                "The rival is given by a job link already; give its board once.", field="link"
            )
        if ref is None and name.strip():
            raise InvalidInput(
                "A name is for a company a pasted job link creates; the rival is named "
                f"{text!r} already.",
                field="name",
            )
        if ref is not None:
            link = text
            owner = rival_store.board_owner(session, ref)
            other = (
                company_store.get_company(session, owner)
                if owner is not None
                else company_named(session, name.strip() or name_from_token(ref.token or ""), now)
            )
        else:
            other = company_named(session, text, now)
            if link.strip():
                ref = board_source(link)
        if other.id == company.id:
            raise InvalidInput(f"{company.name} cannot be its own rival.", field="rival")
        paired = _pair(session, company.id, other.id, now)
        board, board_set = (
            _set_board(session, other, ref, link.strip(), now)
            if ref is not None
            else (rival_store.board_of(session, other.id), False)
        )
        return RivalChange(_rivals(session, company), other, paired, board, board_set)


def add_suggested(ws: Workspace, reference: str | int) -> tuple[Rivals, list[Suggestion]]:
    """Make every company suggested as a rival of the one `reference` names its rival, in
    one transaction; the rivals after, and the suggestions taken."""
    now = ws.now()
    with ws.ready().write() as session:
        company = find_company(session, reference)
        taken = _rivals(session, company).suggestions
        for suggestion in taken:
            _pair(session, company.id, suggestion.company_id, now)
        return _rivals(session, company), taken


def _pair(session: Session, company_id: int, other_id: int, now: datetime) -> bool:
    """Make two companies rivals, on both timelines; False when they were already."""
    if rival_store.rivalry(session, company_id, other_id) is not None:
        return False
    before = _rival_names(session, company_id)
    rival_store.add_rivalry(session, company_id, other_id, now)
    _record_rivals(session, company_id, before, now)
    _record_rivals(session, other_id, _rival_names(session, other_id, without=company_id), now)
    return True


def remove_rival(ws: Workspace, reference: str | int, rival: str | int) -> RivalChange:
    now = ws.now()
    with ws.ready().write() as session:
        company = find_company(session, reference)
        other = find_company(session, rival)
        found = rival_store.rivalry(session, company.id, other.id)
        if found is None:
            raise InvalidInput(f"{other.name} is not a rival of {company.name}.", field="rival")
        before, theirs = _rival_names(session, company.id), _rival_names(session, other.id)
        rival_store.remove_rivalry(session, found.id)
        _record_rivals(session, company.id, before, now)
        _record_rivals(session, other.id, theirs, now)
        board = rival_store.board_of(session, other.id)
        return RivalChange(_rivals(session, company), other, True, board, False)


def set_board(ws: Workspace, reference: str | int, source: str) -> JobBoard:
    """Set where a company lists its openings: a job link, its board's address, or
    board:token."""
    now = ws.now()
    ref = board_source(source)
    with ws.ready().write() as session:
        company = find_company(session, reference)
        return _set_board(session, company, ref, source.strip(), now)[0]


def remove_board(ws: Workspace, reference: str | int) -> Company:
    now = ws.now()
    with ws.ready().write() as session:
        company = find_company(session, reference)
        board = rival_store.board_of(session, company.id)
        if board is None:
            raise InvalidInput(f"{company.name} has no job board set.", field="board")
        rival_store.remove_board(session, company.id, now)
        record_changes(
            session, SubjectKind.COMPANY, company.id, now, {"board": board_text(board.ref)}, {}
        )
        return company


def _set_board(
    session: Session, company: Company, ref: BoardRef, link: str, now: datetime
) -> tuple[JobBoard, bool]:
    """The company's board now, and whether it is another than before."""
    owner = rival_store.board_owner(session, ref)
    if owner is not None and owner != company.id:
        other = company_store.get_company(session, owner)
        raise Conflict(f"{ref.label} is already {other.name}'s board.")
    before = rival_store.board_of(session, company.id)
    saved = rival_store.save_board(session, company.id, ref, link, now)
    record_changes(
        session,
        SubjectKind.COMPANY,
        company.id,
        now,
        {"board": board_text(before.ref) if before else None},
        {"board": board_text(ref)},
    )
    return saved, before is None or before.ref != ref


def _rivals(session: Session, company: Company) -> Rivals:
    ids = rival_store.rival_ids(session, company.id)
    boards = {b.company_id: b for b in rival_store.boards_of(session, [company.id, *ids])}
    listed = rival_store.listed_counts(session, ids)
    rivals = [
        Rival(company_store.get_company(session, cid), boards.get(cid), listed.get(cid, 0))
        for cid in ids
    ]
    rivals.sort(key=lambda r: r.company.name.casefold())
    return Rivals(
        company=company,
        board=boards.get(company.id),
        rivals=rivals,
        suggestions=_suggestions(session, company.id, ids),
    )


def _suggestions(session: Session, company_id: int, rivals: list[int]) -> list[Suggestion]:
    roles: dict[int, list[str]] = defaultdict(list)
    for cid, role in session.execute(select(ApplicationRow.company_id, ApplicationRow.role)):
        roles[cid].append(role)
    if company_id not in roles:
        return []
    names = {c.id: c.name for c in company_store.company_names(session) if c.id in roles}
    return suggest_rivals(company_id, roles, names, exclude=rivals)


def _rival_names(session: Session, company_id: int, without: int | None = None) -> list[str]:
    ids = [cid for cid in rival_store.rival_ids(session, company_id) if cid != without]
    return sorted((company_store.get_company(session, cid).name for cid in ids), key=str.casefold)


def _record_rivals(session: Session, company_id: int, before: list[str], now: datetime) -> None:
    after = _rival_names(session, company_id)
    record_changes(
        session, SubjectKind.COMPANY, company_id, now, {"rivals": before}, {"rivals": after}
    )


def _link_in(text: str) -> BoardRef | None:
    """The board of `text` when it is a link (a name such as "Booking.com" is not one)."""
    if any(c.isspace() for c in text):
        return None
    if is_board_token(text):
        return board_source(text)  # board:token
    if not ("/" in text or "." in text):
        return None
    try:
        return board_source(text)
    except InvalidInput:
        if "/" in text:
            raise
        return None

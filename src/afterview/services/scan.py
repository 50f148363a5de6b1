"""Scanning rivals' job boards and the openings found (practice 4).

A scan reads the boards (integrations/boards: bounded concurrency, retries, a local cache
under <data_dir>/boards-cache) with no database transaction open, then stores what each
board listed in one transaction. A board that fails is reported with the reason and the
others are stored. Openings are ranked against the profile's target roles, skills and
places (domain.ranking) when they are read, so a changed profile re-ranks them at once.

Nothing here runs on its own: boards are read only when a scan is asked for.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from afterview.domain.applications import Application, Salary
from afterview.domain.boards import Board, BoardRef, Pay, Posting
from afterview.domain.companies import Company
from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.ranking import Ranked, Targets, score_posting
from afterview.domain.rivals import JobBoard, Opening
from afterview.domain.stages import Stage
from afterview.domain.values import POSTING_LENGTH, ROLE_LENGTH
from afterview.services.applications import add_application
from afterview.services.companies import find_company
from afterview.services.workspace import Workspace
from afterview.store import applications as application_store
from afterview.store import profile as profile_store
from afterview.store import rivals as rival_store

if TYPE_CHECKING:
    from afterview.integrations.boards.fetch import ScanResult, ScanSettings

CACHE_FOLDER = "boards-cache"


@dataclass(frozen=True, slots=True)
class BoardScan:
    """How one company's board fared in a scan."""

    company_id: int
    company: str
    board: BoardRef
    source: str  # cache, fresh or not-modified; "" when it failed
    failure: str  # why it failed ("" when it did not)
    listed: int  # openings listed now (0 when it failed)
    added: int  # first seen in this scan
    new: int  # listed and first seen after `since`
    since: datetime | None  # the scan before: what came after it is new

    @property
    def failed(self) -> bool:
        return bool(self.failure)


@dataclass(frozen=True, slots=True)
class RankedOpening:
    opening: Opening
    ranked: Ranked
    new: bool  # first seen after its board's scan before the last

    @property
    def score(self) -> float:
        return self.ranked.score


@dataclass(frozen=True, slots=True)
class ScanReport:
    boards: list[BoardScan]
    unboarded: list[Company]  # rivals with no board to scan
    openings: list[RankedOpening]  # the scanned companies' listed openings, best first
    of: Company | None  # whose rivals were scanned (None: every board)

    @property
    def new(self) -> int:
        return sum(b.new for b in self.boards)

    @property
    def since(self) -> datetime | None:
        """The earliest scan the new openings are counted from."""
        return min((b.since for b in self.boards if b.since is not None), default=None)


def scan(
    ws: Workspace,
    reference: str | int | None = None,
    *,
    refresh: bool = False,
) -> ScanReport:
    """Scan the boards of the rivals of the company `reference` names (None: every board
    there is). `refresh` asks every board again, however recent the cached copy."""
    now = ws.now()
    with ws.ready().read() as session:
        of, companies, unboarded = _scanned(session, reference)
        boards = rival_store.boards_of(session, companies)
        names = {c.id: c.name for c in unboarded}
        names |= {b.company_id: _name(session, b.company_id) for b in boards}
    result = _fetch([b.ref for b in boards], _settings(ws, refresh), now)
    scans: list[BoardScan] = []
    with ws.ready().write() as session:
        for read in boards:
            # As it is now: the board may have been changed or removed while it was read.
            board = rival_store.board_of(session, read.company_id, lock=True)
            if board is None or board.id != read.id or board.ref != read.ref:
                scans.append(_changed(read, names[read.company_id]))
                continue
            scans.append(_store(session, board, result, names[board.company_id], now))
        ranked = _ranked(session, [b.company_id for b in boards])
    return ScanReport(boards=scans, unboarded=unboarded, openings=ranked, of=of)


def _changed(board: JobBoard, company: str) -> BoardScan:
    """A board changed or removed while the scan read it: nothing of it is stored."""
    return BoardScan(
        company_id=board.company_id,
        company=company,
        board=board.ref,
        source="",
        failure=f"{board.ref.label} changed while it was read; scan again",
        listed=0,
        added=0,
        new=0,
        since=board.since,
    )


def _scanned(
    session: Session, reference: str | int | None
) -> tuple[Company | None, list[int] | None, list[Company]]:
    """Whose rivals (None: everyone's boards), the companies to scan, and those of them with
    no board."""
    if reference is None:
        if not rival_store.boards_of(session):
            raise InvalidInput(
                "No company has a job board yet: add a rival by one of its job links.",
                field="company",
            )
        return None, None, []
    company = find_company(session, reference)
    ids = rival_store.rival_ids(session, company.id)
    if not ids:
        raise InvalidInput(
            f"{company.name} has no rivals yet: add one by name or by one of its job links.",
            field="company",
        )
    boarded = {b.company_id for b in rival_store.boards_of(session, ids)}
    unboarded = [find_company(session, cid) for cid in ids if cid not in boarded]
    return company, ids, sorted(unboarded, key=lambda c: c.name.casefold())


def _name(session: Session, company_id: int) -> str:
    return find_company(session, company_id).name


def _settings(ws: Workspace, refresh: bool) -> ScanSettings:
    from afterview.integrations.boards.fetch import ScanSettings

    settings = ws.settings
    return ScanSettings(
        cache_dir=settings.data_dir / CACHE_FOLDER,
        refresh_after=timedelta(0) if refresh else timedelta(hours=settings.scan_interval_hours),
        max_concurrency=settings.scan_concurrency,
        board_timeout=settings.scan_timeout,
        bases={Board(name): url for name, url in settings.board_urls.items()},
    )


def _fetch(refs: list[BoardRef], settings: ScanSettings, now: datetime) -> ScanResult:
    from afterview.integrations.boards.fetch import scan_boards

    return scan_boards(refs, settings, now=now)


def _store(
    session: Session, board: JobBoard, result: ScanResult, company: str, now: datetime
) -> BoardScan:
    from afterview.integrations.boards.fetch import Failed

    outcome = result[board.ref]
    if isinstance(outcome, Failed):
        rival_store.mark_failed(session, board.id, now, outcome.reason)
        return BoardScan(
            company_id=board.company_id,
            company=company,
            board=board.ref,
            source="",
            failure=outcome.reason,
            listed=0,
            added=0,
            new=rival_store.count_new(session, board.company_id, board.since),
            since=board.since,
        )
    return store_listing(session, board, company, outcome.postings, now, str(outcome.source))


def store_listing(
    session: Session,
    board: JobBoard,
    company: str,
    postings: Sequence[Posting],
    now: datetime,
    source: str = "fresh",
) -> BoardScan:
    """Store what a company's board listed at `now` (read from the board, or from the cache:
    `source`), as a scan does."""
    stored = rival_store.store_postings(session, board.company_id, board.ref, postings, now)
    since = board.since
    if source != "cache" or board.scanned_at is None:
        # What the board said now: the last scan becomes the one new openings count from.
        rival_store.mark_scanned(session, board.id, now)
        since = board.scanned_at
    elif board.failing:
        rival_store.clear_failure(session, board.id)
    return BoardScan(
        company_id=board.company_id,
        company=company,
        board=board.ref,
        source=source,
        failure="",
        listed=stored.listed,
        added=stored.added,
        new=rival_store.count_new(session, board.company_id, since),
        since=since,
    )


def targets_of(session: Session) -> Targets:
    """What the profile looks for; nothing before `afterview init`."""
    profile = profile_store.get_profile(session)
    if profile is None:
        return Targets()
    return Targets(
        roles=profile.target_roles,
        skills=profile.skills,
        places=profile.target_places,
        remote=profile.remote_ok,
    )


def ranked(
    ws: Workspace, session: Session, company_ids: Collection[int] | None
) -> list[RankedOpening]:
    """_ranked, kept while the database is unchanged (ws.db.memo): a server shows the best
    openings on page after page without ranking thousands again."""
    key = None if company_ids is None else tuple(sorted(company_ids))
    return ws.db.memo.get(f"scan.ranked:{key}", None, lambda: _ranked(session, company_ids))


def _ranked(session: Session, company_ids: Collection[int] | None) -> list[RankedOpening]:
    """The listed openings of `company_ids` (None: all), best first."""
    targets = targets_of(session)
    since = {b.company_id: b.since for b in rival_store.boards_of(session, company_ids)}
    found = [
        RankedOpening(o, score_posting(o.posting, targets), o.is_new(since.get(o.company_id)))
        for o in rival_store.openings(session, company_ids)
    ]
    return sorted(found, key=_order)


def _order(item: RankedOpening) -> tuple[float, str, str, int]:
    return (
        -round(item.score, 6),
        item.opening.posting.title,
        item.opening.company,
        item.opening.id,
    )


@dataclass(frozen=True, slots=True)
class Filters:
    """Which openings to list. `rivals_of`: only that company's rivals'; `company`: only
    that company's; `search`: words all found in the title, department, place or text."""

    rivals_of: str | int | None = None
    company: str | int | None = None
    board: Board | None = None
    new_only: bool = False
    remote_only: bool = False
    min_score: float = 0.0
    search: str = ""
    unsaved_only: bool = False


@dataclass(frozen=True, slots=True)
class OpeningList:
    openings: list[RankedOpening]  # those the filters keep, best first
    total: int  # listed openings before filtering
    companies: list[tuple[int, str]]  # the companies with openings (for a filter's choices)
    of: Company | None  # rivals_of, resolved
    boards: list[JobBoard]  # the boards looked at, with their last scans


def list_openings(ws: Workspace, filters: Filters = Filters()) -> OpeningList:
    """The openings the last scans found (no request is made), ranked and filtered."""
    if not 0 <= filters.min_score <= 100:
        raise InvalidInput("A score is between 0 and 100.", field="min_score")
    with ws.ready().read() as session:
        of = find_company(session, filters.rivals_of) if filters.rivals_of is not None else None
        ids: list[int] | None = None
        if of is not None:
            ids = rival_store.rival_ids(session, of.id)
        everything = ranked(ws, session, ids)
        companies = sorted(
            {(o.opening.company_id, o.opening.company) for o in everything},
            key=lambda c: c[1].casefold(),
        )
        only = find_company(session, filters.company).id if filters.company is not None else None
        boards = rival_store.boards_of(session, ids)
    words = filters.search.casefold().split()
    kept = [o for o in everything if _keeps(o, filters, only, words)]
    return OpeningList(kept, len(everything), companies, of, boards)


def _keeps(item: RankedOpening, filters: Filters, company: int | None, words: list[str]) -> bool:
    posting = item.opening.posting
    if company is not None and item.opening.company_id != company:
        return False
    if filters.board is not None and posting.board != filters.board:
        return False
    if filters.new_only and not item.new:
        return False
    if filters.remote_only and str(posting.remote) != "remote":
        return False
    if filters.unsaved_only and item.opening.application_id is not None:
        return False
    if item.score < filters.min_score:
        return False
    if words:
        haystack = " ".join(
            (
                posting.title,
                posting.department,
                posting.location,
                posting.text,
                item.opening.company,
            )
        ).casefold()
        return all(word in haystack for word in words)
    return True


def best_openings(
    ws: Workspace, session: Session, company_id: int, limit: int = 3
) -> list[RankedOpening]:
    """The best listed openings at a company's rivals, from the last scans."""
    ids = rival_store.rival_ids(session, company_id)
    return ranked(ws, session, ids)[:limit] if ids else []


def show_opening(ws: Workspace, opening_id: int) -> RankedOpening:
    with ws.ready().read() as session:
        opening = rival_store.get_opening(session, opening_id)
        board = rival_store.board_of(session, opening.company_id)
        targets = targets_of(session)
    since = board.since if board else None
    return RankedOpening(opening, score_posting(opening.posting, targets), opening.is_new(since))


def save_opening(ws: Workspace, opening_id: int) -> Application:
    """Save an opening as an application (stage saved) at its company, with its title, link,
    place, pay and text; the text lets a cover letter answer it (`afterview draft
    cover-letter APP`). An opening is saved once."""
    with ws.ready().write() as session:
        opening = rival_store.get_opening(session, opening_id, lock=True)
        if opening.application_id is not None:
            saved = application_store.get_application(session, opening.application_id)
            raise Conflict(
                f"Opening {opening_id} is saved already, as application {saved.id} "
                f"({saved.company_name} — {saved.role})."
            )
        posting = opening.posting
        application = add_application(
            ws,
            within=session,
            company=str(opening.company_id),
            role=posting.title[:ROLE_LENGTH],
            stage=Stage.SAVED,
            link=posting.url,
            source=f"{posting.board.label} (a rival's board)",
            location=posting.place[:200],
            salary=_salary(posting.pay),
            posting=posting.text[:POSTING_LENGTH],
        )
        rival_store.link_application(session, opening_id, application.id)
        return application


def _salary(pay: Pay | None) -> Salary | None:
    """A yearly range as the application's salary; other periods stay in the text."""
    if pay is None or pay.period not in ("", "year", "yearly", "annual", "salary"):
        return None
    low = int(pay.low) if pay.low is not None else None
    high = int(pay.high) if pay.high is not None else None
    try:
        return Salary(minimum=low, maximum=high, currency=pay.currency.upper() or None)
    except InvalidInput:
        return None

"""Rivals, job boards and the openings scans found, in the store."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import uuid4

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from afterview.domain.boards import Board, BoardRef, Pay, Posting
from afterview.domain.errors import NotFound
from afterview.domain.rivals import JobBoard, Opening, Rivalry
from afterview.domain.values import Remote
from afterview.store.rows import CompanyRow, JobBoardRow, PostingRow, RivalRow


def to_rivalry(row: RivalRow) -> Rivalry:
    return Rivalry(
        id=row.id,
        uid=row.uid,
        company_id=row.company_id,
        rival_id=row.rival_id,
        created_at=row.created_at,
    )


def rivalries_of(session: Session, company_ids: Collection[int]) -> list[Rivalry]:
    """Every rivalry one of `company_ids` is in, oldest first."""
    query = (
        select(RivalRow)
        .where(or_(RivalRow.company_id.in_(company_ids), RivalRow.rival_id.in_(company_ids)))
        .order_by(RivalRow.id)
    )
    return [to_rivalry(row) for row in session.scalars(query)]


def rivalry(session: Session, one: int, other: int) -> Rivalry | None:
    """The rivalry of two companies, whichever was added first."""
    query = select(RivalRow).where(
        or_(
            (RivalRow.company_id == one) & (RivalRow.rival_id == other),
            (RivalRow.company_id == other) & (RivalRow.rival_id == one),
        )
    )
    row = session.scalar(query)
    return to_rivalry(row) if row is not None else None


def add_rivalry(session: Session, company_id: int, rival_id: int, now: datetime) -> Rivalry:
    row = RivalRow(uid=uuid4(), company_id=company_id, rival_id=rival_id, created_at=now)
    session.add(row)
    session.flush()
    return to_rivalry(row)


def remove_rivalry(session: Session, rivalry_id: int) -> None:
    session.execute(delete(RivalRow).where(RivalRow.id == rivalry_id))


def to_job_board(row: JobBoardRow) -> JobBoard:
    return JobBoard(
        id=row.id,
        uid=row.uid,
        company_id=row.company_id,
        ref=BoardRef(Board(row.board), row.token, row.region),
        link=row.link,
        scanned_at=row.scanned_at,
        since=row.since,
        failed_at=row.failed_at,
        failure=row.failure,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def boards_of(session: Session, company_ids: Collection[int] | None = None) -> list[JobBoard]:
    """The boards of `company_ids` (None: every company's), in the order they were added."""
    query = select(JobBoardRow).order_by(JobBoardRow.id)
    if company_ids is not None:
        query = query.where(JobBoardRow.company_id.in_(company_ids))
    return [to_job_board(row) for row in session.scalars(query)]


def board_of(session: Session, company_id: int) -> JobBoard | None:
    row = session.scalar(select(JobBoardRow).where(JobBoardRow.company_id == company_id))
    return to_job_board(row) if row is not None else None


def board_owner(session: Session, ref: BoardRef) -> int | None:
    """The company whose board `ref` is (the token's case aside)."""
    query = select(JobBoardRow.company_id, JobBoardRow.token).where(
        JobBoardRow.board == str(ref.board), JobBoardRow.region == ref.region
    )
    token = (ref.token or "").casefold()
    return next((cid for cid, t in session.execute(query) if t.casefold() == token), None)


def save_board(
    session: Session, company_id: int, ref: BoardRef, link: str, now: datetime
) -> JobBoard:
    """Set a company's board; a different board than before starts its scans afresh."""
    row = session.scalar(select(JobBoardRow).where(JobBoardRow.company_id == company_id))
    if row is None:
        row = JobBoardRow(uid=uuid4(), company_id=company_id, created_at=now)
        session.add(row)
    if (row.board, row.token, row.region) != (str(ref.board), ref.token, ref.region):
        row.scanned_at = row.since = row.failed_at = None
        row.failure = ""
    row.board, row.token, row.region = str(ref.board), ref.token or "", ref.region
    row.link = link
    row.updated_at = now
    session.flush()
    return to_job_board(row)


def remove_board(session: Session, company_id: int) -> None:
    session.execute(delete(JobBoardRow).where(JobBoardRow.company_id == company_id))


def mark_scanned(session: Session, board_id: int, now: datetime) -> None:
    row = session.get(JobBoardRow, board_id)
    if row is None:
        raise NotFound("job board", board_id)
    row.since, row.scanned_at = row.scanned_at, now


def mark_failed(session: Session, board_id: int, now: datetime, reason: str) -> None:
    session.execute(
        update(JobBoardRow)
        .where(JobBoardRow.id == board_id)
        .values(failed_at=now, failure=reason[:2000])
    )


def pay_json(pay: Pay | None) -> dict[str, Any] | None:
    if pay is None:
        return None
    return {"currency": pay.currency, "low": pay.low, "high": pay.high, "period": pay.period}


def to_opening(row: PostingRow, company: str) -> Opening:
    pay = row.pay
    return Opening(
        id=row.id,
        uid=row.uid,
        company_id=row.company_id,
        company=company,
        posting=Posting(
            board=Board(row.board),
            token=row.token,
            id=row.posting_id,
            title=row.title,
            department=row.department,
            location=row.location,
            remote=Remote(row.remote) if row.remote else None,
            employment=row.employment,
            url=row.url,
            published_at=row.published_at,
            text=row.text,
            pay=Pay(pay["currency"], pay.get("low"), pay.get("high"), pay.get("period", ""))
            if pay
            else None,
        ),
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        gone_at=row.gone_at,
        application_id=row.application_id,
    )


def openings(
    session: Session, company_ids: Collection[int] | None = None, *, listed: bool = True
) -> list[Opening]:
    """The openings of `company_ids` (None: every company's); `listed`: only those still
    listed at their last scan."""
    query = select(PostingRow, CompanyRow.name).join(CompanyRow).order_by(PostingRow.id)
    if company_ids is not None:
        query = query.where(PostingRow.company_id.in_(company_ids))
    if listed:
        query = query.where(PostingRow.gone_at.is_(None))
    return [to_opening(row, name) for row, name in session.execute(query)]


def get_opening(session: Session, opening_id: int) -> Opening:
    found = session.execute(
        select(PostingRow, CompanyRow.name).join(CompanyRow).where(PostingRow.id == opening_id)
    ).first()
    if found is None:
        raise NotFound("opening", opening_id)
    return to_opening(found[0], found[1])


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing a scan of one board changed."""

    added: int  # openings first seen now
    listed: int  # openings listed now
    gone: int  # openings no longer listed


def store_postings(
    session: Session, company_id: int, ref: BoardRef, postings: Iterable[Posting], now: datetime
) -> Stored:
    """Record a successful scan of a company's board: new postings are added, those seen
    before are refreshed (and listed again if they had gone), and those of the board no
    longer listed are marked gone."""
    rows = {
        row.key: row
        for row in session.scalars(
            select(PostingRow).where(
                PostingRow.company_id == company_id,
                PostingRow.board == str(ref.board),
                PostingRow.token == (ref.token or ""),
            )
        )
    }
    seen: set[str] = set()
    added = 0
    for posting in postings:
        if posting.key in seen:
            continue
        seen.add(posting.key)
        row = rows.get(posting.key)
        if row is None:
            row = session.scalar(select(PostingRow).where(PostingRow.key == posting.key))
        if row is None:
            row = PostingRow(uid=uuid4(), key=posting.key, first_seen_at=now)
            session.add(row)
            added += 1
        _fill(row, posting)
        row.company_id = company_id
        row.last_seen_at = now
        row.gone_at = None
    gone = 0
    for key, row in rows.items():
        if key not in seen and row.gone_at is None:
            row.gone_at = now
            gone += 1
    session.flush()
    return Stored(added=added, listed=len(seen), gone=gone)


def _fill(row: PostingRow, posting: Posting) -> None:
    row.board = str(posting.board)
    row.token = posting.token
    row.posting_id = posting.id[:200]
    row.title = posting.title[:500]
    row.department = posting.department[:300]
    row.location = posting.location[:500]
    row.remote = str(posting.remote) if posting.remote else None
    row.employment = posting.employment[:100]
    row.url = posting.url
    row.published_at = posting.published_at
    row.text = posting.text
    row.pay = pay_json(posting.pay)


def link_application(session: Session, opening_id: int, application_id: int) -> None:
    session.execute(
        update(PostingRow).where(PostingRow.id == opening_id).values(application_id=application_id)
    )

"""Rivals, job boards and the openings scans found, in the store."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import uuid4

from sqlalchemy import Row, Select, Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from afterview.domain.boards import Board, BoardRef, Pay, Posting
from afterview.domain.errors import NotFound
from afterview.domain.rivals import JobBoard, Opening, Rivalry
from afterview.domain.values import Remote
from afterview.store.rows import CompanyRow, JobBoardRow, PostingRow, RivalRow

T = TypeVar("T")


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


def board_of(session: Session, company_id: int, *, lock: bool = False) -> JobBoard | None:
    """A company's board; `lock`: held until the transaction ends (two scans storing the
    same board's openings take turns)."""
    query = select(JobBoardRow).where(JobBoardRow.company_id == company_id)
    row = session.scalar(query.with_for_update() if lock else query)
    return to_job_board(row) if row is not None else None


def rival_ids(session: Session, company_id: int) -> list[int]:
    """The ids of a company's rivals, in the order they were added."""
    return [r.other(company_id) for r in rivalries_of(session, [company_id])]


def listed_counts(session: Session, company_ids: Collection[int]) -> dict[int, int]:
    """How many openings each company's board listed at its last scan."""
    query = (
        select(PostingRow.company_id, func.count())
        .where(PostingRow.company_id.in_(company_ids), PostingRow.gone_at.is_(None))
        .group_by(PostingRow.company_id)
    )
    return {company_id: int(count) for company_id, count in session.execute(query)}


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
    changed = (row.board, row.token, row.region) != (str(ref.board), ref.token, ref.region)
    if changed:
        row.scanned_at = row.since = row.failed_at = None
        row.failure = ""
    row.board, row.token, row.region = str(ref.board), ref.token or "", ref.region
    row.link = link
    row.updated_at = now
    session.flush()
    if changed:
        set_aside(session, company_id, ref, now)
    return to_job_board(row)


def remove_board(session: Session, company_id: int, now: datetime) -> None:
    """A company no longer has a board: its openings are set aside as gone (kept, as a
    saved one may point at them)."""
    session.execute(delete(JobBoardRow).where(JobBoardRow.company_id == company_id))
    set_aside(session, company_id, None, now)


def set_aside(session: Session, company_id: int, keep: BoardRef | None, now: datetime) -> None:
    """Mark gone the listed openings of a company that are not from board `keep`."""
    query = update(PostingRow).where(
        PostingRow.company_id == company_id, PostingRow.gone_at.is_(None)
    )
    if keep is not None:
        query = query.where(
            (PostingRow.board != str(keep.board)) | (PostingRow.token != (keep.token or ""))
        )
    session.execute(query.values(gone_at=now))


def mark_scanned(session: Session, board_id: int, now: datetime) -> None:
    row = session.get(JobBoardRow, board_id)
    if row is None:
        raise NotFound("job board", board_id)
    row.since, row.scanned_at = row.scanned_at, now


def clear_failure(session: Session, board_id: int) -> None:
    """The board's openings were read after all (from the cache)."""
    session.execute(
        update(JobBoardRow).where(JobBoardRow.id == board_id).values(failed_at=None, failure="")
    )


def mark_failed(session: Session, board_id: int, now: datetime, reason: str) -> None:
    session.execute(
        update(JobBoardRow)
        .where(JobBoardRow.id == board_id)
        .values(failed_at=now, failure=reason[:2000])
    )


def to_opening(row: PostingRow | Row[Any], company: str) -> Opening:
    """An opening from its ORM row or a plain row of the table's columns."""
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
    # Plain rows, not ORM objects: a scan may store thousands.
    query = _with_company().order_by(PostingRow.id)
    if company_ids is not None:
        query = query.where(PostingRow.company_id.in_(company_ids))
    if listed:
        query = query.where(PostingRow.gone_at.is_(None))
    return [to_opening(row, row.company_name) for row in session.execute(query)]


def _with_company() -> Select[Any]:
    return select(*PostingRow.__table__.columns, CompanyRow.name.label("company_name")).join(
        CompanyRow, CompanyRow.id == PostingRow.company_id
    )


def get_opening(session: Session, opening_id: int, *, lock: bool = False) -> Opening:
    """An opening; `lock`: held until the transaction ends (two saves of it take turns)."""
    query = _with_company().where(PostingRow.id == opening_id)
    if lock:
        query = query.with_for_update(of=PostingRow.__table__)
    found = session.execute(query).first()
    if found is None:
        raise NotFound("opening", opening_id)
    return to_opening(found, found.company_name)


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
    longer listed are marked gone. Bulk statements: a board may list thousands."""
    known = {
        key: (row_id, gone_at, values)
        for key, row_id, gone_at, *values in session.execute(
            select(PostingRow.key, PostingRow.id, PostingRow.gone_at, *_FIELDS).where(
                PostingRow.company_id == company_id,
                PostingRow.board == str(ref.board),
                PostingRow.token == (ref.token or ""),
            )
        )
    }
    given = {_key(posting): _values(posting) for posting in postings}
    elsewhere = _ids_of(session, [key for key in given if key not in known])
    inserts, changed, seen_ids = [], [], []
    for key, values in given.items():
        if key in known:
            row_id, _gone_at, before = known[key]
            if tuple(values.values()) != tuple(before):
                changed.append({"row_id": row_id, **values})
            seen_ids.append(row_id)
        elif key in elsewhere:  # listed by this company's board before under another company
            changed.append({"row_id": elsewhere[key], **values, "company_id": company_id})
            seen_ids.append(elsewhere[key])
        else:
            inserts.append(
                {"uid": uuid4(), "key": key, "company_id": company_id, **values}
                | {"first_seen_at": now, "last_seen_at": now, "gone_at": None}
            )
    if inserts:
        table = PostingRow.__table__
        assert isinstance(table, Table)
        session.execute(insert(table), inserts)  # Core: no ORM objects for thousands of rows
    for row in changed:
        row_id = row.pop("row_id")
        session.execute(update(PostingRow).where(PostingRow.id == row_id).values(**row))
    for chunk in _chunks(seen_ids):
        session.execute(
            update(PostingRow)
            .where(PostingRow.id.in_(chunk))
            .values(last_seen_at=now, gone_at=None)
        )
    gone = [
        row_id
        for key, (row_id, gone_at, _) in known.items()
        if key not in given and gone_at is None
    ]
    for chunk in _chunks(gone):
        session.execute(update(PostingRow).where(PostingRow.id.in_(chunk)).values(gone_at=now))
    return Stored(added=len(inserts), listed=len(given), gone=len(gone))


# The columns a posting's values fill, in _values' order.
_FIELDS = (
    PostingRow.board,
    PostingRow.token,
    PostingRow.posting_id,
    PostingRow.title,
    PostingRow.department,
    PostingRow.location,
    PostingRow.remote,
    PostingRow.employment,
    PostingRow.url,
    PostingRow.published_at,
    PostingRow.text,
    PostingRow.pay,
)


def _key(posting: Posting) -> str:
    """Posting.key with the id as stored (at most 200 characters): it fits its column."""
    return f"{posting.board}:{posting.token}:{posting.id[:200]}"


def _values(posting: Posting) -> dict[str, Any]:
    return {
        "board": str(posting.board),
        "token": posting.token,
        "posting_id": posting.id[:200],
        "title": posting.title[:500],
        "department": posting.department[:300],
        "location": posting.location[:500],
        "remote": str(posting.remote) if posting.remote else None,
        "employment": posting.employment[:100],
        "url": posting.url,
        "published_at": posting.published_at,
        "text": posting.text,
        "pay": asdict(posting.pay) if posting.pay else None,
    }


def _ids_of(session: Session, keys: list[str]) -> dict[str, int]:
    """The ids of the postings with these keys (stored under any company)."""
    found: dict[str, int] = {}
    for chunk in _chunks(keys):
        query = select(PostingRow.key, PostingRow.id).where(PostingRow.key.in_(chunk))
        found.update((key, row_id) for key, row_id in session.execute(query))
    return found


def _chunks(items: list[T], size: int = 500) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def count_new(session: Session, company_id: int, since: datetime | None) -> int:
    """A company's listed openings first seen after `since` (none when there is no since)."""
    if since is None:
        return 0
    query = select(func.count()).where(
        PostingRow.company_id == company_id,
        PostingRow.gone_at.is_(None),
        PostingRow.first_seen_at > since,
    )
    return int(session.scalar(query) or 0)


def link_application(session: Session, opening_id: int, application_id: int) -> None:
    session.execute(
        update(PostingRow).where(PostingRow.id == opening_id).values(application_id=application_id)
    )

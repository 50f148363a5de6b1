"""An export document's rivals, job boards and postings: checked as the app checks them typed
in or scanned (services/rivals.py, services/scan.py), and matched to the database's records
they update on a merge: the one of the same uid, else the rivalry of the same two companies
(either way round), the same company's board, the posting of the same key."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from afterview.domain.boards import BoardRef
from afterview.domain.errors import InvalidInput, ParseError
from afterview.domain.rivals import board_source, board_text
from afterview.integrations.export_document import JobBoardDoc, PostingDoc, RivalDoc

R = TypeVar("R", RivalDoc, JobBoardDoc, PostingDoc)
# Importer._ref: the database id of a record of a kind, by uid; a ParseError at the path if none.
Ref = Callable[[str, UUID | None, str], int | None]
POSTING_ID_LENGTH = 200  # a scan keeps this much of a board's id for a posting (store/rivals.py)


@dataclass(frozen=True, slots=True)
class Unique(Generic[R]):
    """A value no two records of a kind may share, counting the file's and the database's
    that it leaves as they are: `key` reads it, `field` is where a clash is named, and
    `clash` says what clashes, given the other record and where it is in the file (None:
    in the database)."""

    field: str
    key: Callable[[R], Hashable]
    clash: Callable[[R, R, str | None], str]


def match_records(
    kind: str,
    records: Sequence[R],
    held: Mapping[UUID, R],
    uniques: Sequence[Unique[R]],
    source: str,
) -> dict[UUID, R]:
    """The database's record (of `held`, by uid) that each of the file's records updates, by
    the file record's uid: the one of its uid, else one of the same first unique value that no
    other record updates. Two records that share a unique value are refused, naming both."""
    targets = {record.uid: held[record.uid] for record in records if record.uid in held}
    claimed = {target.uid for target in targets.values()}
    first = uniques[0].key
    free = {first(record): record for record in held.values() if record.uid not in claimed}
    for record in records:
        if record.uid not in targets and (found := free.pop(first(record), None)) is not None:
            targets[record.uid] = found
    updated = {target.uid for target in targets.values()}
    kept = [record for record in held.values() if record.uid not in updated]
    for unique in uniques:
        seen: dict[Hashable, tuple[R, str | None]] = {unique.key(r): (r, None) for r in kept}
        for index, record in enumerate(records):
            where = f"$.{kind}[{index}]"
            other, at = seen.setdefault(unique.key(record), (record, where))
            if other is not record:
                clash = unique.clash(record, other, at)
                raise ParseError(source, f"{where}.{unique.field}", clash)
    return targets


def rival_targets(
    rivals: Sequence[RivalDoc],
    held: Mapping[UUID, RivalDoc],
    ref: Ref,
    names: Mapping[UUID, str],
    source: str,
) -> dict[UUID, RivalDoc]:
    """A rivalry pairs two companies, and each pair is one rivalry, either way round
    (add_rival)."""
    for index, rivalry in enumerate(rivals):
        where = f"$.rivals[{index}]"
        company = ref("companies", rivalry.company, f"{where}.company")
        if ref("companies", rivalry.rival, f"{where}.rival") == company:
            own = f"{names[rivalry.company]} cannot be its own rival."
            raise ParseError(source, f"{where}.rival", own)

    def pair(rivalry: RivalDoc) -> Hashable:
        return frozenset(
            (ref("companies", rivalry.company, ""), ref("companies", rivalry.rival, ""))
        )

    def clash(rivalry: RivalDoc, other: RivalDoc, at: str | None) -> str:
        both = f"{names[rivalry.company]} and {names[rivalry.rival]}"
        return f"{both} are rivals in {at or 'the database'} already"

    return match_records("rivals", rivals, held, [Unique("rival", pair, clash)], source)


def board_targets(
    boards: Sequence[JobBoardDoc],
    held: Mapping[UUID, JobBoardDoc],
    ref: Ref,
    names: Mapping[UUID, str],
    source: str,
) -> dict[UUID, JobBoardDoc]:
    """A board is one set_board takes, a company has one, and a board is one company's."""
    for index, board in enumerate(boards):
        where = f"$.job_boards[{index}]"
        ref("companies", board.company, f"{where}.company")
        check_board(BoardRef(board.board, board.token, board.region), where, source)

    def company(board: JobBoardDoc) -> Hashable:
        return ref("companies", board.company, "")

    def second(board: JobBoardDoc, other: JobBoardDoc, at: str | None) -> str:
        holder = f"{at} is" if at else "the database holds"
        return f"a second board for {names[board.company]}: {holder} {_text(other)!r}"

    def token(board: JobBoardDoc) -> Hashable:
        return (board.board, board.region, board.token.casefold())

    def taken(board: JobBoardDoc, other: JobBoardDoc, at: str | None) -> str:
        where = f": {at}" if at else " in the database"
        return f"{_text(board)!r} is already {names[other.company]}'s board{where}"

    uniques = [Unique("company", company, second), Unique("token", token, taken)]
    return match_records("job_boards", boards, held, uniques, source)


def posting_targets(
    postings: Sequence[PostingDoc], held: Mapping[UUID, PostingDoc], source: str
) -> dict[UUID, PostingDoc]:
    """A posting is of a board set_board takes, under the key a scan gives it
    (board:token:id), each key once."""
    for index, posting in enumerate(postings):
        where = f"$.postings[{index}]"
        check_board(BoardRef(posting.board, posting.token), where, source)
        start = f"{posting.board}:{posting.token}:"
        whole_id = posting.key.removeprefix(start)
        if not posting.key.startswith(start) or whole_id[:POSTING_ID_LENGTH] != posting.posting_id:
            expected = f"{start}{posting.posting_id}"
            raise ParseError(source, f"{where}.key", f"the posting's key is {expected!r}")
        if posting.last_seen_at < posting.first_seen_at:
            problem = "the posting was last seen before it was first seen"
            raise ParseError(source, f"{where}.last_seen_at", problem)

    def clash(posting: PostingDoc, other: PostingDoc, at: str | None) -> str:
        return f"{posting.key!r} is also {at or 'the key of another posting in the database'}"

    return match_records("postings", postings, held, [Unique("key", _key, clash)], source)


def check_board(ref: BoardRef, where: str, source: str) -> None:
    """A board as board_source reads `board:token` typed in: a token it reads otherwise (a
    Recruitee token in upper case) or a region on a board without regions is refused."""
    try:
        found = board_source(board_text(ref))
    except InvalidInput:
        problem = f"{ref.token!r} is not a {ref.board.label} token"
        raise ParseError(source, f"{where}.token", problem) from None
    if found.region != ref.region:
        problem = f"only Lever boards have a region, not {ref.board.label}"
        raise ParseError(source, f"{where}.region", problem)
    if found.token != ref.token:
        problem = f"write the token {ref.token!r} as {found.token!r}"
        raise ParseError(source, f"{where}.token", problem)


def rival_row(ref: Ref, index: int, rivalry: RivalDoc) -> dict[str, Any]:
    where = f"$.rivals[{index}]"
    return {
        "uid": rivalry.uid,
        "company_id": ref("companies", rivalry.company, f"{where}.company"),
        "rival_id": ref("companies", rivalry.rival, f"{where}.rival"),
        "created_at": rivalry.created_at,
    }


def board_row(ref: Ref, index: int, board: JobBoardDoc) -> dict[str, Any]:
    where = f"$.job_boards[{index}].company"
    return board.model_dump(exclude={"id", "company", "board"}) | {
        "company_id": ref("companies", board.company, where),
        "board": str(board.board),
    }


def posting_row(ref: Ref, index: int, posting: PostingDoc) -> dict[str, Any]:
    where = f"$.postings[{index}]"
    return posting.model_dump(exclude={"id", "company", "application", "board", "remote"}) | {
        "company_id": ref("companies", posting.company, f"{where}.company"),
        "application_id": ref("applications", posting.application, f"{where}.application"),
        "board": str(posting.board),
        "remote": str(posting.remote) if posting.remote else None,
    }


def _text(board: JobBoardDoc) -> str:
    return board_text(BoardRef(board.board, board.token, board.region))


def _key(posting: PostingDoc) -> Hashable:
    return posting.key

"""Fetching many job boards at once: `scan_boards(refs, settings, now=…)` → ScanResult.

Each board's postings come from, in order of preference:
1. the local cache, unasked, when its copy is younger than `settings.refresh_after`;
2. the board, with a conditional request from the cached copy (a 304 reuses it);
3. nowhere: the board is reported as failed with a short reason, and the scan goes on.

At most `settings.max_concurrency` boards are fetched at once; SmartRecruiters' pages are
followed (`offset` by the number received, until `totalFound`, at most `max_pages` pages).
Each page is retried on 429/5xx/timeouts (transfer.py); a board gets `board_timeout` seconds
in all. URLs are built from a base per board (endpoints.py), so tests can serve every board
from 127.0.0.1. A board's copy is cached only once its answer has been read successfully.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import httpx2

from afterview.domain.boards import Board, BoardRef, Posting
from afterview.integrations.boards import PARSERS
from afterview.integrations.boards.board_cache import (
    CachedBoard,
    cache_path,
    read_cached,
    write_cached,
)
from afterview.integrations.boards.endpoints import board_url
from afterview.integrations.boards.responses import BoardNotFound, BoardResponseError
from afterview.integrations.boards.smartrecruiters import parse_smartrecruiters
from afterview.integrations.boards.transfer import Page, PageUnavailable, ScanSettings, get_page

__all__ = [
    "BoardOutcome",
    "Failed",
    "Fetched",
    "ScanResult",
    "ScanSettings",
    "Source",
    "fetch_boards",
    "scan_boards",
]


class Source(StrEnum):
    CACHE = "cache"  # the cached copy, no request made
    FRESH = "fresh"  # the board's answer
    NOT_MODIFIED = "not-modified"  # the cached copy, confirmed by a 304


@dataclass(frozen=True, slots=True)
class Fetched:
    ref: BoardRef
    postings: tuple[Posting, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Failed:
    """A board that could not be read. `kind`: not_found, no_token, timeout, http, network,
    too_large or malformed; `reason` names the board: "Lever acme: no such board"."""

    ref: BoardRef
    kind: str
    reason: str


BoardOutcome = Fetched | Failed


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Every board asked for, in the order asked, with its postings or why it failed."""

    outcomes: Mapping[BoardRef, BoardOutcome]

    def __getitem__(self, ref: BoardRef) -> BoardOutcome:
        return self.outcomes[ref]

    def __iter__(self) -> Iterator[BoardOutcome]:
        return iter(self.outcomes.values())

    @property
    def postings(self) -> list[Posting]:
        return [p for o in self.outcomes.values() if isinstance(o, Fetched) for p in o.postings]

    @property
    def failures(self) -> list[Failed]:
        return [o for o in self.outcomes.values() if isinstance(o, Failed)]


def scan_boards(refs: Iterable[BoardRef], settings: ScanSettings, *, now: datetime) -> ScanResult:
    """Fetch the boards (see the module's docstring) on an event loop of their own. Where
    this thread already runs one (an async web handler, a notebook, Playwright's synchronous
    API), that loop is on a thread of its own. `now` (aware) dates the cache and ages its
    copies."""
    wanted = list(refs)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(fetch_boards(wanted, settings, now=now))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-scan") as pool:
        return pool.submit(lambda: asyncio.run(fetch_boards(wanted, settings, now=now))).result()


async def fetch_boards(
    refs: Iterable[BoardRef], settings: ScanSettings, *, now: datetime
) -> ScanResult:
    """scan_boards for callers that already run an event loop."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    unique = list(dict.fromkeys(refs))
    limiter = asyncio.Semaphore(settings.max_concurrency)
    timeout = httpx2.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=None,  # the limiter bounds the requests; the pool has room for each
    )
    limits = httpx2.Limits(max_connections=settings.max_concurrency)
    headers = {"User-Agent": settings.user_agent, "Accept": "application/json, application/xml"}
    async with httpx2.AsyncClient(
        timeout=timeout,
        limits=limits,
        headers=headers,
        follow_redirects=True,  # Workable's legacy address redirects
        trust_env=settings.trust_env,
    ) as client:
        outcomes = await asyncio.gather(
            *(_scan_board(client, ref, settings, now, limiter) for ref in unique)
        )
    return ScanResult(dict(zip(unique, outcomes, strict=True)))


async def _scan_board(
    client: httpx2.AsyncClient,
    ref: BoardRef,
    settings: ScanSettings,
    now: datetime,
    limiter: asyncio.Semaphore,
) -> BoardOutcome:
    if not ref.token:
        return Failed(ref, "no_token", f"{ref.board.label}: the board's company is not known")
    token = ref.token
    path = cache_path(settings.cache_dir, ref, token) if settings.cache_dir else None
    cached = read_cached(path) if path else None
    if cached is not None and _is_recent(cached.fetched_at, now, settings.refresh_after):
        try:
            postings = _parse(ref, token, [page.body for page in cached.pages])
        except (BoardNotFound, BoardResponseError):
            pass  # a copy that no longer reads is fetched anew
        else:
            return Fetched(ref, tuple(postings), Source.CACHE)
    name = _name(ref, token)
    try:
        async with limiter, asyncio.timeout(settings.board_timeout):
            pages = await _fetch_pages(client, ref, token, cached, settings, now)
        postings = _parse(ref, token, [page.body for page in pages])
    except PageUnavailable as exc:
        return Failed(ref, exc.kind, f"{name}: {exc.reason}")
    except TimeoutError:
        return Failed(ref, "timeout", f"{name}: timed out after {settings.board_timeout:g} s")
    except BoardNotFound:
        return Failed(ref, "not_found", f"{name}: no such board")
    except BoardResponseError as exc:
        return Failed(ref, "malformed", f"{name}: {exc.problem} at {exc.where}")
    if path is not None:
        # A copy that cannot be written costs only a request at the next scan.
        with contextlib.suppress(OSError):
            write_cached(path, CachedBoard(now, tuple(page.to_cache() for page in pages)))
    source = Source.NOT_MODIFIED if all(p.not_modified for p in pages) else Source.FRESH
    return Fetched(ref, tuple(postings), source)


async def _fetch_pages(
    client: httpx2.AsyncClient,
    ref: BoardRef,
    token: str,
    cached: CachedBoard | None,
    settings: ScanSettings,
    now: datetime,
) -> list[Page]:
    """The board's pages: one, or SmartRecruiters' pages until `totalFound`."""
    pages: list[Page] = []
    offset = 0
    while True:
        url = board_url(ref, token, settings.bases, offset=offset, limit=settings.page_size)
        page = await get_page(client, url, cached.page(url) if cached else None, settings, now)
        pages.append(page)
        if ref.board is not Board.SMARTRECRUITERS:
            return pages
        postings, total = parse_smartrecruiters(page.body, token)
        offset += len(postings)
        if not postings or offset >= total or len(pages) >= settings.max_pages:
            return pages


def _parse(ref: BoardRef, token: str, bodies: list[bytes]) -> list[Posting]:
    if ref.board is not Board.SMARTRECRUITERS:
        return PARSERS[ref.board](bodies[0], token)
    by_id: dict[str, Posting] = {}
    for body in bodies:  # a posting may shift to the next page while the pages are read
        for posting in parse_smartrecruiters(body, token)[0]:
            by_id.setdefault(posting.id, posting)
    return list(by_id.values())


def _is_recent(fetched_at: datetime, now: datetime, refresh_after: timedelta) -> bool:
    return timedelta(0) <= now - fetched_at < refresh_after


def _name(ref: BoardRef, token: str) -> str:
    region = f" ({ref.region.upper()})" if ref.region else ""
    return f"{ref.board.label}{region} {token}"

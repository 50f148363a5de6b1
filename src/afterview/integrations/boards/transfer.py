"""One page of a board over HTTP (httpx2): conditional, size-limited, retried with backoff.

`get_page` sends the cached copy's ETag / Last-Modified (a 304 answers with that copy), reads
the body as a stream and stops past `max_bytes`, and tries again on 429, 5xx, timeouts and
broken connections: after `backoff · 2^(try-1)` seconds with jitter, or after the server's
Retry-After (seconds or an HTTP date), never longer than `max_wait`. What cannot be had raises
PageUnavailable with a short reason the user can read ("HTTP 500 after 3 tries").
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx2

from afterview.domain.boards import Board
from afterview.integrations.boards.board_cache import CachedPage

MEGABYTE = 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanSettings:
    """How boards are fetched. Seconds are floats; `bases` overrides a board's base URL (see
    endpoints.py: a base may hold `{token}`); no `cache_dir` means no cache and no
    conditional requests."""

    cache_dir: Path | None = None
    refresh_after: timedelta = timedelta(hours=6)  # a younger cached copy is used unasked
    max_concurrency: int = 4  # boards fetched at once
    connect_timeout: float = 5.0
    read_timeout: float = 10.0  # between two pieces of the answer
    board_timeout: float = 60.0  # one board in all: every page, try and wait
    tries: int = 3
    backoff: float = 0.5  # the first wait before trying again
    max_wait: float = 30.0  # the longest wait, Retry-After included
    max_bytes: int = 5 * MEGABYTE
    page_size: int = 100  # SmartRecruiters' `limit` (its maximum)
    max_pages: int = 50
    bases: Mapping[Board, str] = field(default_factory=dict)
    user_agent: str = "Afterview (job-board scan)"
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY from the environment

    def __post_init__(self) -> None:
        if self.max_concurrency < 1 or self.tries < 1 or self.max_pages < 1:
            raise ValueError("max_concurrency, tries and max_pages must be at least 1")
        if not 1 <= self.page_size <= 100:
            raise ValueError("page_size must be between 1 and 100")


class PageUnavailable(Exception):
    """A page could not be had; `kind` is stable ("http", "timeout", …), `reason` readable."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    body: bytes
    etag: str
    last_modified: str
    not_modified: bool  # a 304: the body is the cached copy's

    def to_cache(self) -> CachedPage:
        return CachedPage(self.url, self.body, self.etag, self.last_modified)


async def get_page(
    client: httpx2.AsyncClient,
    url: str,
    cached: CachedPage | None,
    settings: ScanSettings,
    now: datetime,
) -> Page:
    """The page at `url`, after up to `settings.tries` tries."""
    headers = _validators(cached)
    for attempt in range(1, settings.tries + 1):
        last = attempt == settings.tries
        try:
            async with client.stream("GET", url, headers=headers) as response:
                page, wait = await _answer(response, url, cached, settings, now, last)
        except httpx2.TimeoutException as exc:
            if last:
                raise PageUnavailable("timeout", _timed_out(exc, settings)) from None
            page, wait = None, None
        except httpx2.TransportError as exc:
            if last:
                raise PageUnavailable("network", _broken(exc, settings.tries)) from None
            page, wait = None, None
        except httpx2.RequestError as exc:
            raise PageUnavailable("network", f"request failed ({type(exc).__name__})") from None
        if page is not None:
            return page
        await asyncio.sleep(wait if wait is not None else backoff_delay(attempt, settings))
    raise AssertionError("unreachable: the last try returns or raises")


async def _answer(
    response: httpx2.Response,
    url: str,
    cached: CachedPage | None,
    settings: ScanSettings,
    now: datetime,
    last: bool,
) -> tuple[Page | None, float | None]:
    """The page of a response, or (None, the wait before trying again)."""
    status = response.status_code
    if status == 304 and cached is not None:
        etag = response.headers.get("etag", cached.etag)
        modified = response.headers.get("last-modified", cached.last_modified)
        return Page(url, cached.body, etag, modified, not_modified=True), None
    if 200 <= status < 300:
        body = await read_limited(response, settings.max_bytes)
        etag, modified = response.headers.get("etag", ""), response.headers.get("last-modified", "")
        return Page(url, body, etag, modified, not_modified=False), None
    if status in (404, 410):
        raise PageUnavailable("not_found", "no such board")
    if status == 429 or status >= 500:
        if last:
            raise PageUnavailable("http", f"HTTP {status} after {_tries(settings.tries)}")
        wait = retry_after(response.headers, now)
        return None, None if wait is None else min(wait, settings.max_wait)
    raise PageUnavailable("http", f"HTTP {status}")


async def read_limited(response: httpx2.Response, max_bytes: int) -> bytes:
    """The (decoded) body, refused as soon as it passes `max_bytes`."""
    too_large = PageUnavailable("too_large", f"the response is larger than {_size(max_bytes)}")
    declared = response.headers.get("content-length", "")
    if (
        declared.isdigit()
        and int(declared) > max_bytes
        and not response.headers.get("content-encoding")
    ):
        raise too_large
    chunks: list[bytes] = []
    received = 0
    async for chunk in response.aiter_bytes():
        received += len(chunk)
        if received > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def retry_after(headers: httpx2.Headers, now: datetime) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date measured from the server's Date
    (from `now` without one). None when absent or unreadable."""
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    when = _http_date(value)
    if when is None:
        return None
    reference = _http_date(headers.get("date", "")) or now
    return max(0.0, (when - reference).total_seconds())


def backoff_delay(attempt: int, settings: ScanSettings) -> float:
    """`backoff · 2^(attempt-1)`, capped at `max_wait`, with "equal jitter": half of it fixed,
    half drawn at random, so boards that failed together do not retry together."""
    delay = min(settings.max_wait, settings.backoff * 2.0 ** (attempt - 1))
    return delay / 2 + random.uniform(0, delay / 2)  # jitter, not a secret


def _validators(cached: CachedPage | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if cached is not None and cached.etag:
        headers["If-None-Match"] = cached.etag
    if cached is not None and cached.last_modified:
        headers["If-Modified-Since"] = cached.last_modified
    return headers


def _http_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _timed_out(exc: httpx2.TimeoutException, settings: ScanSettings) -> str:
    seconds = settings.connect_timeout if isinstance(exc, httpx2.ConnectTimeout) else None
    seconds = settings.read_timeout if seconds is None else seconds
    return f"timed out after {seconds:g} s ({_tries(settings.tries)})"


def _broken(exc: httpx2.TransportError, tries: int) -> str:
    if isinstance(exc, httpx2.ConnectError):
        return f"could not connect ({_tries(tries)})"
    if isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError):
        return f"the connection broke off before the whole response came ({_tries(tries)})"
    return f"network error, {type(exc).__name__} ({_tries(tries)})"


def _tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def _size(count: int) -> str:
    if count % MEGABYTE == 0:
        return f"{count // MEGABYTE} MB"
    if count % 1024 == 0:
        return f"{count // 1024} KB"
    return f"{count} bytes"

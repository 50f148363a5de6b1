"""The job-board connector end to end, against a real HTTP server on 127.0.0.1
(tests/boardserver.py): every board into Postings, SmartRecruiters' pages, retries and
Retry-After, the cache and conditional requests, bounded concurrency, size limits, timeouts,
and one failing board never failing the scan."""

from __future__ import annotations

import json
import socket
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2
import pytest

from afterview.domain.boards import Board, BoardRef
from afterview.integrations.boards import PARSERS
from afterview.integrations.boards.endpoints import board_url
from afterview.integrations.boards.fetch import (
    Failed,
    Fetched,
    ScanSettings,
    Source,
    scan_boards,
)
from afterview.integrations.boards.smartrecruiters import parse_smartrecruiters
from afterview.integrations.boards.transfer import backoff_delay, retry_after
from tests.boardserver import BoardServer, Reply, fixture

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
MB = 1024 * 1024

# Each board's fixture, served as the board's answer for token "acme".
FIXTURE_OF = {
    Board.GREENHOUSE: "jobs.json",
    Board.LEVER: "postings.json",
    Board.ASHBY: "job-board.json",
    Board.WORKABLE: "account.json",
    Board.RECRUITEE: "offers.json",
    Board.PERSONIO: "feed.xml",
}


@pytest.fixture
def server():
    with BoardServer().running() as running:
        yield running


@pytest.fixture
def settings(server: BoardServer, tmp_path: Path) -> ScanSettings:
    return fast_settings(server, tmp_path)


def fast_settings(server: BoardServer, tmp_path: Path, **overrides: object) -> ScanSettings:
    values: dict[str, object] = {
        "cache_dir": tmp_path / "boards-cache",
        "bases": server.bases(),
        "backoff": 0.01,
        "max_wait": 2.0,
        "read_timeout": 2.0,
        "connect_timeout": 2.0,
        "trust_env": False,
    }
    return ScanSettings(**(values | overrides))  # type: ignore[arg-type]


def url_of(ref: BoardRef, settings: ScanSettings, offset: int = 0) -> str:
    assert ref.token
    return board_url(ref, ref.token, settings.bases, offset=offset, limit=settings.page_size)


def serve_fixture(server: BoardServer, settings: ScanSettings, board: Board, **reply: object):
    ref = BoardRef(board, "acme")
    server.serve(url_of(ref, settings), Reply(body=fixture(board, FIXTURE_OF[board]), **reply))  # type: ignore[arg-type]
    return ref


def serve_smartrecruiters(server: BoardServer, settings: ScanSettings) -> BoardRef:
    ref = BoardRef(Board.SMARTRECRUITERS, "Ubisoft2")
    for offset in (0, 2):
        body = fixture("smartrecruiters", f"postings-offset-{offset}.json")
        server.serve(url_of(ref, settings, offset), Reply(body=body))
    return ref


def failure(result, ref: BoardRef) -> Failed:
    outcome = result[ref]
    assert isinstance(outcome, Failed), outcome
    return outcome


def fetched(result, ref: BoardRef) -> Fetched:
    outcome = result[ref]
    assert isinstance(outcome, Fetched), outcome
    return outcome


# --- URLs -------------------------------------------------------------------------------


def test_the_default_bases_are_the_boards_real_hosts():
    urls = {
        ref.label: board_url(ref, "acme", {}, offset=200)
        for ref in [BoardRef(board, "acme") for board in Board]
        + [BoardRef(Board.LEVER, "acme", region="eu")]
    }
    assert urls == {
        "Greenhouse: acme": "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
        "Lever: acme": "https://api.lever.co/v0/postings/acme?mode=json",
        "Lever (EU): acme": "https://api.eu.lever.co/v0/postings/acme?mode=json",
        "Ashby: acme": "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true",
        "SmartRecruiters: acme": (
            "https://api.smartrecruiters.com/v1/companies/acme/postings?limit=100&offset=200"
        ),
        "Workable: acme": "https://apply.workable.com/api/v1/widget/accounts/acme?details=true",
        "Recruitee: acme": "https://acme.recruitee.com/api/offers/",
        "Personio: acme": "https://acme.jobs.personio.de/xml?language=en",
    }


def test_a_base_with_token_puts_the_company_in_the_path_and_quotes_it():
    bases = {Board.RECRUITEE: "http://127.0.0.1:9/recruitee/{token}/"}
    ref = BoardRef(Board.RECRUITEE, "a b/c")
    assert board_url(ref, "a b/c", bases) == "http://127.0.0.1:9/recruitee/a%20b%2Fc/api/offers/"


# --- every board, end to end ----------------------------------------------------------


def test_every_board_is_fetched_into_postings(server, settings):
    refs = [serve_fixture(server, settings, board) for board in FIXTURE_OF]
    refs.append(serve_smartrecruiters(server, settings))
    result = scan_boards(refs, settings, now=NOW)
    assert result.failures == []
    for ref in refs[:-1]:
        outcome = fetched(result, ref)
        assert outcome.source is Source.FRESH
        expected = PARSERS[ref.board](fixture(ref.board, FIXTURE_OF[ref.board]), "acme")
        assert list(outcome.postings) == expected
        assert expected
    assert len(result.postings) == sum(len(fetched(result, ref).postings) for ref in refs)
    paths = {r.path for r in server.requests}
    assert "/recruitee/acme/api/offers/" in paths
    assert "/personio/acme/xml?language=en" in paths
    assert "/lever/v0/postings/acme?mode=json" in paths
    assert all(r.headers["user-agent"] == settings.user_agent for r in server.requests)


def test_smartrecruiters_pages_are_followed_until_total_found(server, settings):
    ref = serve_smartrecruiters(server, settings)
    result = scan_boards([ref], settings, now=NOW)
    postings = fetched(result, ref).postings
    first, total = parse_smartrecruiters(fixture("smartrecruiters", "postings-offset-0.json"), "x")
    assert len(postings) == total == 3
    assert [p.id for p in postings[:2]] == [p.id for p in first]
    assert [r.path.rsplit("&", 1)[1] for r in server.requests] == ["offset=0", "offset=2"]


def test_smartrecruiters_paging_stops_at_the_page_cap(server, tmp_path):
    settings = fast_settings(server, tmp_path, max_pages=1)
    ref = serve_smartrecruiters(server, settings)
    result = scan_boards([ref], settings, now=NOW)
    assert len(fetched(result, ref).postings) == 2
    assert len(server.requests) == 1


def test_an_empty_board_has_no_postings_and_is_not_a_failure(server, settings):
    ref = BoardRef(Board.ASHBY, "acme")
    server.serve(url_of(ref, settings), Reply(body=fixture("ashby", "empty.json")))
    assert fetched(scan_boards([ref], settings, now=NOW), ref).postings == ()


# --- one failing board never fails the scan -------------------------------------------


def test_failing_boards_are_reported_while_the_others_succeed(server, settings):
    good = serve_fixture(server, settings, Board.GREENHOUSE)
    lever_object = BoardRef(Board.LEVER, "gone")
    server.serve(url_of(lever_object, settings), Reply(body=fixture("lever", "not-found.json")))
    lever_404 = BoardRef(Board.LEVER, "gone404", region="eu")
    server.serve(url_of(lever_404, settings), Reply(404, body=fixture("lever", "not-found.json")))
    ashby_unknown = BoardRef(Board.ASHBY, "nobody")  # not served: the server's 404
    personio_html = BoardRef(Board.PERSONIO, "nobody")
    server.serve(url_of(personio_html, settings), Reply(body=fixture("personio", "not-found.html")))
    broken = BoardRef(Board.GREENHOUSE, "broken")
    server.serve(url_of(broken, settings), Reply(500))
    malformed = BoardRef(Board.RECRUITEE, "w")
    server.serve(url_of(malformed, settings), Reply(body=b'{"offers": [}'))
    bad_xml = BoardRef(Board.PERSONIO, "bad")
    server.serve(url_of(bad_xml, settings), Reply(body=fixture("personio", "invalid.xml")))
    no_token = BoardRef(Board.WORKABLE, None)
    refs = [good, lever_object, lever_404, ashby_unknown, personio_html, broken, malformed]
    result = scan_boards([*refs, bad_xml, no_token], settings, now=NOW)

    assert fetched(result, good).postings
    assert {(f.kind, f.reason) for f in result.failures} == {
        ("not_found", "Lever gone: no such board"),
        ("not_found", "Lever (EU) gone404: no such board"),
        ("not_found", "Ashby nobody: no such board"),
        ("not_found", "Personio nobody: no such board"),
        ("http", "Greenhouse broken: HTTP 500 after 3 tries"),
        ("malformed", "Recruitee w: malformed JSON (Expecting value) at line 1 column 13"),
        (
            "malformed",
            "Personio bad: malformed XML (not well-formed (invalid token)) at line 5 column 19",
        ),
        ("no_token", "Workable: the board's company is not known"),
    }
    assert list(result.outcomes) == [*refs, bad_xml, no_token]
    assert len(server.requests_to(url_of(broken, settings))) == 3


def test_a_board_that_refuses_connections_is_reported(server, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings = fast_settings(server, tmp_path, bases={Board.ASHBY: f"http://127.0.0.1:{closed}"})
    ref = BoardRef(Board.ASHBY, "x")
    assert failure(scan_boards([ref], settings, now=NOW), ref).reason == (
        "Ashby x: could not connect (3 tries)"
    )


# --- retries ---------------------------------------------------------------------------


def test_a_5xx_is_retried_with_backoff_until_it_succeeds(server, settings):
    ref = BoardRef(Board.WORKABLE, "acme")
    body = fixture("workable", "account.json")
    server.serve(url_of(ref, settings), Reply(503), Reply(502), Reply(body=body))
    assert fetched(scan_boards([ref], settings, now=NOW), ref).postings
    assert len(server.requests) == 3


@pytest.mark.parametrize("header", ["seconds", "http-date"])
def test_a_429_waits_as_long_as_retry_after_says(server, settings, header):
    ref = BoardRef(Board.GREENHOUSE, "acme")
    date = "Thu, 26 Nov 2026 09:00:00 GMT"
    wait = (
        {"Retry-After": "1"}
        if header == "seconds"
        else {"Date": date, "Retry-After": "Thu, 26 Nov 2026 09:00:01 GMT"}
    )
    body = fixture("greenhouse", "jobs.json")
    server.serve(url_of(ref, settings), Reply(429, headers=wait), Reply(body=body))
    assert fetched(scan_boards([ref], settings, now=NOW), ref).postings
    first, second = server.requests
    assert 0.95 <= second.at - first.at < 1.9


def test_retry_after_reads_seconds_and_dates_and_ignores_nonsense():
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    assert retry_after(httpx2.Headers({"Retry-After": "120"}), now) == 120
    later = {"Retry-After": "Thu, 26 Nov 2026 09:00:30 GMT"}
    assert retry_after(httpx2.Headers(later), now) == 30
    with_date = later | {"Date": "Thu, 26 Nov 2026 09:00:20 GMT"}  # the server's clock wins
    assert retry_after(httpx2.Headers(with_date), now + timedelta(hours=1)) == 10
    past = {"Retry-After": "Thu, 26 Nov 2026 08:00:00 GMT"}
    assert retry_after(httpx2.Headers(past), now) == 0
    assert retry_after(httpx2.Headers({"Retry-After": "soon"}), now) is None
    assert retry_after(httpx2.Headers(), now) is None


def test_a_long_retry_after_is_capped(server, tmp_path):
    settings = fast_settings(server, tmp_path, max_wait=0.2, tries=2)
    ref = BoardRef(Board.LEVER, "acme")
    server.serve(url_of(ref, settings), Reply(429, headers={"Retry-After": "3600"}))
    started = time.monotonic()
    outcome = failure(scan_boards([ref], settings, now=NOW), ref)
    assert outcome.reason == "Lever acme: HTTP 429 after 2 tries"
    assert time.monotonic() - started < 1.5


def test_backoff_doubles_within_its_cap_with_jitter(tmp_path):
    settings = ScanSettings(backoff=1.0, max_wait=5.0)
    for attempt, full in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 5.0), (9, 5.0)]:
        delays = {backoff_delay(attempt, settings) for _ in range(20)}
        assert all(full / 2 <= delay <= full for delay in delays)
        assert len(delays) > 1


# --- cache and conditional requests ----------------------------------------------------


def test_a_second_scan_within_the_interval_makes_no_request(server, settings):
    ref = serve_fixture(server, settings, Board.ASHBY)
    first = scan_boards([ref], settings, now=NOW)
    assert len(server.requests) == 1
    second = scan_boards([ref], settings, now=NOW + timedelta(hours=5))
    assert len(server.requests) == 1
    assert fetched(second, ref).source is Source.CACHE
    assert fetched(second, ref).postings == fetched(first, ref).postings


def test_a_stale_copy_is_asked_for_conditionally_and_a_304_reuses_it(server, settings):
    ref = serve_fixture(server, settings, Board.GREENHOUSE, etag='"v1"')
    first = scan_boards([ref], settings, now=NOW)
    assert fetched(first, ref).source is Source.FRESH
    assert settings.cache_dir is not None
    (cache_file,) = settings.cache_dir.iterdir()
    stored = json.loads(cache_file.read_text())
    assert stored["fetched_at"] == NOW.isoformat()
    assert stored["pages"][0]["etag"] == '"v1"'

    later = NOW + timedelta(hours=7)
    second = scan_boards([ref], settings, now=later)
    assert fetched(second, ref).source is Source.NOT_MODIFIED
    assert fetched(second, ref).postings == fetched(first, ref).postings
    assert server.requests[1].headers["if-none-match"] == '"v1"'
    assert json.loads(cache_file.read_text())["fetched_at"] == later.isoformat()


def test_last_modified_is_sent_back_as_if_modified_since(server, settings):
    stamp = "Wed, 25 Nov 2026 08:00:00 GMT"
    ref = serve_fixture(server, settings, Board.PERSONIO, headers={"Last-Modified": stamp})
    scan_boards([ref], settings, now=NOW)
    scan_boards([ref], settings, now=NOW + timedelta(days=1))
    assert server.requests[1].headers["if-modified-since"] == stamp
    assert "if-modified-since" not in server.requests[0].headers


def test_smartrecruiters_pages_are_cached_and_revalidated_each(server, settings):
    ref = serve_smartrecruiters(server, settings)
    scan_boards([ref], settings, now=NOW)
    result = scan_boards([ref], settings, now=NOW + timedelta(minutes=1))
    assert len(fetched(result, ref).postings) == 3
    assert fetched(result, ref).source is Source.CACHE
    assert len(server.requests) == 2


def test_a_failed_board_is_not_cached_and_a_cached_one_needs_no_server(server, settings):
    ref = BoardRef(Board.LEVER, "acme")
    server.serve(
        url_of(ref, settings),
        Reply(body=b"[{"),
        Reply(body=fixture("lever", FIXTURE_OF[Board.LEVER])),
    )
    assert failure(scan_boards([ref], settings, now=NOW), ref).kind == "malformed"
    assert fetched(scan_boards([ref], settings, now=NOW), ref).source is Source.FRESH
    server.routes.clear()
    assert fetched(scan_boards([ref], settings, now=NOW), ref).source is Source.CACHE


def test_without_a_cache_folder_every_scan_asks(server, tmp_path):
    settings = fast_settings(server, tmp_path, cache_dir=None)
    ref = serve_fixture(server, settings, Board.WORKABLE, etag='"w"')
    scan_boards([ref], settings, now=NOW)
    scan_boards([ref], settings, now=NOW)
    assert len(server.requests) == 2
    assert "if-none-match" not in server.requests[1].headers


# --- concurrency -----------------------------------------------------------------------


def test_concurrency_across_boards_is_bounded(server, tmp_path):
    settings = fast_settings(server, tmp_path, max_concurrency=3)
    body = fixture("greenhouse", "jobs.json")
    refs = [BoardRef(Board.GREENHOUSE, f"company{n}") for n in range(8)]
    for ref in refs:
        server.serve(url_of(ref, settings), Reply(body=body, delay=0.15))
    result = scan_boards(refs, settings, now=NOW)
    assert result.failures == []
    assert len(server.requests) == 8
    assert server.max_in_flight == 3


# --- size limit, truncation, timeouts ---------------------------------------------------


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_an_oversized_response_is_refused(server, settings, declared):
    ref = BoardRef(Board.WORKABLE, "z")
    server.serve(url_of(ref, settings), Reply(body=b" " * (5 * MB + 1), length=declared))
    outcome = failure(scan_boards([ref], settings, now=NOW), ref)
    assert (outcome.kind, outcome.reason) == (
        "too_large",
        "Workable z: the response is larger than 5 MB",
    )
    assert len(server.requests) == 1  # not retried


def test_a_response_of_exactly_the_limit_is_read(server, tmp_path):
    body = fixture("recruitee", "offers.json")
    settings = fast_settings(server, tmp_path, max_bytes=len(body))
    ref = BoardRef(Board.RECRUITEE, "acme")
    server.serve(url_of(ref, settings), Reply(body=body, length=False))
    assert fetched(scan_boards([ref], settings, now=NOW), ref).postings


def test_a_truncated_body_is_retried_then_reported(server, settings):
    ref = BoardRef(Board.GREENHOUSE, "y")
    body = fixture("greenhouse", "jobs.json")
    server.serve(url_of(ref, settings), Reply(body=body[:200], extra_length=500))
    outcome = failure(scan_boards([ref], settings, now=NOW), ref)
    assert outcome.reason == (
        "Greenhouse y: the connection broke off before the whole response came (3 tries)"
    )
    assert len(server.requests) == 3


def test_a_board_that_hangs_times_out_after_each_try(server, tmp_path):
    settings = fast_settings(server, tmp_path, read_timeout=0.2, tries=2)
    ref = BoardRef(Board.ASHBY, "x")
    server.serve(url_of(ref, settings), Reply(body=b"{}", delay=5))
    other = serve_fixture(server, settings, Board.LEVER)
    started = time.monotonic()
    result = scan_boards([ref, other], settings, now=NOW)
    assert failure(result, ref).reason == "Ashby x: timed out after 0.2 s (2 tries)"
    assert fetched(result, other).postings
    assert time.monotonic() - started < 2


def test_a_board_gets_its_overall_time_and_no_more(server, tmp_path):
    settings = fast_settings(server, tmp_path, read_timeout=5, board_timeout=0.3)
    ref = BoardRef(Board.PERSONIO, "slow")
    server.serve(url_of(ref, settings), Reply(body=b"", delay=5))
    started = time.monotonic()
    outcome = failure(scan_boards([ref], settings, now=NOW), ref)
    assert (outcome.kind, outcome.reason) == ("timeout", "Personio slow: timed out after 0.3 s")
    assert time.monotonic() - started < 2


def test_settings_refuse_nonsense():
    with pytest.raises(ValueError, match="at least 1"):
        ScanSettings(max_concurrency=0)
    with pytest.raises(ValueError, match="page_size"):
        ScanSettings(page_size=500)


def test_a_scan_from_a_thread_that_runs_an_event_loop(server, settings):
    """An async caller (a web handler) or Playwright's synchronous API keeps a loop running
    in the thread: the scan runs its own on a thread of its own."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    ref = serve_fixture(server, settings, Board.LEVER)

    async def inside_a_loop():  # a loop runs in this thread; nothing is awaited
        return scan_boards([ref], settings, now=NOW)

    # On a thread of the test's own, whether or not a loop already runs in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(lambda: asyncio.run(inside_a_loop())).result()
    assert result.failures == []
    assert result.postings

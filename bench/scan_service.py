"""A whole scan as `afterview scan --all` runs it (issue 8): 20 rivals' boards served on
127.0.0.1 with simulated latency, each listing 250 openings (5,000 in all), read, stored in
a SQLite file and ranked; then the same again within the interval (the cache: no request),
and listing the stored openings (no network at all).

The baseline, measured in the same run, is the connector alone (integrations.boards'
scan_boards on the same boards, no cache): the ratio says what storing and ranking add.

    python bench/scan_service.py              # 20 boards x 250 openings, 0.3 s, 4 at once
    python bench/scan_service.py --runs 5 --latency 0.5

Only 127.0.0.1 is reached. Writes only in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.boardserver (the test suite's real local server)

from tests.boardserver import BoardServer, Reply, greenhouse_jobs, point_boards_at  # noqa: E402

if TYPE_CHECKING:
    from afterview.services.workspace import Workspace

TITLES = (
    "Senior Data Engineer",
    "Analytics Engineer",
    "Product Designer",
    "Account Executive",
    "Staff Platform Engineer",
    "Data Analyst",
    "Marketing Manager",
    "Machine Learning Engineer",
)
PLACES = ("Berlin, Germany", "Remote - EU", "Munich", "London", "Hybrid - Berlin")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=20)
    parser.add_argument("--openings", type=int, default=250, help="per board (250)")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per answer (0.3)")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    server = BoardServer()
    tokens = [f"rival{n}" for n in range(args.boards)]
    for n, token in enumerate(tokens):
        jobs = [
            (
                n * 100_000 + i,
                f"{TITLES[(n + i) % len(TITLES)]} {i}",
                PLACES[i % len(PLACES)],
                "You will build pipelines in Python and SQL with Airflow and dbt. " * 8,
            )
            for i in range(args.openings)
        ]
        url = f"{server.base}/greenhouse/v1/boards/{token}/jobs?content=true"
        server.serve(url, Reply(body=greenhouse_jobs(*jobs), delay=args.latency))

    rows: list[tuple[str, float]] = []
    with server.running(), tempfile.TemporaryDirectory(prefix="afterview-bench-") as folder:
        os.environ["AFTERVIEW_BOARD_URLS"] = point_boards_at(server)
        rows.append(
            (
                "connector alone (baseline)",
                _median(args.runs, lambda: _connector(server, tokens, args.concurrency)),
            )
        )
        expect = args.boards * args.openings
        runs = [
            _one_run(Path(folder) / f"run{run}", tokens, args.concurrency, expect)
            for run in range(args.runs)
        ]
        names = (
            "first scan: fetch, store, rank",
            "again within the interval (cache)",
            "list the stored openings, ranked",
        )
        rows += [(name, statistics.median(r[i] for r in runs)) for i, name in enumerate(names)]
    print(
        f"{args.boards} boards x {args.openings} openings on 127.0.0.1, each answering after "
        f"{args.latency:.2f} s, {args.concurrency} at once; medians of {args.runs} runs\n"
    )
    baseline = rows[0][1]
    for name, seconds in rows:
        print(f"{name:<36} {seconds:>7.2f} s {seconds / baseline:>6.2f}x")
    print("\nx: against the connector alone, measured in the same run.")
    return 0


def _one_run(
    folder: Path, tokens: list[str], concurrency: int, expect: int
) -> tuple[float, float, float]:
    """A first scan, a second within the interval, and a listing: their seconds."""
    ws = _workspace(folder, tokens, concurrency)
    try:
        first = _timed(lambda: _scan(ws, expect=expect))
        later = ws.at(ws.now() + timedelta(hours=1))
        return (
            first,
            _timed(lambda: _scan(later, expect=expect)),
            _timed(lambda: _list(later, expect=expect)),
        )
    finally:
        ws.db.dispose()


def _workspace(folder: Path, tokens: list[str], concurrency: int) -> Workspace:
    from afterview.config import load_settings
    from afterview.services.companies import add_company
    from afterview.services.profile import set_up_profile
    from afterview.services.rivals import add_rival
    from afterview.services.workspace import Workspace

    folder.mkdir()
    settings = load_settings(
        database_url=f"sqlite:///{folder / 'bench.db'}",
        data_dir=folder,
        scan_concurrency=concurrency,
        now=datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
    )
    ws = Workspace.open(settings)
    set_up_profile(
        ws,
        name="Bench",
        email="bench@example.org",
        time_zone="Europe/Berlin",
        country="DE",
        target_roles=["Data Engineer", "Analytics Engineer"],
        skills=["Python", "SQL", "dbt", "Airflow", "Kafka"],
        target_places=["Berlin"],
    )
    add_company(ws, name="Acme")
    for token in tokens:
        add_rival(ws, "Acme", f"greenhouse:{token}", name=token.title())
    return ws


def _connector(server: BoardServer, tokens: list[str], concurrency: int) -> None:
    from afterview.domain.boards import Board, BoardRef
    from afterview.integrations.boards.fetch import ScanSettings, scan_boards

    settings = ScanSettings(bases=server.bases(), max_concurrency=concurrency, tries=1)
    refs = [BoardRef(Board.GREENHOUSE, token) for token in tokens]
    result = scan_boards(refs, settings, now=datetime.now(UTC))
    assert not result.failures, result.failures


def _scan(ws: Workspace, *, expect: int) -> None:
    from afterview.services.scan import scan

    report = scan(ws)
    assert not any(b.failed for b in report.boards), [b.failure for b in report.boards]
    assert len(report.openings) == expect, len(report.openings)


def _list(ws: Workspace, *, expect: int) -> None:
    from afterview.services.scan import list_openings

    assert list_openings(ws).total == expect


def _timed(work: Callable[[], None]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def _median(runs: int, work: Callable[[], None]) -> float:
    return statistics.median(_timed(work) for _ in range(runs))


if __name__ == "__main__":
    sys.exit(main())

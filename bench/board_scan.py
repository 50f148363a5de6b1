"""A scan of 20 job boards served on 127.0.0.1 with simulated latency (issue 8): the wall
time at several concurrency limits, beside what the latency alone predicts.

Each board answers after `--latency` seconds with its fixture (tests/fixtures/boards, the
seven boards in turn, so the parsers do their real work). With a limit of N boards at once,
20 boards take about ceil(20 / N) x latency: the table shows that concurrency, and only it,
bounds the wall time. No cache is used (every scan asks every board).

    python bench/board_scan.py                  # 20 boards, 0.3 s each, limits 1 2 4 8 20
    python bench/board_scan.py --latency 0.5 --runs 3

Only 127.0.0.1 is reached. Writes nothing.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.boardserver (the test suite's real local server)

from tests.boardserver import BoardServer, Reply, fixture  # noqa: E402

FIXTURE_OF = {
    "greenhouse": "jobs.json",
    "lever": "postings.json",
    "ashby": "job-board.json",
    "smartrecruiters": "postings-offset-0.json",
    "workable": "account.json",
    "recruitee": "offers.json",
    "personio": "feed.xml",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--boards", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per answer (0.3)")
    parser.add_argument("--limits", type=int, nargs="+", default=[1, 2, 4, 8, 20])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)

    from afterview.domain.boards import Board, BoardRef
    from afterview.integrations.boards.endpoints import board_url
    from afterview.integrations.boards.fetch import ScanSettings, scan_boards

    boards = list(Board)
    server = BoardServer()
    refs = []
    for number in range(args.boards):
        board = boards[number % len(boards)]
        ref = BoardRef(board, f"rival{number}")
        refs.append(ref)
        body = fixture(board.value, FIXTURE_OF[board.value])
        if board is Board.SMARTRECRUITERS:  # one page holding every posting
            body = body.replace(b'"totalFound": 3', b'"totalFound": 2')
        url = board_url(ref, ref.token or "", server.bases(), limit=100)
        server.serve(url, Reply(body=body, delay=args.latency))

    print(
        f"{args.boards} boards on 127.0.0.1, each answering after {args.latency:.2f} s; "
        f"medians of {args.runs} scans"
    )
    print(f"\n{'at once':>7} {'wall':>8} {'predicted':>10} {'ratio':>6} {'max seen':>9} {'ok':>4}")
    with server.running():
        for limit in args.limits:
            settings = ScanSettings(bases=server.bases(), max_concurrency=limit, tries=1)
            times, seen, ok = [], 0, 0
            for _ in range(args.runs):
                server.max_in_flight = 0
                began = time.perf_counter()
                result = scan_boards(refs, settings, now=datetime.now(UTC))
                times.append(time.perf_counter() - began)
                seen = max(seen, server.max_in_flight)
                ok = len(refs) - len(result.failures)
            wall = statistics.median(times)
            predicted = math.ceil(len(refs) / limit) * args.latency
            print(
                f"{limit:>7} {wall:>7.2f}s {predicted:>9.2f}s {wall / predicted:>6.2f} "
                f"{seen:>9} {ok:>4}"
            )
    print("\nratio: wall / predicted; max seen: the most requests the server had at once.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

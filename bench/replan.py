"""Time the playbook in-process on the large profile: replanning one application (its
interviews' actions reconciled with the stored ones) and moving one interview as a whole
use case (transaction, event, replan). Aim: replanning one interview under 20 ms. Each
replan is also timed without keeping its drafts in step, in the same run, to show what the
drafts cost.

    python bench/replan.py --db /tmp/large.db      # a database from generate_profile.py
    python bench/replan.py                         # builds one first (about a minute)

Reports medians and 90th percentiles of `--runs` samples; writes nothing in the repository.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FIXED_NOW = "2026-11-26T12:00:00+00:00"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a database made by generate_profile.py")
    parser.add_argument("--runs", type=int, default=60, help="samples of each (default: 60)")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def build(folder: Path) -> Path:
    db = folder / "large.db"
    argv = [
        sys.executable,
        str(BENCH / "generate_profile.py"),
        "--out",
        str(folder / "p.json"),
        "--db",
        str(db),
        "--now",
        FIXED_NOW,
    ]
    print("Building the large profile (generate_profile.py) ...", flush=True)
    subprocess.run(argv, check=True)
    return db


def summary(name: str, samples: Sequence[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"{name:<42} median {statistics.median(ordered) * 1000:6.1f} ms   "
        f"p90 {p90 * 1000:6.1f} ms   ({len(ordered)} samples)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="afterview-replan-") as home:
        os.environ["AFTERVIEW_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["AFTERVIEW_DATA_DIR"] = str(Path(home) / "data")
        db = args.db or build(Path(home))
        return measure(db, args.runs, args.seed)


def measure(db: Path, runs: int, seed: int) -> int:
    from afterview.config import load_settings
    from afterview.services import drafting
    from afterview.services.interviews import edit_interview
    from afterview.services.playbook import replan_application
    from afterview.services.workspace import Workspace
    from afterview.store.applications import stage_rows
    from afterview.store.database import sqlite_url

    now = datetime.fromisoformat(FIXED_NOW)
    ws = Workspace.open(load_settings(database_url=sqlite_url(db), now=now))
    with ws.ready().read() as session:
        with_interviews = sorted(row.id for row in stage_rows(session) if row.latest)
        interview_ids = [
            row[0]
            for row in session.connection().exec_driver_sql("SELECT id FROM interviews ORDER BY id")
        ]
    rng = random.Random(seed)
    replans: list[float] = []
    bare: list[float] = []  # the same replans without keeping drafts in step: their cost
    refresh = drafting.refresh_drafts
    for application_id in rng.sample(with_interviews, runs + 5):
        for samples, keep_drafts in ((replans, True), (bare, False)):
            drafting.refresh_drafts = refresh if keep_drafts else _no_drafts
            with ws.db.write() as session:
                started = time.perf_counter()
                replan_application(ws, session, application_id, now)
                samples.append(time.perf_counter() - started)
    drafting.refresh_drafts = refresh
    moves: list[float] = []
    for interview_id in rng.sample(interview_ids, runs + 5):
        started = time.perf_counter()
        edit_interview(ws, interview_id, duration=f"{rng.randint(30, 120)}m")
        moves.append(time.perf_counter() - started)
    print(f"Database: {db}")
    print(summary("replan one application (in a transaction)", replans[5:]))
    print(summary("  the same, drafts not kept in step", bare[5:]))
    print(summary("move one interview (whole use case)", moves[5:]))
    print("Aim: replanning one interview under 20 ms in-process.")
    ws.db.dispose()
    return 0


def _no_drafts(ws: object, session: object, application_id: int, now: datetime) -> None:
    """Stands in for refresh_drafts to measure a replan without its drafts."""


if __name__ == "__main__":
    sys.exit(main())

"""Load the web UI from a client on 127.0.0.1: the agenda dashboard and an application page
on the large profile, beside a bare FastAPI endpoint measured the same way in the same run
(the floor). Reports median and p99 latency, requests per second at 1 and 4 connections,
and each server's peak memory. Aim: dashboard at one connection, median < 20 ms, p99 < 60 ms.

    python bench/web.py --db /tmp/large.db     # a database from generate_profile.py
    python bench/web.py                        # builds one first (about a minute)
    python bench/web.py --quick                # a small profile, a smoke run

Each server is one uvicorn worker in its own process (as `afterview serve` runs it).
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
FIXED_NOW = "2026-11-26T12:00:00+00:00"
SERVER = """
import gc, socket, sys
import uvicorn
kind, port, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind == "floor":
    from fastapi import FastAPI
    app = FastAPI()

    @app.get("/")
    def hello() -> dict[str, str]:
        return {"hello": "world"}
else:
    from pathlib import Path
    from afterview.config import load_settings
    from afterview.store.database import sqlite_url
    from afterview.web.app import create_app
    app = create_app(load_settings(database_url=sqlite_url(Path(db)), now=sys.argv[4]))
from afterview.web.server import listening_socket
listener = listening_socket("127.0.0.1", port)
config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
uvicorn.Server(config).run(sockets=[listener])
"""


@dataclass(frozen=True)
class Result:
    name: str
    connections: int
    latencies: list[float]
    seconds: float

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a database made by generate_profile.py")
    parser.add_argument("--requests", type=int, default=600, help="per connection (600)")
    parser.add_argument("--quick", action="store_true", help="small profile, few requests")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def start(kind: str, db: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    argv = [sys.executable, "-c", SERVER, kind, str(port), str(db), FIXED_NOW]
    process = subprocess.Popen(argv)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"the {kind} server did not start")


def peak_memory_mb(process: subprocess.Popen[bytes]) -> float:
    """The server's high-water resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def hammer(
    port: int, path: str, connections: int, requests: int, touch: Path | None = None
) -> tuple[list[float], float]:
    """`connections` keep-alive clients, each sending `requests` GETs one after another.
    With `touch` (the database), each client commits a small change to it before every
    request, from a connection of its own and outside the timing, so the server cannot
    answer from what it kept and works the page out afresh."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    touching: list[float] = []  # seconds each client spent on its changes
    failures: list[str] = []

    def client(samples: list[float]) -> None:
        spent = 0.0
        writer = sqlite3.connect(touch, timeout=30) if touch else None
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.connect()
        # Without it, Nagle's algorithm and delayed ACKs add 40 ms to every request.
        assert connection.sock is not None
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for n in range(requests):
            if writer is not None:
                began = time.perf_counter()
                with writer:
                    writer.execute("UPDATE bench_touch SET n = ?", (n,))
                spent += time.perf_counter() - began
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            samples.append(time.perf_counter() - started)
            if response.status != 200:
                failures.append(f"{path}: {response.status}")
        connection.close()
        if writer is not None:
            writer.close()
        touching.append(spent)

    threads = [threading.Thread(target=client, args=(s,)) for s in latencies]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Requests per second leave the changes out (on average per client).
    elapsed = time.perf_counter() - started - statistics.fmean(touching)
    if failures:
        raise SystemExit(f"requests failed: {failures[:3]}")
    return [x for samples in latencies for x in samples], elapsed


def measure(db: Path, requests: int) -> int:
    from afterview.config import load_settings
    from afterview.services.applications import list_applications
    from afterview.services.workspace import Workspace
    from afterview.store.database import sqlite_url

    ws = Workspace.open(load_settings(database_url=sqlite_url(db)))
    busiest = max(list_applications(ws), key=lambda a: a.updated_at)
    ws.db.dispose()
    # The dashboard twice: as a reload finds it when nothing changed (kept), and with a
    # change committed before every request (worked out afresh each time).
    targets = [
        ("floor", "floor", "/", None),
        ("app", "dashboard (kept)", "/", None),
        ("app", "dashboard (changed)", "/", db),
        ("app", "application page", f"/applications/{busiest.id}", None),
    ]
    results: list[Result] = []
    memory: dict[str, float] = {}
    with sqlite3.connect(db) as setup:
        setup.execute("CREATE TABLE IF NOT EXISTS bench_touch (n INTEGER)")
        setup.execute("INSERT INTO bench_touch VALUES (0)")
    try:
        for kind in ("floor", "app"):
            process, port = start(kind, db)
            try:
                for _kind, name, path, touch in (t for t in targets if t[0] == kind):
                    hammer(port, path, 1, max(20, requests // 10), touch)  # warm-up
                    for connections in (1, 4):
                        latencies, seconds = hammer(port, path, connections, requests, touch)
                        results.append(Result(name, connections, latencies, seconds))
                memory[kind] = peak_memory_mb(process)
            finally:
                process.terminate()
                process.wait(timeout=10)
    finally:
        with sqlite3.connect(db) as setup:
            setup.execute("DROP TABLE bench_touch")
    report(results, memory)
    return 0


def report(results: Sequence[Result], memory: dict[str, float]) -> None:
    floor = {r.connections: r for r in results if r.name == "floor"}
    print(f"\n{'endpoint':<22}{'conns':>6}{'median':>10}{'p99':>10}{'req/s':>10}{'vs floor':>10}")
    for r in results:
        ratio = floor[r.connections].rps / r.rps
        print(
            f"{r.name:<22}{r.connections:>6}{statistics.median(r.latencies) * 1000:>8.1f}ms"
            f"{r.percentile(0.99) * 1000:>8.1f}ms{r.rps:>10.0f}{ratio:>9.1f}x"
        )
    print(f"\npeak memory: floor server {memory['floor']:.0f} MiB, app {memory['app']:.0f} MiB")
    print("Aim: dashboard at 1 connection, median < 20 ms and p99 < 60 ms.")


def build(folder: Path, quick: bool) -> Path:
    db = folder / "large.db"
    argv = [sys.executable, str(BENCH / "generate_profile.py"), "--out", str(folder / "p.json")]
    argv += ["--db", str(db), "--now", FIXED_NOW]
    if quick:
        argv += ["--companies", "40", "--applications", "120", "--contacts", "1800"]
        argv += ["--interviews", "360", "--actions", "0"]
    print("Building the profile (generate_profile.py) ...", flush=True)
    subprocess.run(argv, check=True)
    return db


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="afterview-web-") as home:
        os.environ["AFTERVIEW_CONFIG_DIR"] = str(Path(home) / "config")
        os.environ["AFTERVIEW_DATA_DIR"] = str(Path(home) / "data")
        db = args.db or build(Path(home), args.quick)
        return measure(db, 60 if args.quick else args.requests)


if __name__ == "__main__":
    sys.exit(main())

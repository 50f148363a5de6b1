"""A real HTTP server on 127.0.0.1 for the job-board connector's tests.

Every board is served under its own folder (`/greenhouse/…`, `/recruitee/{token}/…`), so
`BoardServer.bases()` points the connector's base URLs at it. A path answers with its
scripted replies in turn (the last one repeats); unknown paths get a 404. The server counts
requests, keeps their headers and times, and records the most it ever answered at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from afterview.domain.boards import Board

FIXTURES = Path(__file__).parent / "fixtures" / "boards"


def fixture(board: str, name: str) -> bytes:
    return (FIXTURES / board / name).read_bytes()


@dataclass(frozen=True)
class Reply:
    """One answer. `etag`: answer 304 when the request's If-None-Match matches it.
    `delay`: wait before answering (a slow or hanging board). `extra_length`: declare a
    Content-Length that much longer than sent, then close (a truncated body). `length`:
    False sends no Content-Length, the body ending when the connection closes."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    delay: float = 0.0
    extra_length: int = 0
    length: bool = True


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class BoardServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[Received] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._http = _Server(("127.0.0.1", 0), _handler_for(self))
        self._http.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._http.server_address[1]}"

    def bases(self) -> dict[Board, str]:
        """Every board's base URL on this server; the per-company hosts keep the token."""
        per_company = {Board.RECRUITEE, Board.PERSONIO}
        return {
            board: f"{self.base}/{board}" + ("/{token}" if board in per_company else "")
            for board in Board
        }

    def serve(self, url: str, *replies: Reply) -> None:
        """Answer `url` (a full URL on this server, query included) with `replies` in turn."""
        assert url.startswith(self.base), url
        self.routes[url.removeprefix(self.base)] = list(replies)

    def requests_to(self, url: str) -> list[Received]:
        return [r for r in self.requests if r.path == url.removeprefix(self.base)]

    def reply_for(self, path: str, headers: dict[str, str]) -> Reply:
        with self._lock:
            self.requests.append(Received(path, headers, time.monotonic()))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            replies = self.routes.get(path)
            if not replies:
                return Reply(status=404, body=b'{"error":"not found"}')
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    @contextmanager
    def running(self) -> Iterator[BoardServer]:
        thread = threading.Thread(target=self._http.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.stopping.set()  # hanging handlers stop waiting
            self._http.shutdown()
            self._http.server_close()
            thread.join(5)


class _Server(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops connections when many boards ask at once;
    # the kernel's retry then adds a second to a scan (bench/board_scan.py).
    request_queue_size = 64


def _handler_for(server: BoardServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            reply = server.reply_for(self.path, headers)
            try:
                if reply.delay:
                    server.stopping.wait(reply.delay)
                self._send(reply, headers)
            except OSError:
                self.close_connection = True  # the client gave up
            finally:
                server.done()

        def _send(self, reply: Reply, headers: dict[str, str]) -> None:
            matches = reply.etag and headers.get("if-none-match") == reply.etag
            status, body = (304, b"") if matches else (reply.status, reply.body)
            self.send_response_only(status)
            if "Date" not in reply.headers:  # a reply may bring its own (Retry-After dates)
                self.send_header("Date", self.date_time_string())
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if status != 304 and reply.length:
                self.send_header("Content-Length", str(len(body) + reply.extra_length))
            if reply.extra_length or not reply.length:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet tests

    return Handler


def greenhouse_jobs(*jobs: tuple[int, str, str, str]) -> bytes:
    """A Greenhouse board's answer listing `jobs`: (id, title, location, description),
    the description entity-escaped HTML as Greenhouse sends it."""
    import html
    import json

    return json.dumps(
        {
            "jobs": [
                {
                    "id": job_id,
                    "title": title,
                    "absolute_url": f"https://job-boards.greenhouse.io/acme/jobs/{job_id}",
                    "location": {"name": location},
                    "updated_at": "2026-11-20T09:00:00-05:00",
                    "first_published": "2026-11-16T09:00:00-05:00",
                    "content": html.escape(f"<p>{text}</p>"),
                    "departments": [{"id": 1, "name": "Engineering"}],
                    "offices": [],
                }
                for job_id, title, location, text in jobs
            ],
            "meta": {"total": len(jobs)},
        }
    ).encode()


def point_boards_at(server: BoardServer) -> str:
    """AFTERVIEW_BOARD_URLS's value for every board on `server`."""
    import json

    return json.dumps({str(board): url for board, url in server.bases().items()})

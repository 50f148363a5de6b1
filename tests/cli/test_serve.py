"""`afterview serve` as a user starts it: a real process on 127.0.0.1 that answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from afterview.domain.values import is_loopback as _is_loopback
from tests.smtpserver import free_port


def test_serve_answers_on_loopback_and_stops_cleanly(tmp_path: Path):
    port = free_port()
    env = os.environ | {"AFTERVIEW_NOW": "2026-11-26T10:00:00+01:00"}
    command = [sys.executable, "-m", "afterview", "--db", str(tmp_path / "s.db")]
    subprocess.run([*command, "demo", "--no-serve"], check=True, env=env, capture_output=True)
    server = subprocess.Popen(
        [*command, "serve", "--no-open", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    page = answer.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Agenda for" in page
    finally:
        server.terminate()
        out, err = server.communicate(timeout=10)
    assert out.startswith(f"Afterview is at http://127.0.0.1:{port}/ (Ctrl+C to stop).")
    assert "Warning" not in err


def test_only_loopback_addresses_are_quiet():
    assert _is_loopback("127.0.0.1")
    assert _is_loopback("::1")
    assert _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0")
    assert not _is_loopback("192.168.1.10")
    assert not _is_loopback("myhost.example")

"""Fixtures shared by every test: isolated folders, databases on SQLite and PostgreSQL.

Every test runs with its own config and data folders, so no test can touch real data.
PostgreSQL runs in a throwaway cluster started once per session (tests/pgserver.py); in CI
(CI=true) a PostgreSQL that cannot be started fails the run instead of skipping.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.boardserver import BoardServer, point_boards_at
from tests.pgserver import PostgresServer, PostgresUnavailable, throwaway_postgres
from tests.smtpserver import StartServer, smtp_servers

# The fixed "now" of the tests: a Thursday morning in Berlin.
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
_database_numbers = itertools.count()
_NOWHERE = json.dumps(
    {
        board: f"http://127.0.0.1:9/{board}"
        for board in ("greenhouse", "lever", "ashby", "smartrecruiters", "workable")
    }
    | {board: f"http://127.0.0.1:9/{board}/{{token}}" for board in ("recruitee", "personio")}
)


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("AFTERVIEW_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("AFTERVIEW_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AFTERVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    # Every job board at a closed port of 127.0.0.1: a scan a test did not point at its own
    # server (the board_server fixture) fails there instead of reaching the internet.
    monkeypatch.setenv("AFTERVIEW_BOARD_URLS", _NOWHERE)


@pytest.fixture
def board_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[BoardServer]:
    """A job-board server on 127.0.0.1 (tests/boardserver.py) that scans are pointed at.
    Ask for it before `ws` (or any fixture that loads the settings)."""
    with BoardServer().running() as server:
        monkeypatch.setenv("AFTERVIEW_BOARD_URLS", point_boards_at(server))
        yield server


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    try:
        with throwaway_postgres() as server:
            yield server
    except PostgresUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {error}")
        pytest.skip(f"PostgreSQL not available here: {error}")


@pytest.fixture(scope="session")
def postgres_template(postgres: PostgresServer) -> str:
    """A database migrated to the newest revision, copied for each test."""
    from afterview.store.database import Database
    from afterview.store.schema import upgrade

    name = "afterview_template"
    database = Database(postgres.create_database(name))
    upgrade(database)
    database.dispose()
    return name


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database: a SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    template = request.getfixturevalue("postgres_template")
    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    yield server.create_database(name, template=template)
    server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, for migration tests."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres")
    name = f"empty_{os.getpid()}_{next(_database_numbers)}"
    yield server.create_database(name)
    server.drop_database(name)


@pytest.fixture
def ws(database_url: str) -> Iterator[object]:
    """A workspace on a fresh database, its clock stopped at NOW."""
    from afterview.config import load_settings
    from afterview.services.workspace import Workspace

    workspace = Workspace.open(load_settings(database_url=database_url, now=NOW))
    yield workspace
    workspace.db.dispose()


@pytest.fixture
def smtpd() -> Iterator[StartServer]:
    """Start real SMTP servers on 127.0.0.1 for one test: `port = smtpd(Recorder())`."""
    with smtp_servers() as start:
        yield start

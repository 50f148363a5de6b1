from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from afterview.cli import cli

Run = Callable[..., Result]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


@pytest.fixture
def run(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `afterview --db DB ARGS...` as a user would, clock stopped, 100 columns wide."""
    monkeypatch.setenv("AFTERVIEW_NOW", "2026-11-26T10:00:00+01:00")
    monkeypatch.setenv("COLUMNS", "100")
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, expect: int = 0) -> Result:
        result = runner.invoke(cli, ["--db", str(db_path), *args], input=input)
        assert result.exit_code == expect, (result.stdout, result.stderr, result.exception)
        return result

    return invoke


@pytest.fixture
def search(run: Run) -> Run:
    """A small search: a profile, two applications, an interview with two interviewers."""
    run(
        "init",
        "--name",
        "Sam Rivera",
        "--email",
        "sam@example.org",
        "--time-zone",
        "Europe/Berlin",
        "--country",
        "de",
        "--subdivision",
        "be",
        "--role",
        "Data Engineer",
    )
    run(
        "app",
        "add",
        "Acme Corp",
        "Data Engineer",
        "--salary",
        "90k-110k EUR",
        "--link",
        "https://jobs.example/1",
        "--source",
        "LinkedIn",
    )
    run("app", "add", "Globex", "Analytics Engineer", "--stage", "saved", "--priority", "high")
    run(
        "interview",
        "add",
        "acme",
        "2026-12-01 14:00",
        "--with",
        "Dana Reyes",
        "--with",
        "Marcus Lee",
        "--next-step",
        "by Friday",
        "--kind",
        "technical",
    )
    run("app", "stage", "acme", "interviewing", "--note", "Technical round booked")
    return run

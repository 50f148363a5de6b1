"""init, export/import, backup, db, demo, overview, and the error handling of the root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from afterview import __version__
from afterview.cli import cli
from afterview.store.schema import HEAD
from tests.cli.conftest import Run


def test_init_asks_for_what_is_missing(run: Run):
    result = run(
        "init",
        "--time-zone",
        "America/Chicago",
        "--role",
        "Data Engineer",
        input="Sam Rivera\nsam@example.org\nus\n",
    )
    assert result.stdout == (
        "Your name: Sam Rivera\n"
        "Your e-mail: sam@example.org\n"
        "Country (ISO code): us\n"
        "Profile saved: Sam Rivera <sam@example.org>, America/Chicago, holidays of US; "
        "Data Engineer.\n"
    )
    again = run("init", "--subdivision", "IL", input="\n\n\n\n")
    assert again.stdout.endswith(
        "Profile saved: Sam Rivera <sam@example.org>, America/Chicago, holidays of US-IL; "
        "Data Engineer.\n"
    )


def test_init_keeps_the_places_you_would_work(run: Run):
    run(
        "init", "--name", "Sam", "--email", "s@example.org", "--time-zone", "UTC", "--country", "DE"
    )
    result = run("init", "--place", "Berlin", "--place", "Hamburg", "--no-remote", input="\n\n\n\n")
    assert result.stdout.endswith("Openings are ranked for Berlin, Hamburg; not remote.\n")
    kept = run("init", "--role", "Data Engineer", input="\n\n\n\n")  # places kept
    assert kept.stdout.endswith("Openings are ranked for Berlin, Hamburg; not remote.\n")


def test_init_refuses_a_bad_zone(run: Run):
    result = run(
        "init",
        "--name",
        "Sam",
        "--email",
        "s@example.org",
        "--time-zone",
        "Berlin",
        "--country",
        "DE",
        expect=5,
    )
    assert result.stderr == (
        "Error: Unknown time zone 'Berlin'. Use an IANA name like Europe/Berlin.\n"
    )


def test_export_import_round_trip(search: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "all.json"
    assert search("export", str(path)).stdout == "Exported 25 records to all.json.\n".replace(
        "all.json", str(path)
    )
    document = json.loads(path.read_text())
    assert (document["format"], document["version"]) == ("afterview-export", 1)
    assert search("export").stdout == path.read_text()
    other = tmp_path / "other.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(other), "import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Added: 6 actions, 2 applications, 2 companies, 2 contacts, 3 drafts, 9 events, "
        "1 interviews, 1 profile.\n"
    )
    again = runner.invoke(cli, ["--db", str(other), "export"])
    assert again.stdout == path.read_text()
    refused = runner.invoke(cli, ["--db", str(other), "import", str(path)])
    assert refused.exit_code == 6
    assert refused.stderr.startswith("Error: The database already holds records of this file")
    merged = runner.invoke(cli, ["--db", str(other), "import", "--merge", str(path)])
    assert merged.stdout == (
        "Unchanged: 6 actions, 2 applications, 2 companies, 2 contacts, 3 drafts, 9 events, "
        "1 interviews, 1 profile.\n"
    )


def test_import_of_a_malformed_file_names_the_place(run: Run, tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text(
        '{"format": "afterview-export", "version": 1, "profile": null,\n'
        '"companies": [{"id": "one"}]}'
    )
    result = run("import", str(path), expect=5)
    assert result.stderr == (
        f"Error: {path}: $.companies[0].id: Input should be a valid integer, unable to parse "
        "string as an integer\n"
    )
    missing = run("import", str(tmp_path / "nope.json"), expect=5)
    assert missing.stderr == f"Error: {tmp_path / 'nope.json'}: file: no such file\n"


def test_backup_makes_a_consistent_copy(search: Run, tmp_path: Path, db_path: Path):
    target = tmp_path / "copy.db"
    assert search("backup", str(target)).stdout == f"Backed up {db_path} to {target}.\n"
    copy = CliRunner().invoke(cli, ["--db", str(target), "app", "list", "--json"])
    assert [a["id"] for a in json.loads(copy.stdout)] == [2, 1]


def test_db_current_and_upgrade(run: Run, db_path: Path):
    assert run("db", "current").stdout == (
        f"{db_path}: revision none (empty), this Afterview needs {HEAD}.\n"
    )
    assert run("db", "upgrade").stdout == f"Database at {db_path}: empty → {HEAD}.\n"
    assert run("db", "upgrade").stdout == f"Database at {db_path} is already at {HEAD}.\n"
    result = run("db", "downgrade", "base")
    assert result.stdout.splitlines()[-1] == f"Database at {db_path}: {HEAD} → base."
    assert result.stdout.startswith("Backed up to ")


def test_demo_into_an_empty_file_then_refuses(run: Run, db_path: Path):
    result = run("demo")
    assert result.stdout.startswith(
        f"Sample job search written to {db_path}.\n\nPipeline: 6 active"
    )
    assert f"afterview --db {db_path} app show northwind" in result.stdout
    refused = run("demo", expect=6)
    assert "already holds data; the demo only fills an empty one" in refused.stderr


def test_demo_without_db_uses_a_temporary_database(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AFTERVIEW_NOW", "2026-11-26T10:00:00+01:00")
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("Sample job search written to ")
    assert "afterview-demo-" in first


def test_overview_json(search: Run):
    data = json.loads(search("overview", "--json").stdout)
    assert data["stages"]["interviewing"] == 1
    assert (data["active"], data["ended"]) == (2, 0)
    assert [i["id"] for i in data["upcoming_interviews"]] == [1]


def test_unexpected_errors_say_so_without_a_traceback(run: Run, monkeypatch):
    import afterview.services.applications as applications

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret personal detail")

    monkeypatch.setattr(applications, "list_applications", broken)
    result = run("app", "list", expect=1)
    assert result.stderr == (
        "Error: an unexpected RuntimeError stopped Afterview. Run the command again with "
        "--debug to see where, and please report it.\n"
    )
    assert "secret" not in result.output
    debug = run("--debug", "app", "list", expect=1)
    assert "Traceback" in debug.stderr
    assert "RuntimeError: secret personal detail" in debug.stderr


def test_bad_settings_name_the_key(run: Run, monkeypatch):
    monkeypatch.setenv("AFTERVIEW_NOW", "next tuesday")
    result = run("app", "list", expect=5)
    assert result.stderr.startswith("Error: Setting 'now' (in ")


def test_bad_config_file_names_the_file(run: Run, tmp_path: Path):
    config = Path(os.environ["AFTERVIEW_CONFIG_DIR"])
    config.mkdir(parents=True)
    (config / "config.toml").write_text("busy_timeout_ms = 'soon'\n")
    result = run("app", "list", expect=5)
    assert result.stderr == (
        f"Error: Setting 'busy_timeout_ms' (in {config / 'config.toml'} or "
        "AFTERVIEW_BUSY_TIMEOUT_MS): Input should be a valid integer, unable to parse string "
        "as an integer.\n"
    )
    (config / "config.toml").write_text("colour = 'blue'\n")
    assert "Setting 'colour'" in run("app", "list", expect=5).stderr


def test_version_and_completion():
    version = CliRunner().invoke(cli, ["--version"])
    assert version.stdout == f"afterview, version {__version__}\n"
    env = dict(
        os.environ, _AFTERVIEW_COMPLETE="bash_complete", COMP_WORDS="afterview ap", COMP_CWORD="1"
    )
    completed = subprocess.run(
        [sys.executable, "-m", "afterview"], env=env, capture_output=True, text=True, check=True
    )
    assert completed.stdout == "plain,app\n"

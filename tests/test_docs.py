"""Docs stay true: generated references are current and every command explains itself."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("page", ["cli-reference.md", "configuration.md"])
def test_generated_pages_are_current(page):
    generator = _generator()
    assert (ROOT / "docs" / page).read_text() == generator.PAGES[page](), (
        f"docs/{page} is out of date: run `python docs/generate.py`"
    )


def test_every_command_has_help():
    from afterview.cli import cli

    for path, command, _context in _generator().walk(cli, ("afterview",)):
        assert command.help, f"{' '.join(path)} has no help text"
        assert len(command.help.splitlines()[0]) <= 100, f"{' '.join(path)}: first line too long"


def test_every_lazy_command_is_listed_with_its_module():
    from afterview.cli import COMMANDS, cli

    for name, (target, short_help) in COMMANDS.items():
        assert short_help.endswith("."), name
        assert cli.get_command(None, name) is not None, target  # type: ignore[arg-type]


def test_readme_documents_every_top_level_command():
    from afterview.cli import COMMANDS

    readme = (ROOT / "README.md").read_text()
    missing = [name for name in COMMANDS if f"afterview {name}" not in readme]
    assert missing == []


def test_changelog_mentions_the_current_version():
    from afterview import __version__

    assert f"## {__version__}" in (ROOT / "CHANGELOG.md").read_text()

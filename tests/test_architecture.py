"""The layering of STYLE.md, enforced: imports point inward only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "afterview"

# What each layer may import from the project (besides itself and the top-level package).
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "integrations": {"domain"},
    "services": {"domain", "store", "integrations", "config"},
    "cli": {"domain", "services", "config"},
    "config": {"domain"},
}
# Frameworks the pure core must never see.
FORBIDDEN_IN_DOMAIN = {
    "sqlalchemy",
    "alembic",
    "click",
    "rich",
    "fastapi",
    "pydantic",
    "pydantic_settings",
    "platformdirs",
    "psycopg",
    "starlette",
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_inward(path: Path):
    layer = _layer(path)
    if layer not in ALLOWED:
        return
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] == "afterview" and len(parts) > 1 and parts[1] != layer:
            assert parts[1] in ALLOWED[layer], f"{path.name}: {layer} must not import {name}"
        if layer == "domain":
            assert parts[0] not in FORBIDDEN_IN_DOMAIN, f"{path.name} imports {name}"


def test_the_rules_catch_a_violation(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("from afterview.cli import cli\nimport sqlalchemy\n")
    assert _imports(bad) == {"afterview.cli", "sqlalchemy"}


def test_help_and_completion_import_no_database_orm_or_web_code():
    probe = (
        "import sys\n"
        "from afterview.cli import cli\n"
        "for args in (['--help'], ['app', '--help']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='afterview', standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "    {'sqlalchemy', 'alembic', 'pydantic', 'pydantic_settings', 'rich', 'fastapi',\n"
        "     'dateparser', 'holidays', 'psycopg'})\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"

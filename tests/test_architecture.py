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
    "drafts": {"domain"},
    "services": {"domain", "store", "integrations", "drafts", "config"},
    "cli": {"domain", "services", "config", "web"},
    "web": {"domain", "services", "config"},
    "config": {"domain"},
    # The package's own entry points.
    "__init__": set(),
    "__main__": {"cli"},
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


def violations(path: Path, layer: str) -> list[str]:
    """The imports of `path` (a module of `layer`) that point outward or into frameworks."""
    found = []
    for name in sorted(_imports(path)):
        parts = name.split(".")
        outward = parts[0] == "afterview" and len(parts) > 1 and parts[1] != layer
        if outward and parts[1] not in ALLOWED[layer]:
            found.append(f"{layer} must not import {name}")
        if layer == "domain" and parts[0] in FORBIDDEN_IN_DOMAIN:
            found.append(f"domain must not import {name}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_inward(path: Path):
    layer = _layer(path)
    assert layer in ALLOWED, f"{path}: a new layer needs its rules in ALLOWED"
    assert violations(path, layer) == []


WEB_FRAMEWORKS = {"fastapi", "starlette", "uvicorn"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_web_layer_and_serve_import_web_frameworks(path: Path):
    layer = _layer(path)
    found = {name.split(".")[0] for name in _imports(path)} & WEB_FRAMEWORKS
    allowed = layer == "web" or path.name == "serve.py"
    assert allowed or not found, f"{path} imports {found}"


def test_the_rules_catch_violations(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("from afterview.cli import cli\nimport sqlalchemy.orm\n")
    assert violations(bad, "domain") == [
        "domain must not import afterview.cli",
        "domain must not import sqlalchemy.orm",
    ]
    assert violations(bad, "store") == ["store must not import afterview.cli"]
    assert violations(bad, "cli") == []


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

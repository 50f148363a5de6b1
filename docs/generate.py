"""Generate the reference pages from the code: `python docs/generate.py` rewrites them.

tests/test_docs.py fails when a page is out of date or a command lacks help text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

DOCS = Path(__file__).parent
WIDTH = 100


def walk(
    command: click.Command, path: tuple[str, ...], parent: click.Context | None = None
) -> Iterator[tuple[tuple[str, ...], click.Command, click.Context]]:
    """Each command under `command` with its context, made as a real invocation makes it (so
    that settings such as `-h` for help apply the same way whatever ran before)."""
    context = command.make_context(
        path[-1],
        [],
        parent=parent,
        resilient_parsing=True,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
    )
    yield path, command, context
    if isinstance(command, click.Group):
        for name in command.list_commands(context):
            child = command.get_command(context, name)
            if child is not None and not child.hidden:
                yield from walk(child, (*path, name), context)


def cli_reference() -> str:
    from afterview.cli import cli

    lines = [
        "# Command reference",
        "",
        "Generated from the code by `python docs/generate.py`; do not edit by hand.",
        "Exit codes are listed in [cli.md](cli.md).",
        "",
    ]
    for path, command, context in walk(cli, ("afterview",)):
        heading = "#" * min(len(path) + 1, 4)
        lines += [
            f"{heading} `{' '.join(path)}`",
            "",
            "```text",
            command.get_help(context),
            "```",
            "",
        ]
    return "\n".join(lines)


def config_reference() -> str:
    from afterview.config import Settings

    lines = [
        "# Configuration reference",
        "",
        "Generated from `afterview.config.Settings` by `python docs/generate.py`.",
        "",
        "Each key can be set in `config.toml` in the config folder (`AFTERVIEW_CONFIG_DIR`, by",
        "default the platform's user config folder, e.g. `~/.config/afterview/` on Linux) or",
        "as an environment variable; the environment wins over the file, and `--db` over both.",
        "",
        "| key | environment variable | default | meaning |",
        "|---|---|---|---|",
    ]
    for name, field in Settings.model_fields.items():
        if name in ("config_dir", "data_dir"):
            default = "platform folder"
        elif field.default_factory is not None:
            default = repr(field.default_factory())  # type: ignore[call-arg]
        else:
            default = repr(field.default)
        lines.append(f"| `{name}` | `AFTERVIEW_{name.upper()}` | {default} | {field.description} |")
    lines += [
        "",
        "Example `config.toml`:",
        "",
        "```toml",
        'database_url = "postgresql://afterview@localhost/afterview"',
        "busy_timeout_ms = 10000",
        "```",
        "",
    ]
    return "\n".join(lines)


def playbook_reference() -> str:
    from afterview.domain.rules import DEFAULT_RULES
    from afterview.domain.timelines import __doc__ as timelines_doc

    lines = [
        "# The playbook",
        "",
        "Generated from `afterview.domain.rules` and `afterview.domain.timelines` by",
        "`python docs/generate.py`.",
        "",
        "Each rule plans one kind of action. Offsets: `h` hours (exact), `d` days and `mo`",
        "months (local wall time), `bd` business days (weekends and the public holidays of",
        "your profile's country and subdivision skipped); `@20:00` sets the time of day, else",
        "business-day actions fall at 09:00. Change them in `config.toml`:",
        "",
        "```toml",
        "[playbook.thank_you]",
        'offset = "12h"',
        "[playbook.competition_scan]",
        "enabled = false",
        "```",
        "",
        "Then replanning happens as you log interviews and change stages.",
        "",
        "| rule | practice | when | default | source |",
        "|---|---|---|---|---|",
    ]
    for rule in DEFAULT_RULES.values():
        default = str(rule.offset) + (f" (no timeline: {rule.fallback})" if rule.fallback else "")
        lines.append(
            f"| `{rule.key}` | {rule.practice} | {rule.trigger} | `{default}` | {rule.source} |"
        )
    lines += ["", "## What interviewers say, and how it is read", "", timelines_doc or "", ""]
    return "\n".join(lines)


PAGES = {
    "cli-reference.md": cli_reference,
    "configuration.md": config_reference,
    "playbook.md": playbook_reference,
}


def main() -> None:
    for name, build in PAGES.items():
        (DOCS / name).write_text(build())
        click.echo(f"wrote docs/{name}")


if __name__ == "__main__":
    main()

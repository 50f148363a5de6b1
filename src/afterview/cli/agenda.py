"""`afterview today`: the agenda."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, local_time, print_section, print_table

if TYPE_CHECKING:
    from afterview.domain.pipeline import Health
    from afterview.services.agenda import Agenda, Item, Section
    from afterview.services.drafts import DraftView

PRACTICE_TAGS = {
    1: "review",
    2: "refs",
    3: "thanks",
    4: "rivals",
    5: "network",
    6: "follow-up",
    7: "decide",
    8: "patience",
    9: "pipeline",
    10: "grace",
}


# Rows per section unless --all; a line says how many more there are.
SHOWN = 15


@click.command()
@click.option("--all", "show_all", is_flag=True, help="Show every row of every section.")
@json_option
@pass_state
def today(state: CliState, show_all: bool, as_json: bool) -> None:
    """The agenda: overdue, due today, coming up this week, what is waiting (and whether that
    is still normal), and the health of your pipeline."""
    from afterview.services.agenda import agenda
    from afterview.services.drafts import drafts_for_actions

    ws = state.workspace()
    # Only the rows shown are read and their drafts linted (JSON shows them all).
    view = agenda(ws, None if show_all or as_json else SHOWN)
    sections = (view.overdue, view.due_today, view.this_week)
    drafts = drafts_for_actions(ws, [i.action for section in sections for i in section.items])
    if as_json:
        emit_json(agenda_json(view, drafts))
        return
    click.echo(f"Agenda for {view.today:%a %d %b %Y} ({view.zone})")
    for title, section, empty in (
        ("Overdue", view.overdue, "Nothing overdue."),
        ("Due today", view.due_today, "Nothing due today."),
        ("Coming up this week", view.this_week, "Nothing else this week."),
    ):
        print_section(f"{title} ({section.total})" if section.total else title)
        _items(section.items, view.zone, empty, drafts)
        _more(section)
    print_section("Waiting for an answer")
    print_table(
        ["App", "Application", "Stage", "Patience"],
        [
            (w.application.id, w.application.label, w.application.stage, w.status)
            for w in view.waiting.items
        ],
        empty="Nothing is waiting.",
    )
    _more(view.waiting)
    print_health(view.health)


def _items(items: Sequence[Item], zone: str, empty: str, drafts: Mapping[int, DraftView]) -> None:
    rows = [
        (
            i.action.id,
            local_time(i.action.effective_due(), zone),
            PRACTICE_TAGS[i.action.practice],
            i.action.reason,
            i.application.label,
            draft_cell(drafts.get(i.action.id)),
        )
        for i in items
    ]
    print_table(*with_drafts(["ID", "Due", "Practice", "What", "Application"], rows), empty=empty)


def with_drafts(
    columns: list[str], rows: Sequence[tuple[object, ...]]
) -> tuple[list[str], Sequence[tuple[object, ...]]]:
    """The table with its last cell (the draft) as a Draft column, when any row has one."""
    if any(row[-1] for row in rows):
        return [*columns, "Draft"], rows
    return columns, [row[:-1] for row in rows]


def draft_cell(view: DraftView | None) -> str:
    """'12: clean' — the draft ready for an action, and what its lint says."""
    from afterview.cli.drafts import lint_summary

    return f"{view.draft.id}: {lint_summary(view)}" if view else ""


def draft_json(view: DraftView | None) -> dict[str, object] | None:
    if view is None:
        return None
    return {
        "id": view.draft.id,
        "errors": sum(f.severity == "error" for f in view.findings),
        "warnings": sum(f.severity == "warning" for f in view.findings),
    }


def _more(section: Section[Any]) -> None:
    if section.more:
        click.echo(f"… and {section.more} more: afterview today --all")


def print_health(health: Health) -> None:
    """The pipeline's health (practice 9), as the agenda ends with it."""
    print_section("Pipeline")
    stages = " · ".join(f"{stage} {n}" for stage, n in health.by_stage.items() if n)
    goal = f"; {health.applied_this_week} of {health.weekly_goal} applications sent this week"
    click.echo(f"{health.active} active ({stages or 'none'}){goal if health.weekly_goal else ''}.")
    if health.nudge:
        click.echo(health.nudge)


def agenda_json(view: Agenda, drafts: Mapping[int, DraftView]) -> dict[str, object]:
    from afterview.cli.records import action_json

    def items(found: Sequence[Item]) -> list[dict[str, object]]:
        return [
            action_json(i.action)
            | {
                "application_label": i.application.label,
                "draft": draft_json(drafts.get(i.action.id)),
            }
            for i in found
        ]

    return {
        "today": view.today.isoformat(),
        "time_zone": view.zone,
        "overdue": items(view.overdue.items),
        "due_today": items(view.due_today.items),
        "this_week": items(view.this_week.items),
        "waiting": [
            {
                "application": {"id": w.application.id, "label": w.application.label},
                "since": w.window.since.isoformat(),
                "normal_from": w.window.start.isoformat(),
                "normal_until": w.window.end.isoformat(),
                "source": w.window.source,
                "overdue": w.overdue,
                "status": w.status,
            }
            for w in view.waiting.items
        ],
        "totals": view.totals,
        "pipeline": {
            "active": view.health.active,
            "by_stage": {str(s): n for s, n in view.health.by_stage.items()},
            "floor": view.health.floor,
            "applied_this_week": view.health.applied_this_week,
            "weekly_goal": view.health.weekly_goal,
            "nudge": view.health.nudge,
        },
    }

"""`afterview overview`: how the search stands."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import (
    emit_json,
    local_time,
    print_interviews,
    print_section,
    print_table,
)

# Rows of each interview table; the rest is summarised (and all of it is in --json).
SHOWN = 10


@click.command()
@json_option
@pass_state
def overview(state: CliState, as_json: bool) -> None:
    """Applications by stage, interviews in the next 14 days and the last 7, and what has
    waited longest for an answer."""
    from afterview.cli.records import application_json, interview_json
    from afterview.services.overview import overview as build

    view = build(state.workspace())
    if as_json:
        emit_json(
            {
                "stages": {str(stage): count for stage, count in view.stage_counts.items()},
                "active": view.active,
                "ended": view.ended,
                "upcoming_interviews": [interview_json(i) for i in view.upcoming],
                "recent_interviews": [interview_json(i) for i in view.recent],
                "waiting": [application_json(a) for a in view.waiting],
            }
        )
        return
    counts = " · ".join(f"{stage} {n}" for stage, n in view.stage_counts.items() if n)
    click.echo(f"Pipeline: {view.active} active, {view.ended} ended — {counts or 'empty'}")
    print_section("Coming interviews (next 14 days)")
    print_interviews(view.upcoming, empty="None.", limit=SHOWN)
    print_section("Recent interviews (last 7 days)")
    print_interviews(view.recent, empty="None.", limit=SHOWN)
    print_section("Waiting longest for an answer")
    print_table(
        ["ID", "Application", "Stage", "Since"],
        [(a.id, a.label, a.stage, local_time(a.stage_changed_at, view.zone)) for a in view.waiting],
        empty="Nothing is waiting.",
    )

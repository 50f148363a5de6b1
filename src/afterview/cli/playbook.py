"""`afterview plan`, `afterview action ...` and `afterview followup`: the playbook."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, local_time, print_section, print_table

if TYPE_CHECKING:
    from afterview.services.drafts import DraftView
    from afterview.services.plans import InterviewPlan


@click.command()
@click.argument("interview")
@json_option
@pass_state
def plan(state: CliState, interview: str, as_json: bool) -> None:
    """The ten practices for one INTERVIEW (id or name): each planned action with its date,
    state and reason, and why a practice does not apply when it does not."""
    from afterview.cli.agenda import draft_cell, with_drafts
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.plans import interview_plan

    ws = state.workspace()
    found = interview_plan(ws, interview)
    drafts = drafts_for_actions(ws, [a for p in found.practices for a in p.actions])
    if as_json:
        emit_json(plan_json(found, drafts))
        return
    click.echo(f"Plan for {found.interview.label} (interview {found.interview.id})")
    for practice in found.practices:
        print_section(f"{practice.number}. {practice.name}")
        if practice.actions:
            rows: list[tuple[object, ...]] = [
                (
                    a.id,
                    local_time(a.effective_due(), found.zone),
                    a.state,
                    a.reason,
                    draft_cell(drafts.get(a.id)),
                )
                for a in practice.actions
            ]
            print_table(*with_drafts(["ID", "Due", "State", "What"], rows))
        if practice.note:
            click.echo(practice.note)


def plan_json(found: InterviewPlan, drafts: Mapping[int, DraftView]) -> dict[str, Any]:
    from afterview.cli.agenda import draft_json
    from afterview.cli.openings import opening_json
    from afterview.cli.records import action_json

    return {
        "interview": {"id": found.interview.id, "label": found.interview.label},
        "practices": [
            {
                "practice": p.number,
                "name": p.name,
                "note": p.note,
                "actions": [
                    action_json(a) | {"draft": draft_json(drafts.get(a.id))} for a in p.actions
                ],
                "openings": [opening_json(o) for o in p.openings],
            }
            for p in found.practices
        ],
    }


@click.group()
def action() -> None:
    """Mark planned actions done, skip them, or snooze them (ids from `afterview today`)."""


@action.command()
@click.argument("action_id", type=int)
@pass_state
def done(state: CliState, action_id: int) -> None:
    """Mark ACTION_ID done."""
    from afterview.domain.actions import ActionState
    from afterview.services.actions import finish_action

    finished = finish_action(state.workspace(), action_id, ActionState.DONE)
    click.echo(f"Done: {finished.reason}.")


@action.command()
@click.argument("action_id", type=int)
@pass_state
def skip(state: CliState, action_id: int) -> None:
    """Skip ACTION_ID: it will not come back when the plan is made again."""
    from afterview.domain.actions import ActionState
    from afterview.services.actions import finish_action

    skipped = finish_action(state.workspace(), action_id, ActionState.SKIPPED)
    click.echo(f"Skipped: {skipped.reason}.")


@action.command()
@click.argument("action_id", type=int)
@click.option(
    "--until",
    "until",
    default="tomorrow 9:00",
    show_default=True,
    help="When it should come back, e.g. 'monday 9:00'.",
)
@pass_state
def snooze(state: CliState, action_id: int, until: str) -> None:
    """Put ACTION_ID off until later."""
    from afterview.services.actions import snooze_action
    from afterview.services.profile import display_zone

    ws = state.workspace()
    snoozed = snooze_action(ws, action_id, until)
    assert snoozed.snoozed_until is not None
    click.echo(
        f"Snoozed until {local_time(snoozed.snoozed_until, display_zone(ws))}: {snoozed.reason}."
    )


@click.command()
@click.argument("application")
@click.option("--anyway", is_flag=True, help="Record it even though it is early.")
@pass_state
def followup(state: CliState, application: str, anyway: bool) -> None:
    """Record that you followed up on APPLICATION. Too early is refused, with the reason and
    the first fitting day; the second follow-up and then a gone-quiet check are planned."""
    from afterview.services.actions import follow_up
    from afterview.services.profile import display_zone

    ws = state.workspace()
    _done, following = follow_up(ws, application, anyway=anyway)
    click.echo("Recorded your follow-up.")
    if following is not None:
        click.echo(
            f"Next, from {local_time(following.due_at, display_zone(ws))}: {following.reason}."
        )


@click.command()
@pass_state
def replan(state: CliState) -> None:
    """Plan every application again, for example after changing the rules in config.toml.
    What you finished or skipped stays as it is."""
    from afterview.services.playbook import replan_everything

    changed = replan_everything(state.workspace())
    click.echo(
        f"Planned again: {changed} action{'s' if changed != 1 else ''} added, moved or dropped."
    )

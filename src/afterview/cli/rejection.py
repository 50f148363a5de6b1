"""`afterview reject APP`: a rejection, taken gracefully (practice 10)."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import naming_options, on_terminal, pass_state
from afterview.cli.output import local_time, print_section, print_table


@click.command()
@click.argument("application")
@click.option("--reason", default="", help="Why, as far as you know (kept in the timeline).")
@click.option(
    "--feedback", default="", help="What they said about you, in their words (kept for trends)."
)
@click.option("--automated", is_flag=True, help="A form letter: no reply is planned.")
@click.option(
    "--still-interested",
    is_flag=True,
    help="You would apply again: plan a reminder to reconnect some months on.",
)
@click.option(
    "--lessons/--no-lessons",
    "offer_lessons",
    default=None,
    help="Offer to write down the lessons right away (default: on a terminal).",
)
@pass_state
def reject(
    state: CliState,
    application: str,
    reason: str,
    feedback: str,
    automated: bool,
    still_interested: bool,
    offer_lessons: bool | None,
) -> None:
    """Record that APPLICATION was rejected. The plan gets a gracious reply (its draft
    ready; none for a form letter), the lessons to write down, and with --still-interested
    a reminder to reconnect; then the health of your pipeline, for the next step."""
    from afterview.cli.agenda import draft_cell, print_health, with_drafts
    from afterview.domain.actions import ActionKind
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.profile import display_zone
    from afterview.services.rejection import reject as reject_application

    ws = state.workspace()
    names = {"reason": "--reason", "feedback": "--feedback", "notes": "--feedback"}
    with naming_options(names):
        done = reject_application(
            ws,
            application,
            reason=reason,
            feedback=feedback,
            automated=automated,
            still_interested=still_interested,
        )
    target = done.application
    click.echo(f"Application {target.id} ({target.label}) is now {target.stage}.")
    if done.feedback is not None:
        click.echo("Their feedback is kept: afterview review trends counts it.")
    zone = display_zone(ws)
    drafts = drafts_for_actions(ws, done.planned)
    print_section("Planned")
    rows = [
        (a.id, local_time(a.effective_due(), zone), a.reason, draft_cell(drafts.get(a.id)))
        for a in done.planned
    ]
    print_table(*with_drafts(["ID", "Due", "What"], rows), empty="Nothing.")
    for a in done.planned:
        view = drafts.get(a.id)
        if view is not None:
            click.echo(f"Read and send the reply: afterview draft show {view.draft.id}")
    print_health(done.health)
    if not any(a.kind == ActionKind.LESSONS_LEARNED for a in done.planned):
        return
    if offer_lessons if offer_lessons is not None else on_terminal():
        click.echo()
        if click.confirm("Write down the lessons now?", default=False):
            from afterview.cli.reviews import write_lessons

            write_lessons(ws, target.id)
            return
    click.echo(f"\nWrite down the lessons: afterview review lessons {target.id}")

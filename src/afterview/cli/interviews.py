"""`afterview interview ...`: interviews."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import (
    emit_json,
    interview_when,
    print_fields,
    print_interviews,
    print_timeline,
)

KINDS = "phone, video, onsite, technical, panel, behavioural, case, final, other"


@click.group()
def interview() -> None:
    """Track interviews: when, with whom, what was said about next steps, and notes.

    Times are typed naturally: 'tomorrow 14:00', 'fri 9:30am', '2026-12-03 10:30
    Europe/Berlin'. Without a zone, your profile's time zone is used.
    """


@interview.command("add")
@click.argument("application")
@click.argument("when")
@click.option("--duration", help="How long, e.g. 45m or 1h30m (default 1h).")
@click.option("--round", "round_", type=int, help="Which round (default: the next one).")
@click.option("--kind", default="video", show_default=True, help=KINDS)
@click.option("--location", default="", help="Address or meeting link.")
@click.option(
    "--with",
    "interviewers",
    multiple=True,
    metavar="CONTACT",
    help="An interviewer, by id or name (repeatable); new names become contacts.",
)
@click.option(
    "--next-step",
    "next_step",
    default="",
    help="What they said about next steps, as they said it ('by Friday').",
)
@click.option("--notes", default="", help="Free text.")
@pass_state
def add(
    state: CliState,
    application: str,
    when: str,
    duration: str | None,
    round_: int | None,
    kind: str,
    location: str,
    interviewers: tuple[str, ...],
    next_step: str,
    notes: str,
) -> None:
    """Schedule an interview for APPLICATION (id or name) starting WHEN."""
    from afterview.domain.interviews import parse_interview_kind
    from afterview.services.interviews import add_interview

    saved = add_interview(
        state.workspace(),
        application=application,
        starts=when,
        duration=duration,
        round=round_,
        kind=parse_interview_kind(kind),
        location=location,
        interviewers=interviewers,
        next_step_said=next_step,
        notes=notes,
    )
    when_text = interview_when(saved.starts_at, saved.ends_at, saved.time_zone)
    click.echo(
        f"Added interview {saved.id}: {saved.application_label}, round {saved.round}, {when_text}."
    )


@interview.command("list")
@click.option("--app", "application", help="Only this application (id or name).")
@click.option("--upcoming", is_flag=True, help="Only those that have not started yet.")
@json_option
@pass_state
def list_(state: CliState, application: str | None, upcoming: bool, as_json: bool) -> None:
    """List interviews in time order."""
    from afterview.cli.records import interview_json
    from afterview.services.interviews import list_interviews

    interviews = list_interviews(state.workspace(), application=application, upcoming=upcoming)
    if as_json:
        emit_json([interview_json(i) for i in interviews])
        return
    print_interviews(
        interviews, empty="No interviews. Add one with: afterview interview add APPLICATION WHEN"
    )


@interview.command("show")
@click.argument("reference")
@json_option
@pass_state
def show(state: CliState, reference: str, as_json: bool) -> None:
    """Show one interview (id, or company/role/interviewer fragment) with its timeline."""
    from afterview.cli.records import event_json, interview_json
    from afterview.services.interviews import show_interview

    ws = state.workspace()
    detail = show_interview(ws, reference)
    i = detail.interview
    if as_json:
        emit_json(interview_json(i) | {"timeline": [event_json(e) for e in detail.timeline]})
        return
    panel = [c.label for c in detail.interviewers]
    print_fields(
        f"{i.application_label}, round {i.round} (interview {i.id})",
        [
            ("When", interview_when(i.starts_at, i.ends_at, i.time_zone)),
            ("Kind", i.kind),
            ("Where", i.location),
            ("With", "; ".join(panel)),
            ("Next step", f"“{i.next_step_said}”" if i.next_step_said else ""),
            ("Notes", i.notes),
        ],
    )
    print_timeline(detail.timeline, detail.zone)


@interview.command("edit")
@click.argument("reference")
@click.option("--at", "when", help="A new start, e.g. 'thu 15:00', or '15:00' on the same day.")
@click.option("--zone", help="The zone it really is in, e.g. Europe/London (keeps the clock time).")
@click.option("--duration", help="A new length, e.g. 45m.")
@click.option("--round", "round_", type=int)
@click.option("--kind", help=KINDS)
@click.option("--location")
@click.option(
    "--with",
    "interviewers",
    multiple=True,
    metavar="CONTACT",
    help="The whole panel, by id or name (repeatable); replaces the old one.",
)
@click.option("--next-step", "next_step", help="What they said about next steps.")
@click.option("--notes")
@pass_state
def edit(
    state: CliState,
    reference: str,
    when: str | None,
    zone: str | None,
    duration: str | None,
    round_: int | None,
    kind: str | None,
    location: str | None,
    interviewers: tuple[str, ...],
    next_step: str | None,
    notes: str | None,
) -> None:
    """Change an interview (options not given stay as they are)."""
    from afterview.domain.interviews import parse_interview_kind
    from afterview.services.interviews import edit_interview

    saved = edit_interview(
        state.workspace(),
        reference,
        starts=when,
        zone=zone,
        duration=duration,
        round=round_,
        kind=parse_interview_kind(kind) if kind else None,
        location=location,
        interviewers=interviewers or None,
        next_step_said=next_step,
        notes=notes,
    )
    click.echo(
        f"Saved interview {saved.id}: {saved.application_label}, round {saved.round}, "
        f"{interview_when(saved.starts_at, saved.ends_at, saved.time_zone)}."
    )

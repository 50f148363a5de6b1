"""`afterview app ...`: applications."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state, read_text_file, text_file_type
from afterview.cli.output import (
    emit_json,
    interview_start,
    local_time,
    print_fields,
    print_section,
    print_table,
    print_timeline,
)

if TYPE_CHECKING:
    from afterview.services.applications import ApplicationDetail


@click.group()
def app() -> None:
    """Track applications: add, list, show, edit, and move them through stages.

    Stages: saved, applied, screening, interviewing, offer, then accepted, or an ending:
    rejected, withdrawn, declined (you turned an offer down), gone-quiet.
    """


@app.command("add")
@click.argument("company")
@click.argument("role")
@click.option("--stage", default="applied", show_default=True, help="Where it stands now.")
@click.option("--priority", default="normal", show_default=True, help="low, normal or high.")
@click.option("--link", default="", help="The job posting's address.")
@click.option("--source", default="", help="Where you found it (referral, LinkedIn, ...).")
@click.option("--location", default="", help="City, or remote.")
@click.option("--salary", default="", help="Range and currency, e.g. '90k-110k EUR'.")
@click.option(
    "--applied", "applied_on", help="When you applied (default: today), e.g. 'yesterday'."
)
@click.option("--notes", default="", help="Free text.")
@click.option(
    "--posting-file",
    type=text_file_type,
    help="A file with the job posting's text ('-': standard input), for cover letters.",
)
@pass_state
def add(
    state: CliState,
    company: str,
    role: str,
    stage: str,
    priority: str,
    link: str,
    source: str,
    location: str,
    salary: str,
    applied_on: str | None,
    notes: str,
    posting_file: Path | None,
) -> None:
    """Record an application for ROLE at COMPANY (the company is created if new)."""
    from afterview.domain.applications import parse_priority, parse_salary
    from afterview.domain.stages import parse_stage
    from afterview.services.applications import add_application

    application = add_application(
        state.workspace(),
        company=company,
        role=role,
        stage=parse_stage(stage),
        priority=parse_priority(priority),
        link=link,
        source=source,
        location=location,
        salary=parse_salary(salary),
        applied_on=applied_on,
        notes=notes,
        posting=read_text_file(posting_file) if posting_file else "",
    )
    click.echo(f"Added application {application.id}: {application.label} ({application.stage}).")


@app.command("list")
@click.option("--stage", "stages", multiple=True, help="Only this stage (repeatable).")
@click.option("--active", is_flag=True, help="Only applications that have not ended.")
@click.option("--company", help="Only this company (id or name).")
@json_option
@pass_state
def list_(
    state: CliState, stages: tuple[str, ...], active: bool, company: str | None, as_json: bool
) -> None:
    """List applications, most recently moved first."""
    from afterview.cli.records import application_json
    from afterview.domain.stages import parse_stage
    from afterview.services.applications import list_applications

    applications = list_applications(
        state.workspace(),
        stages=[parse_stage(s) for s in stages],
        active=active,
        company=company,
    )
    if as_json:
        emit_json([application_json(a) for a in applications])
        return
    print_table(
        ["ID", "Company", "Role", "Stage", "Priority", "Applied"],
        [
            (a.id, a.company_name, a.role, a.stage, a.priority, a.applied_on or "")
            for a in applications
        ],
        empty="No applications. Add one with: afterview app add COMPANY ROLE",
    )


@app.command("show")
@click.argument("reference")
@json_option
@pass_state
def show(state: CliState, reference: str, as_json: bool) -> None:
    """Show one application (id or name fragment) with its interviews and timeline."""
    from afterview.cli.records import application_json, event_json, interview_json
    from afterview.services.applications import show_application

    ws = state.workspace()
    detail = show_application(ws, reference)
    a = detail.application
    if as_json:
        emit_json(
            application_json(a)
            | {
                "posting": a.posting,
                "interviews": [interview_json(i) for i in detail.interviews],
                "timeline": [event_json(e) for e in detail.timeline],
            }
        )
        return
    _print_application(detail)


def _print_application(detail: ApplicationDetail) -> None:
    a, zone = detail.application, detail.zone
    salary = a.salary
    pay = "–".join(f"{v:,}" for v in (salary.minimum, salary.maximum) if v is not None)
    print_fields(
        f"{a.label} (application {a.id})",
        [
            ("Stage", f"{a.stage} since {local_time(a.stage_changed_at, zone)}"),
            ("Priority", a.priority),
            ("Applied", a.applied_on),
            ("Location", a.location),
            ("Salary", f"{pay} {salary.currency or ''}".strip()),
            ("Source", a.source),
            ("Link", a.link),
            ("Notes", a.notes),
            ("Posting", f"{len(a.posting.split())} words" if a.posting else ""),
        ],
    )
    print_section("Interviews")
    print_table(
        ["ID", "Round", "Kind", "When", "With"],
        [
            (i.id, i.round, i.kind, interview_start(i.starts_at, i.time_zone), i.interviewer_names)
            for i in detail.interviews
        ],
        empty="No interviews yet.",
    )
    print_timeline(detail.timeline, zone)


@app.command("edit")
@click.argument("reference")
@click.option("--company", help="Move it to another company.")
@click.option("--role")
@click.option("--priority", help="low, normal or high.")
@click.option("--link")
@click.option("--source")
@click.option("--location")
@click.option("--salary", help="Range and currency, e.g. '90k-110k EUR'; '' clears it.")
@click.option("--applied", "applied_on", help="When you applied; '' clears it.")
@click.option("--notes")
@click.option(
    "--posting-file",
    type=text_file_type,
    help="Replace the job posting's text with this file's ('-': standard input).",
)
@pass_state
def edit(
    state: CliState,
    reference: str,
    company: str | None,
    role: str | None,
    priority: str | None,
    link: str | None,
    source: str | None,
    location: str | None,
    salary: str | None,
    applied_on: str | None,
    notes: str | None,
    posting_file: Path | None,
) -> None:
    """Change an application's details (options not given stay as they are)."""
    from afterview.domain.applications import parse_priority, parse_salary
    from afterview.services.applications import edit_application

    application = edit_application(
        state.workspace(),
        reference,
        company=company,
        role=role,
        priority=parse_priority(priority) if priority is not None else None,
        link=link,
        source=source,
        location=location,
        salary=parse_salary(salary) if salary is not None else None,
        applied_on=applied_on,
        notes=notes,
        posting=read_text_file(posting_file) if posting_file else None,
    )
    click.echo(f"Saved application {application.id}: {application.label}.")


@app.command("stage")
@click.argument("reference")
@click.argument("stage")
@click.option("--note", default="", help="Why, in a few words (kept in the timeline).")
@click.option("--automated", is_flag=True, help="Rejected by a form letter: no reply planned.")
@click.option(
    "--still-interested",
    is_flag=True,
    help="Rejected, but you would apply again: plan a reconnect reminder.",
)
@pass_state
def stage(
    state: CliState,
    reference: str,
    stage: str,
    note: str,
    automated: bool,
    still_interested: bool,
) -> None:
    """Move an application to STAGE; the plan follows (an offer: a decision; a rejection:
    a gracious reply, lessons learned, and a reminder if you are still interested)."""
    from afterview.domain.stages import parse_stage
    from afterview.services.applications import change_stage

    application = change_stage(
        state.workspace(),
        reference,
        parse_stage(stage),
        note=note,
        automated=automated,
        still_interested=still_interested,
    )
    click.echo(f"Application {application.id} ({application.label}) is now {application.stage}.")

"""`afterview contact ...`: people."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import (
    emit_json,
    interview_start,
    print_fields,
    print_section,
    print_table,
    print_timeline,
)


@click.group()
def contact() -> None:
    """Keep contacts: interviewers, recruiters, references and your network."""


@contact.command("add")
@click.argument("name")
@click.option("--email", "emails", multiple=True, help="An e-mail address (repeatable).")
@click.option("--phone", "phones", multiple=True, help="A phone number (repeatable).")
@click.option("--company", help="Where they work (created if new).")
@click.option("--title", default="", help="Their job title.")
@click.option("--notes", default="", help="Free text.")
@pass_state
def add(
    state: CliState,
    name: str,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    company: str | None,
    title: str,
    notes: str,
) -> None:
    """Add a contact called NAME."""
    from afterview.services.contacts import add_contact

    saved = add_contact(
        state.workspace(),
        name=name,
        emails=emails,
        phones=phones,
        company=company,
        title=title,
        notes=notes,
    )
    click.echo(f"Added contact {saved.id}: {saved.label}.")


@contact.command("list")
@click.argument("search", default="")
@click.option("--company", help="Only people at this company (id or name).")
@json_option
@pass_state
def list_(state: CliState, search: str, company: str | None, as_json: bool) -> None:
    """List contacts by name; SEARCH keeps those whose name, title, company or e-mail has it."""
    from afterview.cli.records import contact_json
    from afterview.services.contacts import list_contacts

    contacts = list_contacts(state.workspace(), search=search, company=company)
    if as_json:
        emit_json([contact_json(c) for c in contacts])
        return
    print_table(
        ["ID", "Name", "Title", "Company", "E-mail"],
        [(c.id, c.name, c.title, c.company_name or "", c.emails[:1]) for c in contacts],
        empty="No contacts found.",
    )


@contact.command("show")
@click.argument("reference")
@json_option
@pass_state
def show(state: CliState, reference: str, as_json: bool) -> None:
    """Show one contact (id or name fragment), the interviews they were on, and history."""
    from afterview.cli.records import contact_json, event_json, interview_json
    from afterview.services.contacts import show_contact

    ws = state.workspace()
    detail = show_contact(ws, reference)
    c = detail.contact
    if as_json:
        emit_json(
            contact_json(c)
            | {
                "interviews": [interview_json(i) for i in detail.interviews],
                "timeline": [event_json(e) for e in detail.timeline],
            }
        )
        return
    print_fields(
        f"{c.name} (contact {c.id})",
        [
            ("Title", c.title),
            ("Company", c.company_name),
            ("E-mail", c.emails),
            ("Phone", c.phones),
            ("Origin", c.origin),
            ("Notes", c.notes),
        ],
    )
    print_section("Interviews")
    print_table(
        ["ID", "Application", "Round", "When"],
        [
            (i.id, i.application_label, i.round, interview_start(i.starts_at, i.time_zone))
            for i in detail.interviews
        ],
        empty="None.",
    )
    print_timeline(detail.timeline, detail.zone)


@contact.command("edit")
@click.argument("reference")
@click.option("--name")
@click.option("--email", "emails", multiple=True, help="All e-mail addresses (replaces).")
@click.option("--phone", "phones", multiple=True, help="All phone numbers (replaces).")
@click.option("--company", help="Where they work; '' for none.")
@click.option("--title")
@click.option("--notes")
@pass_state
def edit(
    state: CliState,
    reference: str,
    name: str | None,
    emails: tuple[str, ...],
    phones: tuple[str, ...],
    company: str | None,
    title: str | None,
    notes: str | None,
) -> None:
    """Change a contact (options not given stay as they are)."""
    from afterview.services.contacts import edit_contact

    saved = edit_contact(
        state.workspace(),
        reference,
        name=name,
        emails=emails or None,
        phones=phones or None,
        company=company,
        title=title,
        notes=notes,
    )
    click.echo(f"Saved contact {saved.id}: {saved.label}.")

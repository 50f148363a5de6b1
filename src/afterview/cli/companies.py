"""`afterview company ...`: employers."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, print_fields, print_section, print_table, print_timeline


@click.group()
def company() -> None:
    """Keep companies, with the other names and e-mail domains they go by."""


@company.command("add")
@click.argument("name")
@click.option("--alias", "aliases", multiple=True, help="Another name it goes by (repeatable).")
@click.option("--domain", "domains", multiple=True, help="An e-mail/web domain (repeatable).")
@click.option("--notes", default="", help="Free text.")
@pass_state
def add(
    state: CliState, name: str, aliases: tuple[str, ...], domains: tuple[str, ...], notes: str
) -> None:
    """Add a company called NAME."""
    from afterview.services.companies import add_company

    saved = add_company(state.workspace(), name=name, aliases=aliases, domains=domains, notes=notes)
    click.echo(f"Added company {saved.id}: {saved.name}.")


@company.command("list")
@json_option
@pass_state
def list_(state: CliState, as_json: bool) -> None:
    """List companies by name."""
    from afterview.cli.records import company_json
    from afterview.services.companies import list_companies

    companies = list_companies(state.workspace())
    if as_json:
        emit_json([company_json(c) for c in companies])
        return
    print_table(
        ["ID", "Name", "Also known as", "Domains"],
        [(c.id, c.name, c.aliases, c.domains) for c in companies],
        empty="No companies yet.",
    )


@company.command("show")
@click.argument("reference")
@json_option
@pass_state
def show(state: CliState, reference: str, as_json: bool) -> None:
    """Show a company with its applications, the people you know there, and history."""
    from afterview.cli.records import application_json, company_json, contact_json, event_json
    from afterview.services.companies import show_company

    ws = state.workspace()
    detail = show_company(ws, reference)
    c = detail.company
    if as_json:
        emit_json(
            company_json(c)
            | {
                "applications": [application_json(a) for a in detail.applications],
                "contacts": [contact_json(p) for p in detail.contacts],
                "timeline": [event_json(e) for e in detail.timeline],
            }
        )
        return
    print_fields(
        f"{c.name} (company {c.id})",
        [("Also known as", c.aliases), ("Domains", c.domains), ("Notes", c.notes)],
    )
    print_section("Applications")
    print_table(
        ["ID", "Role", "Stage", "Applied"],
        [(a.id, a.role, a.stage, a.applied_on or "") for a in detail.applications],
        empty="None.",
    )
    print_section("People")
    print_table(
        ["ID", "Name", "Title"],
        [(p.id, p.name, p.title) for p in detail.contacts],
        empty="Nobody yet.",
    )
    print_timeline(detail.timeline, detail.zone)


@company.command("edit")
@click.argument("reference")
@click.option("--name")
@click.option("--alias", "aliases", multiple=True, help="All other names (replaces).")
@click.option("--domain", "domains", multiple=True, help="All domains (replaces).")
@click.option("--notes")
@pass_state
def edit(
    state: CliState,
    reference: str,
    name: str | None,
    aliases: tuple[str, ...],
    domains: tuple[str, ...],
    notes: str | None,
) -> None:
    """Change a company (options not given stay as they are)."""
    from afterview.services.companies import edit_company

    saved = edit_company(
        state.workspace(),
        reference,
        name=name,
        aliases=aliases or None,
        domains=domains or None,
        notes=notes,
    )
    click.echo(f"Saved company {saved.id}: {saved.name}.")

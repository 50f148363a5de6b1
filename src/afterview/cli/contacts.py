"""`afterview contact ...`: people."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from afterview.services.contact_import import ImportReport


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
            ("Worked at", ", ".join(c.past_companies)),
            ("LinkedIn", c.linkedin_url),
            ("Connected", c.connected_on.isoformat() if c.connected_on else ""),
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


@contact.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "kind",
    type=click.Choice(["linkedin", "vcard", "csv"]),
    help="The file's kind (found from its contents when not given).",
)
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="For another CSV: which column holds a field (name, first_name, last_name, emails, "
    "phones, company, title, linkedin_url, notes); repeatable.",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@json_option
@pass_state
def import_(
    state: CliState,
    file: Path,
    kind: str | None,
    mapping: tuple[str, ...],
    dry_run: bool,
    as_json: bool,
) -> None:
    """Import people from LinkedIn's Connections.csv, a vCard file (.vcf) or another CSV.
    People already known (same LinkedIn address, e-mail, or name at the same company) are
    updated, not added twice. All or nothing: a malformed file changes nothing."""
    from afterview.services.contact_import import Format, import_contacts

    with _progress(as_json) as progress:
        report = import_contacts(
            state.workspace(),
            file,
            format=Format(kind) if kind else None,
            mapping=_mapping(mapping),
            dry_run=dry_run,
            progress=progress,
        )
    if as_json:
        emit_json(_import_json(report))
        return
    _print_import(report)


@contact.command("export")
@click.option("--vcard", "as_vcard", is_flag=True, help="As vCard 3.0 (.vcf).")
@click.option(
    "-o", "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file."
)
@click.option("--company", help="Only people at this company (id or name).")
@pass_state
def export(state: CliState, as_vcard: bool, out: Path | None, company: str | None) -> None:
    """Write your contacts as vCards, for an address book or a phone."""
    from afterview.services.contact_import import export_vcards

    if not as_vcard:
        raise click.UsageError("Say the format: --vcard.")
    text, count = export_vcards(state.workspace(), company=company, path=out)
    if out is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"Wrote {count} contacts to {out}.", err=True)


def _mapping(pairs: tuple[str, ...]) -> dict[str, str] | None:
    found: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"{pair!r} is not FIELD=COLUMN", param_hint="--map")
        found[name.strip()] = column.strip()
    return found or None


@contextmanager
def _progress(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for a long import, in a terminal only."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Importing", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _print_import(report: ImportReport) -> None:
    verb = "Would import" if report.dry_run else "Imported"
    kind = {"linkedin": "a LinkedIn export", "vcard": "vCards", "csv": "CSV"}[report.format]
    counts = (
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
    )
    click.echo(f"{verb} {report.source} ({kind}): {counts}.")
    if report.companies_added:
        shown = ", ".join(report.companies_added[:5])
        more = (
            f" and {len(report.companies_added) - 5} more"
            if len(report.companies_added) > 5
            else ""
        )
        click.echo(f"New companies: {shown}{more}.")
    if report.updated:
        print_section("Updated")
        print_table(
            ["Line", "Contact", "Changed"],
            [(u.record.line, u.contact.name, ", ".join(u.changes)) for u in report.updated],
        )
    if report.skipped:
        print_section("Skipped")
        print_table(["Line", "Name", "Why"], [(s.line, s.name, s.reason) for s in report.skipped])
    if report.dry_run:
        click.echo("Nothing was written (--dry-run).")


def _import_json(report: ImportReport) -> dict[str, object]:
    return {
        "source": report.source,
        "format": str(report.format),
        "dry_run": report.dry_run,
        "added": [{"line": r.line, "name": r.name} for r in report.added],
        "updated": [
            {
                "line": u.record.line,
                "contact": {"id": u.contact.id, "name": u.contact.name},
                "changed": list(u.changes),
            }
            for u in report.updated
        ],
        "unchanged": report.unchanged,
        "skipped": [{"line": s.line, "name": s.name, "reason": s.reason} for s in report.skipped],
        "companies_added": report.companies_added,
    }

"""`afterview refs ...`: references, where they were given, and how often lately."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, print_table

if TYPE_CHECKING:
    from afterview.services.references import Reference


@click.group()
def refs() -> None:
    """References: mark them, log where you gave them, see how often they were asked."""


@refs.command("add")
@click.argument("contact")
@click.option("--relationship", help="How they know you: 'my manager at Initech, 2021-2024'.")
@click.option("--knows", "knows_work", help="What of your work they can speak to.")
@pass_state
def add(state: CliState, contact: str, relationship: str | None, knows_work: str | None) -> None:
    """Mark CONTACT as a reference (again: change what is said about them)."""
    from afterview.services.references import mark_reference

    saved = mark_reference(
        state.workspace(), contact, relationship=relationship, knows_work=knows_work
    )
    click.echo(
        f"{saved.name} is a reference" + (f": {saved.relationship}." if saved.relationship else ".")
    )


@refs.command("remove")
@click.argument("contact")
@pass_state
def remove(state: CliState, contact: str) -> None:
    """CONTACT is no longer a reference (where they were given stays in the log)."""
    from afterview.services.references import mark_reference

    saved = mark_reference(state.workspace(), contact, marked=False)
    click.echo(f"{saved.name} is no longer a reference.")


@refs.command("give")
@click.argument("application")
@click.argument("contacts", nargs=-1, required=True)
@click.option("--on", help="The day you gave them (default: today).")
@pass_state
def give(state: CliState, application: str, contacts: tuple[str, ...], on: str | None) -> None:
    """Log that you gave CONTACTS as references for APPLICATION; each gets a heads-up in the
    plan (practice 2), with its draft."""
    from afterview.services.references import give_references

    given = give_references(state.workspace(), application, contacts, on)
    for reference in given.added:
        click.echo(f"Gave {reference.contact.name}: a heads-up is planned.")
        if reference.warning:
            click.echo(f"  Careful: {reference.warning}")
    for contact in given.already:
        click.echo(f"{contact.name} was already given for this application.")


@refs.command("list")
@json_option
@pass_state
def list_(state: CliState, as_json: bool) -> None:
    """Your references, where each was given lately, and which are asked too often."""
    from afterview.services.references import list_references

    found = list_references(state.workspace())
    if as_json:
        emit_json([_json(r) for r in found])
        return
    print_table(
        ["ID", "Reference", "Relationship", "Given", "Last given for"],
        [
            (
                r.contact.id,
                r.contact.name,
                r.contact.relationship,
                f"{r.recent} in {r.window_days} days" + (" — too often" if r.overused else ""),
                f"{r.uses[0].application_label} ({r.uses[0].use.given_on})" if r.uses else "",
            )
            for r in found
        ],
        empty="No references yet: afterview refs add CONTACT --relationship '...'",
    )


def _json(reference: Reference) -> dict[str, object]:
    from afterview.cli.records import contact_json

    return {
        "contact": contact_json(reference.contact),
        "uses": [
            {
                "application": {"id": u.use.application_id, "label": u.application_label},
                "given_on": u.use.given_on.isoformat(),
            }
            for u in reference.uses
        ],
        "recent": reference.recent,
        "overused": reference.overused,
        "warning": reference.warning,
    }

"""`afterview who COMPANY`: the people you know there."""

from __future__ import annotations

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, print_table


@click.command()
@click.argument("company")
@json_option
@pass_state
def who(state: CliState, company: str, as_json: bool) -> None:
    """The people you know at COMPANY (id, name, alias or any spelling), best first, with
    why each one matched and how sure; then those who used to work there."""
    from afterview.cli.records import contact_json
    from afterview.services.network import who_at

    found = who_at(state.workspace(), company)
    name = found.company.name
    if as_json:
        emit_json(
            {
                "asked": found.asked,
                "company": {"id": getattr(found.company, "id", None), "name": name},
                "people": [
                    {
                        "contact": contact_json(p.contact),
                        "former": p.former,
                        "match": {
                            "level": str(p.match.level),
                            "score": p.match.score,
                            "reason": p.match.reason,
                        },
                    }
                    for p in found.people
                ],
            }
        )
        return
    taken = f" (taken as {name})" if name.casefold() != found.asked.casefold() else ""
    current = [p for p in found.people if not p.former]
    former = [p for p in found.people if p.former]
    click.echo(
        f"People you know at {found.asked}{taken}: {len(current)}"
        + (f", and {len(former)} who used to work there." if former else ".")
    )
    print_table(
        ["ID", "Name", "Title", "Works at", "Sure", "Why"],
        [
            (
                p.contact.id,
                p.contact.name,
                p.contact.title,
                "used to" if p.former else p.contact.company_name or "",
                p.match.score,
                p.match.reason,
            )
            for p in found.people
        ],
        empty="Nobody you know there yet.",
    )


@click.group()
def network() -> None:
    """Networking (practice 5): whom you asked about an application, and who replied. Ask
    with a networking note: afterview draft networking-note APP --to CONTACT."""


@network.command("list")
@click.argument("application")
@json_option
@pass_state
def network_list(state: CliState, application: str, as_json: bool) -> None:
    """The people asked about APPLICATION: the note, when it went, and whether they replied."""
    from afterview.cli.output import local_time
    from afterview.services.exchanges import exchanges
    from afterview.services.profile import display_zone

    ws = state.workspace()
    found = exchanges(ws, application)
    if as_json:
        emit_json(
            [
                {
                    "contact": {"id": x.contact.id, "name": x.contact.name},
                    "draft": x.draft.id,
                    "asked_at": x.asked_at.isoformat() if x.asked_at else None,
                    "replied_at": x.replied_at.isoformat() if x.replied_at else None,
                }
                for x in found
            ]
        )
        return
    zone = display_zone(ws)
    print_table(
        ["Contact", "Note", "Asked", "Replied"],
        [
            (
                x.contact.name,
                f"draft {x.draft.id}",
                local_time(x.asked_at, zone) if x.asked_at else "not sent yet",
                local_time(x.replied_at, zone) if x.replied_at else "",
            )
            for x in found
        ],
        empty="Nobody asked yet: afterview draft networking-note APP --to CONTACT.",
    )


@network.command("replied")
@click.argument("contact")
@click.option("--app", "application", help="The application the reply was about.")
@click.option("--note", default="", help="What they said, in a line.")
@pass_state
def replied(state: CliState, contact: str, application: str | None, note: str) -> None:
    """Note that CONTACT replied; it shows on their timeline."""
    from afterview.services.exchanges import record_reply

    person = record_reply(state.workspace(), contact, application=application, note=note)
    click.echo(f"Noted {person.name}'s reply.")

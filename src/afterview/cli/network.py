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

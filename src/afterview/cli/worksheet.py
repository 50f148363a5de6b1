"""The decision worksheet (`afterview offer compare`), as a table and words, or as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from afterview.cli.output import print_section, print_table

if TYPE_CHECKING:
    from afterview.domain.offers import Row
    from afterview.services.offers import Comparison


def print_comparison(found: Comparison) -> None:
    from afterview.cli.offers import percent
    from afterview.domain.offers import NEUTRAL, criterion_label

    sheet = found.sheet
    rows = [
        (
            criterion_label(key),
            percent(share),
            *(_cell(row, key) for row in sheet.rows),
        )
        for key, share in sheet.normalised.items()
    ]
    rows.append(("Score", "100%", *(f"{row.score:.2f}" for row in sheet.rows)))
    rows.append(("Rank", "", *(str(row.rank) for row in sheet.rows)))
    click.echo("Decision worksheet: each criterion scored 1 (poor) to 5 (excellent).")
    print_table(["Criterion", "Weight", *(row.offer.label for row in sheet.rows)], rows)
    if any(row.pay_worked_out for row in sheet.rows):
        click.echo("* pay worked out from the yearly value: the best offer 5, the others in step.")
    if any(row.unscored for row in sheet.rows):
        click.echo(
            f"({NEUTRAL}) not scored yet, counted as {NEUTRAL}: afterview offer score OFFER CRIT=N"
        )
    print_section("Ranking")
    for row in sheet.rows:
        _print_offer(found, row)
    print_section("Sensitivity")
    click.echo(found.summary)


def _cell(row: Row, key: str) -> str:
    value = row.scores[key]
    if key == "pay" and row.pay_worked_out:
        return f"{value:.1f}*"
    if key in row.unscored:
        return f"({value:g})"
    return f"{value:g}"


def _print_offer(found: Comparison, row: Row) -> None:
    from afterview.cli.offers import days_left

    offer = row.offer
    click.echo(f"{row.rank}. {offer.label} (offer {offer.id}): {row.score:.2f} of 5")
    click.echo(f"   {offer.arithmetic()}")
    if offer.deadline is not None:
        left = found.days_left.get(offer.id)
        tail = f": {days_left(left)} left" if left is not None and left >= 0 else ""
        click.echo(f"   Answer by {offer.deadline:%a %Y-%m-%d}{tail}")
    flags = found.flags.get(offer.id, [])
    if flags:
        click.echo("   Red flags:")
        for flag in flags:
            click.echo(f"   - {flag}")
    elif not offer.is_current:
        click.echo("   No red flags in your notes.")


def comparison_json(found: Comparison) -> dict[str, Any]:
    from afterview.cli.offers import offer_json

    sheet, sensitivity = found.sheet, found.sheet.sensitivity
    return {
        "weights": dict(sheet.weights),
        "shares": dict(sheet.normalised),
        "currency": sheet.currency,
        "offers": [
            {
                "offer": offer_json(row.offer),
                "rank": row.rank,
                "score": row.score,
                "scores": dict(row.scores),
                "pay_worked_out": row.pay_worked_out,
                "unscored": list(row.unscored),
                "red_flags": found.flags.get(row.offer.id, []),
                "days_left": found.days_left.get(row.offer.id),
            }
            for row in sheet.rows
        ],
        "sensitivity": None
        if sensitivity is None
        else {
            "leaders": list(sensitivity.leaders),
            "margin": sensitivity.margin,
            "holds": sensitivity.holds,
            "most_sensitive": sensitivity.most_sensitive,
            "flips": [
                {"criterion": s.criterion, "factor": s.factor, "leaders": list(s.leaders)}
                for s in sensitivity.flips
            ],
        },
        "summary": found.summary,
    }

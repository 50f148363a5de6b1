"""`afterview offer ...`: offers, the current job as a baseline, and the decision worksheet
(practice 7)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import click

from afterview.cli import CliState
from afterview.cli.options import (
    json_option,
    naming_options,
    number,
    parse_pairs,
    pass_state,
    whole_number,
)
from afterview.cli.output import emit_json, print_table

if TYPE_CHECKING:
    from datetime import date

    from afterview.domain.offers import Offer
    from afterview.services.workspace import Workspace

F = TypeVar("F", bound=Callable[..., Any])

# The pay components: option → the service's field.
MONEY = {
    "--base": "base",
    "--bonus": "bonus",
    "--equity": "equity",
    "--sign-on": "sign_on",
    "--benefits": "benefits",
}
# The services' field names → the options of `offer add` and `offer edit`.
OPTION_NAMES = {field: option for option, field in MONEY.items()} | {
    "currency": "--currency",
    "start_on": "--start",
    "deadline": "--deadline",
    "location": "--location",
    "remote": "--remote",
    "notes": "--notes",
    "scores": "--score",
    "employer": "--employer",
}
SCORE_SHAPE = "CRITERION=N, N from 1 (poor) to 5 (excellent)"
WEIGHT_SHAPE = "CRITERION=WEIGHT, a number of 0 or more"


@click.group()
def offer() -> None:
    """Offers (practice 7): record each offer and your current job, score them on your
    criteria, and compare them on a weighted worksheet with a sensitivity check and the red
    flags from your interview notes (lines starting with 'flag:').

    Money is in whole units of the offer's currency (95000 or 95,000). The yearly value is
    base + bonus + equity per year + benefits; the first year adds the sign-on bonus.
    Criteria are scored from 1 to 5; pay is worked out from the yearly value unless you
    score it. An offer is named by its id, `current`, or words of its label.
    """


def offer_values(command: F) -> F:
    """The options that `offer add` and `offer edit` share."""
    for decorator in reversed(
        (
            click.option("--currency", help="Its ISO 4217 code: EUR, USD, GBP, …"),
            click.option("--base", metavar="N", help="Base salary a year."),
            click.option("--bonus", metavar="N", help="Bonus a year (target)."),
            click.option("--equity", metavar="N", help="Equity's value per year."),
            click.option("--sign-on", "sign_on", metavar="N", help="Sign-on bonus, once."),
            click.option("--benefits", metavar="N", help="Benefits' value a year."),
            click.option("--start", "start_on", help="The day you would start."),
            click.option("--deadline", help="The day you must answer by."),
            click.option("--location", help="Where the job is."),
            click.option("--remote", metavar="onsite|hybrid|remote", help="How much remote."),
            click.option("--notes", help="Free text."),
            click.option(
                "--score",
                "scores",
                multiple=True,
                metavar="CRIT=N",
                help="Score a criterion from 1 to 5 (repeatable).",
            ),
        )
    ):
        command = decorator(command)
    return command


def _money(values: Mapping[str, str | None]) -> dict[str, int]:
    """The pay options given (by field), as whole numbers; a bad one is refused by name."""
    from afterview.domain.errors import InvalidInput

    found: dict[str, int] = {}
    for option, field in MONEY.items():
        text = values.get(field)
        if text is None:
            continue
        try:
            found[field] = whole_number(text)
        except ValueError:
            raise InvalidInput(
                f"{option}: {text!r} is not a whole number (like 95000 or 95,000).", field=field
            ) from None
    return found


@offer.command("add", short_help="Record an offer, or your current job (--current).")
@click.argument("application", required=False)
@click.option("--current", is_flag=True, help="Record your current job, as the baseline.")
@click.option("--employer", default="", help="With --current: whom you work for now.")
@offer_values
@pass_state
def add(
    state: CliState,
    application: str | None,
    current: bool,
    employer: str,
    currency: str | None,
    start_on: str | None,
    deadline: str | None,
    location: str | None,
    remote: str | None,
    notes: str | None,
    scores: tuple[str, ...],
    base: str | None,
    bonus: str | None,
    equity: str | None,
    sign_on: str | None,
    benefits: str | None,
) -> None:
    """Record APPLICATION's offer (the application moves to the offer stage, and its deadline
    brings the decision forward in the plan), or with --current your current job. Needs
    --currency and --base."""
    from afterview.services.offers import add_offer

    if current == (application is not None):
        raise click.UsageError("Name the application, or give --current for your current job.")
    if employer and not current:
        raise click.UsageError("--employer names your current employer: use it with --current.")
    if currency is None or base is None:
        raise click.UsageError("An offer needs --currency and --base.")
    with naming_options(OPTION_NAMES):
        pay = _money(
            {"base": base, "bonus": bonus, "equity": equity}
            | {"sign_on": sign_on, "benefits": benefits}
        )
        saved = add_offer(
            state.workspace(),
            application,
            currency=currency,
            base=pay["base"],
            bonus=pay.get("bonus", 0),
            equity=pay.get("equity", 0),
            sign_on=pay.get("sign_on", 0),
            benefits=pay.get("benefits", 0),
            start_on=start_on,
            deadline=deadline,
            location=location or "",
            remote=remote,
            notes=notes or "",
            scores=parse_pairs(scores, "--score", SCORE_SHAPE, int),
            employer=employer,
        )
    click.echo(f"Recorded offer {saved.id}: {saved.label}.")
    click.echo(f"  {saved.arithmetic()}.")
    if not saved.is_current:
        click.echo("  The application is at the offer stage; compare: afterview offer compare")


@offer.command("edit", short_help="Change an offer's values.")
@click.argument("offer_ref", metavar="OFFER")
@offer_values
@pass_state
def edit(
    state: CliState,
    offer_ref: str,
    currency: str | None,
    start_on: str | None,
    deadline: str | None,
    location: str | None,
    remote: str | None,
    notes: str | None,
    scores: tuple[str, ...],
    base: str | None,
    bonus: str | None,
    equity: str | None,
    sign_on: str | None,
    benefits: str | None,
) -> None:
    """Change OFFER's values (options not given stay as they are; '' clears a day, the
    location or the notes). Scores given are added to its scores."""
    from afterview.services.offers import edit_offer

    with naming_options(OPTION_NAMES):
        saved = edit_offer(
            state.workspace(),
            offer_ref,
            currency=currency,
            money=_money(
                {"base": base, "bonus": bonus, "equity": equity}
                | {"sign_on": sign_on, "benefits": benefits}
            ),
            start_on=start_on,
            deadline=deadline,
            location=location,
            remote=remote,
            notes=notes,
            scores=parse_pairs(scores, "--score", SCORE_SHAPE, int),
        )
    click.echo(f"Saved offer {saved.id}: {saved.label}: {saved.arithmetic()}.")


@offer.command("score", short_help="Score an offer on criteria from 1 to 5.")
@click.argument("offer_ref", metavar="OFFER")
@click.argument("scores", nargs=-1, required=True, metavar="CRIT=N...")
@pass_state
def score(state: CliState, offer_ref: str, scores: tuple[str, ...]) -> None:
    """Score OFFER on criteria from 1 (poor) to 5 (excellent): `growth=4 team=5`."""
    from afterview.domain.offers import criterion_label
    from afterview.services.offers import edit_offer

    given = parse_pairs(scores, "", SCORE_SHAPE, int)
    saved = edit_offer(state.workspace(), offer_ref, scores=given)
    shown = ", ".join(f"{criterion_label(k).lower()} {n}" for k, n in saved.scores.items())
    click.echo(f"Scored {saved.label}: {shown}.")


@offer.command("remove")
@click.argument("offer_ref", metavar="OFFER")
@pass_state
def remove(state: CliState, offer_ref: str) -> None:
    """Forget OFFER. Its application keeps its stage: move it with `afterview app stage`."""
    from afterview.services.offers import remove_offer

    removed = remove_offer(state.workspace(), offer_ref)
    click.echo(f"Removed offer {removed.id}: {removed.label}.")


@offer.command("list", short_help="Offers with their yearly value and days to decide.")
@json_option
@pass_state
def list_(state: CliState, as_json: bool) -> None:
    """Your offers and current job: the yearly value, and the days left to each deadline."""
    from afterview.services.offers import list_offers

    ws = state.workspace()
    found = list_offers(ws)
    if as_json:
        emit_json([offer_json(o) for o in found])
        return
    today = _today(ws)
    print_table(
        ["ID", "Offer", "Yearly", "First year", "Deadline", "Left"],
        [
            (
                o.id,
                o.label,
                f"{o.yearly:,} {o.currency}",
                f"{o.first_year:,}" if o.sign_on else "",
                o.deadline or "",
                days_left((o.deadline - today).days) if o.deadline else "",
            )
            for o in found
        ],
        empty="No offers yet: afterview offer add APP --currency EUR --base N",
    )


def _today(ws: Workspace) -> date:
    """Today in your time zone, for the days left to a deadline."""
    from zoneinfo import ZoneInfo

    from afterview.services.profile import display_zone

    return ws.now().astimezone(ZoneInfo(display_zone(ws))).date()


def days_left(days: int) -> str:
    if days < 0:
        return f"passed {-days} day{'s' if days < -1 else ''} ago"
    return "today" if days == 0 else f"{days} day{'s' if days > 1 else ''}"


def offer_json(o: Offer) -> dict[str, Any]:
    return {
        "id": o.id,
        "uid": str(o.uid),
        "application_id": o.application_id,
        "label": o.label,
        "is_current": o.is_current,
        "currency": o.currency,
        "base": o.base,
        "bonus": o.bonus,
        "equity": o.equity,
        "sign_on": o.sign_on,
        "benefits": o.benefits,
        "yearly": o.yearly,
        "first_year": o.first_year,
        "arithmetic": o.arithmetic(),
        "start_on": o.start_on.isoformat() if o.start_on else None,
        "deadline": o.deadline.isoformat() if o.deadline else None,
        "location": o.location,
        "remote": str(o.remote) if o.remote else None,
        "notes": o.notes,
        "scores": dict(o.scores),
        "created_at": o.created_at.isoformat(),
        "updated_at": o.updated_at.isoformat(),
    }


@offer.command("weights", short_help="Show or set the criteria and their weights.")
@click.argument("changes", nargs=-1, metavar="[CRIT=W]...")
@click.option("--remove", multiple=True, metavar="CRIT", help="Drop a criterion (repeatable).")
@click.option("--reset", is_flag=True, help="Go back to the default criteria and weights.")
@json_option
@pass_state
def weights(
    state: CliState, changes: tuple[str, ...], remove: tuple[str, ...], reset: bool, as_json: bool
) -> None:
    """Show the worksheet's criteria and weights, or set some: `pay=40 growth=20` (a new
    name adds a criterion). Only their proportions matter: each counts as its share of
    the sum."""
    from afterview.services import offers

    ws = state.workspace()
    if changes or remove or reset:
        given = parse_pairs(changes, "", WEIGHT_SHAPE, number)
        found = offers.set_weights(ws, given, remove=remove, reset=reset)
    else:
        found = offers.weights(ws)
    total = sum(found.values())
    if as_json:
        emit_json([{"criterion": k, "weight": w, "share": w / total} for k, w in found.items()])
        return
    from afterview.domain.offers import criterion_label

    print_table(
        ["Key", "Criterion", "Weight", "Share"],
        [(k, criterion_label(k), f"{w:g}", percent(w / total)) for k, w in found.items()],
    )


def percent(share: float) -> str:
    """0.25 → '25%', 0.125 → '12.5%'."""
    return f"{share * 100:.1f}".removesuffix(".0") + "%"


@offer.command(
    "compare", short_help="The decision worksheet: scores, ranking, sensitivity, red flags."
)
@click.option(
    "--weight",
    "weight_changes",
    multiple=True,
    metavar="CRIT=W",
    help="Weigh a criterion so for this comparison only (repeatable); the others keep "
    "their weights.",
)
@json_option
@pass_state
def compare(state: CliState, weight_changes: tuple[str, ...], as_json: bool) -> None:
    """The decision worksheet: each criterion's share of the weights and each offer's score
    on it, the weighted score and ranking, the yearly value with its sum written out, the
    red flags from each offer's interviews, the days to each deadline, and whether the
    winner changes when a single weight moves by 20% either way."""
    from afterview.cli.worksheet import comparison_json, print_comparison
    from afterview.domain.offers import criterion_key
    from afterview.services import offers

    ws = state.workspace()
    with naming_options({"weights": "--weight", "criterion": "--weight"}):
        given = parse_pairs(weight_changes, "--weight", WEIGHT_SHAPE, number)
        found = offers.compare(ws, given or None)
    if as_json:
        emit_json(comparison_json(found))
        return
    if given:
        shown = ", ".join(f"{criterion_key(k)} {w:g}" for k, w in given.items())
        click.echo(f"For this comparison only: {shown} (afterview offer weights keeps them).")
    print_comparison(found)

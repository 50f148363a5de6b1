"""`afterview init`: the profile."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from afterview.cli import CliState
from afterview.cli.options import pass_state
from afterview.domain.errors import InvalidInput

if TYPE_CHECKING:
    from afterview.domain.profile import Profile


@click.command()
@click.option("--name", help="Your name, as you sign messages.")
@click.option("--email", help="Your e-mail address.")
@click.option(
    "--time-zone", "time_zone", help="IANA zone, e.g. Europe/Berlin (default: this machine's)."
)
@click.option("--country", help="ISO country code for public holidays, e.g. US, GB, DE.")
@click.option("--subdivision", help="State or region code for holidays, e.g. NY, BY (optional).")
@click.option("--role", "roles", multiple=True, help="A role you are looking for (repeatable).")
@click.option("--skill", "skills", multiple=True, help="A skill of yours (repeatable).")
@click.option(
    "--accomplishment",
    "accomplishments",
    multiple=True,
    help="One accomplishment, as you would say it in a letter (repeatable); cover letters "
    "pick the ones a posting asks for.",
)
@click.option(
    "--place",
    "places",
    multiple=True,
    help="A place you would work: a city, region or country (repeatable); rivals' openings "
    "there rank higher.",
)
@click.option(
    "--remote/--no-remote",
    "remote_ok",
    default=None,
    help="Whether remote openings suit you (default: they do).",
)
@pass_state
def init(
    state: CliState,
    name: str | None,
    email: str | None,
    time_zone: str | None,
    country: str | None,
    subdivision: str | None,
    roles: tuple[str, ...],
    skills: tuple[str, ...],
    accomplishments: tuple[str, ...],
    places: tuple[str, ...],
    remote_ok: bool | None,
) -> None:
    """Set up (or change) your profile. Asks for what the options do not give."""
    from afterview.domain.values import check_email, check_region, check_time_zone, require_text
    from afterview.services.profile import get_profile, set_up_profile

    ws = state.workspace()
    current = get_profile(ws)

    profile = set_up_profile(
        ws,
        name=_ask(
            name, "Your name", current.name if current else None, lambda v: require_text(v, "name")
        ),
        email=_ask(email, "Your e-mail", current.email if current else None, check_email),
        time_zone=_ask(
            time_zone,
            "Time zone",
            current.time_zone if current else _system_zone(),
            check_time_zone,
        ),
        country=_ask(
            country,
            "Country (ISO code)",
            current.country if current else None,
            lambda code: check_region(code, None),
        ),
        subdivision=subdivision
        if subdivision is not None
        else (current.subdivision if current else None),
        target_roles=roles or (current.target_roles if current else ()),
        skills=skills or (current.skills if current else ()),
        accomplishments=accomplishments or (current.accomplishments if current else ()),
        target_places=places or (current.target_places if current else ()),
        remote_ok=remote_ok if remote_ok is not None else (current.remote_ok if current else True),
    )
    _report(profile)


def _report(profile: Profile) -> None:
    where = profile.country + (f"-{profile.subdivision}" if profile.subdivision else "")
    roles_text = ", ".join(profile.target_roles) or "no target roles yet"
    click.echo(
        f"Profile saved: {profile.name} <{profile.email}>, {profile.time_zone}, "
        f"holidays of {where}; {roles_text}."
    )
    if profile.skills or profile.accomplishments:
        click.echo(
            f"{len(profile.skills)} skills and {len(profile.accomplishments)} accomplishments "
            "for cover letters."
        )
    if profile.target_places or not profile.remote_ok:
        places = ", ".join(profile.target_places) or "no places named"
        remote = "remote suits you" if profile.remote_ok else "not remote"
        click.echo(f"Openings are ranked for {places}; {remote}.")


def _ask(given: str | None, label: str, default: str | None, check: Callable[[str], object]) -> str:
    """`given`, or the answer to a prompt that asks again until `check` accepts it."""
    if given is not None:
        return given

    def accept(answer: str) -> str:
        try:
            check(answer)
        except InvalidInput as error:
            raise click.BadParameter(error.message) from None
        return answer

    answer: str = click.prompt(label, default=default, value_proc=accept)
    return answer


def _system_zone() -> str:
    """This machine's IANA zone, from /etc/localtime or TZ; UTC when unknown."""
    configured = os.environ.get("TZ", "").lstrip(":")
    if "/" in configured:
        return configured
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return "UTC"
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"

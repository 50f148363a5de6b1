"""`afterview rival ...`: rivals and where they list their openings (practice 4). Scans and
the openings they find are cli/openings.py."""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state
from afterview.cli.output import emit_json, local_time, print_table

if TYPE_CHECKING:
    from afterview.domain.boards import BoardRef
    from afterview.domain.companies import Company
    from afterview.domain.rivals import JobBoard
    from afterview.services.rivals import Rivals


@click.group()
def rival() -> None:
    """Rivals (practice 4): the companies competing with one you are interviewing at, and
    where each lists its openings, for `afterview scan COMPANY`.

    A rival is a company (its id, name or alias; a new name adds it) or one of its job links
    pasted as it is, from Greenhouse, Lever, Ashby, SmartRecruiters, Workable, Recruitee or
    Personio. A board is such a link, the board's address, or BOARD:TOKEN
    (greenhouse:globex, lever-eu:acme). A rivalry reads both ways.
    """


@rival.command("add", short_help="Add a rival by name or by one of its job links.")
@click.argument("company")
@click.argument("rival_ref", metavar="RIVAL")
@click.option("--link", default="", help="RIVAL's job board, when RIVAL is a name.")
@click.option(
    "--name", default="", help="Name the company a job link adds (default: the board's token)."
)
@pass_state
def add(state: CliState, company: str, rival_ref: str, link: str, name: str) -> None:
    """Make RIVAL a rival of COMPANY. A job link finds the company whose board it is, or adds
    one named by --name (or the board's token) with its board set from the link."""
    from afterview.services.rivals import add_rival

    change = add_rival(state.workspace(), company, rival_ref, link=link, name=name)
    whose, name_ = change.rivals.company.name, change.rival.name
    board = change.board.ref if change.board else None
    if change.paired:
        said = f"; its board: {board.label}." if board else "."
        click.echo(f"{name_} is now a rival of {whose}{said}")
        if board is None:
            click.echo(no_board(name_))
    elif change.board_set and board is not None:
        click.echo(f"{name_} is a rival of {whose} already; its board: {board.label}.")
    else:
        click.echo(f"Nothing changed: {rival_ref!r} is a rival of {whose} already.")


@rival.command("list", short_help="A company's rivals, their boards and last scans.")
@click.argument("company")
@json_option
@pass_state
def list_(state: CliState, company: str, as_json: bool) -> None:
    """COMPANY's rivals with their job boards, the openings listed at the last scan and how
    it went; COMPANY's own board (scanned for its rivals); then the companies suggested as
    rivals, from your applications."""
    from afterview.services.profile import display_zone
    from afterview.services.rivals import rivals_of

    ws = state.workspace()
    found = rivals_of(ws, company)
    if as_json:
        emit_json(rivals_json(found))
        return
    zone, name = display_zone(ws), found.company.name
    click.echo(f"Rivals of {name}:")
    print_table(
        ["ID", "Rival", "Board", "Openings", "Last scan"],
        [
            (r.company.id, r.company.name, *_board_cells(r.board, r.listed, zone))
            for r in found.rivals
        ],
        empty=f"None yet: afterview rival add {shlex.quote(name)} RIVAL",
    )
    own = found.board
    click.echo(f"{name}'s board: {own.ref.label}." if own else no_board(name))
    if found.suggestions:
        shown = ", ".join(f"{s.company} ({s.reason})" for s in found.suggestions)
        click.echo(f"Suggested: {shown}.")
        click.echo(f"  Add them: afterview rival suggest {shlex.quote(name)} --add")


def _board_cells(board: JobBoard | None, listed: int, zone: str) -> tuple[str, str, str]:
    """A rival's board, its openings listed, and its last scan (or failure)."""
    if board is None:
        return "none", "", ""
    if board.failing and board.failed_at is not None:
        last = f"failed {local_time(board.failed_at, zone)}: {board.failure}"
    else:
        last = local_time(board.scanned_at, zone) if board.scanned_at else "not yet"
    return board.ref.label, str(listed) if board.scanned_at else "", last


@rival.command("remove", short_help="A company is no longer a rival.")
@click.argument("company")
@click.argument("rival_ref", metavar="RIVAL")
@pass_state
def remove(state: CliState, company: str, rival_ref: str) -> None:
    """RIVAL is no longer a rival of COMPANY (both keep their boards and openings)."""
    from afterview.services.rivals import remove_rival

    change = remove_rival(state.workspace(), company, rival_ref)
    click.echo(f"{change.rival.name} is no longer a rival of {change.rivals.company.name}.")


@rival.command("suggest", short_help="Companies suggested as rivals, from your applications.")
@click.argument("company")
@click.option("--add", "add_all", is_flag=True, help="Make every suggested company a rival.")
@pass_state
def suggest(state: CliState, company: str, add_all: bool) -> None:
    """Companies where you applied for a role close to one you applied for at COMPANY, closest
    first; --add makes them all its rivals."""
    from afterview.services.rivals import add_suggested, rivals_of

    ws = state.workspace()
    found = rivals_of(ws, company)
    name = found.company.name
    if not found.suggestions:
        click.echo(f"No suggestions: no other company has an application close to {name}'s.")
        return
    if not add_all:
        print_table(
            ["ID", "Company", "Why"],
            [(s.company_id, s.company, s.reason) for s in found.suggestions],
        )
        click.echo(f"Add them all: afterview rival suggest {shlex.quote(name)} --add")
        return
    _, taken = add_suggested(ws, found.company.id)
    added = ", ".join(s.company for s in taken)
    click.echo(f"Rivals of {name} now include {added}.")


@rival.command("board", short_help="Set or remove where a company lists its openings.")
@click.argument("company")
@click.argument("source", required=False)
@click.option("--remove", "remove_it", is_flag=True, help="Forget COMPANY's board.")
@pass_state
def board(state: CliState, company: str, source: str | None, remove_it: bool) -> None:
    """Set COMPANY's job board from SOURCE: one of its job links, the board's address, or
    BOARD:TOKEN (greenhouse:globex); or forget it with --remove (the openings found on it
    are kept)."""
    from afterview.services.rivals import remove_board, rivals_of, set_board

    if remove_it == (source is not None):
        raise click.UsageError("Give a job link or BOARD:TOKEN, or --remove.")
    ws = state.workspace()
    if source is None:
        click.echo(f"{remove_board(ws, company).name} has no job board now.")
        return
    saved = set_board(ws, company, source)
    click.echo(f"{rivals_of(ws, saved.company_id).company.name}'s board: {saved.ref.label}.")


def no_board(name: str) -> str:
    return f"{name}: no job board; add one with `afterview rival board {shlex.quote(name)} LINK`"


def company_ref(company: Company) -> dict[str, Any]:
    return {"id": company.id, "name": company.name}


def board_ref_json(ref: BoardRef) -> dict[str, Any]:
    return {"board": str(ref.board), "token": ref.token, "region": ref.region, "label": ref.label}


def _board_json(board: JobBoard | None) -> dict[str, Any] | None:
    if board is None:
        return None
    return board_ref_json(board.ref) | {
        "link": board.link,
        "scanned_at": board.scanned_at,
        "since": board.since,
        "failed_at": board.failed_at,
        "failure": board.failure,
        "failing": board.failing,
    }


def rivals_json(found: Rivals) -> dict[str, Any]:
    return {
        "company": company_ref(found.company),
        "board": _board_json(found.board),
        "rivals": [
            {"company": company_ref(r.company), "board": _board_json(r.board), "listed": r.listed}
            for r in found.rivals
        ],
        "suggestions": [
            {
                "company": {"id": s.company_id, "name": s.company},
                "reason": s.reason,
                "closeness": round(s.closeness, 1),
            }
            for s in found.suggestions
        ],
    }

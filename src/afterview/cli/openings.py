"""`afterview scan` and `afterview opening ...`: reading rivals' job boards, and the openings
found there, ranked for you (practice 4)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, on_terminal, pass_state
from afterview.cli.output import emit_json, local_time, print_fields, print_section, print_table
from afterview.cli.rivals import board_ref_json, company_ref, no_board
from afterview.domain.boards import Board

if TYPE_CHECKING:
    from datetime import datetime

    from afterview.domain.boards import Pay
    from afterview.services.scan import BoardScan, RankedOpening

# --board's choices (domain.boards is pure and quick to import).
BOARDS = tuple(str(board) for board in Board)


@click.command()
@click.argument("company", required=False)
@click.option("--all", "every", is_flag=True, help="Scan every board there is instead.")
@click.option("--refresh", is_flag=True, help="Ask every board again, however recent its copy.")
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many of the best openings to list.",
)
@json_option
@pass_state
def scan(
    state: CliState, company: str | None, every: bool, refresh: bool, top: int, as_json: bool
) -> None:
    """Read the job boards of COMPANY's rivals (or with --all every board) and rank what they
    list against your profile's target roles, skills and places (`afterview init --role
    --skill --place`). A board read less than scan_interval_hours ago is read from its cached
    copy. New openings are those the board did not list at the scan before.

    A board that cannot be read is reported with the reason and the others are kept; the
    exit status is 0 when at least one board was read and 1 when every board failed."""
    from zoneinfo import ZoneInfo

    from afterview.services.profile import display_zone
    from afterview.services.scan import scan as scan_boards

    if every == (company is not None):
        raise click.UsageError("Name the company whose rivals to scan, or give --all.")
    ws = state.workspace()
    report = scan_boards(ws, company, refresh=refresh)
    if as_json:
        emit_json(
            {
                "of": company_ref(report.of) if report.of else None,
                "boards": [_scan_json(b) for b in report.boards],
                "unboarded": [company_ref(c) for c in report.unboarded],
                "new": report.new,
                "total": len(report.openings),
                "openings": [opening_json(o) for o in report.openings[:top]],
            }
        )
    else:
        now = ws.now().astimezone(ZoneInfo(display_zone(ws)))
        for b in report.boards:
            click.echo(_scan_line(b, now, ws.settings.scan_interval_hours))
        for c in report.unboarded:
            click.echo(no_board(c.name))
        if top and report.openings:
            shown = report.openings[:top]
            print_section(f"Best {len(shown)} of {len(report.openings)} openings")
            print_openings(shown)
            click.echo("Save one as an application: afterview opening save ID")
    if report.boards and all(b.failed for b in report.boards):
        click.echo("Error: No board could be read.", err=True)
        click.get_current_context().exit(1)


def _scan_line(b: BoardScan, now: datetime, cache_hours: float) -> str:
    """'Globex (Greenhouse: globex): 23 openings, 4 new since Tuesday'."""
    from afterview.domain.rivals import new_words

    head = f"{b.company} ({b.board.label})"
    if b.failed:
        return f"{head}: failed — {b.failure}"
    count = f"{b.listed} opening{'s' * (b.listed != 1)}"
    new = new_words(b.new, b.since, now)
    if b.source == "cache":
        new += f" (from the cache, under {cache_hours:g} h old: --refresh asks the board again)"
    return f"{head}: {count}, {new}"


def print_openings(openings: list[RankedOpening]) -> None:
    print_table(
        ["ID", "Score", "Title", "Company", "Place", "New", "Why"],
        [
            (
                o.opening.id,
                f"{o.score:.0f}",
                o.opening.posting.title,
                o.opening.company,
                o.opening.posting.place,
                "new" if o.new else "",
                o.ranked.reasons[0] if o.ranked.reasons else "",
            )
            for o in openings
        ],
    )


@click.group()
def opening() -> None:
    """Openings that scans found on rivals' job boards (`afterview scan`), ranked against
    your profile: list and filter them, read one with its score, save one as an application.
    Nothing here reads the boards."""


@opening.command("list", short_help="Openings from the last scans, best first.")
@click.option("--rivals-of", "rivals_of", metavar="COMPANY", help="At COMPANY's rivals only.")
@click.option("--company", help="At this company only.")
@click.option("--board", type=click.Choice(BOARDS, case_sensitive=False), help="On this board.")
@click.option("--new", "new_only", is_flag=True, help="Only those new at the last scan.")
@click.option("--remote", "remote_only", is_flag=True, help="Only remote ones.")
@click.option(
    "--min-score", type=click.FloatRange(0, 100), default=0, help="Scoring at least N (0-100)."
)
@click.option("--search", default="", metavar="WORDS", help="With all these words.")
@click.option("--unsaved", "unsaved_only", is_flag=True, help="Only those not saved yet.")
@json_option
@pass_state
def list_openings(
    state: CliState,
    rivals_of: str | None,
    company: str | None,
    board: str | None,
    new_only: bool,
    remote_only: bool,
    min_score: float,
    search: str,
    unsaved_only: bool,
    as_json: bool,
) -> None:
    """The openings still listed at the last scans, best first. --search looks in the title,
    department, place, text and company."""
    from afterview.domain.boards import Board
    from afterview.services import scan

    filters = scan.Filters(
        rivals_of=rivals_of,
        company=company,
        board=Board(board.casefold()) if board else None,
        new_only=new_only,
        remote_only=remote_only,
        min_score=min_score,
        search=search,
        unsaved_only=unsaved_only,
    )
    found = scan.list_openings(state.workspace(), filters)
    if as_json:
        emit_json(
            {
                "of": company_ref(found.of) if found.of else None,
                "total": found.total,
                "openings": [opening_json(o) for o in found.openings],
            }
        )
        return
    where = f" at {found.of.name}'s rivals" if found.of else ""
    click.echo(f"{len(found.openings)} of {found.total} openings{where}.")
    if found.total == 0:
        click.echo("Scan the boards first: afterview scan COMPANY")
    elif found.openings:
        print_openings(found.openings)


@opening.command("show", short_help="One opening: where, pay, score and why, its text.")
@click.argument("opening_id", metavar="ID", type=int)
@json_option
@pass_state
def show(state: CliState, opening_id: int, as_json: bool) -> None:
    """An opening with everything its board said, its score's parts and reasons, and its
    text."""
    from afterview.domain.boards import BoardRef
    from afterview.services.profile import display_zone
    from afterview.services.scan import show_opening

    ws = state.workspace()
    found = show_opening(ws, opening_id)
    o, p = found.opening, found.opening.posting
    if as_json:
        emit_json(opening_json(found) | {"text": p.text})
        return
    zone = display_zone(ws)
    parts = ", ".join(f"{name} {value:.0f}" for name, value in found.ranked.parts.items())
    print_fields(
        f"{p.title} at {o.company} (opening {o.id})",
        [
            ("Board", BoardRef(p.board, p.token).label),
            ("Link", p.url),
            ("Department", p.department),
            ("Place", p.place),
            ("Employment", p.employment),
            ("Pay", _pay(p.pay)),
            ("Published", local_time(p.published_at, zone) if p.published_at else ""),
            ("First seen", local_time(o.first_seen_at, zone) + (" (new)" if found.new else "")),
            ("Last seen", local_time(o.last_seen_at, zone)),
            ("Gone", local_time(o.gone_at, zone) if o.gone_at else ""),
            ("Score", f"{found.score:.0f}" + (f" ({parts})" if parts else "")),
        ],
    )
    if found.ranked.reasons:
        print_section("Why")
        click.echo("\n".join(f"- {reason}" for reason in found.ranked.reasons))
    if p.text:
        print_section("Posting")
        click.echo(p.text.rstrip("\n"))
    click.echo()
    if o.application_id is None:
        click.echo(f"Save it as an application: afterview opening save {o.id}")
    else:
        click.echo(
            f"Saved as application {o.application_id}: afterview app show {o.application_id}"
        )


def _pay(pay: Pay | None) -> str:
    """'90,000–110,000 EUR / year', as the board states it."""
    if pay is None:
        return ""
    amounts = "–".join(f"{n:,.0f}" for n in (pay.low, pay.high) if n is not None)
    return " ".join(filter(None, (amounts, pay.currency, f"/ {pay.period}" if pay.period else "")))


@opening.command("save", short_help="Save an opening as an application; draft its cover letter.")
@click.argument("opening_id", metavar="ID", type=int)
@click.option(
    "--letter/--no-letter",
    default=None,
    help="Draft the cover letter now, or not (default: ask on a terminal).",
)
@pass_state
def save(state: CliState, opening_id: int, letter: bool | None) -> None:
    """Save opening ID as an application at the saved stage, with its title, link, place,
    pay and text, from which a cover letter is drafted."""
    from afterview.cli.drafts import lint_summary
    from afterview.domain.drafts import DraftKind
    from afterview.services.drafts import write_drafts
    from afterview.services.scan import save_opening

    ws = state.workspace()
    saved = save_opening(ws, opening_id)
    click.echo(f"Saved opening {opening_id} as application {saved.id}: {saved.label} (saved).")
    if letter is None:
        letter = on_terminal() and click.confirm("Draft the cover letter now?", default=True)
    if not letter:
        click.echo(f"Draft the cover letter: afterview draft cover-letter {saved.id}")
        return
    [view] = write_drafts(ws, DraftKind.COVER_LETTER, str(saved.id))
    asked = len(view.matched) + len(view.unmatched)
    answered = f"; {len(view.matched)} of {asked} requirements answered" if asked else ""
    click.echo(f"Wrote the cover letter, draft {view.draft.id} ({lint_summary(view)}{answered}).")
    click.echo(f"Read it: afterview draft show {view.draft.id}")


def _scan_json(b: BoardScan) -> dict[str, Any]:
    return {
        "company": {"id": b.company_id, "name": b.company},
        "board": board_ref_json(b.board),
        "source": b.source,
        "failure": b.failure,
        "listed": b.listed,
        "added": b.added,
        "new": b.new,
        "since": b.since,
    }


def opening_json(item: RankedOpening) -> dict[str, Any]:
    o, p = item.opening, item.opening.posting
    return {
        "id": o.id,
        "uid": str(o.uid),
        "company": {"id": o.company_id, "name": o.company},
        "board": str(p.board),
        "token": p.token,
        "posting_id": p.id,
        "title": p.title,
        "department": p.department,
        "location": p.location,
        "remote": str(p.remote) if p.remote else None,
        "employment": p.employment,
        "url": p.url,
        "published_at": p.published_at,
        "pay": asdict(p.pay) if p.pay else None,
        "first_seen_at": o.first_seen_at,
        "last_seen_at": o.last_seen_at,
        "gone_at": o.gone_at,
        "application_id": o.application_id,
        "new": item.new,
        "score": round(item.score, 1),
        "parts": {name: round(value, 1) for name, value in item.ranked.parts.items()},
        "reasons": list(item.ranked.reasons),
    }

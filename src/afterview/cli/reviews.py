"""`afterview review ...` and `afterview feedback`: self-reviews after interviews (practice
1), lessons from a rejection and what employers said (practice 10)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.answers import REVIEW_FILE_HELP
from afterview.cli.options import (
    json_option,
    naming_options,
    on_terminal,
    pass_state,
    text_file_type,
)
from afterview.cli.output import emit_json, print_fields

if TYPE_CHECKING:
    from afterview.cli.answers import Answers
    from afterview.domain.reviews import Review
    from afterview.services.reviews import Saved
    from afterview.services.workspace import Workspace

# The bar of a 1-to-5 rating.
FULL, EMPTY = "█", "░"
# The parts of a review shown side by side, in order.
PARTS = ("Went well", "Went wrong", "Strengths", "Weaknesses", "Ratings")


class ReviewGroup(click.Group):
    """`review INTERVIEW ...` is `review add INTERVIEW ...`: a first word that names no
    subcommand is the interview to review."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "add", self.commands["add"], args
        return super().resolve_command(ctx, args)


@click.group(cls=ReviewGroup, subcommand_metavar="INTERVIEW [OPTIONS] | COMMAND [ARGS]...")
def review() -> None:
    """Self-reviews (practice 1): after each interview, rate how it went, note the questions
    you were asked, what went well and wrong, and one concrete fix per weakness.

    `afterview review INTERVIEW` writes the review of an interview (id or name), as
    `afterview review add INTERVIEW` does; the other words are the commands below (an
    interview named like one of them: use `review add`). On a terminal, without options, it
    asks for each part; `trends` shows which weaknesses recur, fade or come back.
    """


ask_option = click.option(
    "--ask/--no-ask",
    default=None,
    help="Ask at prompts (default: on a terminal, when no option says anything).",
)


@review.command("add", epilog=REVIEW_FILE_HELP, short_help="Write the self-review of an interview.")
@click.argument("interview")
@click.option("--rate", multiple=True, metavar="DIM=N", help="Rate a dimension 1-5 (repeatable).")
@click.option(
    "--question",
    "questions",
    multiple=True,
    metavar="TEXT[=N]",
    help="A question you were asked, with how you rate your answer (1-5) after the last '='"
    " (repeatable). End it with '=' to keep an '=N' in the text.",
)
@click.option("--well", help="What went well.")
@click.option("--wrong", help="What went wrong.")
@click.option("--strength", "strengths", multiple=True, help="A strength, as a tag (repeatable).")
@click.option("--weakness", "weaknesses", multiple=True, help="A weakness (repeatable).")
@click.option(
    "--fix",
    "fixes",
    multiple=True,
    metavar="WEAKNESS=TEXT",
    help="The concrete fix you plan for a weakness (one for each; repeatable).",
)
@click.option(
    "--file",
    "from_file",
    type=text_file_type,
    help="Read the review from a TOML or JSON file ('-': standard input); see below.",
)
@ask_option
@pass_state
def add(
    state: CliState,
    interview: str,
    rate: tuple[str, ...],
    questions: tuple[str, ...],
    well: str | None,
    wrong: str | None,
    strengths: tuple[str, ...],
    weaknesses: tuple[str, ...],
    fixes: tuple[str, ...],
    from_file: Path | None,
    ask: bool | None,
) -> None:
    """Write the self-review of INTERVIEW (again: rewrite it); it closes the review in the
    plan, and warns when a weakness you planned a fix for is back."""
    from afterview.cli import answers
    from afterview.services.reviews import (
        dimensions,
        interview_review,
        review_interview,
        reviewable,
    )

    ws = state.workspace()
    flags = bool(rate or questions or well or wrong or strengths or weaknesses or fixes)
    if flags and from_file is not None:
        raise click.UsageError("Give the review in --file or in options, not both.")
    found = reviewable(ws, interview)
    if _prompted(ask, flags or from_file is not None, "the options or --file"):
        click.echo(f"Self-review of {found.label}.")
        given = answers.ask_review(dimensions(ws), interview_review(ws, found.id))
        names: Mapping[str, str] = {}
    elif from_file is not None:
        given, names = answers.from_file(from_file), answers.file_names(from_file)
    else:
        given = answers.from_options(
            rate=rate,
            questions=questions,
            well=well,
            wrong=wrong,
            strengths=strengths,
            weaknesses=weaknesses,
            fixes=fixes,
        )
        names = answers.option_names()
    with naming_options(names):
        saved = review_interview(ws, found.id, **given.review())
    _saved(f"Self-review of {found.label} saved", saved)


def _prompted(ask: bool | None, given: bool, what: str) -> bool:
    """Whether to ask at prompts; nothing given and nobody to ask is a usage error."""
    if ask and given:
        raise click.UsageError(f"Use --ask or {what}, not both.")
    if ask is None:
        ask = not given and on_terminal()
    if not ask and not given:
        raise click.UsageError(f"Nothing to write: give {what}, or --ask to be asked.")
    return ask


def _saved(title: str, saved: Saved) -> None:
    print_review(title, saved.review)
    if saved.closed is not None:
        click.echo(f"Done: {saved.closed.reason}.")
    for weakness in saved.repeats:
        fix = saved.review.fixes.get(weakness, "")
        click.echo(
            f"Careful: {weakness} is back after you planned a fix for it."
            + (f" The fix now: {fix}" if fix else "")
        )


@review.command("show")
@click.argument("interview")
@json_option
@pass_state
def show(state: CliState, interview: str, as_json: bool) -> None:
    """Show the self-review of INTERVIEW."""
    from afterview.services.interviews import show_interview
    from afterview.services.reviews import interview_review

    ws = state.workspace()
    found = show_interview(ws, interview).interview
    written = interview_review(ws, found.id)
    if as_json:
        emit_json(review_json(written) if written else None)
    elif written is None:
        click.echo(f"No self-review of {found.label} yet: afterview review {found.id}")
    else:
        print_review(f"Self-review of {found.label}", written)


def print_review(title: str, written: Review) -> None:
    from afterview.domain.reviews import HIGHEST

    width = max((len(name) for name in written.ratings), default=0)
    print_fields(
        title,
        [
            (
                "Ratings",
                "\n".join(
                    f"{name:<{width}}  {FULL * n}{EMPTY * (HIGHEST - n)} {n}"
                    for name, n in written.ratings.items()
                ),
            ),
            (
                "Questions",
                "\n".join(
                    q.text + (f" (your answer: {q.rating}/5)" if q.rating else "")
                    for q in written.questions
                ),
            ),
            ("Went well", written.went_well),
            ("Went wrong", written.went_wrong),
            ("Strengths", written.strengths),
            (
                "Weaknesses",
                "\n".join(
                    f"{name}: fix: {written.fixes[name]}" if written.fixes.get(name) else name
                    for name in written.weaknesses
                ),
            ),
            ("They said", written.notes),
        ],
    )


def review_json(written: Review) -> dict[str, Any]:
    return {
        "id": written.id,
        "uid": str(written.uid),
        "kind": str(written.kind),
        "application_id": written.application_id,
        "interview_id": written.interview_id,
        "happened_at": written.happened_at.isoformat(),
        "ratings": dict(written.ratings),
        "questions": [{"text": q.text, "rating": q.rating} for q in written.questions],
        "went_well": written.went_well,
        "went_wrong": written.went_wrong,
        "strengths": list(written.strengths),
        "weaknesses": list(written.weaknesses),
        "fixes": dict(written.fixes),
        "notes": written.notes,
        "created_at": written.created_at.isoformat(),
        "updated_at": written.updated_at.isoformat(),
    }


@review.command("lessons", short_help="The lessons from a rejection: write or show them.")
@click.argument("application")
@click.option("--well", help="What went well in the process.")
@click.option("--wrong", help="What went wrong.")
@click.option("--strength", "strengths", multiple=True, help="A strength, as a tag (repeatable).")
@click.option("--weakness", "weaknesses", multiple=True, help="A weakness (repeatable).")
@click.option(
    "--fix",
    "fixes",
    multiple=True,
    metavar="WEAKNESS=TEXT",
    help="The concrete fix you plan for a weakness (one for each; repeatable).",
)
@click.option(
    "--show", "show_them", is_flag=True, help="Show the lessons beside the last self-review."
)
@json_option
@ask_option
@pass_state
def lessons(
    state: CliState,
    application: str,
    well: str | None,
    wrong: str | None,
    strengths: tuple[str, ...],
    weaknesses: tuple[str, ...],
    fixes: tuple[str, ...],
    show_them: bool,
    as_json: bool,
    ask: bool | None,
) -> None:
    """Write down what you take from APPLICATION's rejection (it closes the lessons in the
    plan), or with --show (or --json) see them beside the self-review of its last interview."""
    from afterview.cli import answers

    ws = state.workspace()
    flags = bool(well or wrong or strengths or weaknesses or fixes)
    if show_them or as_json:
        if flags or ask:
            raise click.UsageError("--show only shows: leave out the lessons' options.")
        _show_lessons(ws, application, as_json)
        return
    if _prompted(ask, flags, "the options"):
        write_lessons(ws, application)
        return
    given = answers.from_options(
        well=well, wrong=wrong, strengths=strengths, weaknesses=weaknesses, fixes=fixes
    )
    _record_lessons(ws, application, given, answers.option_names())


def write_lessons(ws: Workspace, application: str | int) -> None:
    """Ask for the lessons of APPLICATION (after showing its last self-review) and save them."""
    from afterview.cli import answers
    from afterview.services.reviews import lessons_for

    found = lessons_for(ws, application)
    reviewed = found.interview_review
    if reviewed is not None and found.last_interview is not None:
        print_review(f"Your self-review of {found.last_interview.label}", reviewed)
        click.echo()
    click.echo("What you take from it, for next time (Enter leaves a part empty):")
    given = answers.ask_lessons(found.lessons, reviewed.fixes if reviewed else None)
    _record_lessons(ws, application, given, {})


def _record_lessons(
    ws: Workspace, application: str | int, given: Answers, names: Mapping[str, str]
) -> None:
    from afterview.services.reviews import record_lessons

    with naming_options(names):
        saved = record_lessons(ws, application, **given.lessons())
    _saved(f"Lessons learned from application {saved.review.application_id} saved", saved)


def _show_lessons(ws: Workspace, application: str, as_json: bool) -> None:
    from afterview.services.reviews import lessons_for

    found = lessons_for(ws, application)
    last = found.last_interview
    if as_json:
        emit_json(
            {
                "lessons": review_json(found.lessons) if found.lessons else None,
                "last_interview": {"id": last.id, "label": last.label} if last else None,
                "interview_review": (
                    review_json(found.interview_review) if found.interview_review else None
                ),
            }
        )
        return
    columns = [("Lessons", found.lessons)]
    if last is not None:
        click.echo(f"The lessons beside your self-review of {last.label}:")
        columns.append((f"Self-review of round {last.round}", found.interview_review))
    _side_by_side(columns)


def _side_by_side(columns: Sequence[tuple[str, Review | None]]) -> None:
    from afterview.cli.output import print_table

    def parts(written: Review) -> dict[str, str]:
        return {
            "Went well": written.went_well,
            "Went wrong": written.went_wrong,
            "Strengths": ", ".join(written.strengths),
            "Weaknesses": "\n".join(
                f"{name}: fix: {written.fixes[name]}" if written.fixes.get(name) else name
                for name in written.weaknesses
            ),
            "Ratings": ", ".join(f"{name} {n}" for name, n in written.ratings.items()),
        }

    shown = [(title, parts(w)) for title, w in columns if w is not None]
    for title, written in columns:
        if written is None:
            click.echo(f"{title}: not written yet.")
    if shown:
        rows = [(part, *(values[part] for _, values in shown)) for part in PARTS]
        print_table(["", *(title for title, _ in shown)], [r for r in rows if any(r[1:])])


@click.command()
@click.argument("application")
@click.argument("text")
@click.option("--strength", "strengths", multiple=True, help="A strength they saw (repeatable).")
@click.option("--weakness", "weaknesses", multiple=True, help="A weakness they saw (repeatable).")
@click.option("--on", help="The day they said it (default: today), e.g. 'yesterday'.")
@pass_state
def feedback(
    state: CliState,
    application: str,
    text: str,
    strengths: tuple[str, ...],
    weaknesses: tuple[str, ...],
    on: str | None,
) -> None:
    """Keep what the employer said about you for APPLICATION (TEXT, in their words); the
    strengths and weaknesses they saw count in `afterview review trends`."""
    from afterview.services.reviews import record_feedback

    names = {
        "notes": "TEXT",
        "feedback": "TEXT",
        "strengths": "--strength",
        "weaknesses": "--weakness",
        "on": "--on",
    }
    with naming_options(names):
        saved = record_feedback(
            state.workspace(), application, text, strengths=strengths, weaknesses=weaknesses, on=on
        )
    click.echo(
        f"Kept the feedback on application {saved.review.application_id}; its strengths and "
        "weaknesses count in afterview review trends."
    )
    for weakness in saved.repeats:
        click.echo(f"Careful: {weakness} is back after you planned a fix for it.")


@review.command("trends", short_help="What recurs, fades or repeats across your reviews.")
@json_option
@pass_state
def trends(state: CliState, as_json: bool) -> None:
    """Across your reviews: which weaknesses repeat after a fix, recur, happened once or
    faded; your strengths; each dimension's ratings over time; the questions asked most."""
    from afterview.cli.trends import print_trends, trends_json
    from afterview.services.reviews import review_trends

    found = review_trends(state.workspace())
    if as_json:
        emit_json(trends_json(found))
        return
    print_trends(found)


@review.command("questions", short_help="The questions you were asked, most often first.")
@click.argument("search", required=False, default="")
@json_option
@pass_state
def questions(state: CliState, search: str, as_json: bool) -> None:
    """The question bank: every question you were asked, most often first, with how you
    rated your answers; SEARCH keeps those with all of its words."""
    from afterview.cli.trends import print_questions, question_json
    from afterview.services.reviews import question_bank

    found = question_bank(state.workspace(), search)
    if as_json:
        emit_json([question_json(q) for q in found])
        return
    print_questions(found, empty="No questions yet." if not search else "No question matches.")

"""The trends across self-reviews, as tables and text bars, or as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from afterview.cli.output import print_section, print_table

if TYPE_CHECKING:
    from afterview.domain.reviews import AskedOften, DimensionTrend, Trends

# One block per review, its height the rating (1 to 5).
BLOCKS = " ▁▂▄▆█"
# Questions shown in the trends; the question bank has them all.
SHOWN_QUESTIONS = 10


def print_trends(found: Trends) -> None:
    if not (found.reviews or found.weaknesses or found.strengths):
        click.echo("No reviews yet: after an interview, afterview review INTERVIEW.")
        return
    noun = "self-review" if found.reviews == 1 else "self-reviews"
    click.echo(f"Trends across {found.reviews} {noun} (and your lessons and feedback).")
    print_section("Weaknesses")
    print_table(
        ["Weakness", "State", "Times", "First", "Last", "Fix planned"],
        [
            (
                w.tag,
                w.state,
                w.count,
                w.first,
                w.last,
                w.fix,
            )
            for w in found.weaknesses
        ],
        empty="None noted.",
    )
    print_section("Strengths")
    print_table(["Strength", "Times"], found.strengths, empty="None noted.")
    print_section("Ratings over time (one block per review, oldest first)")
    print_table(
        ["Dimension", "Ratings", "Average", "Change"],
        [(d.dimension, bars(d), f"{d.average:.1f}", _change(d)) for d in found.dimensions],
        empty="No ratings yet.",
    )
    if found.dimensions:
        click.echo(
            f"{BLOCKS[1]} 1 … {BLOCKS[5]} 5; change: the later half's average minus the "
            "earlier half's."
        )
    print_section("Questions asked most")
    print_questions(found.questions[:SHOWN_QUESTIONS], empty="No questions noted yet.")
    if len(found.questions) > SHOWN_QUESTIONS:
        more = len(found.questions) - SHOWN_QUESTIONS
        click.echo(f"… and {more} more: afterview review questions")


def bars(trend: DimensionTrend) -> str:
    """'▂▄▆█': each review's rating as a block as high as the rating."""
    return "".join(BLOCKS[rating] for _day, rating in trend.points)


def _change(trend: DimensionTrend) -> str:
    if len(trend.points) < 2:
        return ""
    return "±0" if round(trend.change, 1) == 0 else f"{trend.change:+.1f}"


def print_questions(found: Sequence[AskedOften], *, empty: str) -> None:
    print_table(
        ["Question", "Asked", "Last", "Your answers"],
        [
            (
                q.text,
                q.count,
                q.last,
                f"{q.average:.1f} of 5" if q.average is not None else "not rated",
            )
            for q in found
        ],
        empty=empty,
    )


def question_json(q: AskedOften) -> dict[str, Any]:
    return {
        "key": q.key,
        "text": q.text,
        "count": q.count,
        "last": q.last.isoformat(),
        "average": q.average,
    }


def trends_json(found: Trends) -> dict[str, Any]:
    return {
        "reviews": found.reviews,
        "weaknesses": [
            {
                "tag": w.tag,
                "state": str(w.state),
                "count": w.count,
                "first": w.first.isoformat(),
                "last": w.last.isoformat(),
                "fix": w.fix,
                "repeats": [day.isoformat() for day in w.repeats],
            }
            for w in found.weaknesses
        ],
        "strengths": [{"tag": tag, "count": count} for tag, count in found.strengths],
        "dimensions": [
            {
                "dimension": d.dimension,
                "points": [{"day": day.isoformat(), "rating": n} for day, n in d.points],
                "average": d.average,
                "change": d.change,
            }
            for d in found.dimensions
        ],
        "questions": [question_json(q) for q in found.questions],
    }

"""What a self-review or a lesson says, read from options, from a TOML or JSON file, or
asked for at prompts; the services check it (this module only reads it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from afterview.cli.options import parse_pairs, text_value

if TYPE_CHECKING:
    from afterview.domain.reviews import Question, Review

# The keys of a review file, and the option that gives each on the command line.
FILE_KEYS = {
    "ratings": "--rate",
    "questions": "--question",
    "went_well": "--well",
    "went_wrong": "--wrong",
    "strengths": "--strength",
    "weaknesses": "--weakness",
    "fixes": "--fix",
}
# A service's field name → the key of FILE_KEYS it belongs to.
FIELD_KEYS = {key: key for key in FILE_KEYS} | {"question": "questions", "fix": "fixes"}


@dataclass
class Answers:
    """A review's content as given: ratings by dimension, questions, texts, tags and fixes."""

    ratings: dict[str, int] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    went_well: str = ""
    went_wrong: str = ""
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    fixes: dict[str, str] = field(default_factory=dict)

    def lessons(self) -> dict[str, Any]:
        """The keyword arguments of services.reviews.record_lessons."""
        return {
            "went_well": self.went_well,
            "went_wrong": self.went_wrong,
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "fixes": self.fixes,
        }

    def review(self) -> dict[str, Any]:
        """The keyword arguments of services.reviews.review_interview."""
        return self.lessons() | {"ratings": self.ratings, "questions": self.questions}


def option_names() -> dict[str, str]:
    """The services' field names → the options that give them."""
    return {name: FILE_KEYS[key] for name, key in FIELD_KEYS.items()}


def file_names(path: Path) -> dict[str, str]:
    """The services' field names → 'FILE: key', for errors about what a file said."""
    return {name: f"{path}: {key}" for name, key in FIELD_KEYS.items()}


def from_options(
    *,
    rate: Sequence[str] = (),
    questions: Sequence[str] = (),
    well: str | None,
    wrong: str | None,
    strengths: Sequence[str],
    weaknesses: Sequence[str],
    fixes: Sequence[str],
) -> Answers:
    return Answers(
        ratings=parse_pairs(rate, "--rate", "DIMENSION=N, N from 1 to 5", int),
        questions=[question(text) for text in questions],
        went_well=well or "",
        went_wrong=wrong or "",
        strengths=list(strengths),
        weaknesses=list(weaknesses),
        fixes=parse_pairs(fixes, "--fix", "WEAKNESS=WHAT YOU WILL DO", text_value),
    )


def question(text: str) -> Question:
    """'TEXT=N': the question and how you rate your answer. The text is split at its last
    '=' only when digits (or nothing) follow it: 'Is 2+2=4?' stays whole, and a trailing
    '=' keeps an '=N' ending in the text ('Solve x=5=' is the question 'Solve x=5')."""
    from afterview.domain.reviews import Question

    head, sep, tail = text.rpartition("=")
    if sep and (tail.strip().isdigit() or not tail.strip()):
        return Question(head, int(tail) if tail.strip() else None)
    return Question(text)


def from_file(path: Path) -> Answers:
    """A review file: TOML, or JSON (by its suffix; '-' reads standard input, JSON when it
    starts with '{'). Shape: see REVIEW_FILE_HELP."""
    from afterview.cli.options import read_text_file

    text = read_text_file(path)
    source = str(path)
    is_json = path.suffix.casefold() == ".json" or (
        path.suffix.casefold() != ".toml" and text.lstrip().startswith("{")
    )
    data = _load_json(text, source) if is_json else _load_toml(text, source)
    return _answers(data, source)


REVIEW_FILE_HELP = """\b
A review file (--file), TOML or JSON, says what the options say; every key is optional:
  ratings = { preparation = 4, rapport = 3 }
  questions = ["Why us?", { text = "A conflict you solved", rating = 2 }]
  went_well = "The system design part"
  went_wrong = "Rambled on the conflict question"
  strengths = ["sql"]
  weaknesses = ["rambling"]
  fixes = { rambling = "Answer in two minutes: situation, action, result" }
JSON: the same keys in one object ({"ratings": {"rapport": 3}, ...})."""


def _load_json(text: str, source: str) -> dict[str, Any]:
    import json

    from afterview.domain.errors import ParseError

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(source, f"line {error.lineno}", error.msg) from None
    if not isinstance(data, dict):
        raise ParseError(source, "line 1", "expected one object with the review's keys")
    return data


def _load_toml(text: str, source: str) -> dict[str, Any]:
    import re
    import tomllib

    from afterview.domain.errors import ParseError

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\s*\(at line (\d+), column \d+\)$", str(error))
        where = f"line {found[1]}" if found else "TOML"
        problem = str(error)[: found.start()] if found else str(error)
        raise ParseError(source, where, problem) from None


def _answers(data: Mapping[str, Any], source: str) -> Answers:
    from afterview.domain.errors import ParseError

    if unknown := [key for key in data if key not in FILE_KEYS]:
        raise ParseError(source, unknown[0], f"unknown key; the keys are {', '.join(FILE_KEYS)}")
    return Answers(
        ratings=_table(data, "ratings", int, source),
        questions=[_question(item, source) for item in _list(data, "questions", source)],
        went_well=_text(data, "went_well", source),
        went_wrong=_text(data, "went_wrong", source),
        strengths=[_string(item, "strengths", source) for item in _list(data, "strengths", source)],
        weaknesses=[
            _string(item, "weaknesses", source) for item in _list(data, "weaknesses", source)
        ],
        fixes=_table(data, "fixes", str, source),
    )


def _table(data: Mapping[str, Any], key: str, kind: type, source: str) -> dict[str, Any]:
    from afterview.domain.errors import ParseError

    value = data.get(key, {})
    wanted = "whole numbers" if kind is int else "texts"
    if not isinstance(value, dict) or not all(
        isinstance(v, kind) and not isinstance(v, bool) for v in value.values()
    ):
        raise ParseError(source, key, f"expected a table of names and {wanted}")
    return dict(value)


def _list(data: Mapping[str, Any], key: str, source: str) -> list[Any]:
    from afterview.domain.errors import ParseError

    value = data.get(key, [])
    if not isinstance(value, list):
        raise ParseError(source, key, "expected a list")
    return value


def _text(data: Mapping[str, Any], key: str, source: str) -> str:
    return _string(data.get(key, ""), key, source)


def _string(value: object, key: str, source: str) -> str:
    from afterview.domain.errors import ParseError

    if not isinstance(value, str):
        raise ParseError(source, key, f"expected text, not {value!r}")
    return value


def _question(item: object, source: str) -> Question:
    from afterview.domain.errors import ParseError
    from afterview.domain.reviews import Question

    if isinstance(item, str):
        return Question(item)
    if isinstance(item, dict) and set(item) <= {"text", "rating"} and "text" in item:
        rating = item.get("rating")
        if isinstance(item["text"], str) and (
            rating is None or (isinstance(rating, int) and not isinstance(rating, bool))
        ):
            return Question(item["text"], rating)
    raise ParseError(
        source, "questions", f"expected a text or {{text = ..., rating = N}}, not {item!r}"
    )


def ask_review(dimensions: Sequence[str], earlier: Review | None) -> Answers:
    """The self-review, asked part by part (what an earlier review said is the default)."""
    click.echo("Rate each from 1 (poor) to 5 (great); Enter skips one.")
    ratings: dict[str, int] = {}
    for name in dimensions:
        before = earlier.ratings.get(name) if earlier else None
        rating = _ask_rating(name.replace("-", " ").capitalize(), before)
        if rating is not None:
            ratings[name] = rating
    questions = _ask_questions(earlier.questions if earlier else ())
    answers = ask_lessons(earlier)
    answers.ratings, answers.questions = ratings, questions
    return answers


def ask_lessons(earlier: Review | None, fixes_before: Mapping[str, str] | None = None) -> Answers:
    """What went well and wrong, strengths, weaknesses and a fix for each, asked in turn.
    The default fix of a weakness: the earlier one's, else the one in `fixes_before`."""
    went_well = _ask_text("What went well", earlier.went_well if earlier else "")
    went_wrong = _ask_text("What went wrong", earlier.went_wrong if earlier else "")
    strengths = _ask_tags("Strengths (comma-separated)", earlier.strengths if earlier else ())
    weaknesses = _ask_tags("Weaknesses (comma-separated)", earlier.weaknesses if earlier else ())
    fixes: dict[str, str] = {}
    for weakness in weaknesses:
        before = (earlier.fixes if earlier else {}).get(weakness) or (fixes_before or {}).get(
            weakness
        )
        fix: str = click.prompt(f"Your concrete fix for {weakness!r}", default=before)
        fixes[weakness] = fix
    return Answers(
        went_well=went_well,
        went_wrong=went_wrong,
        strengths=strengths,
        weaknesses=weaknesses,
        fixes=fixes,
    )


def _ask_rating(label: str, before: int | None) -> int | None:
    def read(answer: str) -> int | None:
        text = answer.strip()
        if not text:
            return None
        if not text.isdigit() or not 1 <= int(text) <= 5:
            raise click.BadParameter(f"{text!r}: type 1 to 5, or Enter to skip.")
        return int(text)

    default = str(before) if before is not None else ""
    rating: int | None = click.prompt(
        label, default=default, show_default=bool(default), value_proc=read
    )
    return rating


def _ask_questions(earlier: Sequence[Question]) -> list[Question]:
    from afterview.domain.reviews import Question

    asked: list[Question] = []
    if earlier:
        click.echo(f"Noted before: {'; '.join(q.text for q in earlier)}")
        if click.confirm("Keep these questions?", default=True):
            asked = list(earlier)
    click.echo("The questions you were asked, one per line; an empty line ends.")
    while text := _ask_text(f"Question {len(asked) + 1}", ""):
        asked.append(Question(text, _ask_rating("  Your answer, 1-5", None)))
    return asked


def _ask_text(label: str, before: str) -> str:
    answer: str = click.prompt(label, default=before, show_default=bool(before))
    return answer.strip()


def _ask_tags(label: str, before: Iterable[str]) -> list[str]:
    return [tag.strip() for tag in _ask_text(label, ", ".join(before)).split(",") if tag.strip()]

"""Self-reviews (practice 1), lessons learned and feedback (practice 10), and their trends.
Pure: the checks, the question bank's keys, and what recurs, fades or repeats.

A *review* is one of three kinds:
- `interview`: right after an interview: a rating (1 to 5) per dimension, the questions asked
  (each with how you rate your answer), what went well and wrong, strengths and weaknesses as
  tags, and one concrete fix per weakness;
- `lessons`: after a rejection, what you take from it (linked to the last interview's review);
- `feedback`: what the employer said, when they said anything; its tags count in the trends.

Trends read the reviews in the order they happened. A weakness is *recurring* when it was
tagged more than once, *faded* when the last FADE_AFTER interview reviews did not tag it, and
a *repeat* when it was tagged again after a fix for it was planned.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from afterview.domain.errors import InvalidInput
from afterview.domain.values import limit_text

DEFAULT_DIMENSIONS = ("preparation", "answers", "examples", "questions", "rapport", "logistics")
LOWEST, HIGHEST = 1, 5
LOW_RAPPORT = 2  # a rapport rating at or below this is a red flag next to an offer
FADE_AFTER = 3  # interview reviews in a row without a weakness: it has faded
TAG_LENGTH = 40
TEXT_LENGTH = 5_000
QUESTION_LENGTH = 500
# `flag:` (or `red flag:`) at the start of a line or of a sentence marks the rest of the line.
FLAG = re.compile(
    r"(?:^|(?<=[.;!?])\s)\s*(?:red\s+)?flag\s*:\s*(?P<text>.+?)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_WORD = re.compile(r"[^\w]+")


class ReviewKind(StrEnum):
    INTERVIEW = "interview"
    LESSONS = "lessons"
    FEEDBACK = "feedback"


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    rating: int | None = None  # how you rate your answer, 1..5

    @property
    def key(self) -> str:
        return question_key(self.text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    id: int
    uid: UUID
    kind: ReviewKind
    application_id: int
    interview_id: int | None  # the interview reviewed; a lesson's: the last interview
    happened_at: datetime  # when the interview was (or the rejection, or the feedback)
    ratings: Mapping[str, int] = field(default_factory=dict)
    questions: tuple[Question, ...] = ()
    went_well: str = ""
    went_wrong: str = ""
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    fixes: Mapping[str, str] = field(default_factory=dict)  # weakness → the fix planned
    notes: str = ""  # feedback: what they said
    created_at: datetime
    updated_at: datetime


def tag(text: str, field: str) -> str:
    """A tag as stored: lower case, words joined by hyphens ('Too Long answers' →
    'too-long-answers')."""
    key = "-".join(_NOT_WORD.sub(" ", limit_text(text, field, TAG_LENGTH).casefold()).split())
    if not key:
        raise InvalidInput(f"An empty tag among the {field}.", field=field)
    return key


def tags(values: Iterable[str], field: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tag(v, field) for v in values if v.strip()))


def question_key(text: str) -> str:
    """What two wordings of one question share: case, punctuation and spacing aside."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


def check_rating(name: str, value: int, field: str = "ratings") -> int:
    if not LOWEST <= value <= HIGHEST:
        raise InvalidInput(f"Rate {name} from {LOWEST} to {HIGHEST}, not {value}.", field=field)
    return value


def check_review(
    kind: ReviewKind,
    *,
    dimensions: Sequence[str],
    ratings: Mapping[str, int] | None = None,
    questions: Sequence[Question] = (),
    went_well: str = "",
    went_wrong: str = "",
    strengths: Sequence[str] = (),
    weaknesses: Sequence[str] = (),
    fixes: Mapping[str, str] | None = None,
    notes: str = "",
) -> dict[str, object]:
    """The review's values, checked and normalised; the first problem is refused by field.
    Every weakness of an interview review or a lesson needs its fix."""
    checked_ratings: dict[str, int] = {}
    for name, value in (ratings or {}).items():
        key = name.strip().casefold()
        if key not in dimensions:
            raise InvalidInput(
                f"Unknown dimension {name!r}: rate {', '.join(dimensions)}.", field="ratings"
            )
        checked_ratings[key] = check_rating(key, value)
    asked: list[Question] = []
    seen: set[str] = set()
    for question in questions:
        text = limit_text(question.text, "question", QUESTION_LENGTH)
        if not question_key(text):
            raise InvalidInput("A question without words.", field="questions")
        if question.rating is not None:
            check_rating(f"your answer to {text!r}", question.rating, "questions")
        if question_key(text) not in seen:
            seen.add(question_key(text))
            asked.append(Question(text, question.rating))
    weak = tags(weaknesses, "weaknesses")
    planned = {
        tag(name, "fixes"): limit_text(fix, "fix", TEXT_LENGTH)
        for name, fix in (fixes or {}).items()
    }
    if stray := [name for name in planned if name not in weak]:
        raise InvalidInput(
            f"A fix for {stray[0]!r}, which is not among the weaknesses.", field="fixes"
        )
    missing = [name for name in weak if not planned.get(name)]
    if missing and kind != ReviewKind.FEEDBACK:
        raise InvalidInput(f"Plan one concrete fix for the weakness {missing[0]!r}.", field="fixes")
    return {
        "ratings": checked_ratings,
        "questions": tuple(asked),
        "went_well": limit_text(went_well, "went_well", TEXT_LENGTH),
        "went_wrong": limit_text(went_wrong, "went_wrong", TEXT_LENGTH),
        "strengths": tags(strengths, "strengths"),
        "weaknesses": weak,
        "fixes": {name: planned[name] for name in weak if name in planned},
        "notes": limit_text(notes, "notes", TEXT_LENGTH),
    }


class WeaknessState(StrEnum):
    REPEAT = "repeat"  # tagged again after a fix was planned
    RECURRING = "recurring"  # tagged more than once
    FADED = "faded"  # not tagged in the last FADE_AFTER interview reviews
    ONCE = "once"


@dataclass(frozen=True, slots=True)
class Weakness:
    tag: str
    count: int
    first: date
    last: date
    state: WeaknessState
    fix: str  # the latest fix planned for it ("" if none)
    repeats: tuple[date, ...]  # when it was tagged again after a fix


@dataclass(frozen=True, slots=True)
class DimensionTrend:
    dimension: str
    points: tuple[tuple[date, int], ...]  # in order
    average: float
    change: float  # the later half's average minus the earlier half's (0 with one point)


@dataclass(frozen=True, slots=True)
class AskedOften:
    key: str
    text: str  # its latest wording
    count: int
    last: date
    average: float | None  # of your answers' ratings, when rated


@dataclass(frozen=True, slots=True)
class Trends:
    reviews: int  # interview reviews
    weaknesses: tuple[Weakness, ...]  # repeats first, then recurring, once, faded
    strengths: tuple[tuple[str, int], ...]  # most often first
    dimensions: tuple[DimensionTrend, ...]
    questions: tuple[AskedOften, ...]  # most often first


_ORDER = {WeaknessState.REPEAT: 0, WeaknessState.RECURRING: 1, WeaknessState.ONCE: 2}


def trends(reviews: Sequence[Review], zone_day: Mapping[int, date] | None = None) -> Trends:
    """What recurs, fades and repeats across `reviews` (any kinds), and how the ratings and
    the questions went. `zone_day`: each review's local day by id (else its UTC day)."""
    ordered = sorted(reviews, key=lambda r: (r.happened_at, r.id))
    day = {r.id: (zone_day or {}).get(r.id, r.happened_at.date()) for r in ordered}
    interviews = [r for r in ordered if r.kind == ReviewKind.INTERVIEW]
    return Trends(
        reviews=len(interviews),
        weaknesses=_weaknesses(ordered, interviews, day),
        strengths=_counted(t for r in ordered for t in r.strengths),
        dimensions=_dimensions(interviews, day),
        questions=_questions(interviews, day),
    )


def _weaknesses(
    ordered: Sequence[Review], interviews: Sequence[Review], day: Mapping[int, date]
) -> tuple[Weakness, ...]:
    found: list[Weakness] = []
    for name in dict.fromkeys(t for r in ordered for t in r.weaknesses):
        tagged = [r for r in ordered if name in r.weaknesses]
        fix, planned_after, repeats = "", None, []
        for review in tagged:
            # Back in a later interview than the one a fix was planned after: a repeat. The
            # lessons and the feedback of that interview tag it again without repeating it.
            if (
                planned_after is not None
                and review.kind == ReviewKind.INTERVIEW
                and review.interview_id != planned_after
            ):
                repeats.append(day[review.id])
            if review.fixes.get(name):
                fix, planned_after = review.fixes[name], review.interview_id
        last = tagged[-1]
        since = sum(1 for r in interviews if (r.happened_at, r.id) > (last.happened_at, last.id))
        if since >= FADE_AFTER:
            state = WeaknessState.FADED  # its repeats, if any, stay listed
        elif repeats:
            state = WeaknessState.REPEAT
        elif len(tagged) > 1:
            state = WeaknessState.RECURRING
        else:
            state = WeaknessState.ONCE
        first = day[tagged[0].id]
        found.append(Weakness(name, len(tagged), first, day[last.id], state, fix, tuple(repeats)))
    return tuple(sorted(found, key=lambda w: (_ORDER.get(w.state, 3), -w.count, w.tag)))


def _counted(values: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _dimensions(
    interviews: Sequence[Review], day: Mapping[int, date]
) -> tuple[DimensionTrend, ...]:
    names = dict.fromkeys(name for r in interviews for name in r.ratings)
    found = []
    for name in names:
        points = tuple((day[r.id], r.ratings[name]) for r in interviews if name in r.ratings)
        values = [v for _, v in points]
        half = len(values) // 2
        change = (
            statistics.fmean(values[len(values) - half :]) - statistics.fmean(values[:half])
            if half
            else 0.0
        )
        found.append(DimensionTrend(name, points, statistics.fmean(values), change))
    return tuple(found)


def _questions(interviews: Sequence[Review], day: Mapping[int, date]) -> tuple[AskedOften, ...]:
    grouped: dict[str, list[tuple[date, Question]]] = {}
    for review in interviews:
        for question in review.questions:
            grouped.setdefault(question.key, []).append((day[review.id], question))
    found = []
    for key, asked in grouped.items():
        rated = [q.rating for _, q in asked if q.rating is not None]
        found.append(
            AskedOften(
                key,
                asked[-1][1].text,
                len(asked),
                asked[-1][0],
                statistics.fmean(rated) if rated else None,
            )
        )
    return tuple(sorted(found, key=lambda q: (-q.count, q.last.toordinal() * -1, q.key)))


def red_flags(notes: Iterable[tuple[str, str]]) -> list[str]:
    """The lines marked `flag:` (or `red flag:`) in interview notes, each with where it came
    from: `notes` holds (where, text) pairs."""
    return [f"{match['text']} ({where})" for where, text in notes for match in FLAG.finditer(text)]

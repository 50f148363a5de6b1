"""Self-reviews (practice 1), a rejection's lessons and the employer's feedback (practice
10), and what they add up to: the weaknesses that recur, fade or repeat, the strengths, the
ratings over time and the question bank."""

from __future__ import annotations

from collections.abc import Collection
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from afterview.domain.errors import InvalidInput, NotFound
from afterview.domain.reviews import AskedOften, Question, Review, ReviewKind, Trends
from afterview.services import reviews as service
from afterview.web.api.actions import ActionOut, action_out
from afterview.web.api.fields import Long, Short, Words, body_fields
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["reviews"])
# The domain's names for what a body sends.
BODY_FIELDS = {"question": "questions", "fix": "fixes", "feedback": "notes"}
# What each kind of review takes besides the tags (strengths, weaknesses).
TAKES = {
    ReviewKind.INTERVIEW: {"ratings", "questions", "went_well", "went_wrong", "fixes"},
    ReviewKind.LESSONS: {"went_well", "went_wrong", "fixes"},
    ReviewKind.FEEDBACK: {"notes", "on"},
}
WHAT = {
    ReviewKind.INTERVIEW: "a self-review",
    ReviewKind.LESSONS: "lessons",
    ReviewKind.FEEDBACK: "feedback",
}


class QuestionIn(BaseModel):
    """A question you were asked, and how you rate your answer."""

    text: Long
    rating: int | None = Field(None, description="How you rate your answer, 1 to 5.")


class ReviewIn(BaseModel):
    """A self-review of an interview, a rejection's lessons (no ratings, no questions) or
    the employer's feedback (`notes`, `on` and the tags). Fields left out are empty; every
    weakness of a self-review or of lessons needs its fix."""

    ratings: dict[Short, int] = Field(
        default_factory=dict, description="Dimension → 1 (poor) to 5 (excellent)."
    )
    questions: list[QuestionIn] = Field(default_factory=list)
    went_well: Long = ""
    went_wrong: Long = ""
    strengths: list[Short] = Field(default_factory=list, description="Tags.")
    weaknesses: list[Short] = Field(default_factory=list, description="Tags.")
    fixes: dict[Short, Long] = Field(
        default_factory=dict, description="Weakness → the concrete fix you plan."
    )
    notes: Long = Field("", description="Feedback: what they said.")
    on: Words | None = Field(None, description="Feedback: the day it came (default today).")


class ReviewOut(BaseModel):
    """A review as stored (the `reviews` of docs/export-format.md, by id). A review just
    written adds the action it closed (`closed`, or null) and the weaknesses it repeats:
    tagged again after a fix for them was planned (`repeats`)."""

    id: int
    uid: str
    kind: ReviewKind
    application_id: int
    interview_id: int | None
    happened_at: str
    ratings: dict[str, int]
    questions: list[dict[str, str | int | None]]
    went_well: str
    went_wrong: str
    strengths: list[str]
    weaknesses: list[str]
    fixes: dict[str, str]
    notes: str
    created_at: str
    updated_at: str
    closed: ActionOut | None = None
    repeats: list[str] | None = None


class AskedOut(BaseModel):
    """A question of the bank: its latest wording, how often and when last you were asked
    it, and the average of your answers' ratings (null: none rated)."""

    key: str
    text: str
    count: int
    last: str
    average: float | None


class TrendsOut(BaseModel):
    """What your reviews add up to. `weaknesses` come repeats first, then recurring, once
    and faded, each with the days it was tagged again after a fix (`repeats`); the ratings
    per `dimensions` in order, with their average and `change` (the later half's average
    minus the earlier half's); the questions most often asked first."""

    reviews: int
    weaknesses: list[dict[str, str | int | list[str]]]
    strengths: list[dict[str, str | int]]
    dimensions: list[dict[str, str | float | list[dict[str, str | int]]]]
    questions: list[AskedOut]


@router.get("/interviews/{interview_id}/review", response_model_exclude_unset=True)
def show_review(interview_id: int, ws: WorkspaceDep) -> ReviewOut:
    """The self-review of an interview (404 while there is none)."""
    found = service.interview_review(ws, interview_id)
    if found is None:
        raise NotFound("self-review of interview", interview_id)
    return review_out(found)


@router.put("/interviews/{interview_id}/review", response_model_exclude_unset=True)
def write_review(interview_id: int, review: ReviewIn, ws: WorkspaceDep) -> ReviewOut:
    """Write (or rewrite) the self-review of an interview that has happened; the plan's
    self-review action is done then."""
    _refuse_others(review, ReviewKind.INTERVIEW)
    with body_fields(BODY_FIELDS):
        saved = service.review_interview(
            ws,
            interview_id,
            ratings=review.ratings,
            questions=[Question(q.text, q.rating) for q in review.questions],
            went_well=review.went_well,
            went_wrong=review.went_wrong,
            strengths=review.strengths,
            weaknesses=review.weaknesses,
            fixes=review.fixes,
        )
    return saved_out(saved)


@router.post("/applications/{application_id}/lessons", response_model_exclude_unset=True)
def write_lessons(application_id: int, review: ReviewIn, ws: WorkspaceDep) -> ReviewOut:
    """Write (or rewrite) what you take from a rejection, linked to the self-review of its
    last interview; the plan's lessons action is done then."""
    _refuse_others(review, ReviewKind.LESSONS)
    with body_fields(BODY_FIELDS):
        saved = service.record_lessons(
            ws,
            application_id,
            went_well=review.went_well,
            went_wrong=review.went_wrong,
            strengths=review.strengths,
            weaknesses=review.weaknesses,
            fixes=review.fixes,
        )
    return saved_out(saved)


@router.post(
    "/applications/{application_id}/feedback",
    status_code=201,
    response_model_exclude_unset=True,
)
def add_feedback(application_id: int, review: ReviewIn, ws: WorkspaceDep) -> ReviewOut:
    """Keep what the employer said about you (`notes`, and tags); its tags count in the
    trends."""
    _refuse_others(review, ReviewKind.FEEDBACK)
    with body_fields(BODY_FIELDS):
        saved = service.record_feedback(
            ws,
            application_id,
            review.notes,
            strengths=review.strengths,
            weaknesses=review.weaknesses,
            on=review.on,
        )
    return saved_out(saved)


@router.get("/reviews/trends")
def show_trends(ws: WorkspaceDep) -> TrendsOut:
    """What recurs and what fades across your reviews, lessons and feedback."""
    return trends_out(service.review_trends(ws))


@router.get("/reviews/questions")
def question_bank(
    ws: WorkspaceDep,
    q: Annotated[
        str, Query(max_length=200, description="Only the questions with every word of it.")
    ] = "",
) -> list[AskedOut]:
    """Every question you were asked, most often first."""
    return [asked_out(found) for found in service.question_bank(ws, q)]


def _refuse_others(review: ReviewIn, kind: ReviewKind) -> None:
    """A field that this kind of review does not take is refused, not silently dropped."""
    given: Collection[str] = review.model_fields_set - {"strengths", "weaknesses"}
    for name in ReviewIn.model_fields:
        if name in given and name not in TAKES[kind]:
            raise InvalidInput(f"“{name}” does not go with {WHAT[kind]}.", field=name)


def review_out(review: Review) -> ReviewOut:
    return ReviewOut(
        id=review.id,
        uid=str(review.uid),
        kind=review.kind,
        application_id=review.application_id,
        interview_id=review.interview_id,
        happened_at=review.happened_at.isoformat(),
        ratings=dict(review.ratings),
        questions=[{"text": q.text, "rating": q.rating} for q in review.questions],
        went_well=review.went_well,
        went_wrong=review.went_wrong,
        strengths=list(review.strengths),
        weaknesses=list(review.weaknesses),
        fixes=dict(review.fixes),
        notes=review.notes,
        created_at=review.created_at.isoformat(),
        updated_at=review.updated_at.isoformat(),
    )


def saved_out(saved: service.Saved) -> ReviewOut:
    out = review_out(saved.review)
    out.closed = action_out(saved.closed) if saved.closed else None
    out.repeats = list(saved.repeats)
    return out


def asked_out(asked: AskedOften) -> AskedOut:
    return AskedOut(
        key=asked.key,
        text=asked.text,
        count=asked.count,
        last=asked.last.isoformat(),
        average=asked.average,
    )


def trends_out(found: Trends) -> TrendsOut:
    return TrendsOut(
        reviews=found.reviews,
        weaknesses=[
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
        strengths=[{"tag": tag, "count": count} for tag, count in found.strengths],
        dimensions=[
            {
                "dimension": d.dimension,
                "points": [{"day": day.isoformat(), "rating": n} for day, n in d.points],
                "average": d.average,
                "change": d.change,
            }
            for d in found.dimensions
        ],
        questions=[asked_out(q) for q in found.questions],
    )

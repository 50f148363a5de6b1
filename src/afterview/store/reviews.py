"""Self-reviews, lessons and feedback in the store."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from afterview.domain.errors import NotFound
from afterview.domain.reviews import Question, Review, ReviewKind
from afterview.store.rows import ReviewRow


def to_review(row: ReviewRow) -> Review:
    return Review(
        id=row.id,
        uid=row.uid,
        kind=ReviewKind(row.kind),
        application_id=row.application_id,
        interview_id=row.interview_id,
        happened_at=row.happened_at,
        ratings=dict(row.ratings),
        questions=tuple(Question(q["text"], q.get("rating")) for q in row.questions),
        went_well=row.went_well,
        went_wrong=row.went_wrong,
        strengths=tuple(row.strengths),
        weaknesses=tuple(row.weaknesses),
        fixes=dict(row.fixes),
        notes=row.notes,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def questions_json(questions: Collection[Question]) -> list[dict[str, Any]]:
    return [{"text": q.text, "rating": q.rating} for q in questions]


def get_review(session: Session, review_id: int) -> Review:
    row = session.get(ReviewRow, review_id)
    if row is None:
        raise NotFound("review", review_id)
    return to_review(row)


def list_reviews(
    session: Session,
    *,
    kinds: Collection[ReviewKind] | None = None,
    application_ids: Collection[int] | None = None,
    interview_ids: Collection[int] | None = None,
) -> list[Review]:
    """Reviews in the order they happened."""
    query = select(ReviewRow).order_by(ReviewRow.happened_at, ReviewRow.id)
    if kinds is not None:
        query = query.where(ReviewRow.kind.in_([str(k) for k in kinds]))
    if application_ids is not None:
        query = query.where(ReviewRow.application_id.in_(list(application_ids)))
    if interview_ids is not None:
        query = query.where(ReviewRow.interview_id.in_(list(interview_ids)))
    return [to_review(row) for row in session.scalars(query)]


def save_review(session: Session, review: Review) -> Review:
    """Insert (id 0) or update a review."""
    row = session.get(ReviewRow, review.id) if review.id else None
    if row is None:
        row = ReviewRow(uid=review.uid, created_at=review.created_at)
        session.add(row)
    row.kind = str(review.kind)
    row.application_id = review.application_id
    row.interview_id = review.interview_id
    row.happened_at = review.happened_at
    row.ratings = dict(review.ratings)
    row.questions = questions_json(review.questions)
    row.went_well = review.went_well
    row.went_wrong = review.went_wrong
    row.strengths = list(review.strengths)
    row.weaknesses = list(review.weaknesses)
    row.fixes = dict(review.fixes)
    row.notes = review.notes
    row.updated_at = review.updated_at
    session.flush()
    return to_review(row)

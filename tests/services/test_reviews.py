"""Self-reviews, lessons and feedback through the services, on SQLite and PostgreSQL: the
plan's actions they close, rewriting, repeats across interviews, the question bank and the
red flags next to an offer."""

from __future__ import annotations

import pytest

from afterview.domain.actions import ActionKind, ActionState
from afterview.domain.errors import InvalidInput
from afterview.domain.reviews import Question, ReviewKind, WeaknessState
from afterview.domain.stages import Stage
from afterview.services.actions import application_actions
from afterview.services.applications import change_stage
from afterview.services.reviews import (
    application_red_flags,
    application_reviews,
    lessons_for,
    question_bank,
    record_feedback,
    record_lessons,
    review_interview,
    review_trends,
)
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_interview, make_profile


def _state(ws: Workspace, application: int, kind: ActionKind) -> list[ActionState]:
    return [a.state for a in application_actions(ws, application) if a.kind == kind]


@pytest.fixture
def past(ws: Workspace) -> tuple[int, int]:
    """An application with an interview two days ago: (application id, interview id)."""
    make_profile(ws)
    application = make_application(ws)
    interview = make_interview(ws, application=application.id, starts="2026-11-24 10:00")
    return application.id, interview.id


def test_a_self_review_closes_the_practice_one_action(ws: Workspace, past: tuple[int, int]):
    application, interview = past
    assert _state(ws, application, ActionKind.SELF_REVIEW) == [ActionState.OPEN]
    saved = review_interview(
        ws,
        interview,
        ratings={"preparation": 4, "rapport": 3},
        questions=[Question("Tell me about a conflict.", 2)],
        went_well="The system design part",
        weaknesses=["rambling"],
        fixes={"rambling": "Answer in two minutes"},
    )
    assert saved.closed is not None
    assert saved.closed.kind == ActionKind.SELF_REVIEW
    assert _state(ws, application, ActionKind.SELF_REVIEW) == [ActionState.DONE]
    again = review_interview(ws, interview, ratings={"preparation": 5})
    assert again.review.id == saved.review.id  # rewritten, not a second review
    assert again.review.ratings == {"preparation": 5}
    assert again.closed is None
    assert [r.kind for r in application_reviews(ws, application)] == [ReviewKind.INTERVIEW]


def test_bad_reviews_write_nothing(ws: Workspace, past: tuple[int, int]):
    application, interview = past
    for values, field in (
        ({"ratings": {"rapport": 9}}, "ratings"),
        ({"weaknesses": ["nerves"]}, "fixes"),
        ({}, "ratings"),  # empty
    ):
        with pytest.raises(InvalidInput) as refused:
            review_interview(ws, interview, **values)
        assert refused.value.field == field
    future = make_interview(ws, application=application, starts="2026-12-03 10:00")
    with pytest.raises(InvalidInput, match="has not happened yet"):
        review_interview(ws, future.id, ratings={"rapport": 4})
    assert application_reviews(ws, application) == []
    assert _state(ws, application, ActionKind.SELF_REVIEW)[0] == ActionState.OPEN


def test_a_weakness_back_after_its_fix_is_a_repeat(ws: Workspace, past: tuple[int, int]):
    application, first = past
    review_interview(ws, first, weaknesses=["rambling"], fixes={"rambling": "Two minutes"})
    second = make_interview(ws, application=application, starts="2026-11-25 15:00")
    saved = review_interview(
        ws, second.id, weaknesses=["Rambling"], fixes={"rambling": "Use a timer"}
    )
    assert saved.repeats == ("rambling",)
    [weakness] = review_trends(ws).weaknesses
    assert weakness.state == WeaknessState.REPEAT
    assert weakness.fix == "Use a timer"


def test_the_question_bank_grows_and_can_be_searched(ws: Workspace, past: tuple[int, int]):
    application, first = past
    review_interview(ws, first, questions=[Question("Why Acme?", 3), Question("Salary?")])
    second = make_interview(ws, application=application, starts="2026-11-25 15:00")
    review_interview(ws, second.id, questions=[Question("why acme", 5)])
    bank = question_bank(ws)
    assert [(q.key, q.count, q.average) for q in bank] == [
        ("why acme", 2, 4.0),
        ("salary", 1, None),
    ]
    assert [q.key for q in question_bank(ws, "SALARY")] == ["salary"]
    assert question_bank(ws, "conflict") == []


def test_lessons_after_a_rejection_sit_beside_the_last_self_review(
    ws: Workspace, past: tuple[int, int]
):
    application, interview = past
    review_interview(ws, interview, ratings={"answers": 2})
    change_stage(ws, application, Stage.REJECTED)
    assert _state(ws, application, ActionKind.LESSONS_LEARNED) == [ActionState.OPEN]
    saved = record_lessons(
        ws,
        application,
        went_wrong="Weak on streaming",
        weaknesses=["streaming"],
        fixes={"streaming": "Build a Kafka side project"},
    )
    assert saved.closed is not None
    assert _state(ws, application, ActionKind.LESSONS_LEARNED) == [ActionState.DONE]
    side_by_side = lessons_for(ws, application)
    assert side_by_side.lessons is not None
    assert side_by_side.lessons.id == saved.review.id
    assert side_by_side.interview_review is not None
    assert side_by_side.interview_review.ratings == {"answers": 2}
    assert side_by_side.last_interview is not None
    assert side_by_side.last_interview.id == interview
    make_interview(ws, application=application, starts="2026-12-02 10:00")  # not held yet
    assert lessons_for(ws, application).last_interview.id == interview  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="Say what you learned"):
        record_lessons(ws, application)


def test_feedback_is_attached_and_counts_in_the_trends(ws: Workspace, past: tuple[int, int]):
    application, _ = past
    saved = record_feedback(
        ws,
        application,
        "Strong SQL, weaker on system design.",
        weaknesses=["system design"],
        on="2026-11-25",
    )
    assert saved.review.kind == ReviewKind.FEEDBACK
    assert saved.review.happened_at.date().isoformat() == "2026-11-25"
    assert [w.tag for w in review_trends(ws).weaknesses] == ["system-design"]
    with pytest.raises(InvalidInput, match="in the future"):
        record_feedback(ws, application, "x", on="2026-12-25")
    with pytest.raises(InvalidInput, match="empty"):
        record_feedback(ws, application, "  ")


def test_red_flags_from_notes_and_low_rapport(ws: Workspace, past: tuple[int, int]):
    from afterview.services.interviews import edit_interview

    application, interview = past
    edit_interview(ws, interview, notes="Good team.\nflag: the manager left twice this year")
    review_interview(ws, interview, ratings={"rapport": 2})
    with ws.ready().read() as session:
        flags = application_red_flags(session, application, "Europe/Berlin")
    assert flags == [
        "the manager left twice this year (round 1, 24 Nov)",
        "You rated the rapport 2/5 (round 1, 24 Nov)",
    ]


def test_the_plan_says_what_the_review_found(ws: Workspace, past: tuple[int, int]):
    from afterview.services.plans import interview_plan

    _, interview = past
    review_interview(
        ws, interview, ratings={"answers": 3}, weaknesses=["rambling"], fixes={"rambling": "Timer"}
    )
    [first] = [p for p in interview_plan(ws, interview).practices if p.number == 1]
    assert first.note == "Reviewed: answers 3/5; weakness rambling (fix: Timer)."

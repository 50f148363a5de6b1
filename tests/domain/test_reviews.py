"""Self-reviews: the checks, the question bank's keys, and the trends — which weaknesses
recur, fade and repeat after a fix, the ratings over time, the questions asked most."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from afterview.domain.errors import InvalidInput
from afterview.domain.reviews import (
    DEFAULT_DIMENSIONS,
    FADE_AFTER,
    Question,
    Review,
    ReviewKind,
    WeaknessState,
    check_review,
    question_key,
    red_flags,
    tag,
    trends,
)

START = datetime(2026, 9, 1, 10, tzinfo=UTC)


def review(
    number: int,
    *,
    kind: ReviewKind = ReviewKind.INTERVIEW,
    weeks: int | None = None,
    weaknesses: tuple[str, ...] = (),
    fixes: dict[str, str] | None = None,
    ratings: dict[str, int] | None = None,
    questions: tuple[Question, ...] = (),
    strengths: tuple[str, ...] = (),
) -> Review:
    at = START + timedelta(weeks=number if weeks is None else weeks)
    return Review(
        id=number,
        uid=uuid4(),
        kind=kind,
        application_id=1,
        interview_id=number,
        happened_at=at,
        ratings=ratings or {},
        questions=questions,
        strengths=strengths,
        weaknesses=weaknesses,
        fixes=fixes or {},
        created_at=at,
        updated_at=at,
    )


def checked(kind: ReviewKind = ReviewKind.INTERVIEW, **values: object) -> dict[str, object]:
    given_values: dict[str, object] = {
        "dimensions": DEFAULT_DIMENSIONS,
        "ratings": {},
        "questions": (),
        "went_well": "",
        "went_wrong": "",
        "strengths": (),
        "weaknesses": (),
        "fixes": {},
        "notes": "",
    }
    return check_review(kind, **(given_values | values))  # type: ignore[arg-type]


def test_a_review_is_normalised() -> None:
    found = checked(
        ratings={"Rapport": 4, "answers": 2},
        questions=(Question("Tell me about yourself.", 3), Question("tell me about YOURSELF", 4)),
        strengths=("Clear Examples", "clear examples"),
        weaknesses=("Too long answers",),
        fixes={"too long answers": "Answer in two minutes, then stop"},
    )
    assert found["ratings"] == {"rapport": 4, "answers": 2}
    assert found["questions"] == (Question("Tell me about yourself.", 3),)  # one question
    assert found["strengths"] == ("clear-examples",)
    assert found["weaknesses"] == ("too-long-answers",)
    assert found["fixes"] == {"too-long-answers": "Answer in two minutes, then stop"}


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"ratings": {"rapport": 6}}, "ratings", "from 1 to 5, not 6"),
        ({"ratings": {"charm": 3}}, "ratings", "Unknown dimension 'charm'"),
        ({"weaknesses": ("rambling",)}, "fixes", "one concrete fix for the weakness 'rambling'"),
        ({"fixes": {"nerves": "breathe"}}, "fixes", "not among the weaknesses"),
        ({"questions": (Question("?!"),)}, "questions", "without words"),
        ({"questions": (Question("Why us?", 0),)}, "questions", "from 1 to 5, not 0"),
        ({"strengths": ("x" * 41,)}, "strengths", "at most 40"),
    ],
)
def test_bad_reviews_are_refused_by_field(
    values: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInput, match=words) as refused:
        checked(ReviewKind.INTERVIEW, **values)
    assert refused.value.field == field


def test_feedback_needs_no_fix() -> None:
    assert checked(ReviewKind.FEEDBACK, weaknesses=("system design",))["fixes"] == {}


def test_a_weakness_tagged_again_after_a_fix_is_a_repeat() -> None:
    found = trends(
        [
            review(1, weaknesses=("rambling",), fixes={"rambling": "Two-minute answers"}),
            review(2),
            review(3, weaknesses=("rambling",), fixes={"rambling": "Practise with a timer"}),
            review(4, weaknesses=("nerves",), fixes={"nerves": "Arrive early"}),
            # The lessons and the feedback after interview 4 restate it: not a repeat.
            replace(review(5, kind=ReviewKind.LESSONS, weaknesses=("nerves",)), interview_id=4),
            replace(review(6, kind=ReviewKind.FEEDBACK, weaknesses=("nerves",)), interview_id=None),
        ]
    )
    by_tag = {w.tag: w for w in found.weaknesses}
    rambling, nerves = by_tag["rambling"], by_tag["nerves"]
    assert rambling.state == WeaknessState.REPEAT
    assert rambling.repeats == (date(2026, 9, 22),)
    assert rambling.fix == "Practise with a timer"  # the latest plan
    assert nerves.state == WeaknessState.RECURRING
    assert nerves.repeats == ()
    assert (nerves.count, nerves.first, nerves.last) == (3, date(2026, 9, 29), date(2026, 10, 13))
    assert [w.tag for w in found.weaknesses] == ["rambling", "nerves"]


def test_a_weakness_left_untagged_for_three_interviews_has_faded() -> None:
    tagged = [review(1, weaknesses=("salary-talk",), fixes={"salary-talk": "Know my number"})]
    later = [review(n) for n in range(2, 2 + FADE_AFTER)]
    found = trends([*tagged, *later])
    assert [(w.tag, w.state) for w in found.weaknesses] == [("salary-talk", WeaknessState.FADED)]
    not_yet = trends([*tagged, *later[:-1]])
    assert not_yet.weaknesses[0].state == WeaknessState.ONCE
    twice = trends([review(1, weaknesses=("a",), fixes={}), review(2, weaknesses=("a",))])
    assert twice.weaknesses[0].state == WeaknessState.RECURRING  # no fix was ever planned


def test_ratings_over_time_and_the_questions_asked_most() -> None:
    found = trends(
        [
            review(1, ratings={"answers": 2, "rapport": 4}, questions=(Question("Why us?", 2),)),
            review(
                2, ratings={"answers": 3}, questions=(Question("Why  us", 4), Question("Salary?"))
            ),
            review(3, ratings={"answers": 5}, questions=(Question("Why us?!", 3),)),
            review(4, ratings={"answers": 4}, strengths=("stories",)),
        ]
    )
    answers = next(d for d in found.dimensions if d.dimension == "answers")
    assert [v for _, v in answers.points] == [2, 3, 5, 4]
    assert answers.average == pytest.approx(3.5)
    assert answers.change == pytest.approx(2.0)  # (5 + 4)/2 − (2 + 3)/2
    rapport = next(d for d in found.dimensions if d.dimension == "rapport")
    assert rapport.change == 0
    top = found.questions[0]
    assert (top.key, top.count, top.text, top.average) == ("why us", 3, "Why us?!", 3.0)
    assert found.questions[1].average is None
    assert found.strengths == (("stories", 1),)
    assert found.reviews == 4


def test_red_flags_come_from_marked_lines() -> None:
    notes = [
        ("round 1", "Nice team.\nflag: nobody could say who I would report to\n"),
        ("round 2", "RED FLAG:  three managers in a year\nnot a flag: this\n"),
        ("round 3", "Live coding. flag: 'weekends happen'"),
    ]
    assert red_flags(notes) == [
        "nobody could say who I would report to (round 1)",
        "three managers in a year (round 2)",
        "'weekends happen' (round 3)",
    ]


@given(st.text(max_size=60))
def test_question_keys_ignore_case_punctuation_and_spacing(text: str) -> None:
    key = question_key(text)
    assert question_key(key) == key
    assert question_key(text.upper() + " ?! ") == question_key(text.upper())
    assert key == key.strip()


@given(st.text(alphabet=st.characters(categories=["L", "N", "Zs", "P"]), min_size=1, max_size=40))
def test_tags_are_stable(text: str) -> None:
    try:
        once = tag(text, "weaknesses")
    except InvalidInput:
        return
    assert tag(once, "weaknesses") == once
    assert " " not in once

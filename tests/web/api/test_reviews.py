"""Self-reviews, lessons, feedback, their trends and the question bank over the API; and a
rejection with what it plans and the pipeline after. On the small search of
tests/web/small_search.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.api.shapes import ACTION_KEYS, APPLICATION_KEYS, REVIEW_KEYS, invalid
from tests.web.small_search import ACME, Search, small_search

SAVED_KEYS = REVIEW_KEYS | {"closed", "repeats"}


@pytest.fixture
def search(client: TestClient) -> Search:
    return small_search(client)


def self_review_action(client: TestClient, interview: int) -> dict:
    plan = client.get(f"/api/interviews/{interview}/plan").json()
    [action] = plan["practices"][0]["actions"]
    assert action["kind"] == "self_review"
    return action


def reviewed(client: TestClient, application: int) -> list[dict]:
    timeline = client.get(f"/api/applications/{application}").json()["timeline"]
    return [e for e in timeline if e["kind"] == "reviewed"]


def test_a_self_review_is_written_read_and_rewritten(client: TestClient, search: Search):
    path = f"/api/interviews/{search.first}/review"
    assert self_review_action(client, search.first)["state"] == "open"
    missing = client.get(path)
    assert missing.status_code == 404
    assert missing.json()["error"] == f"No self-review of interview {search.first}."
    written = client.put(
        path,
        json={
            "ratings": {"preparation": 4, "Rapport": 2},
            "questions": [{"text": "Why us?", "rating": 3}, {"text": "Any questions?"}],
            "went_well": "The SQL exercise",
            "strengths": ["SQL"],
            "weaknesses": ["Too long answers"],
            "fixes": {"too long answers": "Two minutes, then stop"},
        },
    )
    assert written.status_code == 200
    body = written.json()
    assert set(body) == SAVED_KEYS
    assert (body["kind"], body["interview_id"]) == ("interview", search.first)
    assert body["application_id"] == search.acme
    assert body["ratings"] == {"preparation": 4, "rapport": 2}
    assert body["questions"] == [
        {"text": "Why us?", "rating": 3},
        {"text": "Any questions?", "rating": None},
    ]
    assert (body["strengths"], body["weaknesses"]) == (["sql"], ["too-long-answers"])
    assert body["fixes"] == {"too-long-answers": "Two minutes, then stop"}
    assert set(body["closed"]) == ACTION_KEYS
    assert (body["closed"]["kind"], body["closed"]["state"]) == ("self_review", "done")
    assert body["repeats"] == []
    assert self_review_action(client, search.first)["state"] == "done"
    read = client.get(path).json()
    assert set(read) == REVIEW_KEYS
    assert read["ratings"] == body["ratings"]
    rewritten = client.put(path, json={"went_wrong": "Late"}).json()
    assert (rewritten["id"], rewritten["went_wrong"], rewritten["ratings"]) == (
        body["id"],
        "Late",
        {},
    )
    assert rewritten["closed"] is None  # done already


def test_a_weakness_tagged_again_after_its_fix_is_a_repeat(client: TestClient, search: Search):
    fix = {"weaknesses": ["rambling"], "fixes": {"rambling": "Answer in two minutes"}}
    first = client.put(f"/api/interviews/{search.first}/review", json=fix)
    assert first.json()["repeats"] == []
    second = client.put(f"/api/interviews/{search.second}/review", json=fix)
    assert second.json()["repeats"] == ["rambling"]
    trends = client.get("/api/reviews/trends").json()
    assert trends["weaknesses"] == [
        {
            "tag": "rambling",
            "state": "repeat",
            "count": 2,
            "first": "2026-11-10",
            "last": "2026-11-24",
            "fix": "Answer in two minutes",
            "repeats": ["2026-11-24"],
        }
    ]


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({"ratings": {"preparation": 7}}, {"ratings": "Rate preparation from 1 to 5, not 7."}),
        ({"ratings": {"charm": 3}}, {"ratings": "Unknown dimension 'charm'"}),
        ({}, {"ratings": "The review is empty"}),
        ({"weaknesses": ["rambling"]}, {"fixes": "Plan one concrete fix for the weakness"}),
        ({"went_well": "x", "fixes": {"shy": "talk"}}, {"fixes": "not among the weaknesses"}),
        ({"questions": [{"text": "Why us?", "rating": 9}]}, {"questions": "from 1 to 5"}),
        ({"questions": [{"text": "?!"}]}, {"questions": "A question without words."}),
        ({"questions": [{"text": "q" * 501}]}, {"questions": "at most 500 fit"}),
        ({"went_well": "x", "notes": "They liked it"}, {"notes": "does not go with a self"}),
        ({"ratings": {"answers": "good"}}, {"ratings.answers": "valid integer"}),
    ],
)
def test_a_bad_self_review_is_422_naming_the_field_and_writes_nothing(
    client: TestClient, search: Search, sent: dict, fields: dict
):
    invalid(client.put(f"/api/interviews/{search.first}/review", json=sent), fields)
    assert client.get(f"/api/interviews/{search.first}/review").status_code == 404
    assert reviewed(client, search.acme) == []
    assert self_review_action(client, search.first)["state"] == "open"


def test_an_interview_to_come_cannot_be_reviewed_yet(client: TestClient, search: Search):
    invalid(
        client.put(f"/api/interviews/{search.later}/review", json={"ratings": {"answers": 3}}),
        {"interview": f"Interview {search.later} has not happened yet: review it afterwards."},
    )


def test_the_trends_and_the_question_bank(client: TestClient, search: Search):
    empty = client.get("/api/reviews/trends").json()
    assert empty == {
        "reviews": 0,
        "weaknesses": [],
        "strengths": [],
        "dimensions": [],
        "questions": [],
    }
    for interview, rating in ((search.first, 2), (search.second, 5)):
        client.put(
            f"/api/interviews/{interview}/review",
            json={
                "ratings": {"answers": rating},
                "questions": [{"text": "Tell me about yourself.", "rating": rating}],
                "strengths": ["sql"],
            },
        )
    client.put(
        f"/api/interviews/{search.first}/review",
        json={
            "ratings": {"answers": 3},
            "questions": [
                {"text": "tell me about  yourself", "rating": 3},
                {"text": "Why do you want to leave?"},
            ],
        },
    )
    trends = client.get("/api/reviews/trends").json()
    assert trends["reviews"] == 2
    assert trends["strengths"] == [{"tag": "sql", "count": 1}]
    assert trends["dimensions"] == [
        {
            "dimension": "answers",
            "points": [{"day": "2026-11-10", "rating": 3}, {"day": "2026-11-24", "rating": 5}],
            "average": 4.0,
            "change": 2.0,
        }
    ]
    [often, once] = trends["questions"]
    assert often == {
        "key": "tell me about yourself",
        "text": "Tell me about yourself.",
        "count": 2,
        "last": "2026-11-24",
        "average": 4.0,
    }
    assert (once["text"], once["count"], once["average"]) == ("Why do you want to leave?", 1, None)
    found = client.get("/api/reviews/questions", params={"q": "LEAVE why"}).json()
    assert [q["text"] for q in found] == ["Why do you want to leave?"]
    assert len(client.get("/api/reviews/questions").json()) == 2
    assert client.get("/api/reviews/questions", params={"q": "salary"}).json() == []


def test_a_rejection_plans_the_reply_the_lessons_and_the_reminder(
    client: TestClient, search: Search
):
    answer = client.post(
        f"/api/applications/{search.acme}/reject",
        json={
            "reason": "They chose someone with more dbt",
            "feedback": "Strong SQL; the system design was thin.",
            "still_interested": True,
        },
    )
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"application", "planned", "feedback", "pipeline"}
    assert set(body["application"]) == APPLICATION_KEYS
    assert body["application"]["stage"] == "rejected"
    kinds = [a["kind"] for a in body["planned"]]
    assert kinds == ["rejection_reply", "lessons_learned", "reapply_reminder"]
    reply, lessons, reminder = body["planned"]
    assert set(reply) == ACTION_KEYS | {"draft"}
    draft = client.get(f"/api/drafts/{reply['draft']['id']}").json()
    assert draft["kind"] == "rejection_reply"
    assert lessons["draft"] is None
    assert reminder["due_at"] == "2027-05-26T07:00:00+00:00"
    assert set(body["feedback"]) == REVIEW_KEYS
    assert (body["feedback"]["kind"], body["feedback"]["notes"]) == (
        "feedback",
        "Strong SQL; the system design was thin.",
    )
    assert body["pipeline"] == {
        "active": 1,
        "by_stage": {"applied": 1, "screening": 0, "interviewing": 0, "offer": 0},
        "floor": 5,
        "applied_this_week": 3,
        "weekly_goal": 5,
        "nudge": "Only 1 active application (your floor is 5): add a few before the pipeline "
        "runs dry.",
    }
    invalid(
        client.post(f"/api/applications/{search.acme}/reject", json={}),
        {"application": f"{ACME} is already rejected."},
    )


def test_a_form_letter_plans_the_lessons_alone(client: TestClient, search: Search):
    answer = client.post(f"/api/applications/{search.acme}/reject", json={"automated": True})
    assert [a["kind"] for a in answer.json()["planned"]] == ["lessons_learned"]
    assert answer.json()["feedback"] is None
    assert client.post(f"/api/applications/{search.globex}/reject").status_code == 200  # no body


def test_a_refused_rejection_writes_nothing(client: TestClient, search: Search):
    path = f"/api/applications/{search.acme}/reject"
    invalid(
        client.post(path, json={"reason": "x" * 501, "feedback": "kept?"}),
        {"reason": "at most 500 fit"},
    )
    invalid(client.post(path, json={"automated": "maybe"}), {"automated": "valid boolean"})
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "applied"
    assert reviewed(client, search.acme) == []


def test_lessons_close_their_action_beside_the_last_self_review(client: TestClient, search: Search):
    path = f"/api/applications/{search.acme}/lessons"
    client.post(f"/api/applications/{search.acme}/reject", json={})
    invalid(client.post(path, json={}), {"went_wrong": "Say what you learned"})
    invalid(
        client.post(path, json={"ratings": {"answers": 2}}),
        {"ratings": "“ratings” does not go with lessons."},
    )
    invalid(
        client.post(path, json={"weaknesses": ["design"]}),
        {"fixes": "Plan one concrete fix for the weakness 'design'."},
    )
    written = client.post(
        path,
        json={
            "went_wrong": "My system design was thin",
            "weaknesses": ["system design"],
            "fixes": {"system design": "One design exercise a week"},
        },
    )
    assert written.status_code == 200
    body = written.json()
    assert set(body) == SAVED_KEYS
    assert (body["kind"], body["interview_id"]) == ("lessons", search.second)
    assert (body["closed"]["kind"], body["closed"]["state"]) == ("lessons_learned", "done")
    again = client.post(path, json={"went_well": "The SQL"}).json()
    assert (again["id"], again["closed"]) == (body["id"], None)


def test_feedback_is_kept_and_counts_in_the_trends(client: TestClient, search: Search):
    kept = client.post(
        f"/api/applications/{search.initech}/feedback",
        json={"notes": "Great rapport", "strengths": ["Rapport"], "on": "2026-11-25"},
    )
    assert kept.status_code == 201
    body = kept.json()
    assert (body["kind"], body["notes"]) == ("feedback", "Great rapport")
    assert (body["strengths"], body["closed"], body["repeats"]) == (["rapport"], None, [])
    assert body["happened_at"].startswith("2026-11-25")
    trends = client.get("/api/reviews/trends").json()
    assert (trends["strengths"], trends["reviews"]) == ([{"tag": "rapport", "count": 1}], 0)


@pytest.mark.parametrize(
    ("sent", "fields"),
    [
        ({}, {"notes": "The feedback is empty"}),
        ({"notes": "Nice", "on": "2026-12-24"}, {"on": "cannot come in the future"}),
        ({"notes": "Nice", "on": "someday"}, {"on": "someday"}),
        ({"notes": "Nice", "ratings": {"answers": 3}}, {"ratings": "does not go with feedback"}),
        ({"notes": "Nice", "weaknesses": ["x" * 41]}, {"weaknesses": "at most 40 fit"}),
    ],
)
def test_bad_feedback_is_422_naming_the_field_and_writes_nothing(
    client: TestClient, search: Search, sent: dict, fields: dict
):
    invalid(client.post(f"/api/applications/{search.initech}/feedback", json=sent), fields)
    assert reviewed(client, search.initech) == []

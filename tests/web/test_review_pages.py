"""Self-reviews, rejections, lessons and feedback on the pages, and the trends page: the
forms, their answers, errors next to their fields, labels on every control, no inline
scripts and no command line's words. On the small search of tests/web/small_search.py."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tests.web.page_checks import labelled, section
from tests.web.small_search import ACME, Search, small_search

HX = {"HX-Request": "true"}
REVIEW_ACTION = "Review how round 1 at Acme Corp went, while it is fresh"
GOOD = {
    "rating_preparation": "4",
    "rating_rapport": "2",
    "rating_answers": "",
    "questions": "Tell me about yourself = 3\nWhy Acme?\n\n",
    "went_well": "The SQL pairing",
    "went_wrong": "Long answers",
    "strengths": "SQL, calm",
    "weaknesses": "too long answers",
    "fixes": "too long answers: two minutes, then stop",
}


@pytest.fixture
def search(client: TestClient) -> Search:
    return small_search(client)


def field_error(prefix: str, name: str, message: str) -> str:
    return f'<p class="field-error" id="{prefix}-{name}-error">{escape(message)}</p>'


# --- the self-review on the interview's page -----------------------------------------------


def test_the_interview_page_offers_the_self_review_form(client: TestClient, search: Search):
    page = client.get(f"/interviews/{search.first}").text
    review = section(page, "h-self-review")
    assert f'hx-post="/interviews/{search.first}/review" hx-target="#interview"' in review
    assert f'action="/interviews/{search.first}/review"' in review
    assert "<legend>Preparation</legend>" in review
    assert (
        '<label class="check"><input type="radio" name="rating_preparation" value="4"> 4</label>'
    ) in review
    assert (
        '<label class="check"><input type="radio" name="rating_rapport" value="" checked> '
        "not rated</label>"
    ) in review
    assert '<label for="review-questions">Questions they asked</label>' in review
    assert '<label for="review-fixes">A fix for each weakness</label>' in review
    assert "<summary>Rewrite</summary>" not in review
    labelled(page)


def test_a_self_review_closes_the_action_and_shows_with_a_rewrite(
    client: TestClient, search: Search
):
    saved = client.post(f"/interviews/{search.first}/review", data=GOOD, headers=HX)
    assert saved.status_code == 200
    text = saved.text
    assert "<!doctype html>" not in text
    assert (
        '<div class="notice ok" role="status" tabindex="-1" data-focus>\n'
        f"  <p>Saved your self-review. Done: “{REVIEW_ACTION}”.</p>"
    ) in text
    assert '<li id="plan-action-1" class="state-done">' in text  # the plan, swapped too
    assert "<li>Preparation: <strong>4</strong>/5</li>" in text
    assert "<li>Rapport: <strong>2</strong>/5</li>" in text
    assert '<li>Tell me about yourself <span class="muted">(your answer: 3/5)</span></li>' in text
    assert "<li>Why Acme?</li>" in text
    assert '<span class="tag">sql</span> <span class="tag">calm</span>' in text
    assert '<li><span class="tag">too-long-answers</span> fix: two minutes, then stop</li>' in text
    assert "<summary>Rewrite</summary>" in text
    # The form to rewrite it holds the review.
    assert 'name="rating_preparation" value="4" checked' in text
    assert ">Tell me about yourself = 3\nWhy Acme?</textarea>" in text
    assert 'value="too-long-answers"' in text
    assert ">too-long-answers: two minutes, then stop</textarea>" in text
    api = client.get(f"/api/interviews/{search.first}/review").json()
    assert api["ratings"] == {"preparation": 4, "rapport": 2}
    page = client.get(f"/interviews/{search.first}").text
    assert "Saved your self-review" not in page
    assert "<summary>Rewrite</summary>" in page
    labelled(page)
    plain = client.post(f"/interviews/{search.first}/review", data=GOOD | {"went_well": "Tea"})
    assert plain.status_code == 200
    assert "<!doctype html>" in plain.text
    assert '<dt>Went well</dt><dd class="prewrap">Tea</dd>' in plain.text


def test_a_weakness_back_after_its_fix_is_announced(client: TestClient, search: Search):
    client.post(f"/interviews/{search.first}/review", data=GOOD)
    again = client.post(f"/interviews/{search.second}/review", data=GOOD, headers=HX)
    assert (
        '<p class="repeat"><strong>Again:</strong> “too-long-answers” came back after you '
        'planned a fix for it. <a href="/reviews">See how it goes across your reviews</a>.</p>'
    ) in again.text


@pytest.mark.parametrize(
    ("sent", "name", "message"),
    [
        (
            {},
            "ratings",
            "The review is empty: rate a dimension, note a question, or say what went well or "
            "wrong.",
        ),
        ({"rating_answers": "9"}, "ratings", "Rate answers from 1 to 5, not 9."),
        ({"rating_answers": "good"}, "ratings", "Rate answers from 1 to 5."),
        (
            {"weaknesses": "shy", "fixes": "shy"},
            "fixes",
            "Write each fix as “weakness: what you will do”, one a line, not 'shy'.",
        ),
        ({"weaknesses": "shy"}, "fixes", "Plan one concrete fix for the weakness 'shy'."),
        ({"questions": "Why us? = 9"}, "questions", "Rate your answer to 'Why us?' from 1 to 5"),
        ({"strengths": "x" * 41}, "strengths", "The strengths is 41 characters long"),
    ],
)
def test_the_self_review_form_says_what_is_wrong_where(
    client: TestClient, search: Search, sent: dict, name: str, message: str
):
    refused = client.post(f"/interviews/{search.first}/review", data=sent, headers=HX)
    assert refused.status_code == 422
    text = refused.text
    if name == "ratings":
        error = f'<p class="field-error" id="review-ratings-error" role="alert">{escape(message)}'
        assert error in text
        assert '<fieldset class="ratings" aria-describedby="review-ratings-error">' in text
        assert 'name="rating_preparation" value="" checked aria-invalid="true"' in text
    else:
        assert escape(message) in text
        assert f'id="review-{name}-error">' in text
        described = f'aria-describedby="review-{name}-hint review-{name}-error" aria-invalid="true"'
        assert described in text
    for value in sent.values():
        if value and name != "ratings":
            assert str(escape(value)) in text  # what was typed is kept
    assert client.get(f"/api/interviews/{search.first}/review").status_code == 404
    section(text, "h-self-review")


def test_an_interview_to_come_is_reviewed_afterwards(client: TestClient, search: Search):
    page = client.get(f"/interviews/{search.later}").text
    review = section(page, "h-self-review")
    assert "Write it right after the interview, while it is fresh." in review
    assert "<form" not in review
    refused = client.post(f"/interviews/{search.later}/review", data=GOOD)
    assert refused.status_code == 422
    assert (
        f'<p class="notice error" role="alert">Interview {search.later} has not happened yet: '
        "review it afterwards.</p>"
    ) in refused.text


# --- the trends page ----------------------------------------------------------------------


def test_the_trends_page_without_reviews(client: TestClient):
    page = client.get("/reviews")
    assert page.status_code == 200
    assert '<a href="/reviews" aria-current="page">Reviews</a>' in page.text
    assert "No self-reviews yet." in page.text
    assert "<svg" not in page.text
    assert "No questions yet" in page.text
    labelled(page.text)


def test_the_trends_page_shows_weaknesses_strengths_ratings_and_questions(
    client: TestClient, search: Search
):
    client.post(f"/interviews/{search.first}/review", data=GOOD)
    second = GOOD | {"rating_preparation": "5", "questions": "Tell me about yourself. = 5"}
    client.post(f"/interviews/{search.second}/review", data=second)
    page = client.get("/reviews").text
    weaknesses = section(page, "h-weaknesses")
    assert '<th scope="row">too-long-answers</th>' in weaknesses
    assert '<span class="badge weakness-repeat">repeat</span>' in weaknesses
    assert "again on 24 Nov 2026" in weaknesses
    assert '<td class="optional">10 Nov 2026</td>' in weaknesses
    assert "<td>two minutes, then stop</td>" in weaknesses
    assert '<span class="tag">sql</span> <span class="muted">× 2</span>' in page
    ratings = section(page, "h-ratings")
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in ratings
    assert '<title id="chart-title">Your self-review ratings per dimension' in ratings
    assert (
        '<desc id="chart-desc">Preparation: 4 on 10 Nov 2026, 5 on 24 Nov 2026. '
        "Rapport: 2 on 10 Nov 2026, 2 on 24 Nov 2026.</desc>"
    ) in ratings
    assert '<g class="series series-0">' in ratings
    assert "<polyline points=" in ratings
    assert "<title>Preparation, 24 Nov 2026: 5</title>" in ratings
    assert '<th scope="row">Preparation</th>' in ratings
    assert "<td>up 1.0</td>" in ratings
    assert "<td>steady</td>" in ratings
    questions = section(page, "h-questions")
    assert '<label for="q">Search the questions you were asked</label>' in questions
    assert 'hx-get="/reviews"' in questions
    assert "<strong>Tell me about yourself.</strong>" in questions
    assert '<span class="tag">asked 2 times</span>' in questions
    assert "your answers: 4.0/5" in questions
    labelled(page)
    found = client.get("/reviews", params={"q": "acme"}).text
    assert "<strong>Why Acme?</strong>" in found
    assert "Tell me about yourself" not in section(found, "h-questions")
    typed = client.get("/reviews", params={"q": "yourself"}, headers=HX)
    assert typed.text.startswith('<ul class="items">')
    assert "<strong>Tell me about yourself.</strong>" in typed.text
    nothing = client.get("/reviews", params={"q": "salary"}, headers=HX).text
    assert "No question you were asked has all of “salary”." in nothing


# --- a rejection, the lessons and the feedback on the application's page -------------------


def test_the_application_page_offers_the_rejection_form(client: TestClient, search: Search):
    page = client.get(f"/applications/{search.acme}").text
    form = section(page, "h-reject")
    assert f'hx-post="/applications/{search.acme}/reject" hx-target="#application"' in form
    assert '<label for="reject-reason">Why, as they put it</label>' in form
    assert '<label for="reject-feedback">Their feedback</label>' in form
    assert '<input type="checkbox" name="automated" value="1"> It was a form letter' in form
    assert (
        '<input type="checkbox" name="still_interested" value="1"> I would still like to work there'
    ) in form
    assert '<button type="submit" class="primary">Rejected</button>' in form
    assert 'id="h-lessons"' not in page  # not rejected, no lessons yet
    assert "<summary>Feedback received later</summary>" in page
    labelled(page)
    assert 'id="h-reject"' not in client.get(f"/applications/{search.initech}").text


def test_a_rejection_shows_what_was_planned_and_the_pipeline(client: TestClient, search: Search):
    sent = {"reason": "Went with someone else", "feedback": "Great SQL", "still_interested": "1"}
    answer = client.post(f"/applications/{search.acme}/reject", data=sent, headers=HX)
    assert answer.status_code == 200
    text = answer.text
    assert "<!doctype html>" not in text
    done = section(text, "h-rejected")
    assert (
        '<p class="notice ok" role="status" tabindex="-1" data-focus>Recorded the rejection and '
        "their feedback."
    ) in done
    assert "<strong>Reply graciously to Acme Corp: thanks, and the door left open</strong>" in done
    reply = re.search(r'<a href="/drafts/(\d+)">Read and send the reply</a>', done)
    assert reply is not None
    draft = client.get(f"/api/drafts/{reply[1]}").json()
    assert draft["kind"] == "rejection_reply"
    assert f"<strong>Write down what you learned from {ACME}</strong>" in done
    assert '<a href="#lessons">Write them down below</a>' in done
    assert "<strong>Reconnect with Acme Corp about new openings (6 months on)</strong>" in done
    assert "due Wed 26 May 2027, 09:00" in done
    assert '<h3 id="h-after">Your pipeline</h3>' in done
    assert "<p>1 active; 3 of 5 applications sent this week.</p>" in done
    assert "Only 1 active application (your floor is 5)" in done
    assert '<meter min="0" max="1" value="1" aria-label="applied: 1">1</meter>' in done
    assert 'id="h-reject"' not in text  # the form is gone
    lessons = section(text, "h-lessons")
    assert "<h3>Your self-review of round 2</h3>" in lessons
    assert (
        f'Round 2 has no self-review. <a href="/interviews/{search.second}#self-review">'
    ) in lessons
    assert '<label for="lessons-went_wrong">What went wrong</label>' in lessons
    feedback = section(text, "h-feedback")
    assert '<dt>What they said</dt><dd class="prewrap">Great SQL</dd>' in feedback
    labelled(text)
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "rejected"


def test_a_form_letter_needs_no_reply(client: TestClient, search: Search):
    answer = client.post(f"/applications/{search.acme}/reject", data={"automated": "1"})
    assert answer.status_code == 200
    assert "<!doctype html>" in answer.text
    done = section(answer.text, "h-rejected")
    assert "Read and send the reply" not in done
    assert "Write down what you learned" in done


def test_a_refused_rejection_keeps_what_was_typed(client: TestClient, search: Search):
    sent = {"reason": "x" * 501, "feedback": "Kept", "automated": "1"}
    refused = client.post(f"/applications/{search.acme}/reject", data=sent, headers=HX)
    assert refused.status_code == 422
    text = refused.text
    assert field_error(
        "reject", "reason", "The reason is 501 characters long; at most 500 fit."
    ) in (text)
    assert 'id="reject-reason" name="reason" type="text" value="' + "x" * 501 in text
    assert 'aria-describedby="reject-reason-hint reject-reason-error" aria-invalid="true"' in text
    assert ">Kept</textarea>" in text
    assert '<input type="checkbox" name="automated" value="1" checked>' in text
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "applied"


def test_the_lessons_sit_beside_the_last_self_review_and_close_their_action(
    client: TestClient, search: Search
):
    client.post(f"/interviews/{search.second}/review", data=GOOD)
    client.post(f"/applications/{search.acme}/reject", data={})
    page = client.get(f"/applications/{search.acme}").text
    lessons = section(page, "h-lessons")
    assert "<li>Preparation: <strong>4</strong>/5</li>" in lessons  # the self-review, beside
    refused = client.post(
        f"/applications/{search.acme}/lessons",
        data={"weaknesses": "design", "fixes": ""},
        headers=HX,
    )
    assert refused.status_code == 422
    assert field_error("lessons", "fixes", "Plan one concrete fix for the weakness 'design'.") in (
        refused.text
    )
    assert 'id="lessons-weaknesses" name="weaknesses" type="text" value="design"' in refused.text
    saved = client.post(
        f"/applications/{search.acme}/lessons",
        data={
            "went_wrong": "Thin design",
            "weaknesses": "design",
            "fixes": "design: a kata a week",
        },
        headers=HX,
    )
    assert saved.status_code == 200
    assert (
        f"<p>Saved your lessons. Done: “Write down what you learned from {ACME}”.</p>"
    ) in saved.text
    lessons = section(saved.text, "h-lessons")
    assert '<dt>Went wrong</dt><dd class="prewrap">Thin design</dd>' in lessons
    assert "<summary>Rewrite the lessons</summary>" in lessons
    labelled(saved.text)


def test_feedback_received_later_is_kept(client: TestClient, search: Search):
    path = f"/applications/{search.initech}/feedback"
    empty = client.post(path, data={"text": " ", "on": "2026-11-26"}, headers=HX)
    assert empty.status_code == 422
    assert field_error("feedback", "text", "The feedback is empty: write what they said.") in (
        empty.text
    )
    assert '<details class="later" open>' in empty.text
    future = client.post(path, data={"text": "Nice", "on": "2026-12-24"}, headers=HX)
    assert future.status_code == 422
    assert field_error("feedback", "on", "Feedback cannot come in the future (2026-12-24).") in (
        future.text
    )
    assert ">Nice</textarea>" in future.text
    kept = client.post(
        path,
        data={"text": "Strong on SQL", "strengths": "SQL", "weaknesses": "", "on": "2026-11-25"},
        headers=HX,
    )
    assert kept.status_code == 200
    feedback = section(kept.text, "h-feedback")
    assert "<p>Saved their feedback.</p>" in feedback
    assert '<span class="muted">Wed 25 Nov 2026</span>' in feedback
    assert '<dt>What they said</dt><dd class="prewrap">Strong on SQL</dd>' in feedback
    assert '<span class="tag">sql</span>' in feedback


def test_the_forms_need_the_csrf_token(client: TestClient, search: Search):
    client.headers.pop("X-CSRF-Token")
    for path, sent in [
        (f"/interviews/{search.first}/review", GOOD),
        (f"/applications/{search.acme}/reject", {}),
        (f"/applications/{search.acme}/lessons", {"went_wrong": "x"}),
        (f"/applications/{search.acme}/feedback", {"text": "x"}),
    ]:
        assert client.post(path, data=sent).status_code == 403, path
    assert client.get(f"/api/applications/{search.acme}").json()["stage"] == "applied"
    assert client.get(f"/api/interviews/{search.first}/review").status_code == 404


def test_unknown_records_are_not_found(client: TestClient):
    for path in (
        "/interviews/99/review",
        "/applications/99/reject",
        "/applications/99/lessons",
        "/applications/99/feedback",
    ):
        answer = client.post(path, data={"went_wrong": "x", "text": "x", "rating_answers": "3"})
        assert answer.status_code == 404, path

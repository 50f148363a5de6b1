"""Self-reviews (practice 1) and what you take from a rejection (practice 10): the
self-review form on an interview's page, the lessons and the feedback forms on an
application's page, and the trends page — weaknesses that recur, fade or repeat, your
strengths, the ratings over time as a chart, and the question bank with its search."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from afterview.domain.applications import Application
from afterview.domain.errors import InvalidInput
from afterview.domain.interviews import Interview
from afterview.domain.reviews import FADE_AFTER, HIGHEST, LOWEST, Question, Review, ReviewKind
from afterview.domain.stages import Stage
from afterview.web.deps import TemplatesDep, WorkspaceDep
from afterview.web.pages.answers import FormDep, answer, application_answer, field_errors, is_htmx
from afterview.web.pages.charts import dimension_label, ratings_chart

router = APIRouter()
SEARCH_LENGTH = 200
REVIEW_FIELDS = ("questions", "went_well", "went_wrong", "strengths", "weaknesses", "fixes")
LESSON_FIELDS = ("went_well", "went_wrong", "weaknesses", "fixes")
FEEDBACK_FIELDS = ("text", "strengths", "weaknesses", "on")
# The domain's field names, as the forms call them; what names no field goes to the top.
REVIEW_RENAMED = {name: name for name in (*REVIEW_FIELDS, "ratings")} | {
    "question": "questions",
    "fix": "fixes",
}
FEEDBACK_RENAMED = {"feedback": "text", "notes": "text", "strengths": "strengths"} | {
    "weaknesses": "weaknesses",
    "on": "on",
}
# A question's line may end with how you rate your answer: 'Tell me about yourself = 4'.
RATED = re.compile(r"^(?P<text>.*?)\s*=\s*(?P<rating>[+-]?\d+)\s*$")
SCALE = [str(n) for n in range(LOWEST, HIGHEST + 1)]
STATES = {
    "repeat": "tagged again after you planned a fix for it",
    "recurring": "tagged more than once",
    "once": "tagged once",
    "faded": f"not tagged in your last {FADE_AFTER} interview reviews",
}


@router.get("/reviews", response_class=HTMLResponse)
def show_trends(
    request: Request,
    ws: WorkspaceDep,
    templates: TemplatesDep,
    q: Annotated[str, Query(max_length=SEARCH_LENGTH)] = "",
) -> HTMLResponse:
    """What recurs and what fades across your reviews; `q` searches the question bank (htmx
    asks for the questions alone as you type)."""
    from afterview.services.reviews import question_bank, review_trends

    context: dict[str, object] = {"q": q, "questions": question_bank(ws, q)}
    if not is_htmx(request):
        trends = review_trends(ws)
        context |= {
            "active": "reviews",
            "trends": trends,
            "chart": ratings_chart(trends.dimensions),
            "states": STATES,
            "label": dimension_label,
        }
    return answer(
        request, templates, page="reviews.html", fragment="review_questions.html", context=context
    )


@router.post("/interviews/{interview_id}/review", response_model=None)
def write_review(
    request: Request, interview_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Write (or rewrite) the interview's self-review; its practice-1 action is done then.
    Answers with the interview's page, the review shown and any weakness it repeats."""
    from afterview.services.reviews import dimensions, review_interview
    from afterview.web.pages.interviews import page_context

    names = dimensions(ws)
    keys = [*REVIEW_FIELDS, *(f"rating_{name}" for name in names)]
    values = {key: form.get(key, "") for key in keys}
    try:
        saved = review_interview(
            ws,
            interview_id,
            ratings=_ratings(values, names),
            questions=_questions(values["questions"]),
            went_well=values["went_well"],
            went_wrong=values["went_wrong"],
            strengths=_tags(values["strengths"]),
            weaknesses=_tags(values["weaknesses"]),
            fixes=_fixes(values["fixes"]),
        )
    except InvalidInput as error:
        errors = field_errors(error, REVIEW_RENAMED)
        refused = {"review_values": values, "review_errors": errors}
        context = page_context(ws, interview_id) | refused
        status = 422
    else:
        context = page_context(ws, interview_id) | {"review_saved": saved}
        status = 200
    return answer(
        request,
        templates,
        page="interview.html",
        fragment="interview_detail.html",
        context=context,
        status=status,
    )


@router.post("/applications/{application_id}/lessons", response_model=None)
def write_lessons(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Write (or rewrite) what you take from a rejection; its lessons action is done then."""
    from afterview.services.reviews import record_lessons
    from afterview.web.pages.applications import detail_context

    values = {name: form.get(name, "") for name in LESSON_FIELDS}
    try:
        saved = record_lessons(
            ws,
            application_id,
            went_well=values["went_well"],
            went_wrong=values["went_wrong"],
            weaknesses=_tags(values["weaknesses"]),
            fixes=_fixes(values["fixes"]),
        )
    except InvalidInput as error:
        errors = field_errors(error, REVIEW_RENAMED)
        context = detail_context(ws, application_id) | {
            "lessons_values": values,
            "lessons_errors": errors,
        }
        return application_answer(request, templates, context, 422)
    context = detail_context(ws, application_id) | {"lessons_saved": saved}
    return application_answer(request, templates, context, 200)


@router.post("/applications/{application_id}/feedback", response_model=None)
def write_feedback(
    request: Request, application_id: int, ws: WorkspaceDep, templates: TemplatesDep, form: FormDep
) -> HTMLResponse:
    """Keep what the employer said, on the day it came (today by default); its tags count
    in the trends."""
    from afterview.services.reviews import record_feedback
    from afterview.web.pages.applications import detail_context

    values = {name: form.get(name, "").strip() for name in FEEDBACK_FIELDS}
    try:
        saved = record_feedback(
            ws,
            application_id,
            values["text"],
            strengths=_tags(values["strengths"]),
            weaknesses=_tags(values["weaknesses"]),
            on=values["on"] or None,
        )
    except InvalidInput as error:
        errors = field_errors(error, FEEDBACK_RENAMED)
        context = detail_context(ws, application_id) | {
            "feedback_values": values,
            "feedback_errors": errors,
        }
        return application_answer(request, templates, context, 422)
    context = detail_context(ws, application_id) | {"feedback_saved": saved}
    return application_answer(request, templates, context, 200)


def review_context(ws: WorkspaceDep, interview: Interview) -> dict[str, object]:
    """The interview page's self-review: the review written (if any), the form's values
    (the review's, to rewrite it) and whether the interview has happened yet."""
    from afterview.services.reviews import dimensions, interview_review

    review = interview_review(ws, interview.id)
    names = dimensions(ws)
    return {
        "review": review,
        "dimensions": [(name, dimension_label(name)) for name in names],
        "scale": SCALE,
        "review_values": review_values(review, names),
        "review_errors": {},
        "review_saved": None,
        "review_later": interview.starts_at > ws.now(),
        "label": dimension_label,
    }


def lessons_context(ws: WorkspaceDep, application: Application, zone: str) -> dict[str, object]:
    """The application page's lessons (beside the last interview's self-review), shown once
    it is rejected or has some, and the feedback received with its form."""
    from afterview.services.reviews import application_reviews, lessons_for

    found = lessons_for(ws, application.id)
    reviews = application_reviews(ws, application.id)
    today = ws.now().astimezone(ZoneInfo(zone)).date().isoformat()
    return {
        "lessons": found,
        "lessons_shown": application.stage == Stage.REJECTED or found.lessons is not None,
        "lessons_values": {
            key: value
            for key, value in review_values(found.lessons, ()).items()
            if key in LESSON_FIELDS
        },
        "lessons_errors": {},
        "lessons_saved": None,
        "feedback": [r for r in reviews if r.kind == ReviewKind.FEEDBACK],
        "feedback_values": {"text": "", "strengths": "", "weaknesses": "", "on": today},
        "feedback_errors": {},
        "feedback_saved": None,
        "feedback_today": today,
        "label": dimension_label,
    }


def review_values(review: Review | None, dimensions: Sequence[str]) -> dict[str, str]:
    """A review as its form shows it, to rewrite it (empty without one)."""
    values = {f"rating_{name}": "" for name in dimensions} | dict.fromkeys(REVIEW_FIELDS, "")
    if review is None:
        return values
    values |= {f"rating_{name}": str(value) for name, value in review.ratings.items()}
    return values | {
        "questions": "\n".join(
            q.text if q.rating is None else f"{q.text} = {q.rating}" for q in review.questions
        ),
        "went_well": review.went_well,
        "went_wrong": review.went_wrong,
        "strengths": ", ".join(review.strengths),
        "weaknesses": ", ".join(review.weaknesses),
        "fixes": "\n".join(f"{name}: {fix}" for name, fix in review.fixes.items()),
    }


def _ratings(values: Mapping[str, str], dimensions: Sequence[str]) -> dict[str, int]:
    """The dimensions rated (a choice left empty is not rated)."""
    ratings: dict[str, int] = {}
    for name in dimensions:
        chosen = values.get(f"rating_{name}", "").strip()
        if not chosen:
            continue
        if not re.fullmatch(r"[+-]?\d+", chosen):
            raise InvalidInput(
                f"Rate {dimension_label(name).lower()} from {LOWEST} to {HIGHEST}.",
                field="ratings",
            )
        ratings[name] = int(chosen)
    return ratings


def _questions(text: str) -> list[Question]:
    """One question a line; '= 4' at the end of one rates your answer."""
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        rated = RATED.match(line.strip())
        if rated and rated["text"]:
            found.append(Question(rated["text"], int(rated["rating"])))
        else:
            found.append(Question(line.strip()))
    return found


def _tags(text: str) -> list[str]:
    return [tag for tag in text.split(",") if tag.strip()]


def _fixes(text: str) -> dict[str, str]:
    """One 'weakness: fix' a line."""
    fixes: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, colon, fix = line.partition(":")
        if not colon or not name.strip():
            raise InvalidInput(
                f"Write each fix as “weakness: what you will do”, one a line, "
                f"not {line.strip()!r}.",
                field="fixes",
            )
        fixes[name.strip()] = fix.strip()
    return fixes

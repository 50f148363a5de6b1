"""Self-reviews (practice 1), lessons learned and feedback (practice 10), the question bank
and the trends across them. Completing a self-review closes the interview's practice-1
action; writing the lessons closes the rejection's lessons-learned action."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import Action, ActionKind
from afterview.domain.errors import InvalidInput
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.interviews import Interview
from afterview.domain.lookup import search_words
from afterview.domain.moments import parse_day
from afterview.domain.reviews import (
    LOW_RAPPORT,
    AskedOften,
    Question,
    Review,
    ReviewKind,
    Trends,
    WeaknessState,
    check_review,
    red_flags,
    trends,
)
from afterview.services.actions import complete_planned
from afterview.services.applications import find_application
from afterview.services.interviews import find_interview
from afterview.services.workspace import Workspace
from afterview.store import interviews as interview_store
from afterview.store import reviews as review_store
from afterview.store.events import append_event


@dataclass(frozen=True, slots=True)
class Saved:
    """A review as stored, the plan's action it closed, and the weaknesses it repeats (tagged
    again after a fix was planned for them)."""

    review: Review
    closed: Action | None
    repeats: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lessons:
    """A rejection's lessons, beside the self-review of the interview they follow."""

    lessons: Review | None
    interview_review: Review | None
    last_interview: Interview | None


def dimensions(ws: Workspace) -> list[str]:
    return list(ws.settings.review_dimensions)


def review_interview(
    ws: Workspace,
    interview: str | int,
    *,
    ratings: Mapping[str, int] | None = None,
    questions: Sequence[Question] = (),
    went_well: str = "",
    went_wrong: str = "",
    strengths: Sequence[str] = (),
    weaknesses: Sequence[str] = (),
    fixes: Mapping[str, str] | None = None,
) -> Saved:
    """Write (or rewrite) the self-review of an interview that has happened; it closes the
    interview's self-review action."""
    now = ws.now()
    with ws.ready().write() as session:
        found = _held(find_interview(session, interview), now)
        values = check_review(
            ReviewKind.INTERVIEW,
            dimensions=dimensions(ws),
            ratings=ratings,
            questions=questions,
            went_well=went_well,
            went_wrong=went_wrong,
            strengths=strengths,
            weaknesses=weaknesses,
            fixes=fixes,
        )
        if (
            not values["ratings"]
            and not values["questions"]
            and not any(values[k] for k in ("went_well", "went_wrong", "strengths", "weaknesses"))
        ):
            raise InvalidInput(
                "The review is empty: rate a dimension, note a question, or say what went "
                "well or wrong.",
                field="ratings",
            )
        saved = _save(
            session,
            ReviewKind.INTERVIEW,
            found.application_id,
            found.id,
            found.ends_at,
            values,
            now,
        )
        closed = complete_planned(
            session, found.application_id, ActionKind.SELF_REVIEW, found.id, now
        )
        return Saved(saved, closed, _repeats(session, saved))


def reviewable(ws: Workspace, interview: str | int) -> Interview:
    """The interview, when it has happened (a review can be written); asked before the
    questions of a review, so nobody answers them for nothing."""
    with ws.ready().read() as session:
        return _held(find_interview(session, interview), ws.now())


def _held(interview: Interview, now: datetime) -> Interview:
    if interview.starts_at > now:
        raise InvalidInput(
            f"Interview {interview.id} has not happened yet: review it afterwards.",
            field="interview",
        )
    return interview


def record_lessons(
    ws: Workspace,
    application: str | int,
    *,
    went_well: str = "",
    went_wrong: str = "",
    strengths: Sequence[str] = (),
    weaknesses: Sequence[str] = (),
    fixes: Mapping[str, str] | None = None,
) -> Saved:
    """Write (or rewrite) what you take from a rejection: linked to its last interview's
    self-review; it closes the lessons-learned action."""
    now = ws.now()
    with ws.ready().write() as session:
        target = find_application(session, application)
        values = check_review(
            ReviewKind.LESSONS,
            dimensions=dimensions(ws),
            went_well=went_well,
            went_wrong=went_wrong,
            strengths=strengths,
            weaknesses=weaknesses,
            fixes=fixes,
        )
        if not any(values[k] for k in ("went_well", "went_wrong", "weaknesses")):
            raise InvalidInput(
                "Say what you learned: what went wrong, what went well, or a weakness "
                "with its fix.",
                field="went_wrong",
            )
        last = _last_interview(session, target.id, ws.now())
        saved = _save(
            session,
            ReviewKind.LESSONS,
            target.id,
            last.id if last else None,
            target.stage_changed_at,
            values,
            now,
        )
        closed = complete_planned(session, target.id, ActionKind.LESSONS_LEARNED, None, now)
        return Saved(saved, closed, _repeats(session, saved))


def record_feedback(
    ws: Workspace,
    application: str | int,
    text: str,
    *,
    strengths: Sequence[str] = (),
    weaknesses: Sequence[str] = (),
    on: str | None = None,
) -> Saved:
    """Attach what the employer said (on a day, today by default); its tags count in the
    trends."""
    now = ws.now()
    with ws.ready().write() as session:
        target = find_application(session, application)
        saved = add_feedback(ws, session, target.id, text, strengths, weaknesses, on, now)
        return Saved(saved, None, _repeats(session, saved))


def add_feedback(
    ws: Workspace,
    session: Session,
    application_id: int,
    text: str,
    strengths: Sequence[str],
    weaknesses: Sequence[str],
    on: str | None,
    now: datetime,
) -> Review:
    """record_feedback inside a caller's transaction (a rejection with its feedback)."""
    values = check_review(
        ReviewKind.FEEDBACK,
        dimensions=dimensions(ws),
        strengths=strengths,
        weaknesses=weaknesses,
        notes=text,
    )
    if not values["notes"] and not values["weaknesses"] and not values["strengths"]:
        raise InvalidInput("The feedback is empty: write what they said.", field="feedback")
    zone = ws.home_zone(session)
    happened = now
    if on:
        day = parse_day(on, now=now, zone=zone, field="on")
        if day > now.astimezone(ZoneInfo(zone)).date():
            raise InvalidInput(f"Feedback cannot come in the future ({day}).", field="on")
        happened = datetime.combine(day, now.astimezone(ZoneInfo(zone)).timetz())
    return _save(session, ReviewKind.FEEDBACK, application_id, None, happened, values, now)


def _earlier(
    session: Session, kind: ReviewKind, application_id: int, interview_id: int | None
) -> Review | None:
    """The review that writing this one rewrites: an interview's self-review, an
    application's lessons; feedback always adds."""
    if kind == ReviewKind.INTERVIEW and interview_id is not None:
        found = review_store.list_reviews(session, kinds=[kind], interview_ids=[interview_id])
    elif kind == ReviewKind.LESSONS:
        found = review_store.list_reviews(session, kinds=[kind], application_ids=[application_id])
    else:
        return None
    return found[0] if found else None


def _save(
    session: Session,
    kind: ReviewKind,
    application_id: int,
    interview_id: int | None,
    happened_at: datetime,
    values: Mapping[str, object],
    now: datetime,
) -> Review:
    """Write a review, or rewrite the one it replaces, with its event."""
    earlier = _earlier(session, kind, application_id, interview_id)
    if earlier is not None:
        review = replace(earlier, updated_at=now, **values)  # type: ignore[arg-type]
    else:
        review = Review(
            id=0,
            uid=uuid4(),
            kind=kind,
            application_id=application_id,
            interview_id=interview_id,
            happened_at=happened_at,
            created_at=now,
            updated_at=now,
            **values,  # type: ignore[arg-type]
        )
    saved = review_store.save_review(session, review)
    data: dict[str, object] = {"review": saved.id, "what": str(kind), "again": earlier is not None}
    if interview_id is not None:
        data["interview"] = interview_id
    if kind == ReviewKind.FEEDBACK and saved.notes:
        data["note"] = saved.notes
    append_event(session, SubjectKind.APPLICATION, application_id, EventKind.REVIEWED, now, data)
    return saved


def _repeats(session: Session, saved: Review) -> tuple[str, ...]:
    """The saved review's weaknesses that now count as repeats."""
    found = trends(review_store.list_reviews(session))
    return tuple(
        w.tag
        for w in found.weaknesses
        if w.tag in saved.weaknesses and w.repeats and w.state == WeaknessState.REPEAT
    )


def _last_interview(session: Session, application_id: int, now: datetime) -> Interview | None:
    """The application's latest interview that has begun by `now`."""
    rounds = interview_store.list_interviews(session, application_id=application_id)
    held = [i for i in rounds if i.starts_at <= now]
    return max(held, key=lambda i: i.starts_at, default=None)


def interview_review(ws: Workspace, interview: str | int) -> Review | None:
    with ws.ready().read() as session:
        found = find_interview(session, interview)
        return _earlier(session, ReviewKind.INTERVIEW, found.application_id, found.id)


def lessons_for(ws: Workspace, application: str | int) -> Lessons:
    """An application's lessons and the self-review of its last interview, side by side."""
    with ws.ready().read() as session:
        target = find_application(session, application)
        last = _last_interview(session, target.id, ws.now())
        found = review_store.list_reviews(session, application_ids=[target.id])
        lessons = next((r for r in found if r.kind == ReviewKind.LESSONS), None)
        reviewed = next(
            (
                r
                for r in found
                if r.kind == ReviewKind.INTERVIEW and last is not None and r.interview_id == last.id
            ),
            None,
        )
        return Lessons(lessons, reviewed, last)


def application_reviews(ws: Workspace, application: str | int) -> list[Review]:
    with ws.ready().read() as session:
        target = find_application(session, application)
        return review_store.list_reviews(session, application_ids=[target.id])


def review_trends(ws: Workspace) -> Trends:
    """Trends across every review, by the days they happened in your time zone."""
    with ws.ready().read() as session:
        zone = ZoneInfo(ws.home_zone(session))
        found = review_store.list_reviews(session)
        return trends(found, {r.id: r.happened_at.astimezone(zone).date() for r in found})


def question_bank(ws: Workspace, search: str = "") -> list[AskedOften]:
    """Every question you were asked, most often first; `search` keeps those with every
    word of it."""
    words = search_words(search)
    return [
        q
        for q in review_trends(ws).questions
        if all(w in q.key or w in q.text.casefold() for w in words)
    ]


def application_red_flags(session: Session, application_id: int, zone: str) -> list[str]:
    """The application's red flags: lines marked `flag:` in its interviews' notes, and a low
    rapport in their self-reviews."""
    rounds = sorted(
        interview_store.list_interviews(session, application_id=application_id),
        key=lambda i: i.starts_at,
    )
    where = {
        i.id: f"round {i.round}, {i.starts_at.astimezone(ZoneInfo(zone)):%d %b}" for i in rounds
    }
    flags = red_flags((where[i.id], i.notes) for i in rounds)
    for review in review_store.list_reviews(
        session, kinds=[ReviewKind.INTERVIEW], application_ids=[application_id]
    ):
        rapport = review.ratings.get("rapport")
        if rapport is not None and rapport <= LOW_RAPPORT and review.interview_id in where:
            flags.append(f"You rated the rapport {rapport}/5 ({where[review.interview_id]})")
    return flags

"""A rejection through the service, on SQLite and PostgreSQL: what it plans in each case,
the feedback kept, the pipeline's health after, and nothing written when it is refused."""

from __future__ import annotations

import pytest

from afterview.domain.actions import ActionKind
from afterview.domain.drafts import DraftKind
from afterview.domain.errors import InvalidInput
from afterview.domain.reviews import ReviewKind
from afterview.domain.stages import Stage
from afterview.services.applications import show_application
from afterview.services.drafts import list_drafts
from afterview.services.rejection import reject
from afterview.services.reviews import application_reviews
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_interview, make_profile


@pytest.fixture
def app(ws: Workspace) -> int:
    make_profile(ws)
    application = make_application(ws)
    make_interview(ws, application=application.id, starts="2026-11-20 10:00")
    make_application(ws, company="Globex", role="Analyst")  # another, still active
    return application.id


def test_a_rejection_plans_the_reply_the_lessons_and_the_reminder(ws: Workspace, app: int):
    done = reject(
        ws,
        app,
        reason="They chose someone with more Kafka",
        feedback="Great SQL; system design was thin.",
        still_interested=True,
    )
    assert done.application.stage == Stage.REJECTED
    assert [a.kind for a in done.planned] == [
        ActionKind.REJECTION_REPLY,
        ActionKind.LESSONS_LEARNED,
        ActionKind.REAPPLY_REMINDER,
    ]
    reminder = done.planned[2]
    assert reminder.due_at.date().isoformat() == "2027-05-26"  # six months on, a business day
    assert done.feedback is not None
    assert done.feedback.notes == "Great SQL; system design was thin."
    assert [r.kind for r in application_reviews(ws, app)] == [ReviewKind.FEEDBACK]
    assert done.health.active == 1  # Globex
    assert done.health.nudge is not None
    assert "Only 1 active application" in done.health.nudge
    replies = [d for d in list_drafts(ws) if d.draft.kind == DraftKind.REJECTION_REPLY]
    assert len(replies) == 1
    timeline = show_application(ws, app).timeline
    assert any(e.data.get("note") == "They chose someone with more Kafka" for e in timeline)


def test_a_form_letter_needs_no_reply_and_no_reminder_unless_wanted(ws: Workspace, app: int):
    done = reject(ws, app, automated=True)
    assert [a.kind for a in done.planned] == [ActionKind.LESSONS_LEARNED]
    assert done.feedback is None
    assert [d for d in list_drafts(ws) if d.draft.kind == DraftKind.REJECTION_REPLY] == []


def test_a_refused_rejection_writes_nothing(ws: Workspace, app: int):
    with pytest.raises(InvalidInput, match="at most 500"):
        reject(ws, app, reason="x" * 501, feedback="kept?")
    assert show_application(ws, app).application.stage == Stage.APPLIED
    assert application_reviews(ws, app) == []
    reject(ws, app)
    with pytest.raises(InvalidInput, match="already rejected"):
        reject(ws, app)

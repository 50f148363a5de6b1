"""A rejection, gracefully (practice 10): the application ends, and the answer says what
was planned — the reply with its draft, the lessons, the reminder to reconnect — and how
the pipeline stands after."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from afterview.web.api.actions import ActionOut, with_draft
from afterview.web.api.agenda import pipeline_out
from afterview.web.api.applications import ApplicationOut, application_out
from afterview.web.api.fields import Long, body_fields
from afterview.web.api.reviews import ReviewOut, review_out
from afterview.web.deps import WorkspaceDep

router = APIRouter(tags=["applications"])
# The feedback is kept as a review's notes.
BODY_FIELDS = {"notes": "feedback"}


class RejectIn(BaseModel):
    """The rejection (an empty body will do)."""

    reason: Long = Field("", description="Why, as they put it; kept in the timeline.")
    feedback: Long = Field("", description="What they said about you; kept for the trends.")
    automated: bool = Field(False, description="A form letter: no reply is planned.")
    still_interested: bool = Field(
        False, description="You would still like to work there: a reminder to reconnect."
    )


class RejectedOut(BaseModel):
    """The application as it is now; what the plan made (`planned`: the reply with its
    `draft`, the lessons, the reminder — those that apply); the feedback kept (a review of
    kind feedback, or null); and the pipeline's health after (as the agenda's `pipeline`)."""

    application: ApplicationOut
    planned: list[ActionOut]
    feedback: ReviewOut | None
    pipeline: dict[str, Any]


@router.post("/applications/{application_id}/reject", response_model_exclude_unset=True)
def reject(application_id: int, ws: WorkspaceDep, rejection: RejectIn | None = None) -> RejectedOut:
    """End the application as rejected, all or nothing (the feedback included)."""
    from afterview.services.drafts import drafts_for_actions
    from afterview.services.rejection import reject

    given = rejection or RejectIn.model_validate({})
    with body_fields(BODY_FIELDS):
        done = reject(
            ws,
            application_id,
            reason=given.reason,
            feedback=given.feedback,
            automated=given.automated,
            still_interested=given.still_interested,
        )
    drafts = drafts_for_actions(ws, done.planned)
    return RejectedOut(
        application=application_out(done.application),
        planned=[with_draft(action, drafts) for action in done.planned],
        feedback=review_out(done.feedback) if done.feedback else None,
        pipeline=pipeline_out(done.health),
    )

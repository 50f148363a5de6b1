"""Interviews: list, show (with timeline), schedule, edit."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from afterview.domain.errors import InvalidInput
from afterview.domain.interviews import Interview, InterviewKind
from afterview.services import interviews as service
from afterview.web.api.events import EventOut, event_out
from afterview.web.api.fields import Long, Reference, Words, body_fields
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/interviews", tags=["interviews"])

# The end is given as a duration, the zone within `starts`; interviewers are contacts, and
# an application or contact named that does not exist is bad input there.
BODY_FIELDS = {
    "ends_at": "duration",
    "time_zone": "starts",
    "contact": "interviewers",
    "application": "application",
}


class InterviewIn(BaseModel):
    """An interview to schedule (`application` and `starts` are required) or the fields to
    change (omitted or null: left alone)."""

    application: Reference | None = Field(
        None, description="Only when scheduling: its id, or a part of its name only it has."
    )
    starts: Words | None = Field(
        None,
        description="'tomorrow 14:00', 'fri 9:30am', '2026-12-03 10:30 Europe/Berlin'; "
        "without a zone, your profile's.",
    )
    duration: Words | None = Field(None, description="45m, 1h30m (default 1h).")
    round: int | None = Field(None, ge=1, le=20, description="Default: the next one.")
    kind: InterviewKind | None = Field(None, description="Default video.")
    location: Long | None = None
    interviewers: list[Reference] | None = Field(
        None, description="Contacts by id or name; new names become contacts."
    )
    next_step_said: Long | None = Field(None, description="What they said, as they said it.")
    notes: Long | None = None


class InterviewOut(BaseModel):
    """The Interview of docs/json.md; one interview alone adds its `timeline`."""

    id: int
    uid: str
    application: dict[str, int | str]
    round: int
    kind: InterviewKind
    starts_at: str
    ends_at: str
    time_zone: str
    local_start: str
    local_end: str
    location: str
    interviewers: list[dict[str, int | str]]
    next_step_said: str
    notes: str
    created_at: str
    updated_at: str
    timeline: list[EventOut] | None = None


def interview_out(interview: Interview) -> InterviewOut:
    zone = ZoneInfo(interview.time_zone)
    panel = zip(interview.interviewer_ids, interview.interviewer_names, strict=True)
    return InterviewOut(
        id=interview.id,
        uid=str(interview.uid),
        application={"id": interview.application_id, "label": interview.application_label},
        round=interview.round,
        kind=interview.kind,
        starts_at=interview.starts_at.isoformat(),
        ends_at=interview.ends_at.isoformat(),
        time_zone=interview.time_zone,
        local_start=interview.starts_at.astimezone(zone).isoformat(),
        local_end=interview.ends_at.astimezone(zone).isoformat(),
        location=interview.location,
        interviewers=[{"id": contact_id, "name": name} for contact_id, name in panel],
        next_step_said=interview.next_step_said,
        notes=interview.notes,
        created_at=interview.created_at.isoformat(),
        updated_at=interview.updated_at.isoformat(),
    )


@router.get("", response_model_exclude_unset=True)
def list_interviews(
    ws: WorkspaceDep,
    application: Annotated[str | None, Query(description="Only this application.")] = None,
    upcoming: Annotated[bool, Query(description="Only those still to come.")] = False,
) -> list[InterviewOut]:
    """Interviews, in the order they happen."""
    found = service.list_interviews(ws, application=application, upcoming=upcoming)
    return [interview_out(i) for i in found]


@router.get("/{interview_id}", response_model_exclude_unset=True)
def show_interview(interview_id: int, ws: WorkspaceDep) -> InterviewOut:
    """One interview with its timeline."""
    detail = service.show_interview(ws, interview_id)
    out = interview_out(detail.interview)
    out.timeline = [event_out(e) for e in detail.timeline]
    return out


@router.post("", status_code=201, response_model_exclude_unset=True)
def add_interview(new: InterviewIn, ws: WorkspaceDep) -> InterviewOut:
    """Schedule an interview; the plan for it (thank-you notes, follow-ups...) follows."""
    with body_fields(BODY_FIELDS):
        interview = service.add_interview(
            ws,
            application=new.application or "",
            starts=new.starts or "",
            duration=new.duration,
            round=new.round,
            kind=new.kind or InterviewKind.VIDEO,
            location=new.location or "",
            interviewers=new.interviewers or (),
            next_step_said=new.next_step_said or "",
            notes=new.notes or "",
        )
    return interview_out(interview)


@router.patch("/{interview_id}", response_model_exclude_unset=True)
def edit_interview(interview_id: int, change: InterviewIn, ws: WorkspaceDep) -> InterviewOut:
    """Change the given fields; `interviewers` replaces the whole panel. A new start keeps
    the length unless `duration` says otherwise; a time alone stays on the same day."""
    if change.application is not None:
        raise InvalidInput("An interview cannot move to another application.", field="application")
    with body_fields(BODY_FIELDS):
        interview = service.edit_interview(
            ws,
            interview_id,
            starts=change.starts,
            duration=change.duration,
            round=change.round,
            kind=change.kind,
            location=change.location,
            interviewers=change.interviewers,
            next_step_said=change.next_step_said,
            notes=change.notes,
        )
    return interview_out(interview)

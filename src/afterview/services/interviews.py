"""Interviews: scheduling, editing and showing them with their panel and history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from uuid import uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.contacts import Contact
from afterview.domain.errors import NotFound
from afterview.domain.events import Event, SubjectKind
from afterview.domain.interviews import (
    DEFAULT_DURATION,
    Interview,
    InterviewKind,
    check_round,
    check_times,
)
from afterview.domain.moments import parse_duration, parse_moment
from afterview.domain.values import check_time_zone
from afterview.services.applications import find_application
from afterview.services.contacts import find_contact, new_contact
from afterview.services.playbook import replan_application
from afterview.services.timeline import fields_of, kept, record_changes, record_created
from afterview.services.workspace import Workspace, resolve
from afterview.store import interviews as interview_store
from afterview.store.applications import get_application
from afterview.store.contacts import get_contact
from afterview.store.events import list_events

EDITABLE = (
    "round",
    "kind",
    "starts_at",
    "ends_at",
    "time_zone",
    "location",
    "interviewer_ids",
    "next_step_said",
    "notes",
)


@dataclass(frozen=True, slots=True)
class InterviewDetail:
    interview: Interview
    interviewers: list[Contact]
    timeline: list[Event]
    zone: str  # the profile's zone, to show times in


def find_interview(session: Session, reference: str | int) -> Interview:
    return resolve(
        session,
        "interview",
        reference,
        interview_store.get_interview,
        interview_store.interview_candidates,
    )


def add_interview(
    ws: Workspace,
    *,
    application: str | int,
    starts: str,
    duration: str | None = None,
    round: int | None = None,
    kind: InterviewKind = InterviewKind.VIDEO,
    location: str = "",
    interviewers: Sequence[str] = (),
    next_step_said: str = "",
    notes: str = "",
) -> Interview:
    """Schedule an interview. Interviewers are contacts by id or name; unknown names are
    added as new contacts at the application's company."""
    now = ws.now()
    with ws.ready().write() as session:
        owner = find_application(session, application)
        starts_at, zone = parse_moment(starts, now=now, zone=ws.home_zone(session), field="starts")
        ends_at = starts_at + (parse_duration(duration) if duration else DEFAULT_DURATION)
        check_times(starts_at, ends_at)
        earlier = interview_store.list_interviews(session, application_id=owner.id)
        panel = _panel(session, interviewers, owner.company_name, now)
        interview = Interview(
            id=0,
            uid=uuid4(),
            application_id=owner.id,
            application_label=owner.label,
            round=check_round(round if round is not None else len(earlier) + 1),
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=zone,
            location=location.strip(),
            interviewer_ids=tuple(contact.id for contact in panel),
            next_step_said=next_step_said.strip(),
            notes=notes.strip(),
            created_at=now,
            updated_at=now,
        )
        saved = interview_store.save_interview(session, interview)
        record_created(
            session, SubjectKind.INTERVIEW, saved.id, now, f"round {saved.round}, {saved.kind}"
        )
        replan_application(ws, session, saved.application_id, now)
        return saved


def edit_interview(
    ws: Workspace,
    reference: str | int,
    *,
    starts: str | None = None,
    zone: str | None = None,
    duration: str | None = None,
    round: int | None = None,
    kind: InterviewKind | None = None,
    location: str | None = None,
    interviewers: Sequence[str] | None = None,
    next_step_said: str | None = None,
    notes: str | None = None,
) -> Interview:
    """Change the given fields. A new start keeps the length unless told; a time alone
    ('15:00') stays on the interview's day; a new `zone` alone keeps the wall-clock time."""
    now = ws.now()
    with ws.ready().write() as session:
        current = find_interview(session, reference)
        starts_at, ends_at, new_zone = _new_times(current, starts, zone, duration, now)
        ids = current.interviewer_ids
        if interviewers is not None:
            owner = get_application(session, current.application_id)
            ids = tuple(c.id for c in _panel(session, interviewers, owner.company_name, now))
        edited = replace(
            current,
            round=check_round(kept(round, current.round)),
            kind=kept(kind, current.kind),
            starts_at=starts_at,
            ends_at=ends_at,
            time_zone=new_zone,
            location=kept(location, current.location).strip(),
            interviewer_ids=ids,
            next_step_said=kept(next_step_said, current.next_step_said).strip(),
            notes=kept(notes, current.notes).strip(),
            updated_at=now,
        )
        before, after = fields_of(current, EDITABLE), fields_of(edited, EDITABLE)
        if not record_changes(session, SubjectKind.INTERVIEW, current.id, now, before, after):
            return current
        saved = interview_store.save_interview(session, edited)
        replan_application(ws, session, saved.application_id, now)
        return saved


def _new_times(
    current: Interview,
    starts: str | None,
    zone: str | None,
    duration: str | None,
    now: datetime,
) -> tuple[datetime, datetime, str]:
    """Start, end and zone of an edited interview."""
    old_zone = ZoneInfo(current.time_zone)
    local_start = current.starts_at.astimezone(old_zone)
    new_zone = check_time_zone(zone).key if zone else current.time_zone
    if starts is not None:
        starts_at, new_zone = parse_moment(
            starts, now=now, zone=new_zone, field="starts", day=local_start.date()
        )
    elif zone:
        wall = local_start.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
        starts_at, new_zone = parse_moment(wall, now=now, zone=new_zone, field="zone")
    else:
        starts_at = current.starts_at
    length = parse_duration(duration) if duration else current.ends_at - current.starts_at
    check_times(starts_at, starts_at + length)
    return starts_at, starts_at + length, new_zone


def list_interviews(
    ws: Workspace, *, application: str | None = None, upcoming: bool = False
) -> list[Interview]:
    with ws.ready().read() as session:
        application_id = find_application(session, application).id if application else None
        return interview_store.list_interviews(
            session, application_id=application_id, since=ws.now() if upcoming else None
        )


def show_interview(ws: Workspace, reference: str | int) -> InterviewDetail:
    with ws.ready().read() as session:
        interview = find_interview(session, reference)
        panel = [get_contact(session, contact_id) for contact_id in interview.interviewer_ids]
        events = list_events(session, [(SubjectKind.INTERVIEW, interview.id)])
        return InterviewDetail(interview, panel, events, ws.home_zone(session))


def _panel(
    session: Session, references: Sequence[str], company: str, now: datetime
) -> list[Contact]:
    panel: list[Contact] = []
    for reference in references:
        try:
            contact = find_contact(session, reference)
        except NotFound:
            if reference.strip().isascii() and reference.strip().isdigit():
                raise
            contact = new_contact(session, now, name=reference, company=company)
        if contact.id not in {member.id for member in panel}:
            panel.append(contact)
    return panel

"""Interviews and their panels in the store."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from afterview.domain.errors import NotFound
from afterview.domain.interviews import Interview, InterviewKind
from afterview.domain.lookup import search_words
from afterview.store.applications import to_application
from afterview.store.rows import (
    ApplicationRow,
    CompanyRow,
    ContactRow,
    InterviewerRow,
    InterviewRow,
)


def to_interview(row: InterviewRow) -> Interview:
    return Interview(
        id=row.id,
        uid=row.uid,
        application_id=row.application_id,
        application_label=to_application(row.application).label,
        round=row.round,
        kind=InterviewKind(row.kind),
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        time_zone=row.time_zone,
        location=row.location,
        interviewer_ids=tuple(member.contact_id for member in row.panel),
        interviewer_names=tuple(member.contact.name for member in row.panel),
        next_step_said=row.next_step_said,
        notes=row.notes,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_interview(session: Session, interview_id: int) -> Interview:
    row = session.get(InterviewRow, interview_id)
    if row is None:
        raise NotFound("interview", interview_id)
    return to_interview(row)


def list_interviews(
    session: Session,
    *,
    application_id: int | None = None,
    contact_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    ids: Collection[int] | None = None,
) -> list[Interview]:
    """Interviews in time order; optionally of one application, with one contact, in a time
    span, or with given ids."""
    query = select(InterviewRow).order_by(InterviewRow.starts_at, InterviewRow.id)
    if ids is not None:
        query = query.where(InterviewRow.id.in_(list(ids)))
    if application_id is not None:
        query = query.where(InterviewRow.application_id == application_id)
    if contact_id is not None:
        query = query.where(InterviewRow.panel.any(InterviewerRow.contact_id == contact_id))
    if since is not None:
        query = query.where(InterviewRow.starts_at >= since)
    if until is not None:
        query = query.where(InterviewRow.starts_at < until)
    return [to_interview(row) for row in session.scalars(query)]


def interview_candidates(session: Session, fragment: str) -> list[tuple[int, str, str]]:
    """(id, label, company name) of interviews whose application or interviewers match."""
    query = (
        select(InterviewRow)
        .join(ApplicationRow)
        .join(CompanyRow)
        .outerjoin(InterviewerRow)
        .outerjoin(ContactRow)
        .distinct()
    )
    for token in search_words(fragment):
        query = query.where(
            func.lower(CompanyRow.name).contains(token, autoescape=True)
            | func.lower(ApplicationRow.role).contains(token, autoescape=True)
            | func.lower(ContactRow.name).contains(token, autoescape=True)
        )
    interviews = [to_interview(row) for row in session.scalars(query)]
    return [
        (i.id, f"{i.label} {' '.join(i.interviewer_names)}".strip(), i.application_label)
        for i in interviews
    ]


def save_interview(session: Session, interview: Interview) -> Interview:
    """Insert (id 0) or update an interview, its panel included."""
    row = session.get(InterviewRow, interview.id) if interview.id else None
    if row is None:
        row = InterviewRow(
            id=interview.id or None, uid=interview.uid, created_at=interview.created_at
        )
        session.add(row)
    row.application_id = interview.application_id
    row.round = interview.round
    row.kind = str(interview.kind)
    row.starts_at = interview.starts_at
    row.ends_at = interview.ends_at
    row.time_zone = interview.time_zone
    row.location = interview.location
    row.next_step_said = interview.next_step_said
    row.notes = interview.notes
    row.updated_at = interview.updated_at
    if tuple(member.contact_id for member in row.panel) != interview.interviewer_ids:
        row.panel.clear()
        session.flush()
        row.panel.extend(
            InterviewerRow(contact_id=contact_id, position=position)
            for position, contact_id in enumerate(interview.interviewer_ids)
        )
    for contact_id in interview.interviewer_ids:
        if session.get(ContactRow, contact_id) is None:
            raise NotFound("contact", contact_id)
    session.flush()
    session.refresh(row)
    return to_interview(row)


def latest_interview_id(session: Session, application_id: int) -> int | None:
    """The id of an application's latest round, without loading any (one light query)."""
    query = (
        select(InterviewRow.id)
        .where(InterviewRow.application_id == application_id)
        .order_by(InterviewRow.starts_at.desc(), InterviewRow.id.desc())
        .limit(1)
    )
    return session.scalar(query)

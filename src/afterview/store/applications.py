"""Applications in the store."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from afterview.domain.applications import Application, Priority, Salary
from afterview.domain.errors import NotFound
from afterview.domain.lookup import search_words
from afterview.domain.stages import Stage
from afterview.store.rows import ApplicationRow, CompanyRow, InterviewRow


def to_application(row: ApplicationRow) -> Application:
    return Application(
        id=row.id,
        uid=row.uid,
        company_id=row.company_id,
        company_name=row.company.name,
        role=row.role,
        stage=Stage(row.stage),
        priority=Priority(row.priority),
        link=row.link,
        source=row.source,
        location=row.location,
        salary=Salary(minimum=row.salary_min, maximum=row.salary_max, currency=row.salary_currency),
        applied_on=row.applied_on,
        notes=row.notes,
        posting=row.posting,
        created_at=row.created_at,
        updated_at=row.updated_at,
        stage_changed_at=row.stage_changed_at,
    )


def get_application(session: Session, application_id: int) -> Application:
    row = session.get(ApplicationRow, application_id)
    if row is None:
        raise NotFound("application", application_id)
    return to_application(row)


def list_applications(
    session: Session,
    *,
    stages: Collection[Stage] = (),
    company_id: int | None = None,
    ids: Collection[int] | None = None,
) -> list[Application]:
    """Applications, most recently changed first; optionally of some stages, one company, or
    with given ids (either of those stages or those ids)."""
    query = select(ApplicationRow).order_by(
        ApplicationRow.stage_changed_at.desc(), ApplicationRow.id.desc()
    )
    if stages and ids is not None:
        query = query.where(
            ApplicationRow.stage.in_([str(stage) for stage in stages])
            | ApplicationRow.id.in_(list(ids))
        )
    elif stages:
        query = query.where(ApplicationRow.stage.in_([str(stage) for stage in stages]))
    elif ids is not None:
        query = query.where(ApplicationRow.id.in_(list(ids)))
    if company_id is not None:
        query = query.where(ApplicationRow.company_id == company_id)
    return [to_application(row) for row in session.scalars(query)]


def application_candidates(session: Session, fragment: str) -> list[tuple[int, str, str]]:
    """(id, 'Company — role', company name) of applications whose label holds every word."""
    label = func.lower(CompanyRow.name + " — " + ApplicationRow.role)
    query = select(ApplicationRow.id, CompanyRow.name, ApplicationRow.role).join(CompanyRow)
    for token in search_words(fragment):
        query = query.where(label.contains(token, autoescape=True))
    return [(id_, f"{company} — {role}", company) for id_, company, role in session.execute(query)]


def save_application(session: Session, application: Application) -> Application:
    """Insert (id 0) or update an application and return it as stored."""
    row = session.get(ApplicationRow, application.id) if application.id else None
    if row is None:
        row = ApplicationRow(
            id=application.id or None, uid=application.uid, created_at=application.created_at
        )
        session.add(row)
    row.company_id = application.company_id
    row.role = application.role
    row.stage = str(application.stage)
    row.priority = int(application.priority)
    row.link = application.link
    row.source = application.source
    row.location = application.location
    row.salary_min = application.salary.minimum
    row.salary_max = application.salary.maximum
    row.salary_currency = application.salary.currency
    row.applied_on = application.applied_on
    row.notes = application.notes
    row.posting = application.posting
    row.updated_at = application.updated_at
    row.stage_changed_at = application.stage_changed_at
    session.flush()
    session.refresh(row, ["company"])
    return to_application(row)


def count_by_stage(session: Session) -> dict[Stage, int]:
    query = select(ApplicationRow.stage, func.count()).group_by(ApplicationRow.stage)
    return {Stage(stage): count for stage, count in session.execute(query)}


def count_applied_between(session: Session, first: date, last: date) -> int:
    query = select(func.count()).where(
        ApplicationRow.applied_on >= first, ApplicationRow.applied_on <= last
    )
    return session.scalar(query) or 0


class StageRow(NamedTuple):
    """An application's stage and dates and its latest interview's (end, zone, stated next
    step), without the rest: light rows for statistics and the agenda's waiting list."""

    id: int
    stage: Stage
    stage_changed_at: datetime
    applied_on: date | None
    latest: tuple[datetime, str, str] | None


def stage_rows(session: Session) -> list[StageRow]:
    """The stage row of every application, in one query (Core, not the ORM: these are
    thousands of small rows on a long search)."""
    later = aliased(InterviewRow)
    latest = (
        select(later.id)
        .where(later.application_id == ApplicationRow.id)
        .order_by(later.starts_at.desc(), later.id.desc())
        .limit(1)
        .correlate(ApplicationRow)
        .scalar_subquery()
    )
    query = select(
        ApplicationRow.id,
        ApplicationRow.stage,
        ApplicationRow.stage_changed_at,
        ApplicationRow.applied_on,
        InterviewRow.ends_at,
        InterviewRow.time_zone,
        InterviewRow.next_step_said,
    ).outerjoin(InterviewRow, InterviewRow.id == latest)
    return [
        StageRow(id_, Stage(stage), moved, applied, (end, zone, said) if end else None)
        for id_, stage, moved, applied, end, zone, said in session.connection().execute(query)
    ]

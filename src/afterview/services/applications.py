"""Applications: adding, editing, moving through stages, and showing with their history."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import uuid4

from sqlalchemy.orm import Session

from afterview.domain.applications import Application, Priority, Salary
from afterview.domain.errors import InvalidInput
from afterview.domain.events import Event, EventKind, SubjectKind
from afterview.domain.interviews import Interview
from afterview.domain.moments import parse_day
from afterview.domain.stages import Stage, check_stage_change
from afterview.domain.values import POSTING_LENGTH, ROLE_LENGTH, limit_text, require_text
from afterview.services.companies import company_named, find_company
from afterview.services.hints import Hint, Option
from afterview.services.playbook import replan_application
from afterview.services.timeline import kept, record_changes, record_created
from afterview.services.workspace import Workspace, resolve, writing
from afterview.store import applications as application_store
from afterview.store import interviews as interview_store
from afterview.store.events import append_event, list_events

EDITABLE = (
    "company_name",
    "role",
    "priority",
    "link",
    "source",
    "location",
    "salary",
    "applied_on",
    "notes",
    "posting",
)


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    application: Application
    interviews: list[Interview]
    timeline: list[Event]
    zone: str  # the profile's zone, to show times in


def find_application(session: Session, reference: str | int) -> Application:
    return resolve(
        session,
        "application",
        reference,
        application_store.get_application,
        application_store.application_candidates,
    )


def add_application(
    ws: Workspace,
    *,
    company: str,
    role: str,
    stage: Stage = Stage.APPLIED,
    priority: Priority = Priority.NORMAL,
    link: str = "",
    source: str = "",
    location: str = "",
    salary: Salary | None = None,
    applied_on: str | None = None,
    notes: str = "",
    posting: str = "",
    within: Session | None = None,
) -> Application:
    """Record an application; `applied_on` defaults to today unless it is only saved.
    `within`: the caller's transaction, when it writes more along with it."""
    now = ws.now()
    with writing(ws, within) as session:
        day = _day(ws, session, applied_on, now)
        if day is None and stage != Stage.SAVED:
            day = _day(ws, session, "today", now)
        owner = company_named(session, company, now)
        application = Application(
            id=0,
            uid=uuid4(),
            company_id=owner.id,
            company_name=owner.name,
            role=require_text(role, "role", ROLE_LENGTH),
            stage=stage,
            priority=priority,
            link=link.strip(),
            source=limit_text(source, "source"),
            location=limit_text(location, "location"),
            salary=salary or Salary(),
            applied_on=day,
            notes=notes.strip(),
            posting=limit_text(posting, "posting", POSTING_LENGTH),
            created_at=now,
            updated_at=now,
            stage_changed_at=now,
        )
        saved = application_store.save_application(session, application)
        record_created(session, SubjectKind.APPLICATION, saved.id, now, f"stage {saved.stage}")
        return saved


def edit_application(
    ws: Workspace,
    reference: str | int,
    *,
    company: str | None = None,
    role: str | None = None,
    priority: Priority | None = None,
    link: str | None = None,
    source: str | None = None,
    location: str | None = None,
    salary: Salary | None = None,
    applied_on: str | None = None,
    notes: str | None = None,
    posting: str | None = None,
) -> Application:
    """Change the given fields (None leaves a field alone, '' clears a text)."""
    now = ws.now()
    with ws.ready().write() as session:
        current = find_application(session, reference)
        owner = company_named(session, company, now) if company is not None else None
        edited = replace(
            current,
            company_id=owner.id if owner else current.company_id,
            company_name=owner.name if owner else current.company_name,
            role=require_text(kept(role, current.role), "role", ROLE_LENGTH),
            priority=kept(priority, current.priority),
            link=kept(link, current.link).strip(),
            source=limit_text(kept(source, current.source), "source"),
            location=limit_text(kept(location, current.location), "location"),
            salary=kept(salary, current.salary),
            applied_on=(
                _day(ws, session, applied_on, now) if applied_on is not None else current.applied_on
            ),
            notes=kept(notes, current.notes).strip(),
            posting=limit_text(kept(posting, current.posting), "posting", POSTING_LENGTH),
            updated_at=now,
        )
        before, after = _editable(current), _editable(edited)
        if not record_changes(session, SubjectKind.APPLICATION, current.id, now, before, after):
            return current
        saved = application_store.save_application(session, edited)
        # Reasons name the company, drafts the role, the posting and the notes' tags.
        replan_application(ws, session, saved.id, now)
        return saved


def change_stage(
    ws: Workspace,
    reference: str | int,
    stage: Stage,
    *,
    note: str = "",
    automated: bool = False,
    still_interested: bool = False,
) -> Application:
    """Move an application to `stage`, with an event that says from where and why, and plan
    what the new stage calls for. For a rejection, `automated` (a form letter: no reply
    needed) and `still_interested` (plan a reconnect reminder) shape the plan."""
    now = ws.now()
    with ws.ready().write() as session:
        current = find_application(session, reference)
        return move_stage(
            ws,
            session,
            current,
            stage,
            now,
            note=note,
            automated=automated,
            still_interested=still_interested,
        )


def move_stage(
    ws: Workspace,
    session: Session,
    current: Application,
    stage: Stage,
    now: datetime,
    *,
    note: str = "",
    automated: bool = False,
    still_interested: bool = False,
) -> Application:
    """change_stage inside a caller's transaction (recording an offer, a rejection)."""
    check_stage_change(current.stage, stage)
    moved = replace(current, stage=stage, stage_changed_at=now, updated_at=now)
    data: dict[str, Any] = {"from": str(current.stage), "to": str(stage)}
    if note.strip():
        data["note"] = note.strip()
    if stage == Stage.REJECTED:
        data |= {"automated": automated, "still_interested": still_interested}
    elif automated or still_interested:
        raise InvalidInput(
            Hint(
                [
                    Option("automated"),
                    " and ",
                    Option("still_interested"),
                    " go with a rejection.",
                ]
            )
        )
    kind = EventKind.STAGE_CHANGED
    append_event(session, SubjectKind.APPLICATION, current.id, kind, now, data)
    saved = application_store.save_application(session, moved)
    replan_application(ws, session, saved.id, now)
    return saved


def list_applications(
    ws: Workspace,
    *,
    stages: Collection[Stage] = (),
    active: bool = False,
    company: str | None = None,
) -> list[Application]:
    """Applications, most recently moved first; `active` keeps those not yet ended."""
    wanted = set(stages) or ({s for s in Stage if s.is_active} if active else set())
    with ws.ready().read() as session:
        company_id = find_company(session, company).id if company is not None else None
        return application_store.list_applications(session, stages=wanted, company_id=company_id)


def show_application(ws: Workspace, reference: str | int) -> ApplicationDetail:
    """The application with its interviews and the timeline of both."""
    with ws.ready().read() as session:
        application = find_application(session, reference)
        interviews = interview_store.list_interviews(session, application_id=application.id)
        subjects = [(SubjectKind.APPLICATION, application.id)]
        subjects += [(SubjectKind.INTERVIEW, interview.id) for interview in interviews]
        events = list_events(session, subjects)
        return ApplicationDetail(application, interviews, events, ws.home_zone(session))


def _editable(application: Application) -> dict[str, object]:
    values = {name: getattr(application, name) for name in EDITABLE}
    salary = application.salary
    parts = [salary.minimum, salary.maximum, salary.currency]
    values["salary"] = parts if any(part is not None for part in parts) else None
    return values


def _day(ws: Workspace, session: Session, text: str | None, now: datetime) -> date | None:
    """The day the user applied; it cannot be after today (in their zone)."""
    if text is None or not text.strip():
        return None
    zone = ws.home_zone(session)
    day = parse_day(text, now=now, zone=zone, field="applied_on")
    today = parse_day("today", now=now, zone=zone)
    if day > today:
        raise InvalidInput(
            f"The application date {day} is after today ({today}).", field="applied_on"
        )
    return day

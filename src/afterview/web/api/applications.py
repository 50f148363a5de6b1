"""Applications: list, show (with interviews and timeline), add, edit, change the stage."""

from __future__ import annotations

from typing import Annotated, Literal, cast

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from afterview.domain.applications import Application, parse_priority, parse_salary
from afterview.domain.errors import InvalidInput
from afterview.domain.stages import Stage
from afterview.domain.values import POSTING_LENGTH, ROLE_LENGTH
from afterview.services import applications as service
from afterview.web.api.events import EventOut, event_out
from afterview.web.api.fields import Long, Name, Short, Words, body_fields
from afterview.web.api.interviews import InterviewOut, interview_out
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/applications", tags=["applications"])

# A company named in the body that does not exist is bad input there, not a missing page.
COMPANY = {"company": "company"}
PriorityName = Literal["low", "normal", "high"]


class ApplicationIn(BaseModel):
    """An application to add (`company` and `role` are required) or the fields to change
    (omitted or null: left alone; '' clears a text)."""

    company: Name | None = Field(None, description="Id, name or alias; a new name is created.")
    role: Annotated[str, Field(min_length=1, max_length=ROLE_LENGTH)] | None = None
    stage: Stage | None = Field(None, description="Only when adding (default applied).")
    priority: PriorityName | None = None
    link: Long | None = None
    source: Short | None = None
    location: Short | None = None
    salary: Words | None = Field(
        None, description="Range and currency, e.g. '90k-110k EUR'; '' clears it."
    )
    applied_on: Words | None = Field(
        None, description="When you applied: '2026-11-20', 'yesterday'; default today."
    )
    notes: Long | None = None
    posting: Long | None = Field(None, description="The job posting's text.")


class ApplicationOut(BaseModel):
    """The Application of docs/json.md; one application alone adds `posting`, `interviews`
    and `timeline` (its own and its interviews' events, oldest first)."""

    id: int
    uid: str
    company: dict[str, int | str]
    role: str
    stage: Stage
    priority: PriorityName
    link: str
    source: str
    location: str
    salary: dict[str, int | str | None]
    applied_on: str | None
    notes: str
    created_at: str
    updated_at: str
    stage_changed_at: str
    posting: str | None = None
    interviews: list[InterviewOut] | None = None
    timeline: list[EventOut] | None = None


def application_out(application: Application) -> ApplicationOut:
    salary = application.salary
    return ApplicationOut(
        id=application.id,
        uid=str(application.uid),
        company={"id": application.company_id, "name": application.company_name},
        role=application.role,
        stage=application.stage,
        priority=cast(PriorityName, str(application.priority)),
        link=application.link,
        source=application.source,
        location=application.location,
        salary={"min": salary.minimum, "max": salary.maximum, "currency": salary.currency},
        applied_on=application.applied_on.isoformat() if application.applied_on else None,
        notes=application.notes,
        created_at=application.created_at.isoformat(),
        updated_at=application.updated_at.isoformat(),
        stage_changed_at=application.stage_changed_at.isoformat(),
    )


@router.get("", response_model_exclude_unset=True)
def list_applications(
    ws: WorkspaceDep,
    stage: Annotated[list[Stage] | None, Query(description="Only these stages.")] = None,
    active: Annotated[bool, Query(description="Only those not yet ended.")] = False,
    company: Annotated[str | None, Query(description="Only this company (id or name).")] = None,
) -> list[ApplicationOut]:
    """Applications, most recently moved first."""
    found = service.list_applications(ws, stages=stage or (), active=active, company=company)
    return [application_out(a) for a in found]


@router.get("/{application_id}", response_model_exclude_unset=True)
def show_application(application_id: int, ws: WorkspaceDep) -> ApplicationOut:
    """One application with its posting, interviews and timeline."""
    detail = service.show_application(ws, application_id)
    out = application_out(detail.application)
    out.posting = detail.application.posting
    out.interviews = [interview_out(i) for i in detail.interviews]
    out.timeline = [event_out(e) for e in detail.timeline]
    return out


@router.post("", status_code=201, response_model_exclude_unset=True)
def add_application(new: ApplicationIn, ws: WorkspaceDep) -> ApplicationOut:
    """Record an application; the company is created if new. The plan follows its stage."""
    with body_fields(COMPANY):
        application = service.add_application(
            ws,
            company=new.company or "",
            role=new.role or "",
            stage=new.stage or Stage.APPLIED,
            priority=parse_priority(new.priority or "normal"),
            link=new.link or "",
            source=new.source or "",
            location=new.location or "",
            salary=parse_salary(new.salary or ""),
            applied_on=new.applied_on,
            notes=new.notes or "",
            posting=new.posting or "",
        )
    return application_out(application)


@router.patch("/{application_id}", response_model_exclude_unset=True)
def edit_application(
    application_id: int, change: ApplicationIn, ws: WorkspaceDep
) -> ApplicationOut:
    """Change the given fields; the stage changes with POST .../stage."""
    if change.stage is not None:
        raise InvalidInput(
            f"Change the stage with POST /api/applications/{application_id}/stage.", field="stage"
        )
    with body_fields(COMPANY):
        application = service.edit_application(
            ws,
            application_id,
            company=change.company,
            role=change.role,
            priority=parse_priority(change.priority) if change.priority else None,
            link=change.link,
            source=change.source,
            location=change.location,
            salary=parse_salary(change.salary) if change.salary is not None else None,
            applied_on=change.applied_on,
            notes=change.notes,
            posting=change.posting,
        )
    return application_out(application)


@router.post("/{application_id}/stage", response_model_exclude_unset=True)
def change_stage(
    application_id: int,
    stage: Annotated[Stage, Body()],
    ws: WorkspaceDep,
    note: Annotated[str, Body(max_length=POSTING_LENGTH)] = "",
    automated: Annotated[bool, Body(description="A rejection by form letter.")] = False,
    still_interested: Annotated[bool, Body(description="Rejected; plan a reconnect.")] = False,
) -> ApplicationOut:
    """Move the application to `stage`, with a note kept in the timeline; the plan follows
    (an offer: a decision; a rejection: a gracious reply, lessons, maybe a reminder)."""
    application = service.change_stage(
        ws,
        application_id,
        stage,
        note=note,
        automated=automated,
        still_interested=still_interested,
    )
    return application_out(application)

"""Drafts: list, show (with lint and history), write on request, edit, mark sent, discard."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query
from pydantic import BaseModel, Field

from afterview.domain.drafts import DraftKind, DraftState, Tone
from afterview.domain.values import POSTING_LENGTH, ROLE_LENGTH
from afterview.services import drafts as service
from afterview.services.sending import record_sent
from afterview.web.api.events import EventOut, event_out
from afterview.web.api.fields import Reference, body_fields
from afterview.web.api.lint import FindingOut, finding_out
from afterview.web.deps import WorkspaceDep

router = APIRouter(prefix="/drafts", tags=["drafts"])
# Which drafts a list shows: those in one state, or all.
StateName = Literal["draft", "sent", "discarded", "all"]
# The records a body names: what a draft is for, and whom it goes to.
WRITE_FIELDS = {"interview": "for", "application": "for", "contact": "to"}
EDIT_FIELDS = {"contact": "to"}


class DraftIn(BaseModel):
    """The changes to a draft (omitted or null: left alone). An edited draft is yours: the
    records no longer rewrite it."""

    subject: Annotated[str, Field(max_length=ROLE_LENGTH)] | None = None
    body: Annotated[str, Field(min_length=1, max_length=POSTING_LENGTH)] | None = None
    to: Reference | None = Field(None, description="Another contact, by id or name.")


class DraftOut(BaseModel):
    """The Draft of docs/json.md with its `lint` (empty once sent or discarded); a cover
    letter has `requirements`, one draft alone its `history`."""

    id: int
    uid: str
    kind: DraftKind
    tone: Tone
    short: bool
    application_id: int
    interview_id: int | None
    action_id: int | None
    to: dict[str, int | str | None]
    subject: str
    body: str
    state: DraftState
    edited: bool
    channel: str
    sent_at: str | None
    created_at: str
    updated_at: str
    lint: list[FindingOut]
    requirements: dict[str, list[str]] | None = None
    history: list[EventOut] | None = None


def draft_out(view: service.DraftView) -> DraftOut:
    draft = view.draft
    out = DraftOut(
        id=draft.id,
        uid=str(draft.uid),
        kind=draft.kind,
        tone=draft.tone,
        short=draft.short,
        application_id=draft.application_id,
        interview_id=draft.interview_id,
        action_id=draft.action_id,
        to={
            "contact_id": draft.contact_id,
            "name": draft.recipient_name,
            "email": draft.recipient_email,
        },
        subject=draft.subject,
        body=draft.body,
        state=draft.state,
        edited=draft.edited,
        channel=draft.channel,
        sent_at=draft.sent_at.isoformat() if draft.sent_at else None,
        created_at=draft.created_at.isoformat(),
        updated_at=draft.updated_at.isoformat(),
        lint=[finding_out(f) for f in view.findings],
    )
    if draft.kind == DraftKind.COVER_LETTER:
        out.requirements = {"matched": list(view.matched), "unmatched": list(view.unmatched)}
    return out


@router.get("", response_model_exclude_unset=True)
def list_drafts(
    ws: WorkspaceDep,
    state: Annotated[StateName, Query()] = "draft",
    application: Annotated[str | None, Query(description="Only this application.")] = None,
) -> list[DraftOut]:
    """Drafts, newest first, with their lint."""
    states = states_named(state)
    return [draft_out(v) for v in service.list_drafts(ws, application=application, states=states)]


def states_named(state: StateName) -> list[DraftState]:
    return list(DraftState) if state == "all" else [DraftState(state)]


@router.get("/{draft_id}", response_model_exclude_unset=True)
def show_draft(draft_id: int, ws: WorkspaceDep) -> DraftOut:
    """One draft with its lint and its history (edits, discards, sends)."""
    view = service.show_draft(ws, draft_id)
    out = draft_out(view)
    out.history = [event_out(e) for e in view.history]
    return out


@router.post("", status_code=201, response_model_exclude_unset=True)
def write_drafts(
    kind: Annotated[DraftKind, Body()],
    reference: Annotated[Reference, Body(alias="for", description="Interview or application.")],
    ws: WorkspaceDep,
    to: Annotated[Reference | None, Body(description="The contact it goes to.")] = None,
    tone: Annotated[Tone | None, Body(description="Default: the draft_tone setting.")] = None,
    short: Annotated[bool, Body(description="The short variant.")] = False,
) -> list[DraftOut]:
    """Draft a message: thank-you notes for an interview (one per interviewer unless `to`
    names one), every other kind for an application. An untouched draft of the same message
    is written again; one you edited is kept (409 when `to` names its recipient)."""
    with body_fields(WRITE_FIELDS):
        views = service.write_drafts(ws, kind, reference, to=to, tone=tone, short=short)
    return [draft_out(v) for v in views]


@router.patch("/{draft_id}", response_model_exclude_unset=True)
def edit_draft(draft_id: int, change: DraftIn, ws: WorkspaceDep) -> DraftOut:
    """Change a draft's subject, body or recipient; the change is kept in its history."""
    with body_fields(EDIT_FIELDS):
        view = service.edit_draft(
            ws, draft_id, subject=change.subject, body=change.body, to=change.to
        )
    return draft_out(view)


@router.post("/{draft_id}/sent", response_model_exclude_unset=True)
def mark_sent(
    draft_id: int,
    ws: WorkspaceDep,
    via: Annotated[str, Body(max_length=30, description="How it went (history).")] = "by hand",
    anyway: Annotated[bool, Body(description="A follow-up before its planned day.")] = False,
) -> DraftOut:
    """Record that you sent a draft yourself; its action is closed and the plan follows."""
    sent = record_sent(ws, draft_id, via, anyway=anyway)
    return draft_out(service.DraftView(sent, []))


@router.post("/{draft_id}/discard", response_model_exclude_unset=True)
def discard_draft(draft_id: int, ws: WorkspaceDep) -> DraftOut:
    """Put a draft aside: it is kept, marked discarded."""
    return draft_out(service.DraftView(service.discard_draft(ws, draft_id), []))

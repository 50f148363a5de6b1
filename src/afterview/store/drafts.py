"""Drafts in the store."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from uuid import uuid4

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from afterview.domain.drafts import Draft, DraftKind, DraftState, Rendered, Tone
from afterview.domain.errors import NotFound
from afterview.store.rows import DraftRow


def to_draft(row: DraftRow) -> Draft:
    return Draft(
        id=row.id,
        uid=row.uid,
        kind=DraftKind(row.kind),
        tone=Tone(row.tone),
        short=row.short,
        application_id=row.application_id,
        interview_id=row.interview_id,
        action_id=row.action_id,
        contact_id=row.contact_id,
        recipient_name=row.recipient_name,
        recipient_email=row.recipient_email,
        subject=row.subject,
        body=row.body,
        state=DraftState(row.state),
        edited=row.edited,
        channel=row.channel,
        sent_at=row.sent_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def get_draft(session: Session, draft_id: int) -> Draft:
    row = session.get(DraftRow, draft_id)
    if row is None:
        raise NotFound("draft", draft_id)
    return to_draft(row)


def list_drafts(
    session: Session,
    *,
    application_ids: Collection[int] | None = None,
    action_ids: Collection[int] | None = None,
    contact_ids: Collection[int] | None = None,
    states: Collection[DraftState] = (),
) -> list[Draft]:
    """Drafts, newest first; of some applications, for some actions or recipients, in some
    states."""
    query = select(DraftRow).order_by(DraftRow.updated_at.desc(), DraftRow.id.desc())
    if application_ids is not None:
        query = query.where(DraftRow.application_id.in_(list(application_ids)))
    if action_ids is not None:
        query = query.where(DraftRow.action_id.in_(list(action_ids)))
    if contact_ids is not None:
        query = query.where(DraftRow.contact_id.in_(list(contact_ids)))
    if states:
        query = query.where(DraftRow.state.in_([str(state) for state in states]))
    return [to_draft(row) for row in session.scalars(query)]


@dataclass(frozen=True, slots=True, kw_only=True)
class NewDraft:
    kind: DraftKind
    tone: Tone
    short: bool
    application_id: int
    interview_id: int | None
    action_id: int | None
    contact_id: int | None
    recipient_name: str
    recipient_email: str
    text: Rendered


def insert_draft(session: Session, new: NewDraft, now: datetime) -> Draft:
    row = DraftRow(
        uid=uuid4(),
        kind=str(new.kind),
        tone=str(new.tone),
        short=new.short,
        application_id=new.application_id,
        interview_id=new.interview_id,
        action_id=new.action_id,
        contact_id=new.contact_id,
        recipient_name=new.recipient_name,
        recipient_email=new.recipient_email,
        subject=new.text.subject,
        body=new.text.body,
        state=str(DraftState.DRAFT),
        edited=False,
        channel="",
        sent_at=None,
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    session.flush()
    return to_draft(row)


def update_draft(session: Session, draft_id: int, now: datetime, **values: object) -> Draft:
    """Set the given columns (subject, body, recipient_*, contact_id, tone, short, state,
    edited, channel, sent_at)."""
    row = session.get(DraftRow, draft_id)
    if row is None:
        raise NotFound("draft", draft_id)
    for name, value in values.items():
        if not hasattr(DraftRow, name) or name in {"id", "uid", "created_at"}:
            raise ValueError(f"not an editable draft column: {name}")
        setattr(row, name, str(value) if isinstance(value, DraftState | Tone) else value)
    row.updated_at = now
    session.flush()
    return to_draft(row)


def delete_drafts(session: Session, draft_ids: Collection[int]) -> None:
    """Remove drafts nobody wrote a word of (derived from the records, so nothing is lost)."""
    if draft_ids:
        session.execute(delete(DraftRow).where(DraftRow.id.in_(list(draft_ids))))

"""Actions in the store."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from uuid import uuid4

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from afterview.domain.actions import Action, ActionKind, ActionState, PlannedAction
from afterview.domain.errors import NotFound
from afterview.store.rows import ActionRow

PENDING = (str(ActionState.OPEN), str(ActionState.SNOOZED))


def to_action(row: ActionRow) -> Action:
    return Action(
        id=row.id,
        uid=row.uid,
        key=row.key,
        rule=row.rule,
        practice=row.practice,
        kind=ActionKind(row.kind),
        application_id=row.application_id,
        interview_id=row.interview_id,
        contact_id=row.contact_id,
        due_at=row.due_at,
        state=ActionState(row.state),
        snoozed_until=row.snoozed_until,
        reason=row.reason,
        created_at=row.created_at,
        updated_at=row.updated_at,
        closed_at=row.closed_at,
    )


def get_action(session: Session, action_id: int) -> Action:
    row = session.get(ActionRow, action_id)
    if row is None:
        raise NotFound("action", action_id)
    return to_action(row)


def list_actions(
    session: Session, *, application_ids: Collection[int] | None = None
) -> list[Action]:
    """Actions by due time: all of them, or those of some applications."""
    query = select(ActionRow).order_by(ActionRow.due_at, ActionRow.id)
    if application_ids is not None:
        query = query.where(ActionRow.application_id.in_(list(application_ids)))
    return [to_action(row) for row in session.scalars(query)]


def pending_due(
    session: Session,
    *,
    before: datetime,
    since: datetime | None = None,
    limit: int | None = None,
) -> tuple[list[Action], int]:
    """Pending actions due before a time (and from another), soonest first: at most `limit`
    of them, and how many there are in all. A snoozed action counts from its snooze's end."""
    due = func.coalesce(ActionRow.snoozed_until, ActionRow.due_at)
    where = [ActionRow.state.in_(PENDING), due < before]
    if since is not None:
        where.append(due >= since)
    query = select(ActionRow).where(*where).order_by(due, ActionRow.id).limit(limit)
    found = [to_action(row) for row in session.scalars(query)]
    if limit is None or len(found) < limit:
        return found, len(found)
    return found, session.scalar(select(func.count()).where(*where)) or 0


def insert_planned(session: Session, planned: Sequence[PlannedAction], now: datetime) -> None:
    for plan in planned:
        session.add(
            ActionRow(
                uid=uuid4(),
                key=plan.key,
                rule=plan.rule,
                practice=plan.practice,
                kind=str(plan.kind),
                application_id=plan.application_id,
                interview_id=plan.interview_id,
                contact_id=plan.contact_id,
                due_at=plan.due_at,
                state=str(ActionState.OPEN),
                snoozed_until=None,
                reason=plan.reason,
                created_at=now,
                updated_at=now,
                closed_at=None,
            )
        )
    session.flush()


def replan(session: Session, moves: Sequence[tuple[Action, PlannedAction]], now: datetime) -> None:
    """Give open actions their new due time and reason; reopen dropped ones. A snoozed one
    is woken: its snooze was for a plan that has changed."""
    for action, plan in moves:
        reopen = action.state in (ActionState.DROPPED, ActionState.SNOOZED)
        session.execute(
            update(ActionRow)
            .where(ActionRow.id == action.id)
            .values(
                due_at=plan.due_at,
                reason=plan.reason,
                updated_at=now,
                **(
                    {"state": str(ActionState.OPEN), "closed_at": None, "snoozed_until": None}
                    if reopen
                    else {}
                ),
            )
        )


def set_state(
    session: Session,
    action_ids: Collection[int],
    state: ActionState,
    now: datetime,
    *,
    snoozed_until: datetime | None = None,
) -> None:
    closing = state in (ActionState.DONE, ActionState.SKIPPED, ActionState.DROPPED)
    if not action_ids:
        return
    session.execute(
        update(ActionRow)
        .where(ActionRow.id.in_(list(action_ids)))
        .values(
            state=str(state),
            snoozed_until=snoozed_until,
            updated_at=now,
            closed_at=now if closing else None,
        )
    )

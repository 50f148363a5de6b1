"""Planning: keeping every application's actions in step with what happened."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from afterview.domain.actions import ActionState
from afterview.domain.events import SubjectKind
from afterview.domain.playbook import PlanContext, Reconciliation, plan_application, reconcile
from afterview.services.region import setting
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import contacts as contact_store
from afterview.store import interviews as interview_store
from afterview.store import offers as offer_store
from afterview.store import references as reference_store
from afterview.store.events import list_events


def replan_application(
    ws: Workspace, session: Session, application_id: int, now: datetime
) -> Reconciliation:
    """Bring one application's actions in step with its records (inside the caller's
    transaction): new ones created, open ones moved, ones no longer called for dropped."""
    place = setting(ws, session)
    application = application_store.get_application(session, application_id)
    interviews = interview_store.list_interviews(session, application_id=application_id)
    events = list_events(session, [(SubjectKind.APPLICATION, application_id)])
    actions = action_store.list_actions(session, application_ids=[application_id])
    given = {
        use.contact_id: use.given_on
        for use in reference_store.list_uses(session, application_ids=[application_id])
    }
    people = {i for interview in interviews for i in interview.interviewer_ids} | set(given)
    context = PlanContext(
        zone=place.zone,
        calendar=place.calendar,
        rules=place.rules,
        names=contact_store.names(session, people),
        references=given,
        offer_deadline=_offer_deadline(session, application_id),
    )
    planned = plan_application(application, interviews, events, actions, context)
    changes = reconcile(planned, actions)
    action_store.insert_planned(session, changes.create, now)
    action_store.replan(session, changes.move, now)
    action_store.set_state(session, [a.id for a in changes.drop], ActionState.DROPPED, now)
    # Drafts need Jinja and the matcher: loaded here, not on every command's import path.
    from afterview.services.drafting import refresh_drafts, remember

    remember(session, application, interviews)
    refresh_drafts(ws, session, application_id, now)
    return changes


def replan_everything(ws: Workspace) -> int:
    """Replan every application (after changing rules in config.toml); returns how many
    actions changed."""
    now = ws.now()
    changed = 0
    with ws.ready().write() as session:
        for application in application_store.list_applications(session):
            changes = replan_application(ws, session, application.id, now)
            changed += len(changes.create) + len(changes.move) + len(changes.drop)
    return changed


def _offer_deadline(session: Session, application_id: int) -> date | None:
    offer = offer_store.offer_for(session, application_id)
    return offer.deadline if offer is not None else None

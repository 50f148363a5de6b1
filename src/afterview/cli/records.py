"""The documented JSON shape of each record (docs/json.md); one function per record kind."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from afterview.domain.actions import Action
from afterview.domain.applications import Application
from afterview.domain.companies import Company
from afterview.domain.contacts import Contact
from afterview.domain.drafts import Draft
from afterview.domain.events import Event, describe_event
from afterview.domain.interviews import Interview


def company_json(company: Company) -> dict[str, Any]:
    return {
        "id": company.id,
        "uid": str(company.uid),
        "name": company.name,
        "aliases": list(company.aliases),
        "domains": list(company.domains),
        "notes": company.notes,
        "created_at": company.created_at.isoformat(),
        "updated_at": company.updated_at.isoformat(),
    }


def application_json(application: Application) -> dict[str, Any]:
    salary = application.salary
    return {
        "id": application.id,
        "uid": str(application.uid),
        "company": {"id": application.company_id, "name": application.company_name},
        "role": application.role,
        "stage": str(application.stage),
        "priority": str(application.priority),
        "link": application.link,
        "source": application.source,
        "location": application.location,
        "salary": {"min": salary.minimum, "max": salary.maximum, "currency": salary.currency},
        "applied_on": application.applied_on.isoformat() if application.applied_on else None,
        "notes": application.notes,
        "created_at": application.created_at.isoformat(),
        "updated_at": application.updated_at.isoformat(),
        "stage_changed_at": application.stage_changed_at.isoformat(),
    }


def interview_json(interview: Interview) -> dict[str, Any]:
    zone = ZoneInfo(interview.time_zone)
    return {
        "id": interview.id,
        "uid": str(interview.uid),
        "application": {"id": interview.application_id, "label": interview.application_label},
        "round": interview.round,
        "kind": str(interview.kind),
        "starts_at": interview.starts_at.isoformat(),
        "ends_at": interview.ends_at.isoformat(),
        "time_zone": interview.time_zone,
        "local_start": interview.starts_at.astimezone(zone).isoformat(),
        "local_end": interview.ends_at.astimezone(zone).isoformat(),
        "location": interview.location,
        "interviewers": [
            {"id": contact_id, "name": name}
            for contact_id, name in zip(
                interview.interviewer_ids, interview.interviewer_names, strict=True
            )
        ],
        "next_step_said": interview.next_step_said,
        "notes": interview.notes,
        "created_at": interview.created_at.isoformat(),
        "updated_at": interview.updated_at.isoformat(),
    }


def contact_json(contact: Contact) -> dict[str, Any]:
    company = (
        {"id": contact.company_id, "name": contact.company_name}
        if contact.company_id is not None
        else None
    )
    return {
        "id": contact.id,
        "uid": str(contact.uid),
        "name": contact.name,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "company": company,
        "title": contact.title,
        "origin": contact.origin,
        "notes": contact.notes,
        "linkedin_url": contact.linkedin_url,
        "connected_on": contact.connected_on.isoformat() if contact.connected_on else None,
        "past_companies": list(contact.past_companies),
        "is_reference": contact.is_reference,
        "relationship": contact.relationship,
        "knows_work": contact.knows_work,
        "created_at": contact.created_at.isoformat(),
        "updated_at": contact.updated_at.isoformat(),
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": event.at.isoformat(),
        "subject": {"kind": str(event.subject_kind), "id": event.subject_id},
        "kind": str(event.kind),
        "description": describe_event(event),
        "data": dict(event.data),
    }


def action_json(action: Action) -> dict[str, Any]:
    return {
        "id": action.id,
        "practice": action.practice,
        "kind": str(action.kind),
        "rule": action.rule,
        "application_id": action.application_id,
        "interview_id": action.interview_id,
        "contact_id": action.contact_id,
        "due_at": action.due_at.isoformat(),
        "state": str(action.state),
        "snoozed_until": action.snoozed_until.isoformat() if action.snoozed_until else None,
        "reason": action.reason,
    }


def draft_json(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.id,
        "uid": str(draft.uid),
        "kind": str(draft.kind),
        "tone": str(draft.tone),
        "short": draft.short,
        "application_id": draft.application_id,
        "interview_id": draft.interview_id,
        "action_id": draft.action_id,
        "to": {
            "contact_id": draft.contact_id,
            "name": draft.recipient_name,
            "email": draft.recipient_email,
        },
        "subject": draft.subject,
        "body": draft.body,
        "state": str(draft.state),
        "edited": draft.edited,
        "channel": draft.channel,
        "sent_at": draft.sent_at.isoformat() if draft.sent_at else None,
        "created_at": draft.created_at.isoformat(),
        "updated_at": draft.updated_at.isoformat(),
    }

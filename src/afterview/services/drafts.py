"""Drafts on request: write one, list them, show one with its lint, edit, discard."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from afterview.domain.actions import Action, ActionKind
from afterview.domain.applications import Application
from afterview.domain.contacts import Contact
from afterview.domain.drafts import (
    DRAFT_FOR_ACTION,
    Draft,
    DraftKind,
    DraftState,
    Tone,
    parse_template_text,
)
from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.events import Event, SubjectKind
from afterview.domain.lint import Finding, lint_draft
from afterview.domain.values import POSTING_LENGTH, ROLE_LENGTH, limit_text
from afterview.services.applications import find_application
from afterview.services.contacts import find_contact
from afterview.services.drafting import (
    Request,
    expected_of,
    gather_facts,
    point_of_contact,
    prefetch,
    request_of,
    save_rendered,
)
from afterview.services.hints import Command, Hint, Option
from afterview.services.interviews import find_interview
from afterview.services.timeline import fields_of, record_changes
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import contacts as contact_store
from afterview.store import drafts as draft_store
from afterview.store.events import list_events

# Kinds written to one chosen person: there is no sensible default recipient.
NEEDS_CONTACT = (DraftKind.REFERENCE_HEADS_UP, DraftKind.NETWORKING_NOTE)
EDIT_FIELDS = ("subject", "body", "recipient_name", "recipient_email")


@dataclass(frozen=True, slots=True)
class DraftView:
    """A draft with its lint, and for a cover letter the requirements it could not answer."""

    draft: Draft
    findings: list[Finding]
    unmatched: tuple[str, ...] = ()
    matched: tuple[str, ...] = ()
    history: tuple[Event, ...] = ()  # edits, discards and sends (in `show_draft` only)
    zone: str = "UTC"  # to show the history's times in


def write_drafts(
    ws: Workspace,
    kind: DraftKind,
    reference: str,
    *,
    to: str | None = None,
    tone: Tone | None = None,
    short: bool = False,
    posting: str | None = None,
    keep_edited: bool = False,
) -> list[DraftView]:
    """Draft a message of `kind` for an interview (thank-you notes: one per interviewer
    unless `to` names one) or an application (every other kind). An untouched draft of the
    same message is written again (in the new tone); one you edited is kept: it is returned
    as it is for a whole panel or with `keep_edited` (a page then opens it), otherwise that
    is a Conflict. A posting given here is stored with the application, so the letter and
    its lint agree."""
    tone = tone or Tone(ws.settings.draft_tone)
    now = ws.now()
    with ws.ready().write() as session:
        contact = find_contact(session, to) if to else None
        if kind == DraftKind.THANK_YOU:
            requests = _thank_you_requests(session, reference, contact, tone, short)
        else:
            application = find_application(session, reference)
            if posting is not None:
                application = _keep_posting(session, application, posting, now)
            requests = [_application_request(session, kind, application, contact, tone, short)]
        keep_edited = keep_edited or (kind == DraftKind.THANK_YOU and contact is None)
        drafts = [_write_one(ws, session, r, now, keep_edited=keep_edited) for r in requests]
        return _views(session, ws, drafts)


def _application_request(
    session: Session,
    kind: DraftKind,
    application: Application,
    contact: Contact | None,
    tone: Tone,
    short: bool,
) -> Request:
    if contact is None and kind in NEEDS_CONTACT:
        whom = f"Say whom the {kind.label.lower()} is for: "
        raise InvalidInput(Hint([whom, Option("to", "CONTACT"), "."]), field="to")
    if contact is None and kind != DraftKind.COVER_LETTER:
        contact = point_of_contact(session, application, None)
    return Request(kind=kind, application=application, contact=contact, tone=tone, short=short)


def _keep_posting(
    session: Session, application: Application, posting: str, now: datetime
) -> Application:
    text = limit_text(posting, "posting", POSTING_LENGTH)
    if text == application.posting:
        return application
    record_changes(
        session,
        SubjectKind.APPLICATION,
        application.id,
        now,
        {"posting": application.posting},
        {"posting": text},
    )
    return application_store.save_application(
        session, replace(application, posting=text, updated_at=now)
    )


def _thank_you_requests(
    session: Session, reference: str, contact: Contact | None, tone: Tone, short: bool
) -> list[Request]:
    interview = find_interview(session, reference)
    application = application_store.get_application(session, interview.application_id)
    if contact is not None:
        people = [contact]
    else:
        people = [contact_store.get_contact(session, i) for i in interview.interviewer_ids]
    if not people:
        panel = Option("interviewers", "NAME", flag="with", many=True)
        raise InvalidInput(
            Hint(
                f"{interview.label} has no interviewers.",
                [
                    "Add them (",
                    Command("interview edit", interview.id, (panel,)),
                    ") or say whom to thank with ",
                    Option("to", "CONTACT"),
                    ".",
                ],
            ),
            field="to",
        )
    return [
        Request(
            kind=DraftKind.THANK_YOU,
            application=application,
            interview=interview,
            contact=person,
            tone=tone,
            short=short,
        )
        for person in people
    ]


def _write_one(
    ws: Workspace, session: Session, request: Request, now: datetime, *, keep_edited: bool
) -> Draft:
    """Write the draft a request asks for, over the same message's untouched draft if there
    is one: the planned action's, or for a message on request the same kind to the same
    person."""
    action = _planned_action(session, request)
    existing = _same_message(session, request, action)
    if existing is not None and existing.edited:
        if keep_edited:
            return existing
        raise Conflict(
            Hint(
                f"Draft {existing.id} already holds your edits for this.",
                [
                    "Change it with `",
                    Command("draft edit", existing.id),
                    "`, or discard it first (`",
                    Command("draft discard", existing.id),
                    "`).",
                ],
            )
        )
    return save_rendered(
        ws, session, request, action_id=action.id if action else None, draft=existing, now=now
    )


def _same_message(session: Session, request: Request, action: Action | None) -> Draft | None:
    if action is not None:
        linked = draft_store.list_drafts(session, action_ids=[action.id], states=[DraftState.DRAFT])
        return linked[0] if linked else None
    contact_id = request.contact.id if request.contact else None
    candidates = draft_store.list_drafts(
        session, application_ids=[request.application.id], states=[DraftState.DRAFT]
    )
    return next(
        (
            d
            for d in candidates
            if d.kind == request.kind and d.action_id is None and d.contact_id == contact_id
        ),
        None,
    )


def _planned_action(session: Session, request: Request) -> Action | None:
    """The pending action of the plan this draft answers, if there is one."""
    kinds = [k for k, v in DRAFT_FOR_ACTION.items() if v == request.kind]
    for action in action_store.list_actions(session, application_ids=[request.application.id]):
        if action.kind not in kinds or not action.state.is_pending:
            continue
        if request.interview and action.interview_id not in (request.interview.id, None):
            continue
        if action.kind in (ActionKind.THANK_YOU, ActionKind.REFERENCE_HEADS_UP) and (
            request.contact is None or action.contact_id != request.contact.id
        ):
            continue
        return action
    return None


def list_drafts(
    ws: Workspace,
    *,
    application: str | None = None,
    states: Collection[DraftState] = (DraftState.DRAFT,),
) -> list[DraftView]:
    with ws.ready().read() as session:
        ids = [find_application(session, application).id] if application else None
        drafts = draft_store.list_drafts(session, application_ids=ids, states=states)
        return _views(session, ws, drafts)


def show_draft(ws: Workspace, draft_id: int) -> DraftView:
    """A draft with its lint and its history."""
    with ws.ready().read() as session:
        view = _view(session, ws, draft_store.get_draft(session, draft_id))
        history = tuple(list_events(session, [(SubjectKind.DRAFT, draft_id)]))
        return replace(view, history=history, zone=ws.home_zone(session))


def lint_text(ws: Workspace, draft_id: int, subject: str, body: str) -> list[Finding]:
    """The lint of `subject` and `body` as draft `draft_id` would hold them, without saving
    them (the editor's live lint)."""
    with ws.ready().read() as session:
        draft = draft_store.get_draft(session, draft_id)
        facts = gather_facts(session, ws, request_of(session, draft))
        expected = expected_of(facts, draft.recipient_name)
        return lint_draft(" ".join(subject.split()), body.strip() + "\n", expected)


def drafts_for_actions(ws: Workspace, actions: Collection[Action]) -> dict[int, DraftView]:
    """The current draft of each action that has one (for the agenda and the plan)."""
    ids = [a.id for a in actions if a.kind in DRAFT_FOR_ACTION]
    if not ids:
        return {}
    with ws.ready().read() as session:
        drafts = draft_store.list_drafts(session, action_ids=ids, states=[DraftState.DRAFT])
        return {v.draft.action_id or 0: v for v in _views(session, ws, drafts)}


def _views(session: Session, ws: Workspace, drafts: list[Draft]) -> list[DraftView]:
    prefetch(session, [d for d in drafts if d.state == DraftState.DRAFT])
    return [_view(session, ws, draft) for draft in drafts]


def _view(session: Session, ws: Workspace, draft: Draft) -> DraftView:
    if draft.state != DraftState.DRAFT:
        return DraftView(draft, [])
    facts = gather_facts(session, ws, request_of(session, draft))
    findings = lint_draft(draft.subject, draft.body, expected_of(facts, draft.recipient_name))
    if draft.kind != DraftKind.COVER_LETTER:
        return DraftView(draft, findings)
    matched = tuple(r for r in facts.requirements if r not in facts.unmatched)
    return DraftView(draft, findings, unmatched=facts.unmatched, matched=matched)


def edit_draft(
    ws: Workspace,
    draft_id: int,
    *,
    text: str | None = None,
    subject: str | None = None,
    body: str | None = None,
    to: str | None = None,
) -> DraftView:
    """Change a draft's words or recipient. `text` is the whole message as the editor
    shows it ('Subject: ...', a blank line, the body). The change is kept in its history,
    and the records no longer rewrite it."""
    now = ws.now()
    with ws.ready().write() as session:
        draft = _open_draft(session, draft_id)
        values = _edited_values(session, draft, text=text, subject=subject, body=body, to=to)
        changed = record_changes(
            session,
            SubjectKind.DRAFT,
            draft.id,
            now,
            fields_of(draft, EDIT_FIELDS),
            fields_of(draft, EDIT_FIELDS) | {k: v for k, v in values.items() if k in EDIT_FIELDS},
        )
        if changed:
            draft = draft_store.update_draft(session, draft.id, now, edited=True, **values)
        return _view(session, ws, draft)


def _edited_values(
    session: Session,
    draft: Draft,
    *,
    text: str | None,
    subject: str | None,
    body: str | None,
    to: str | None,
) -> dict[str, object]:
    """The columns an edit sets, checked: a subject that fits, a body with words in it."""
    values: dict[str, object] = {}
    if text is not None:
        parsed = parse_template_text(text, f"draft {draft.id}")
        values |= {"subject": parsed.subject, "body": parsed.body}
    if subject is not None:
        values["subject"] = " ".join(subject.split())
    if body is not None:
        values["body"] = body.strip() + "\n"
    if to is not None:
        contact = find_contact(session, to)
        email = contact.emails[0] if contact.emails else ""
        values |= {"contact_id": contact.id, "recipient_name": contact.name}
        values["recipient_email"] = email
    if "subject" in values:
        limit_text(str(values["subject"]), "subject", ROLE_LENGTH)
    if "body" in values and not str(values["body"]).strip():
        raise InvalidInput("The body must not be empty.", field="body")
    return values


def rewrite_draft(
    ws: Workspace, draft_id: int, *, tone: Tone | None = None, short: bool | None = None
) -> DraftView:
    """Write an untouched draft again from its records, in another tone or length."""
    now = ws.now()
    with ws.ready().write() as session:
        draft = _open_draft(session, draft_id)
        if draft.edited:
            raise Conflict(
                f"Draft {draft.id} holds your edits; rewriting it would lose them. Discard it "
                "and draft again to start over."
            )
        request = replace(
            request_of(session, draft),
            tone=tone or draft.tone,
            short=draft.short if short is None else short,
        )
        saved = save_rendered(ws, session, request, action_id=draft.action_id, draft=draft, now=now)
        return _view(session, ws, saved)


def discard_draft(ws: Workspace, draft_id: int) -> Draft:
    now = ws.now()
    with ws.ready().write() as session:
        draft = _open_draft(session, draft_id)
        record_changes(
            session,
            SubjectKind.DRAFT,
            draft.id,
            now,
            {"state": draft.state},
            {"state": "discarded"},
        )
        return draft_store.update_draft(session, draft.id, now, state=DraftState.DISCARDED)


def _open_draft(session: Session, draft_id: int) -> Draft:
    draft = draft_store.get_draft(session, draft_id)
    if draft.state != DraftState.DRAFT:
        raise InvalidInput(f"Draft {draft.id} is {draft.state}; it cannot change.", field="state")
    return draft

"""Writing drafts from the records: the facts each kind needs, rendering, and keeping the
drafts of planned actions in step with their records until the user edits them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import Action
from afterview.domain.applications import Application
from afterview.domain.contacts import Contact
from afterview.domain.drafts import (
    DRAFT_FOR_ACTION,
    Draft,
    DraftFacts,
    DraftKind,
    DraftState,
    Person,
    Rendered,
    Tone,
    missing_details,
    tagged_lines,
)
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.interviews import Interview
from afterview.domain.lint import Expected, Finding, lint_draft
from afterview.domain.matching import match_posting, posting_requirements
from afterview.domain.profile import Profile
from afterview.services.timeline import record_changes
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import contacts as contact_store
from afterview.store import drafts as draft_store
from afterview.store import interviews as interview_store
from afterview.store import profile as profile_store
from afterview.store.events import list_events

# Titles of the people who usually run a hiring process: the default recipient of
# follow-ups and rejection replies when the user has not chosen one.
RECRUITING_WORDS = ("recruit", "talent", "people partner", "hr ", "human resources", "sourcer")


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """What to draft: a kind, for an application (and interview), to someone, in a tone."""

    kind: DraftKind
    application: Application
    interview: Interview | None = None
    contact: Contact | None = None
    tone: Tone = Tone.WARM
    short: bool = False


T = TypeVar("T")


def _cache(session: Session) -> dict[tuple[object, ...], Any]:
    cache: dict[tuple[object, ...], Any] = session.info.setdefault("drafting", {})
    return cache


def _cached(session: Session, key: tuple[object, ...], load: Callable[[], T]) -> T:
    """A record read once per transaction for drafting: listing or replanning many drafts
    reads the profile, an application or a person once, not once per draft. (Drafting reads
    after the transaction's writes, so what it caches is current.)"""
    cache = _cache(session)
    if key not in cache:
        cache[key] = load()
    return cast(T, cache[key])


def _profile(session: Session) -> Profile | None:
    return _cached(session, ("profile",), lambda: profile_store.get_profile(session))


def _application(session: Session, application_id: int) -> Application:
    return _cached(
        session,
        ("application", application_id),
        lambda: application_store.get_application(session, application_id),
    )


def _interview(session: Session, interview_id: int) -> Interview:
    return _cached(
        session,
        ("interview", interview_id),
        lambda: interview_store.get_interview(session, interview_id),
    )


def _contact(session: Session, contact_id: int) -> Contact:
    return _cached(
        session, ("contact", contact_id), lambda: contact_store.get_contact(session, contact_id)
    )


def remember(session: Session, application: Application, interviews: list[Interview]) -> None:
    """Records the caller has just read in this transaction, so drafting does not read them
    again (the replan of an application has its interviews at hand)."""
    cache = _keep(session, [application], interviews, [])
    latest = max(interviews, key=lambda i: (i.starts_at, i.id), default=None)
    cache[("latest interview", application.id)] = latest.id if latest else None


def prefetch(session: Session, drafts: Collection[Draft]) -> None:
    """Read at once the applications, interviews and people of many stored drafts, so that
    linting or rendering them reads nothing more one by one (three queries, not three per
    draft)."""
    cache = _cache(session)

    def missing(kind: str, ids: Iterable[int | None]) -> set[int]:
        return {i for i in ids if i is not None and (kind, i) not in cache}

    applications = missing("application", (d.application_id for d in drafts))
    interviews = missing("interview", (d.interview_id for d in drafts))
    contacts = missing("contact", (d.contact_id for d in drafts))
    _keep(
        session,
        application_store.list_applications(session, ids=applications) if applications else [],
        interview_store.list_interviews(session, ids=interviews) if interviews else [],
        contact_store.list_contacts(session, ids=contacts) if contacts else [],
    )


def _keep(
    session: Session,
    applications: Iterable[Application],
    interviews: Iterable[Interview],
    contacts: Iterable[Contact],
) -> dict[tuple[object, ...], Any]:
    cache = _cache(session)
    for kind, records in (
        ("application", applications),
        ("interview", interviews),
        ("contact", contacts),
    ):
        for record in records:
            cache[(kind, record.id)] = record
    return cache


def gather_facts(session: Session, ws: Workspace, request: Request) -> DraftFacts:
    """Everything the records say that a draft of this kind may use, and what they do not."""
    application, contact = request.application, request.contact
    profile = _profile(session)
    interview = request.interview or _latest_interview(session, application.id)
    recipient = _person(contact)
    gaps = _common_gaps(profile, recipient, contact)
    facts = DraftFacts(
        kind=request.kind,
        tone=request.tone,
        short=request.short,
        me=Person(name=profile.name, email=profile.email) if profile else Person(),
        recipient=recipient,
        company=application.company_name,
        role=application.role,
        **_interview_facts(interview),
        **_kind_facts(session, ws, request, interview, profile),
    )
    return _with_gaps(facts, gaps)


def _person(contact: Contact | None) -> Person:
    if contact is None:
        return Person()
    email = contact.emails[0] if contact.emails else ""
    return Person(name=contact.name, title=contact.title, email=email)


def _latest_interview(session: Session, application_id: int) -> Interview | None:
    latest = _cached(
        session,
        ("latest interview", application_id),
        lambda: interview_store.latest_interview_id(session, application_id),
    )
    return _interview(session, latest) if latest is not None else None


def _interview_facts(interview: Interview | None) -> dict[str, Any]:
    if interview is None:
        return {}
    local = interview.starts_at.astimezone(ZoneInfo(interview.time_zone))
    return {
        "interview_day": f"{local:%A} {local.day} {local:%B}",
        "interview_kind": str(interview.kind),
        "interview_round": interview.round,
        "interviewers": interview.interviewer_names,
        "topics": tagged_lines(interview.notes, "topic"),
        "next_step_said": interview.next_step_said,
    }


def _kind_facts(
    session: Session,
    ws: Workspace,
    request: Request,
    interview: Interview | None,
    profile: Profile | None,
) -> dict[str, Any]:
    application = request.application
    requirements = posting_requirements(application.posting)
    if request.kind == DraftKind.REFERENCE_HEADS_UP:
        contact = request.contact
        tagged = tagged_lines(contact.notes, "relationship") if contact else []
        relationship = (contact.relationship if contact else "") or (tagged[0] if tagged else "")
        return {
            "relationship": relationship,
            "stress": tagged_lines(application.notes, "stress"),
            "callers": tagged_lines(application.notes, "caller"),
            "requirements": requirements,
        }
    if request.kind == DraftKind.COVER_LETTER:
        match = match_posting(
            requirements,
            profile.accomplishments if profile else (),
            profile.skills if profile else (),
        )
        return {
            "requirements": requirements,
            "matches": match.matches,
            "unmatched": match.unmatched,
            "skills": match.skills,
        }
    if request.kind == DraftKind.SECOND_FOLLOW_UP:
        return {"last_follow_up_day": _last_follow_up_day(session, ws, application.id)}
    return {"requirements": requirements}


def _last_follow_up_day(session: Session, ws: Workspace, application_id: int) -> str:
    events = list_events(session, [(SubjectKind.APPLICATION, application_id)])
    sent = [e.at for e in events if e.kind == EventKind.FOLLOWED_UP]
    if not sent:
        return ""
    local = max(sent).astimezone(ZoneInfo(ws.home_zone(session)))
    return f"{local:%A} {local.day} {local:%B}"


def _common_gaps(profile: Profile | None, recipient: Person, contact: Contact | None) -> list[str]:
    gaps = []
    if profile is None:
        gaps.append("Your name is not set, so the note is unsigned: run `afterview init`.")
    if contact is not None and not recipient.email:
        gaps.append(
            f"No e-mail address for {contact.name}: add one to send it from here "
            f"(afterview contact edit {contact.id} --email ADDRESS)."
        )
    return gaps


def _with_gaps(facts: DraftFacts, gaps: list[str]) -> DraftFacts:
    return replace(facts, gaps=(*gaps, *missing_details(facts)))


def render(ws: Workspace, facts: DraftFacts) -> Rendered:
    # Jinja is loaded here: listing and linting drafts (`today`) do not need it.
    from afterview.drafts.render import render_draft

    return render_draft(ws.templates(), facts)


def expected_of(facts: DraftFacts, recipient_name: str) -> Expected:
    return Expected(
        kind=facts.kind,
        recipient_name=recipient_name,
        role=facts.role,
        company=facts.company,
        gaps=facts.gaps,
    )


def lint_stored(session: Session, ws: Workspace, draft: Draft) -> list[Finding]:
    """The lint of a stored draft, against what its records say now."""
    facts = gather_facts(session, ws, request_of(session, draft))
    return lint_draft(draft.subject, draft.body, expected_of(facts, draft.recipient_name))


def request_of(session: Session, draft: Draft) -> Request:
    """The request a stored draft answers (to render it again or lint it)."""
    application = _application(session, draft.application_id)
    interview = _interview(session, draft.interview_id) if draft.interview_id else None
    contact = _contact(session, draft.contact_id) if draft.contact_id else None
    return Request(
        kind=draft.kind,
        application=application,
        interview=interview,
        contact=contact,
        tone=draft.tone,
        short=draft.short,
    )


def point_of_contact(
    session: Session, application: Application, interview: Interview | None
) -> Contact | None:
    """Whom a follow-up or a reply goes to by default: the company's recruiter if one is
    known, else the first interviewer of the interview (or the latest one)."""
    recruiter = contact_store.first_with_title(session, application.company_id, RECRUITING_WORDS)
    if recruiter is not None:
        return recruiter
    interview = interview or _latest_interview(session, application.id)
    if interview and interview.interviewer_ids:
        return _contact(session, interview.interviewer_ids[0])
    return None


def follow_contact(ws: Workspace, session: Session, contact: Contact, now: datetime) -> None:
    """A contact's new name, address or notes reach their unsent drafts: untouched drafts are
    written again; edited ones keep their words and take the new name and address."""
    for draft in draft_store.list_drafts(
        session, contact_ids=[contact.id], states=[DraftState.DRAFT]
    ):
        if draft.edited:
            recipient = _person(contact)
            values = {"recipient_name": recipient.name, "recipient_email": recipient.email}
            before = {name: getattr(draft, name) for name in values}
            if record_changes(session, SubjectKind.DRAFT, draft.id, now, before, values):
                draft_store.update_draft(session, draft.id, now, **values)
        else:
            request = request_of(session, draft)
            save_rendered(ws, session, request, action_id=draft.action_id, draft=draft, now=now)


def refresh_drafts(ws: Workspace, session: Session, application_id: int, now: datetime) -> None:
    """Give each pending writing action of an application its draft and rewrite the drafts
    the user has not touched from the current records. Untouched drafts of actions that are
    closed (done, skipped, dropped) go: they are derived, so nothing is lost."""
    actions = [
        a
        for a in action_store.list_actions(session, application_ids=[application_id])
        if a.kind in DRAFT_FOR_ACTION
    ]
    if not actions:
        return
    by_action: dict[int | None, list[Draft]] = {}
    for stored in draft_store.list_drafts(session, action_ids=[a.id for a in actions]):
        by_action.setdefault(stored.action_id, []).append(stored)
    stale = []
    for action in actions:
        drafts = by_action.get(action.id, [])
        current = next((d for d in drafts if d.state == DraftState.DRAFT), None)
        untouched = current is not None and not current.edited
        if action.state.is_pending and (untouched or not drafts):
            # A draft you discarded or sent stays the answer: none is written again.
            _write_for_action(ws, session, action, current, now)
        elif not action.state.is_pending and current is not None and untouched:
            stale.append(current.id)
    # Untouched drafts have no history (only edits, discards and sends are events).
    draft_store.delete_drafts(session, stale)


def _write_for_action(
    ws: Workspace, session: Session, action: Action, draft: Draft | None, now: datetime
) -> None:
    application = _application(session, action.application_id)
    interview = _interview(session, action.interview_id) if action.interview_id else None
    kind = DRAFT_FOR_ACTION[action.kind]
    if draft is not None and draft.contact_id is not None:
        contact: Contact | None = _contact(session, draft.contact_id)
    elif action.contact_id is not None:
        contact = _contact(session, action.contact_id)
    else:
        contact = point_of_contact(session, application, interview)
    tone = draft.tone if draft else Tone(ws.settings.draft_tone)
    request = Request(
        kind=kind,
        application=application,
        interview=interview,
        contact=contact,
        tone=tone,
        short=draft.short if draft else False,
    )
    save_rendered(ws, session, request, action_id=action.id, draft=draft, now=now)


def _new_draft(request: Request, action_id: int | None, text: Rendered) -> draft_store.NewDraft:
    recipient = _person(request.contact)
    return draft_store.NewDraft(
        kind=request.kind,
        tone=request.tone,
        short=request.short,
        application_id=request.application.id,
        interview_id=request.interview.id if request.interview else None,
        action_id=action_id,
        contact_id=request.contact.id if request.contact else None,
        recipient_name=recipient.name,
        recipient_email=recipient.email,
        text=text,
    )


def save_rendered(
    ws: Workspace,
    session: Session,
    request: Request,
    *,
    action_id: int | None,
    draft: Draft | None,
    now: datetime,
) -> Draft:
    """Render a request and store it: a new draft, or a rewrite of `draft` (only when its
    text or recipient changes, so a replan that changes nothing writes nothing)."""
    text = render(ws, gather_facts(session, ws, request))
    recipient = _person(request.contact)
    if draft is None:
        return draft_store.insert_draft(session, _new_draft(request, action_id, text), now)
    values = {
        "subject": text.subject,
        "body": text.body,
        "recipient_name": recipient.name,
        "recipient_email": recipient.email,
        "contact_id": request.contact.id if request.contact else None,
        "tone": request.tone,
        "short": request.short,
    }
    if all(getattr(draft, name) == value for name, value in values.items()):
        return draft
    return draft_store.update_draft(session, draft.id, now, **values)

"""Delivering a draft: by SMTP after a check, as an .eml file, as a mailto: link, or marked
sent by hand. A sent draft closes its action and is kept in the history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from afterview.domain.actions import ActionState
from afterview.domain.drafts import Draft, DraftState
from afterview.domain.errors import AfterviewError, Conflict, InvalidInput, SentNotRecorded
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.lint import Finding, Severity
from afterview.services.actions import FOLLOW_UPS, check_follow_up_time, record_follow_up
from afterview.services.drafting import lint_stored
from afterview.services.hints import Command, Hint, Option
from afterview.services.playbook import replan_application
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import applications as application_store
from afterview.store import drafts as draft_store
from afterview.store import profile as profile_store
from afterview.store.events import append_event

# Something that delivers a message or raises SendFailed: SMTP, or a test's stand-in.
Mailer = Callable[[EmailMessage], None]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A draft checked and ready to go: the message, and the warnings the user accepted."""

    draft: Draft
    message: EmailMessage
    warnings: list[Finding]


def prepare_message(
    ws: Workspace, draft_id: int, *, force: bool = False, anyway: bool = False
) -> Outgoing:
    """The message of a draft, refused while the lint finds errors (unless `force`) or while
    a follow-up would go too early (unless `anyway`)."""
    from afterview.integrations.mail import compose_message

    now = ws.now()
    with ws.ready().read() as session:
        draft = _unsent(session, draft_id)
        findings = lint_stored(session, ws, draft)
        errors = [f for f in findings if f.severity == Severity.ERROR]
        if errors and not force:
            listed = " ".join(f.message for f in errors)
            raise InvalidInput(
                Hint(
                    f"Draft {draft.id} has {len(errors)} problem{'s' * (len(errors) > 1)}: "
                    f"{listed}",
                    [
                        "Fix it (",
                        Command("draft edit", draft.id),
                        ") or use ",
                        Option("force"),
                        ".",
                    ],
                ),
                field="draft",
            )
        _check_follow_up_time(ws, session, draft, now, anyway=anyway)
        profile = profile_store.get_profile(session)
        if profile is None:
            raise InvalidInput("Set your name and e-mail first: afterview init.", field="from")
        _check_address(draft)
        message = compose_message(
            from_name=profile.name,
            from_email=profile.email,
            to_name=draft.recipient_name,
            to_email=draft.recipient_email,
            subject=draft.subject,
            body=draft.body,
            at=now.astimezone(ZoneInfo(ws.home_zone(session))),
        )
        return Outgoing(draft, message, [f for f in findings if f not in errors])


def _check_address(draft: Draft) -> None:
    if not draft.recipient_email:
        another = Command("draft edit", draft.id, (Option("to", "CONTACT"),))
        raise InvalidInput(
            Hint(
                f"Draft {draft.id} has no e-mail address to go to: add one to "
                f"{draft.recipient_name or 'the contact'}, or choose another recipient.",
                ["To choose one: `", another, "`."],
            ),
            field="to",
        )


def _check_follow_up_time(
    ws: Workspace, session: Session, draft: Draft, now: datetime, *, anyway: bool
) -> None:
    if draft.action_id is None or anyway:
        return
    action = action_store.get_action(session, draft.action_id)
    if action.kind in FOLLOW_UPS:
        application = application_store.get_application(session, action.application_id)
        check_follow_up_time(ws, session, action, application.label, now)


def _in_flight(session: Session, draft_id: int) -> Draft:
    draft = draft_store.get_draft(session, draft_id)
    if draft.state != DraftState.SENT or draft.sent_at is not None:
        raise InvalidInput(f"Draft {draft.id} is not being sent.", field="state")
    return draft


def _unsent(session: Session, draft_id: int) -> Draft:
    draft = draft_store.get_draft(session, draft_id)
    if draft.state != DraftState.DRAFT:
        raise InvalidInput(f"Draft {draft.id} is already {draft.state}.", field="state")
    return draft


def smtp_mailer(ws: Workspace) -> Mailer:
    """The configured SMTP server as a Mailer; refused when none is configured."""
    from afterview.integrations.mail import SmtpServer, send_message, smtp_password

    settings = ws.settings
    if not settings.smtp_host:
        export = Command("draft export", "ID", (Option("eml", "FILE"),))
        raise InvalidInput(
            Hint(
                "No SMTP server is configured: set smtp_host (and smtp_user) in config.toml.",
                ["Or export the draft (`", export, "`) and send it yourself."],
            ),
            field="smtp_host",
        )
    server = SmtpServer(
        host=settings.smtp_host,
        port=settings.smtp_port,
        security=settings.smtp_security,
        user=settings.smtp_user,
        timeout=settings.smtp_timeout,
    )
    password = smtp_password(settings.smtp_user) if settings.smtp_user else None

    def deliver(message: EmailMessage) -> None:
        send_message(server, message, password)

    return deliver


def send_draft(ws: Workspace, outgoing: Outgoing, mailer: Mailer) -> Draft:
    """Send a prepared draft. It is claimed first (still unsent, unchanged since prepared), so
    two sends cannot both go; a refused send releases it, unsent. Once the server took the
    message, a failure to record it says so instead of inviting a second send."""
    draft = outgoing.draft
    _claim(ws, draft)
    try:
        mailer(outgoing.message)
    except BaseException:
        _release(ws, draft)
        raise
    try:
        return record_sent(ws, draft.id, "smtp", anyway=True, claimed=True)
    except AfterviewError as error:
        record = Command("draft sent", draft.id, (Option("via", "smtp"),))
        raise SentNotRecorded(
            Hint(
                f"Draft {draft.id} was sent, but recording it failed: {error.message} Do not "
                "send it again: mark it sent instead.",
                ["Use `", record, "`."],
            )
        ) from None


def _claim(ws: Workspace, prepared: Draft) -> None:
    with ws.ready().write() as session:
        draft = _unsent(session, prepared.id)
        if _words(draft) != _words(prepared):
            raise Conflict(f"Draft {draft.id} changed while it was being sent; nothing was sent.")
        # Sent, with no time yet: in flight. record_sent gives it its time.
        draft_store.update_draft(session, draft.id, draft.updated_at, state=DraftState.SENT)


def _words(draft: Draft) -> tuple[str, ...]:
    """What goes out: a draft is unchanged for sending when these are."""
    return (draft.subject, draft.body, draft.recipient_name, draft.recipient_email)


def _release(ws: Workspace, prepared: Draft) -> None:
    with ws.ready().write() as session:
        draft_store.update_draft(session, prepared.id, prepared.updated_at, state=DraftState.DRAFT)


def record_sent(
    ws: Workspace, draft_id: int, channel: str, *, anyway: bool = False, claimed: bool = False
) -> Draft:
    """Mark a draft sent (by `channel`), close its action and replan the application."""
    now = ws.now()
    channel = " ".join(channel.split())[:30] or "by hand"
    with ws.ready().write() as session:
        draft = _in_flight(session, draft_id) if claimed else _unsent(session, draft_id)
        _check_follow_up_time(ws, session, draft, now, anyway=anyway)
        sent = draft_store.update_draft(
            session, draft.id, now, state=DraftState.SENT, sent_at=now, channel=channel
        )
        data = {"channel": channel, "to": draft.recipient, "subject": draft.subject}
        append_event(session, SubjectKind.DRAFT, draft.id, EventKind.SENT, now, data)
        if draft.contact_id is not None:  # every exchange shows on the person's timeline
            what = f"{draft.kind.label.lower()}: {draft.subject}"
            about = {"what": what, "channel": channel, "draft": draft.id}
            append_event(session, SubjectKind.CONTACT, draft.contact_id, EventKind.SENT, now, about)
        _close_action(ws, session, draft, now)
        return sent


def _close_action(ws: Workspace, session: Session, draft: Draft, now: datetime) -> None:
    if draft.action_id is None:
        return
    action = action_store.get_action(session, draft.action_id)
    if not action.state.is_pending:
        return
    if action.kind in FOLLOW_UPS:
        application = application_store.get_application(session, action.application_id)
        record_follow_up(ws, session, application, now, anyway=True)
        return
    action_store.set_state(session, [action.id], ActionState.DONE, now)
    data = {"action": action.id, "kind": str(action.kind), "state": "done", "draft": draft.id}
    append_event(
        session, SubjectKind.APPLICATION, action.application_id, EventKind.ACTION_CHANGED, now, data
    )
    replan_application(ws, session, action.application_id, now)


def export_eml(
    ws: Workspace, draft_id: int, path: Path, *, force: bool = False
) -> tuple[Path, list[Finding]]:
    """Write the draft as an .eml file to open in a mail program (it stays a draft); the lint
    stops it as it stops a send. Returns what was written, with the lint's warnings."""
    from afterview.integrations.mail import write_eml

    outgoing = prepare_message(ws, draft_id, force=force, anyway=True)
    target = path / f"draft-{draft_id}.eml" if path.is_dir() else path
    try:
        write_eml(outgoing.message, target)
    except OSError as error:
        raise InvalidInput(f"Cannot write {target}: {error.strerror}.", field="eml") from None
    return target, outgoing.warnings


def eml_of(ws: Workspace, draft_id: int, *, force: bool = False) -> tuple[bytes, list[Finding]]:
    """The draft as the bytes of an .eml file (a download; it stays a draft), with the lint's
    warnings; errors stop it as they stop a send, unless `force`."""
    from afterview.integrations.mail import eml_bytes

    outgoing = prepare_message(ws, draft_id, force=force, anyway=True)
    return eml_bytes(outgoing.message), outgoing.warnings


def mailto(ws: Workspace, draft_id: int, *, force: bool = False) -> tuple[str, list[Finding]]:
    """A mailto: link for the draft, and the lint's warnings (errors stop it unless forced)."""
    from afterview.integrations.mail import mailto_link

    outgoing = prepare_message(ws, draft_id, force=force, anyway=True)
    draft = outgoing.draft
    link = mailto_link(to_email=draft.recipient_email, subject=draft.subject, body=draft.body)
    return link, outgoing.warnings

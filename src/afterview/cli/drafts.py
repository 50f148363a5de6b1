"""`afterview draft ...`: write, read, lint, edit and deliver drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from afterview.cli import CliState
from afterview.cli.options import json_option, pass_state, read_text_file, text_file_type
from afterview.cli.output import emit_json, print_table, print_timeline

if TYPE_CHECKING:
    from afterview.services.drafts import DraftView

# Each kind of draft is a subcommand; FOR is an interview for thank-you notes and an
# application for the rest.
KINDS = {
    "thank-you": ("INTERVIEW", "Thank-you notes for an interview, one per interviewer."),
    "follow-up": ("APPLICATION", "A first follow-up on an application."),
    "second-follow-up": ("APPLICATION", "A second, shorter follow-up."),
    "reference-heads-up": ("APPLICATION", "Tell a reference (--to) who may call and why."),
    "networking-note": ("APPLICATION", "A short note to someone you know there (--to)."),
    "rejection-reply": ("APPLICATION", "A gracious reply to a rejection."),
    "cover-letter": ("APPLICATION", "A cover letter built from the posting and your profile."),
}


class DraftGroup(click.Group):
    """Accepts `thank_you` for `thank-you`, as kinds are spelled in JSON and config."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return super().get_command(ctx, cmd_name.replace("_", "-"))


@click.group(cls=DraftGroup)
def draft() -> None:
    """Drafts of the messages the playbook asks for: thank-you notes, follow-ups, reference
    heads-ups, networking notes, rejection replies and cover letters.

    Planned actions get their draft by themselves (see `afterview today`); `afterview draft
    KIND FOR` writes one on request. Every draft is linted wherever it is shown.
    """


def _kind_command(name: str, target: str, help_text: str) -> click.Command:
    @click.argument("reference", metavar=target)
    @click.option("--to", help="The contact it goes to (id or name).")
    @click.option("--tone", type=click.Choice(["warm", "formal"]), help="Default: draft_tone.")
    @click.option("--short", is_flag=True, help="The short variant.")
    @json_option
    @pass_state
    def command(
        state: CliState,
        reference: str,
        to: str | None,
        tone: str | None,
        short: bool,
        as_json: bool,
        posting_file: Path | None = None,
    ) -> None:
        from afterview.domain.drafts import parse_draft_kind, parse_tone
        from afterview.services.drafts import write_drafts

        views = write_drafts(
            state.workspace(),
            parse_draft_kind(name),
            reference,
            to=to,
            tone=parse_tone(tone) if tone else None,
            short=short,
            posting=read_text_file(posting_file) if posting_file else None,
        )
        if as_json:
            emit_json([_view_json(view) for view in views])
            return
        for number, view in enumerate(views):
            if number:
                click.echo()
            _print_view(view)

    command.__doc__ = help_text
    if name == "cover-letter":
        command = click.option(
            "--posting",
            "posting_file",
            type=text_file_type,
            help="A file with the posting's text (default: the application's posting).",
        )(command)
    return click.command(name, help=help_text)(command)


for _name, (_target, _help) in KINDS.items():
    draft.add_command(_kind_command(_name, _target, _help))


@draft.command("list")
@click.option("--app", "application", help="Only the drafts of this application.")
@click.option(
    "--state",
    "states",
    type=click.Choice(["draft", "sent", "discarded", "all"]),
    default="draft",
    show_default=True,
)
@json_option
@pass_state
def list_(state: CliState, application: str | None, states: str, as_json: bool) -> None:
    """Drafts, newest first, with their lint."""
    from afterview.domain.drafts import DraftState
    from afterview.services.drafts import list_drafts

    chosen = list(DraftState) if states == "all" else [DraftState(states)]
    views = list_drafts(state.workspace(), application=application, states=chosen)
    if as_json:
        emit_json([_view_json(view) for view in views])
        return
    print_table(
        ["ID", "Kind", "To", "Subject", "State", "Lint"],
        [
            (
                v.draft.id,
                v.draft.kind.label,
                v.draft.recipient_name or v.draft.recipient_email or "–",
                v.draft.subject,
                v.draft.state,
                lint_summary(v),
            )
            for v in views
        ],
        empty="No drafts.",
    )


@draft.command()
@click.argument("draft_id", type=int)
@json_option
@pass_state
def show(state: CliState, draft_id: int, as_json: bool) -> None:
    """One draft: recipient, subject, body, its lint and its history."""
    from afterview.cli.records import event_json
    from afterview.services.drafts import show_draft

    view = show_draft(state.workspace(), draft_id)
    if as_json:
        emit_json(_view_json(view) | {"history": [event_json(e) for e in view.history]})
        return
    _print_view(view)
    if view.history:
        print_timeline(list(view.history), view.zone, title="History")


@draft.command()
@click.argument("draft_id", type=int)
@json_option
@pass_state
def lint(state: CliState, draft_id: int, as_json: bool) -> None:
    """Check a draft; exits with 5 when it has errors (warnings alone exit 0)."""
    from afterview.domain.lint import has_errors
    from afterview.services.drafts import show_draft

    view = show_draft(state.workspace(), draft_id)
    if as_json:
        emit_json([_finding_json(f) for f in view.findings])
    else:
        _print_findings(view)
    if has_errors(view.findings):
        click.get_current_context().exit(5)


@draft.command()
@click.argument("draft_id", type=int)
@click.option("--subject", help="A new subject.")
@click.option(
    "--body-file",
    type=text_file_type,
    help="Replace the body with this file's text ('-' for standard input).",
)
@click.option("--to", help="Send it to another contact (id or name).")
@click.option("--tone", type=click.Choice(["warm", "formal"]), help="Write it again in a tone.")
@click.option("--short/--long", "short", default=None, help="Write it again shorter or longer.")
@json_option
@pass_state
def edit(
    state: CliState,
    draft_id: int,
    subject: str | None,
    body_file: Path | None,
    to: str | None,
    tone: str | None,
    short: bool | None,
    as_json: bool,
) -> None:
    """Change a draft. Without options it opens in $EDITOR. --tone and --short write an
    untouched draft again from its records; your own edits are never overwritten."""
    from afterview.domain.drafts import parse_tone
    from afterview.domain.errors import InvalidInput
    from afterview.services.drafts import edit_draft, rewrite_draft, show_draft

    ws = state.workspace()
    if tone is not None or short is not None:
        view = rewrite_draft(ws, draft_id, tone=parse_tone(tone) if tone else None, short=short)
    elif subject is None and body_file is None and to is None:
        current = show_draft(ws, draft_id).draft
        if current.state != "draft":  # before the editor, not after the user's work
            raise InvalidInput(f"Draft {current.id} is {current.state}; it cannot change.")
        text = click.edit(f"Subject: {current.subject}\n\n{current.body}", extension=".txt")
        if text is None:
            click.echo("No changes.")
            return
        view = edit_draft(ws, draft_id, text=text)
    else:
        body = read_text_file(body_file) if body_file else None
        view = edit_draft(ws, draft_id, subject=subject, body=body, to=to)
    if as_json:
        emit_json(_view_json(view))
    else:
        _print_view(view)


@draft.command()
@click.argument("draft_id", type=int)
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--force", is_flag=True, help="Send even though the lint found errors.")
@click.option("--anyway", is_flag=True, help="Send a follow-up before its planned day.")
@pass_state
def send(state: CliState, draft_id: int, yes: bool, force: bool, anyway: bool) -> None:
    """Send a draft by SMTP (smtp_* settings) after showing whom it goes to. A sent draft
    closes its action."""
    from afterview.services.sending import prepare_message, send_draft, smtp_mailer

    ws = state.workspace()
    outgoing = prepare_message(ws, draft_id, force=force, anyway=anyway)
    mailer = smtp_mailer(ws)
    _warn(outgoing.warnings)
    click.echo(f"To:      {outgoing.message['To']}")
    click.echo(f"Subject: {outgoing.message['Subject']}")
    click.echo(f"Via:     {ws.settings.smtp_host}:{ws.settings.smtp_port}")
    if not yes and not click.confirm("Send it now?", default=False):
        click.echo("Not sent.")
        return
    sent = send_draft(ws, outgoing, mailer)
    click.echo(f"Sent draft {sent.id} to {sent.recipient}.")


@draft.command("sent")
@click.argument("draft_id", type=int)
@click.option("--via", default="by hand", show_default=True, help="How it went (for history).")
@click.option("--anyway", is_flag=True, help="Record a follow-up before its planned day.")
@pass_state
def mark_sent(state: CliState, draft_id: int, via: str, anyway: bool) -> None:
    """Record that you sent a draft yourself (from your mail program, LinkedIn, ...)."""
    from afterview.services.sending import record_sent

    sent = record_sent(state.workspace(), draft_id, via, anyway=anyway)
    click.echo(f"Draft {sent.id} marked sent ({sent.channel}).")


@draft.command()
@click.argument("draft_id", type=int)
@pass_state
def discard(state: CliState, draft_id: int) -> None:
    """Put a draft aside: it is kept, marked discarded."""
    from afterview.services.drafts import discard_draft

    discard_draft(state.workspace(), draft_id)
    click.echo(f"Draft {draft_id} discarded.")


@draft.command()
@click.argument("draft_id", type=int)
@click.option(
    "--eml",
    "eml_path",
    type=click.Path(path_type=Path),
    help="Write an .eml file (a folder gets draft-ID.eml) to open in your mail program.",
)
@click.option("--mailto", is_flag=True, help="Print a mailto: link.")
@click.option("--force", is_flag=True, help="Export even though the lint found errors.")
@pass_state
def export(
    state: CliState, draft_id: int, eml_path: Path | None, mailto: bool, force: bool
) -> None:
    """Take a draft out: an .eml file, or a mailto: link. It stays a draft until you mark it
    sent (afterview draft sent ID). The lint stops it as it stops a send."""
    from afterview.services import sending

    if (eml_path is None) == (not mailto):
        raise click.UsageError("Choose one of --eml PATH or --mailto.")
    if mailto:
        link, warnings = sending.mailto(state.workspace(), draft_id, force=force)
        _warn(warnings)
        click.echo(link)
        return
    assert eml_path is not None
    written, warnings = sending.export_eml(state.workspace(), draft_id, eml_path, force=force)
    _warn(warnings)
    click.echo(f"Wrote {written}.")


def _warn(findings: list[Any]) -> None:
    for finding in findings:
        click.echo(f"warning: {finding.message}", err=True)


def lint_summary(view: DraftView) -> str:
    from afterview.domain.lint import Severity

    if view.draft.state != "draft":
        return "–"
    errors = sum(f.severity == Severity.ERROR for f in view.findings)
    warnings = len(view.findings) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return ", ".join(parts) or "clean"


def _print_view(view: DraftView) -> None:
    d = view.draft
    click.echo(
        f"Draft {d.id} · {d.kind.label} · {d.tone}{' · short' if d.short else ''} · {d.state}"
    )
    click.echo(f"To:      {d.recipient}")
    click.echo(f"Subject: {d.subject}")
    click.echo()
    click.echo(d.body.rstrip("\n"))
    if view.matched or view.unmatched:
        click.echo()
        click.echo("Requirements answered: " + ("; ".join(view.matched) or "none"))
        click.echo("Not answered: " + ("; ".join(view.unmatched) or "none"))
    if d.state == "draft":
        click.echo()
        _print_findings(view)


def _print_findings(view: DraftView) -> None:
    click.echo(f"Lint: {lint_summary(view)}")
    for finding in view.findings:
        click.echo(f"  {finding.severity:<8} {finding.message}")


def _finding_json(finding: Any) -> dict[str, str]:
    return {"severity": str(finding.severity), "code": finding.code, "message": finding.message}


def _view_json(view: DraftView) -> dict[str, Any]:
    from afterview.cli.records import draft_json

    data = draft_json(view.draft)
    data["lint"] = [_finding_json(f) for f in view.findings]
    if view.draft.kind == "cover_letter":
        data["requirements"] = {"matched": list(view.matched), "unmatched": list(view.unmatched)}
    return data

"""`afterview draft ...` as a user types it: reading, linting, editing, and delivering drafts,
with a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import stat
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.cli.conftest import Run
from tests.smtpserver import Recorder, StartServer, free_port

THANK_DANA = """\
Draft 1 · Thank-you note · warm · draft
To:      Dana Reyes <dana@acme.example>
Subject: Thank you for the Data Engineer interview

Hi Dana,

Thank you for taking the time to talk with me on Tuesday 1 December about the Data Engineer \
role at Acme Corp.

I especially enjoyed our conversation about the move from nightly batches to streaming.

Please pass my thanks on to Marcus Lee as well.

I'm still very keen on the role and look forward to hearing about the next steps.

Best,
Sam Rivera

Lint: clean
"""


@pytest.fixture
def ready(search: Run) -> Run:
    """The small search, with Dana's address and a topic from the interview."""
    search("contact", "edit", "dana", "--email", "dana@acme.example")
    search("interview", "edit", "1", "--notes", "topic: the move from nightly batches to streaming")
    return search


def use_smtp(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("AFTERVIEW_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AFTERVIEW_SMTP_PORT", str(port))
    monkeypatch.setenv("AFTERVIEW_SMTP_SECURITY", "none")


def parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_the_planned_drafts_are_listed_with_their_lint(search: Run):
    assert search("draft", "list").stdout == (
        "ID   Kind             To           Subject                                     State   "
        "Lint\n" + "─" * 97 + "\n"
        " 3   Follow-up        Dana Reyes   The Data Engineer role at Acme Corp         draft   "
        "1 warning\n"
        " 2   Thank-you note   Marcus Lee   Thank you for the Data Engineer interview   draft   "
        "2 warnings\n"
        " 1   Thank-you note   Dana Reyes   Thank you for the Data Engineer interview   draft   "
        "2 warnings\n"
    )


def test_show_gives_the_whole_draft_and_says_what_is_missing(search: Run):
    shown = search("draft", "show", "1").stdout
    assert shown.endswith(
        "Lint: 2 warnings\n"
        "  warning  No e-mail address for Dana Reyes: add one to send it from here (afterview "
        "contact edit 1 --email ADDRESS).\n"
        "  warning  No topic from the interview, so the note cannot mention one: add a line "
        "'topic: ...' to the interview's notes.\n"
    )
    assert "I enjoyed the conversation" in shown  # honest without a topic


def test_the_records_make_the_draft_specific(ready: Run):
    assert ready("draft", "show", "1").stdout == THANK_DANA


def test_show_json_shape(ready: Run):
    data = json.loads(ready("draft", "show", "1", "--json").stdout)
    assert list(data) == [
        "id",
        "uid",
        "kind",
        "tone",
        "short",
        "application_id",
        "interview_id",
        "action_id",
        "to",
        "subject",
        "body",
        "state",
        "edited",
        "channel",
        "sent_at",
        "created_at",
        "updated_at",
        "lint",
        "history",
    ]
    assert data["to"] == {"contact_id": 1, "name": "Dana Reyes", "email": "dana@acme.example"}
    assert (data["kind"], data["state"], data["lint"]) == ("thank_you", "draft", [])


def test_the_lint_catches_a_careless_edit_and_blocks_sending(
    ready: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    body = tmp_path / "body.txt"
    body.write_text("Hi Jon,\n\n[Company] was great. TODO: say something about the role.\n")
    ready("draft", "edit", "1", "--body-file", str(body))
    linted = ready("draft", "lint", "1", expect=5)
    assert linted.stdout == (
        "Lint: 5 errors\n"
        "  error    Line 3 has a bracketed placeholder: '[Company]'.\n"
        "  error    Line 3 has a to-do marker: 'TODO'.\n"
        "  error    The greeting says 'Jon' but the recipient is Dana Reyes.\n"
        "  error    The company (Acme Corp) is not mentioned.\n"
        "  error    11 words: a thank-you note needs 25 or more.\n"
    )
    codes = [f["code"] for f in json.loads(ready("draft", "lint", "1", "--json", expect=5).stdout)]
    assert codes == ["placeholder", "placeholder", "wrong_name", "no_company", "too_short"]
    use_smtp(monkeypatch, free_port())
    refused = ready("draft", "send", "1", "--yes", expect=5)
    assert refused.stderr.startswith("Error: Draft 1 has 5 problems: Line 3 has a bracketed")
    assert refused.stderr.endswith("Fix it (afterview draft edit 1) or use --force.\n")
    exported = ready("draft", "export", "1", "--mailto", expect=5)
    assert exported.stderr.startswith("Error: Draft 1 has 5 problems")
    forced = ready("draft", "export", "1", "--mailto", "--force")
    assert forced.stdout.startswith("mailto:dana@acme.example?subject=")


def test_edit_in_the_editor(ready: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nsed -i "s/^Subject: .*/Subject: Thanks for Tuesday/" "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setenv("VISUAL", str(editor))
    shown = ready("draft", "edit", "1").stdout
    assert shown.splitlines()[2] == "Subject: Thanks for Tuesday"
    history = ready("app", "show", "acme", "--json").stdout
    assert "Thanks for Tuesday" not in history  # a draft's history is its own
    data = json.loads(ready("draft", "show", "1", "--json").stdout)
    assert (data["subject"], data["edited"]) == ("Thanks for Tuesday", True)
    assert ready("draft", "show", "1").stdout.endswith(
        "History\n"
        "When               What\n" + "─" * 54 + "\n"
        "2026-11-26 10:00   Edited subject → Thanks for Tuesday\n"
    )
    ready("draft", "sent", "1")
    refused = ready("draft", "edit", "1", expect=5)  # refused before the editor opens
    assert refused.stderr == "Error: Draft 1 is sent; it cannot change.\n"


def test_send_by_smtp_after_confirmation(
    ready: Run, smtpd: StartServer, monkeypatch: pytest.MonkeyPatch
):
    server = Recorder()
    use_smtp(monkeypatch, smtpd(server))
    declined = ready("draft", "send", "1", input="n\n")
    assert declined.stdout.endswith("Send it now? [y/N]: n\nNot sent.\n")
    assert server.received == []
    sent = ready("draft", "send", "1", input="y\n")
    assert sent.stdout.startswith(
        "To:      Dana Reyes <dana@acme.example>\n"
        "Subject: Thank you for the Data Engineer interview\n"
        "Via:     127.0.0.1:"
    )
    assert sent.stdout.endswith(
        "Send it now? [y/N]: y\nSent draft 1 to Dana Reyes <dana@acme.example>.\n"
    )
    [received] = server.received
    assert (received.mail_from, received.rcpt_tos) == ("sam@example.org", ["dana@acme.example"])
    message = parse(received.content)
    assert message["From"] == "Sam Rivera <sam@example.org>"
    assert message["To"] == "Dana Reyes <dana@acme.example>"
    assert message["Subject"] == "Thank you for the Data Engineer interview"
    assert message["Message-ID"].endswith("@example.org>")
    body = message.get_content().replace("\r\n", "\n")
    assert body == THANK_DANA.split("Subject: Thank you for the Data Engineer interview\n\n")[
        1
    ].removesuffix("\nLint: clean\n")
    # Sent: the draft is done with, its action closed, and the agenda moves on.
    assert ready("draft", "show", "1").stdout.splitlines()[0] == (
        "Draft 1 · Thank-you note · warm · sent"
    )
    plan = ready("plan", "1").stdout
    assert " 2   2026-12-02 15:00   done" in plan
    again = ready("draft", "send", "1", "--yes", expect=5)
    assert again.stderr == "Error: Draft 1 is already sent.\n"


def test_a_failed_send_says_what_failed_and_leaves_the_draft(
    ready: Run, monkeypatch: pytest.MonkeyPatch
):
    port = free_port()
    use_smtp(monkeypatch, port)
    failed = ready("draft", "send", "1", "--yes", expect=8)
    assert failed.stderr.startswith(f"Error: Could not connect to 127.0.0.1:{port}")
    assert failed.stderr.endswith("Nothing was sent.\n")
    assert ready("draft", "show", "1").stdout == THANK_DANA


def test_send_without_a_server_points_to_the_alternatives(ready: Run):
    refused = ready("draft", "send", "1", "--yes", expect=5)
    assert refused.stderr == (
        "Error: No SMTP server is configured: set smtp_host (and smtp_user) in config.toml. Or "
        "export the draft (`afterview draft export ID --eml FILE`) and send it yourself.\n"
    )


def test_export_as_eml_and_mailto(ready: Run, tmp_path: Path):
    written = ready("draft", "export", "1", "--eml", str(tmp_path))
    path = tmp_path / "draft-1.eml"
    assert written.stdout == f"Wrote {path}.\n"
    unwritable = ready("draft", "export", "1", "--eml", str(tmp_path / "no" / "x.eml"), expect=5)
    assert unwritable.stderr == (
        f"Error: Cannot write {tmp_path / 'no' / 'x.eml'}: No such file or directory.\n"
    )
    raw = path.read_bytes()
    assert b"\r\n" in raw
    message = parse(raw)
    assert (message["To"], message["From"]) == (
        "Dana Reyes <dana@acme.example>",
        "Sam Rivera <sam@example.org>",
    )
    assert message["Date"] == "Thu, 26 Nov 2026 10:00:00 +0100"
    assert message["Message-ID"]
    link = ready("draft", "export", "1", "--mailto").stdout.strip()
    parts = urlsplit(link)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "dana@acme.example")
    assert "subject=Thank%20you%20for%20the%20Data%20Engineer%20interview" in parts.query
    # Exported is not sent: the draft stays a draft until you say so.
    assert ready("draft", "sent", "1", "--via", "Thunderbird").stdout == (
        "Draft 1 marked sent (Thunderbird).\n"
    )
    usage = ready("draft", "export", "1", expect=2)
    assert "Choose one of --eml PATH or --mailto." in usage.stderr


def test_a_draft_without_an_address_cannot_leave(search: Run):
    refused = search("draft", "export", "2", "--mailto", expect=5)
    assert refused.stderr == (
        "Error: Draft 2 has no e-mail address to go to: add one to Marcus Lee, or choose "
        "another recipient. To choose one: `afterview draft edit 2 --to CONTACT`.\n"
    )


def test_a_follow_up_draft_keeps_the_too_early_guard(ready: Run):
    early = ready("draft", "sent", "3", expect=5)
    assert early.stderr.startswith("Error: Too early to follow up on Acme Corp — Data Engineer")
    assert ready("draft", "sent", "3", "--anyway").stdout == "Draft 3 marked sent (by hand).\n"
    timeline = json.loads(ready("app", "show", "acme", "--json").stdout)["timeline"]
    assert timeline[-1]["description"] == "Followed up (early)"
    assert "Second follow-up" in ready("draft", "list").stdout


def test_draft_on_request_in_another_tone(search: Run):
    formal = search("draft", "thank-you", "1", "--to", "marcus", "--tone", "formal", "--short")
    assert formal.stdout.splitlines()[:5] == [
        "Draft 2 · Thank-you note · formal · short · draft",
        "To:      Marcus Lee",
        "Subject: Thank you — Data Engineer interview",
        "",
        "Dear Marcus Lee,",
    ]
    assert search("draft", "thank_you", "1", "--json").stdout.count('"kind": "thank_you"') == 2
    missing = search("draft", "networking-note", "acme", expect=5)
    assert missing.stderr == "Error: Say whom the networking note is for: --to CONTACT.\n"
    assert "No such command 'nonsense'" in search("draft", "nonsense", "1", expect=2).stderr


def test_a_cover_letter_from_a_posting_and_your_accomplishments(search: Run, tmp_path: Path):
    search(
        "init",
        "--accomplishment",
        "Built a Kafka streaming pipeline that cut data latency from hours to seconds",
        "--accomplishment",
        "Mentored four junior engineers, two of whom were promoted",
        "--skill",
        "Python",
        input="\n\n\n\n",  # the rest of the profile stays as it is
    )
    posting = tmp_path / "posting.txt"
    posting.write_text(
        "Requirements:\n- 5+ years of Python\n- Experience with Kafka streaming\n"
        "- Mentoring junior engineers\n- Haskell compiler internals\n"
    )
    search("app", "edit", "globex", "--posting-file", str(posting))
    letter = search("draft", "cover-letter", "globex").stdout
    assert "Hello Globex team," in letter
    assert "built a Kafka streaming pipeline" in letter
    assert letter.endswith(
        "Requirements answered: 5+ years of Python; Experience with Kafka streaming; "
        "Mentoring junior engineers\n"
        "Not answered: Haskell compiler internals\n\n"
        "Lint: clean\n"
    )
    assert search("app", "show", "globex").stdout.count("Posting") == 1


def test_discarded_drafts_leave_the_list(search: Run):
    assert search("draft", "discard", "2").stdout == "Draft 2 discarded.\n"
    assert " 2   " not in search("draft", "list").stdout
    assert "discarded" in search("draft", "list", "--state", "all").stdout

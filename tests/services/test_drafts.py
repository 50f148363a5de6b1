"""Drafts through the services, on SQLite and PostgreSQL: planned actions get their drafts,
the records keep untouched drafts current, edits are kept and recorded, sending closes the
action."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from afterview.domain.actions import ActionKind, ActionState
from afterview.domain.drafts import DraftKind, DraftState, Tone
from afterview.domain.errors import Conflict, InvalidInput, SendFailed
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.stages import Stage
from afterview.services.actions import TooEarly, finish_action
from afterview.services.applications import change_stage, edit_application
from afterview.services.drafts import (
    discard_draft,
    edit_draft,
    list_drafts,
    rewrite_draft,
    show_draft,
    write_drafts,
)
from afterview.services.interviews import edit_interview
from afterview.services.sending import prepare_message, record_sent, send_draft
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from afterview.store import drafts as draft_store
from afterview.store.events import list_events
from tests.builders import make_application, make_contact, make_interview, make_profile

POSTING = """Senior Data Engineer at Acme Corp

About us:
- We make anvils
- Founded in 1949

Requirements:
- 5+ years of Python in production
- Experience with Kafka and streaming pipelines
- Mentoring junior engineers
- Experience with Haskell compilers
"""


def setup_interview(ws: Workspace, notes: str = "topic: their move from batch to streaming"):
    make_profile(
        ws,
        skills=["Python", "SQL"],
        accomplishments=[
            "Built a Kafka streaming pipeline that cut data latency from hours to seconds",
            "Mentored four junior engineers, two of whom were promoted",
            "Led the migration of 300 dbt models to incremental builds",
        ],
    )
    make_contact(ws, name="Dana Reyes", emails=["dana@acme.example"], title="Engineering Manager")
    make_contact(ws, name="Zoë Ångström", emails=["zoe@acme.example"], title="Staff Engineer")
    application = make_application(ws, posting=POSTING)
    interview = make_interview(
        ws,
        application=application.id,
        starts="2026-11-25 14:00 Europe/Berlin",
        interviewers=["Dana Reyes", "Zoë Ångström"],
        notes=notes,
    )
    return application, interview


def drafts_of(ws: Workspace, kind: DraftKind | None = None):
    with ws.ready().read() as session:
        found = draft_store.list_drafts(session)
    return sorted((d for d in found if kind is None or d.kind == kind), key=lambda d: d.id)


def action_of(ws: Workspace, action_id: int):
    with ws.ready().read() as session:
        return action_store.get_action(session, action_id)


def test_writing_actions_get_their_drafts_ready(ws):
    _, interview = setup_interview(ws)
    thanks = drafts_of(ws, DraftKind.THANK_YOU)
    assert [(d.recipient_name, d.recipient_email) for d in thanks] == [
        ("Dana Reyes", "dana@acme.example"),
        ("Zoë Ångström", "zoe@acme.example"),
    ]
    assert all(d.interview_id == interview.id and d.action_id for d in thanks)
    assert "Hi Dana," in thanks[0].body
    assert "move from batch to streaming" in thanks[0].body
    assert "Data Engineer" in thanks[0].body
    assert "Acme Corp" in thanks[0].body
    assert thanks[0].body.rstrip().endswith("Sam Rivera")
    # The follow-up goes to the first interviewer until a recruiter is known.
    [follow_up] = drafts_of(ws, DraftKind.FOLLOW_UP)
    assert follow_up.recipient_name == "Dana Reyes"
    view = show_draft(ws, thanks[1].id)
    assert [f.code for f in view.findings] == []


def test_a_thank_you_without_topics_is_honest_and_the_lint_says_what_is_missing(ws):
    setup_interview(ws, notes="Went well, I think.")
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    assert "topic" not in draft.body.lower()
    view = show_draft(ws, draft.id)
    assert [(f.severity, f.code) for f in view.findings] == [("warning", "missing_detail")]
    assert "topic: ..." in view.findings[0].message


def test_untouched_drafts_follow_their_records_and_edited_ones_do_not(ws):
    _, interview = setup_interview(ws, notes="")
    dana, zoe = drafts_of(ws, DraftKind.THANK_YOU)
    edit_draft(
        ws,
        zoe.id,
        body="Hi Zoë,\n\nMy own words about the Data Engineer role at Acme "
        "Corp, which I wrote myself and want to keep exactly as they are.\n\nSam Rivera",
    )
    edit_interview(ws, interview.id, notes="topic: the on-call rotation")
    dana_now, zoe_now = drafts_of(ws, DraftKind.THANK_YOU)
    assert "on-call rotation" in dana_now.body
    assert dana_now.id == dana.id
    assert not dana_now.edited
    assert zoe_now.edited
    assert "My own words" in zoe_now.body
    assert "on-call" not in zoe_now.body


def test_an_edit_is_kept_in_the_drafts_history(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    edited = edit_draft(ws, draft.id, text="Subject: Thanks, Dana\n\nHi Dana,\n\nShort.\n")
    assert (edited.draft.subject, edited.draft.body) == ("Thanks, Dana", "Hi Dana,\n\nShort.\n")
    assert edited.draft.edited
    with ws.ready().read() as session:
        events = list_events(session, [(SubjectKind.DRAFT, draft.id)])
    assert [e.kind for e in events] == [EventKind.UPDATED]
    assert events[0].data["changes"]["subject"] == [draft.subject, "Thanks, Dana"]
    assert events[0].data["changes"]["body"][0] == draft.body
    # The lint now finds the note too short and missing its role and company.
    codes = [f.code for f in edited.findings]
    assert codes[:3] == ["no_role", "no_company", "too_short"]


def test_editing_to_nothing_or_a_bad_text_is_refused_and_changes_nothing(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    with pytest.raises(InvalidInput, match=r"must start with 'Subject: \.\.\.'"):
        edit_draft(ws, draft.id, text="Hi Dana,\n\nno subject line")
    with pytest.raises(InvalidInput, match="The body must not be empty"):
        edit_draft(ws, draft.id, body="   ")
    assert drafts_of(ws, DraftKind.THANK_YOU)[0] == draft


def test_another_tone_rewrites_an_untouched_draft_but_never_an_edited_one(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    formal = rewrite_draft(ws, draft.id, tone=Tone.FORMAL)
    assert formal.draft.tone == Tone.FORMAL
    assert formal.draft.body.startswith("Dear Dana Reyes,")
    short = rewrite_draft(ws, draft.id, short=True)
    assert short.draft.short
    assert len(short.draft.body.split()) < len(formal.draft.body.split())
    edit_draft(ws, draft.id, subject="My subject")
    with pytest.raises(Conflict, match="holds your edits"):
        rewrite_draft(ws, draft.id, tone=Tone.WARM)


def test_drafting_on_request_reuses_the_planned_drafts(ws):
    _, interview = setup_interview(ws)
    before = drafts_of(ws, DraftKind.THANK_YOU)
    views = write_drafts(ws, DraftKind.THANK_YOU, str(interview.id), tone=Tone.FORMAL)
    assert [v.draft.id for v in views] == [d.id for d in before]
    assert all(v.draft.tone == Tone.FORMAL for v in views)
    edit_draft(ws, before[0].id, subject="Mine")
    with pytest.raises(Conflict, match=f"Draft {before[0].id} already holds your edits"):
        write_drafts(ws, DraftKind.THANK_YOU, str(interview.id), to="Dana")


def test_a_reference_heads_up_needs_a_reference_and_uses_what_the_records_say(ws):
    application, _ = setup_interview(ws)
    with pytest.raises(InvalidInput, match="--to CONTACT"):
        write_drafts(ws, DraftKind.REFERENCE_HEADS_UP, str(application.id))
    make_contact(
        ws,
        name="Jordan Blake",
        emails=["jordan@contoso.example"],
        company="Contoso",
        notes="relationship: my manager at Contoso, 2019–2023",
    )
    [view] = write_drafts(ws, DraftKind.REFERENCE_HEADS_UP, str(application.id), to="Jordan")
    body = view.draft.body
    assert "my manager at Contoso, 2019–2023" in body
    assert "5+ years of Python in production" in body
    assert view.findings == []
    # Asked again, the untouched draft is written again, not a second one.
    [again] = write_drafts(
        ws, DraftKind.REFERENCE_HEADS_UP, str(application.id), to="Jordan", tone=Tone.FORMAL
    )
    assert again.draft.id == view.draft.id
    assert again.draft.body.startswith("Dear Jordan Blake,")


def test_a_cover_letter_is_built_around_the_matching_accomplishments(ws):
    application, _ = setup_interview(ws)
    [view] = write_drafts(ws, DraftKind.COVER_LETTER, str(application.id))
    body = view.draft.body
    assert "kafka streaming pipeline" in body.lower()
    assert "mentored four junior engineers" in body.lower()
    assert "dbt models" not in body  # the posting does not ask for it
    assert "Experience with Haskell compilers" in view.unmatched
    assert "Mentoring junior engineers" in view.matched
    assert view.draft.recipient_name == ""  # "the hiring team" is fine for a letter
    assert [f.severity for f in view.findings if f.severity == "error"] == []


def test_a_cover_letter_without_a_posting_says_so(ws):
    make_profile(ws)
    application = make_application(ws)
    [view] = write_drafts(ws, DraftKind.COVER_LETTER, str(application.id))
    assert [f.code for f in view.findings] == ["missing_detail"]
    assert "No requirements to answer" in view.findings[0].message
    [again] = write_drafts(ws, DraftKind.COVER_LETTER, str(application.id), posting=POSTING)
    assert again.draft.id == view.draft.id  # the same letter, written again
    assert "Kafka" in again.draft.body
    # Stored with the application, the posting serves every later letter.
    edit_application(ws, application.id, posting=POSTING)
    [stored] = write_drafts(ws, DraftKind.COVER_LETTER, str(application.id))
    assert len(stored.unmatched) == 4  # this profile has no accomplishments to offer
    assert [f.message for f in stored.findings] == [
        "None of your accomplishments answers the posting: add some with "
        "`afterview init --accomplishment '...'`."
    ]


def test_a_rejection_plans_a_reply_draft_but_not_for_a_form_letter(ws):
    application, _ = setup_interview(ws)
    change_stage(ws, application.id, Stage.REJECTED)
    [reply] = drafts_of(ws, DraftKind.REJECTION_REPLY)
    assert reply.recipient_name == "Dana Reyes"
    assert "Acme Corp" in reply.body
    other = make_application(ws, company="Globex", role="Analyst")
    change_stage(ws, other.id, Stage.REJECTED, automated=True)
    assert [d.application_id for d in drafts_of(ws, DraftKind.REJECTION_REPLY)] == [application.id]


def test_closing_an_action_by_hand_removes_its_untouched_draft(ws):
    setup_interview(ws)
    dana, zoe = drafts_of(ws, DraftKind.THANK_YOU)
    edit_draft(ws, zoe.id, subject="Mine")
    finish_action(ws, dana.action_id, ActionState.DONE)
    finish_action(ws, zoe.action_id, ActionState.SKIPPED)
    assert [d.id for d in drafts_of(ws, DraftKind.THANK_YOU)] == [zoe.id]


def test_marking_sent_closes_the_action_and_records_it(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    sent = record_sent(ws, draft.id, "LinkedIn")
    assert (sent.state, sent.channel, sent.sent_at) == (DraftState.SENT, "LinkedIn", ws.now())
    assert action_of(ws, draft.action_id).state == ActionState.DONE
    with ws.ready().read() as session:
        events = list_events(session, [(SubjectKind.DRAFT, draft.id)])
    assert [(e.kind, e.data["channel"]) for e in events] == [(EventKind.SENT, "LinkedIn")]
    with pytest.raises(InvalidInput, match="is already sent"):
        record_sent(ws, draft.id, "again")
    with pytest.raises(InvalidInput, match="cannot change"):
        edit_draft(ws, draft.id, subject="Too late")
    assert [v.draft.id for v in list_drafts(ws)] == [
        d.id for d in drafts_of(ws) if d.state == DraftState.DRAFT
    ][::-1]


def test_a_follow_up_draft_goes_through_the_follow_up_guard(ws):
    setup_interview(ws)
    [draft] = drafts_of(ws, DraftKind.FOLLOW_UP)
    with pytest.raises(TooEarly, match="Too early to follow up on Acme Corp"):
        record_sent(ws, draft.id, "by hand")
    with pytest.raises(TooEarly):
        prepare_message(ws, draft.id)
    assert drafts_of(ws, DraftKind.FOLLOW_UP)[0].state == DraftState.DRAFT
    record_sent(ws, draft.id, "by hand", anyway=True)
    assert action_of(ws, draft.action_id).state == ActionState.DONE
    # The second follow-up is planned next, with its own (shorter) draft.
    [second] = drafts_of(ws, DraftKind.SECOND_FOLLOW_UP)
    assert len(second.body.split()) < len(draft.body.split())
    with ws.ready().read() as session:
        kinds = [a.kind for a in action_store.list_actions(session) if a.state.is_pending]
    assert ActionKind.SECOND_FOLLOW_UP in kinds


def test_sending_refuses_a_draft_with_errors_unless_forced(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    edit_draft(ws, draft.id, body="Hi Jon,\n\n[Company] was great. TODO.\n")
    with pytest.raises(InvalidInput, match=rf"Draft {draft.id} has \d+ problems: .*--force"):
        prepare_message(ws, draft.id)
    outgoing = prepare_message(ws, draft.id, force=True)
    assert outgoing.message["To"] == "Dana Reyes <dana@acme.example>"


def test_a_failed_send_leaves_the_draft_unsent(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[1]
    outgoing = prepare_message(ws, draft.id)

    def refuse(message: EmailMessage) -> None:
        raise SendFailed("The server refused the recipient. Nothing was sent.")

    with pytest.raises(SendFailed):
        send_draft(ws, outgoing, refuse)
    assert drafts_of(ws, DraftKind.THANK_YOU)[1].state == DraftState.DRAFT
    assert action_of(ws, draft.action_id).state == ActionState.OPEN

    delivered: list[EmailMessage] = []
    sent = send_draft(ws, outgoing, delivered.append)
    assert sent.state == DraftState.SENT
    assert sent.channel == "smtp"
    assert delivered[0]["Subject"] == draft.subject


def test_a_draft_needs_an_address_and_a_profile_to_become_a_message(ws):
    setup_interview(ws)
    make_contact(ws, name="Noel Park", company="Acme Corp")
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    edit_draft(ws, draft.id, to="Noel")
    with pytest.raises(InvalidInput, match="no e-mail address to go to"):
        prepare_message(ws, draft.id, force=True)


def test_discarded_drafts_are_kept_but_not_listed(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[0]
    discard_draft(ws, draft.id)
    assert draft.id not in [v.draft.id for v in list_drafts(ws)]
    listed = list_drafts(ws, states=[DraftState.DISCARDED])
    assert [v.draft.id for v in listed] == [draft.id]


def test_a_contacts_new_address_reaches_their_drafts_edited_or_not(ws):
    from afterview.services.contacts import edit_contact

    setup_interview(ws)
    _, zoe = drafts_of(ws, DraftKind.THANK_YOU)
    edit_draft(ws, zoe.id, subject="Mine")
    edit_contact(ws, "Zoë", emails=["zoe.angstrom@acme.example"])
    edit_contact(ws, "Dana", name="Dana Reyes-Ortiz", emails=["dana@acme.example"])
    dana_now, zoe_now = drafts_of(ws, DraftKind.THANK_YOU)
    assert (zoe_now.recipient_email, zoe_now.subject) == ("zoe.angstrom@acme.example", "Mine")
    assert dana_now.recipient_name == "Dana Reyes-Ortiz"
    assert dana_now.body.startswith("Hi Dana,")  # written again from the record


def test_editing_an_application_rewrites_its_untouched_drafts(ws):
    application, _ = setup_interview(ws)
    edit_application(ws, application.id, role="Senior Data Engineer")
    for draft in drafts_of(ws):
        assert "Senior Data Engineer" in draft.body


def test_follow_ups_go_to_the_recruiter_when_one_is_known(ws):
    application, _ = setup_interview(ws)
    make_contact(
        ws, name="Quinn Hale", title="Senior Technical Recruiter", emails=["q@acme.example"]
    )
    make_contact(ws, name="Hrishi Rao", title="Shrubbery Manager")  # 'hr' inside a word
    make_contact(ws, name="Rita Moss", title="Recruiter", company="Globex")  # elsewhere
    [view] = write_drafts(ws, DraftKind.FOLLOW_UP, str(application.id))
    assert view.draft.recipient_name == "Quinn Hale"


def test_a_discarded_draft_is_not_written_again_by_the_plan(ws):
    application, _ = setup_interview(ws)
    dana = drafts_of(ws, DraftKind.THANK_YOU)[0]
    discard_draft(ws, dana.id)
    edit_application(ws, application.id, notes="stress: streaming")  # replans
    assert [d.id for d in drafts_of(ws, DraftKind.THANK_YOU) if d.state == "draft"] != [dana.id]
    assert len(drafts_of(ws, DraftKind.THANK_YOU)) == 2
    # Asked for explicitly, it is written anew.
    [fresh] = write_drafts(ws, DraftKind.THANK_YOU, str(dana.interview_id), to="Dana")
    assert fresh.draft.id not in (dana.id,)
    assert fresh.draft.action_id == dana.action_id


def test_export_and_import_after_drafts_come_and_go(ws, tmp_path):
    from afterview.config import load_settings
    from afterview.services.transfer import export_text, export_to_file, import_file

    _, interview = setup_interview(ws)
    dana = drafts_of(ws, DraftKind.THANK_YOU)[0]
    discard_draft(ws, dana.id)
    write_drafts(ws, DraftKind.THANK_YOU, str(interview.id), to="Dana")
    finish_action(ws, dana.action_id, ActionState.DONE)  # the untouched draft goes
    path = tmp_path / "all.json"
    export_to_file(ws, path)
    twin = Workspace.open(
        load_settings(database_url=f"sqlite:///{tmp_path / 'twin.db'}", now=ws.now())
    )
    import_file(twin, path)
    assert export_text(twin) == path.read_text()
    twin.db.dispose()


def test_a_panel_redraft_keeps_the_notes_you_edited(ws):
    _, interview = setup_interview(ws)
    dana, zoe = drafts_of(ws, DraftKind.THANK_YOU)
    edit_draft(ws, zoe.id, subject="Mine")
    views = write_drafts(ws, DraftKind.THANK_YOU, str(interview.id), tone=Tone.FORMAL)
    assert [(v.draft.id, v.draft.tone, v.draft.subject) for v in views] == [
        (dana.id, Tone.FORMAL, views[0].draft.subject),
        (zoe.id, Tone.WARM, "Mine"),
    ]


def test_a_draft_is_sent_once_even_when_two_sends_race(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[1]
    first, second = prepare_message(ws, draft.id), prepare_message(ws, draft.id)
    delivered: list[EmailMessage] = []
    send_draft(ws, first, delivered.append)
    with pytest.raises(InvalidInput, match="is already sent"):
        send_draft(ws, second, delivered.append)
    assert len(delivered) == 1


def test_a_draft_changed_after_it_was_prepared_is_not_sent(ws):
    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[1]
    outgoing = prepare_message(ws, draft.id)
    edit_draft(ws, draft.id, subject="A better subject for the Data Engineer role")
    delivered: list[EmailMessage] = []
    with pytest.raises(Conflict, match="changed while it was being sent; nothing was sent"):
        send_draft(ws, outgoing, delivered.append)
    assert delivered == []
    assert drafts_of(ws, DraftKind.THANK_YOU)[1].state == DraftState.DRAFT


def test_a_send_the_server_took_but_that_could_not_be_recorded_says_so(ws):
    from sqlalchemy import delete

    from afterview.domain.errors import SentNotRecorded
    from afterview.store.rows import DraftRow

    setup_interview(ws)
    draft = drafts_of(ws, DraftKind.THANK_YOU)[1]
    outgoing = prepare_message(ws, draft.id)

    def deliver_then_lose_the_draft(message: EmailMessage) -> None:
        with ws.ready().write() as session:
            session.execute(delete(DraftRow).where(DraftRow.id == draft.id))

    with pytest.raises(SentNotRecorded, match=f"Draft {draft.id} was sent, but recording"):
        send_draft(ws, outgoing, deliver_then_lose_the_draft)

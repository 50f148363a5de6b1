"""Networking (practice 5) on SQLite and PostgreSQL: asking with a networking note, replies,
and every exchange on the person's timeline."""

from __future__ import annotations

from datetime import timedelta

from afterview.domain.drafts import DraftKind
from afterview.domain.events import EventKind, describe_event
from afterview.services.contacts import show_contact
from afterview.services.drafts import write_drafts
from afterview.services.exchanges import exchanges, record_reply
from afterview.services.sending import record_sent
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_contact, make_profile


def test_asking_and_a_reply_show_in_the_list_and_on_the_timeline(ws: Workspace):
    make_profile(ws)
    application = make_application(ws, company="Globex", role="Analytics Engineer")
    tomas = make_contact(ws, name="Tomás Álvarez", company="Globex", emails=["t@globex.example"])
    other = make_contact(ws, name="Ana Lima", company="Globex")
    [note] = write_drafts(ws, DraftKind.NETWORKING_NOTE, str(application.id), to=str(tomas.id))
    [waiting] = exchanges(ws, application.id)
    assert (waiting.contact.id, waiting.asked_at, waiting.replied_at) == (tomas.id, None, None)
    record_reply(ws, tomas.id, note="early")  # before the note went: not a reply to it
    assert exchanges(ws, application.id)[0].replied_at is None
    sent_at, replied_at = ws.now() + timedelta(hours=1), ws.now() + timedelta(days=1)
    record_sent(ws.at(sent_at), note.draft.id, "linkedin")
    assert exchanges(ws, application.id)[0].replied_at is None
    record_reply(
        ws.at(replied_at), tomas.id, application=application.id, note="happy to chat Friday"
    )
    record_reply(ws, other.id, application=application.id)  # never asked: not listed
    [asked] = exchanges(ws, application.id)
    assert (asked.asked_at, asked.replied_at) == (sent_at, replied_at)
    timeline = [describe_event(e) for e in show_contact(ws, tomas.id).timeline]
    assert timeline[-3:] == [
        "Replied: early",
        "Sent networking note: A question about the Analytics Engineer role at Globex (linkedin)",
        "Replied about Globex — Analytics Engineer: happy to chat Friday",
    ]
    kinds = [e.kind for e in show_contact(ws, tomas.id).timeline]
    assert kinds.count(EventKind.REPLIED) == 2

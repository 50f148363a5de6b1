from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from afterview.domain.errors import InvalidInput, NotFound
from afterview.domain.interviews import InterviewKind
from afterview.services.contacts import list_contacts
from afterview.services.interviews import (
    add_interview,
    edit_interview,
    list_interviews,
    show_interview,
)
from tests.builders import make_application, make_contact, make_interview, make_profile


def test_natural_time_in_the_profile_zone(ws):
    make_profile(ws, time_zone="America/New_York", country="US", subdivision="NY")
    application = make_application(ws)
    interview = add_interview(ws, application="acme", starts="tomorrow 14:00")
    assert interview.time_zone == "America/New_York"
    assert interview.starts_at == datetime(2026, 11, 27, 19, 0, tzinfo=UTC)
    assert interview.ends_at - interview.starts_at == timedelta(hours=1)
    assert interview.application_id == application.id


def test_explicit_zone_and_duration(ws):
    interview = make_interview(ws, starts="2026-12-03 10:30 Asia/Tokyo", duration="45m")
    assert interview.time_zone == "Asia/Tokyo"
    assert interview.starts_at == datetime(2026, 12, 3, 1, 30, tzinfo=UTC)
    assert interview.ends_at == datetime(2026, 12, 3, 2, 15, tzinfo=UTC)


def test_rounds_are_numbered_in_order(ws):
    application = make_application(ws)
    first = make_interview(ws, application=application.id)
    second = make_interview(ws, application=application.id, starts="2026-12-08 10:00")
    assert (first.round, second.round) == (1, 2)


def test_interviewers_are_found_or_added_as_contacts(ws):
    dana = make_contact(ws, name="Dana Reyes")
    interview = make_interview(ws, interviewers=["dana", "Marcus Lee"])
    assert interview.interviewer_names == ("Dana Reyes", "Marcus Lee")
    assert interview.interviewer_ids[0] == dana.id
    marcus = next(c for c in list_contacts(ws) if c.name == "Marcus Lee")
    assert marcus.company_name == "Acme Corp"


def test_unknown_interviewer_id_is_refused(ws):
    with pytest.raises(NotFound, match=re.escape("No contact 42.")):
        make_interview(ws, interviewers=["42"])


def test_unknown_zone_writes_nothing(ws):
    application = make_application(ws)
    with pytest.raises(InvalidInput, match="Unknown time zone 'Europe/Berln'"):
        add_interview(ws, application=application.id, starts="2026-12-01 10:00 Europe/Berln")
    assert list_interviews(ws) == []


def test_impossible_date_is_refused(ws):
    application = make_application(ws)
    with pytest.raises(InvalidInput, match="Impossible date '2026-02-30 10:00'"):
        add_interview(ws, application=application.id, starts="2026-02-30 10:00")


def test_moving_an_interview_keeps_its_length_and_records_it(ws):
    interview = make_interview(ws, duration="1h30m")
    moved = edit_interview(ws, interview.id, starts="2026-12-02 15:00")
    assert moved.starts_at == datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    assert moved.ends_at - moved.starts_at == timedelta(minutes=90)
    assert moved.time_zone == "Europe/Berlin"
    event = show_interview(ws, interview.id).timeline[-1]
    assert event.data["changes"]["starts_at"] == [
        "2026-12-01T09:00:00+00:00",
        "2026-12-02T14:00:00+00:00",
    ]


def test_panel_is_replaced_in_order(ws):
    interview = make_interview(ws, interviewers=["Dana Reyes", "Marcus Lee"])
    edited = edit_interview(ws, interview.id, interviewers=["Marcus Lee", "Jo Park"])
    assert edited.interviewer_names == ("Marcus Lee", "Jo Park")
    detail = show_interview(ws, interview.id)
    assert [c.name for c in detail.interviewers] == ["Marcus Lee", "Jo Park"]


def test_list_upcoming_only(ws):
    application = make_application(ws)
    make_interview(ws, application=application.id, starts="2026-11-20 10:00")
    later = make_interview(ws, application=application.id, starts="2026-12-01 10:00")
    assert [i.id for i in list_interviews(ws, upcoming=True)] == [later.id]
    assert len(list_interviews(ws, application="acme")) == 2


def test_kind_and_next_step_are_kept(ws):
    interview = make_interview(
        ws, kind=InterviewKind.PANEL, next_step_said="by Friday", notes="topic: streaming"
    )
    shown = show_interview(ws, "acme").interview
    assert (shown.kind, shown.next_step_said, shown.notes) == (
        InterviewKind.PANEL,
        "by Friday",
        "topic: streaming",
    )
    assert shown.id == interview.id


def test_interview_fragment_matches_interviewer_names(ws):
    interview = make_interview(ws, interviewers=["Dana Reyes"])
    assert show_interview(ws, "reyes").interview.id == interview.id

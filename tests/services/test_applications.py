from __future__ import annotations

import re
from datetime import date

import pytest

from afterview.domain.applications import Priority, Salary
from afterview.domain.errors import Ambiguous, InvalidInput, NotFound
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.stages import Stage
from afterview.services.applications import (
    add_application,
    change_stage,
    edit_application,
    list_applications,
    show_application,
)
from afterview.services.companies import list_companies
from tests.builders import make_application, make_interview, make_profile
from tests.conftest import NOW


def test_add_application_creates_company_and_event(ws):
    application = add_application(
        ws,
        company="Acme Corp",
        role="Data Engineer",
        salary=Salary(minimum=90000, maximum=110000, currency="EUR"),
        priority=Priority.HIGH,
        link="https://jobs.example/1",
    )
    assert application.id > 0
    assert application.label == "Acme Corp — Data Engineer"
    assert application.stage == Stage.APPLIED
    assert application.applied_on == date(2026, 11, 26)
    assert application.created_at == NOW
    assert [c.name for c in list_companies(ws)] == ["Acme Corp"]
    detail = show_application(ws, application.id)
    assert [(e.kind, dict(e.data)) for e in detail.timeline] == [
        (EventKind.CREATED, {"summary": "stage applied"})
    ]
    assert detail.application.salary == Salary(minimum=90000, maximum=110000, currency="EUR")


def test_saved_application_has_no_applied_date(ws):
    assert make_application(ws, stage=Stage.SAVED).applied_on is None


def test_applied_date_is_read_in_the_profile_zone(ws):
    make_profile(ws, time_zone="Pacific/Auckland", country="NZ", subdivision=None)
    # 10:00 in Berlin is already 22:00 the same day in Auckland; 'yesterday' is the 25th there.
    assert make_application(ws, applied_on="yesterday").applied_on == date(2026, 11, 25)


def test_company_is_reused_case_insensitively_and_by_alias(ws):
    from afterview.services.companies import add_company

    add_company(ws, name="Northwind Analytics", aliases=["Northwind"])
    first = make_application(ws, company="northwind analytics", role="A")
    second = make_application(ws, company="NORTHWIND", role="B")
    assert first.company_id == second.company_id
    assert first.company_name == "Northwind Analytics"
    assert len(list_companies(ws)) == 1


def test_empty_role_is_refused_and_nothing_is_written(ws):
    with pytest.raises(InvalidInput, match="role must not be empty"):
        add_application(ws, company="Acme Corp", role="  ")
    assert list_applications(ws) == []


def test_change_stage_records_the_move(ws):
    application = make_application(ws)
    moved = change_stage(ws, "acme", Stage.INTERVIEWING, note="Phone screen booked")
    assert moved.stage == Stage.INTERVIEWING
    events = show_application(ws, application.id).timeline
    assert events[-1].kind == EventKind.STAGE_CHANGED
    assert dict(events[-1].data) == {
        "from": "applied",
        "to": "interviewing",
        "note": "Phone screen booked",
    }


def test_impossible_stage_change_changes_nothing(ws):
    application = make_application(ws)
    with pytest.raises(InvalidInput, match="Only an offer can be accepted"):
        change_stage(ws, application.id, Stage.ACCEPTED)
    detail = show_application(ws, application.id)
    assert detail.application.stage == Stage.APPLIED
    assert len(detail.timeline) == 1


def test_edit_records_only_what_changed(ws):
    application = make_application(ws, link="https://a.example")
    edited = edit_application(
        ws, application.id, role="Senior Data Engineer", link="https://a.example"
    )
    assert edited.role == "Senior Data Engineer"
    last = show_application(ws, application.id).timeline[-1]
    assert last.kind == EventKind.UPDATED
    assert dict(last.data) == {"changes": {"role": ["Data Engineer", "Senior Data Engineer"]}}


def test_edit_without_change_adds_no_event(ws):
    application = make_application(ws)
    edit_application(ws, application.id, role="Data Engineer")
    assert len(show_application(ws, application.id).timeline) == 1


def test_edit_can_move_to_another_company_and_clear_texts(ws):
    application = make_application(ws, source="LinkedIn", applied_on="2026-11-20")
    edited = edit_application(ws, application.id, company="Globex", source="", applied_on="")
    assert (edited.company_name, edited.source, edited.applied_on) == ("Globex", "", None)


def test_list_filters_by_stage_activity_and_company(ws):
    a = make_application(ws, company="Acme Corp", role="A")
    b = make_application(ws, company="Globex", role="B")
    c = make_application(ws, company="Globex", role="C")
    change_stage(ws, c.id, Stage.REJECTED)
    assert {x.id for x in list_applications(ws)} == {a.id, b.id, c.id}
    assert {x.id for x in list_applications(ws, active=True)} == {a.id, b.id}
    assert [x.id for x in list_applications(ws, stages=[Stage.REJECTED])] == [c.id]
    assert {x.id for x in list_applications(ws, company="globex")} == {b.id, c.id}


def test_fragments_address_applications(ws):
    a = make_application(ws, company="Acme Corp", role="Data Engineer")
    make_application(ws, company="Globex", role="Data Engineer")
    assert show_application(ws, "acme").application.id == a.id
    assert show_application(ws, "ACME data").application.id == a.id
    with pytest.raises(Ambiguous) as raised:
        show_application(ws, "data")
    assert raised.value.message == (
        "'data' matches 2 applications: 1 Acme Corp — Data Engineer; "
        "2 Globex — Data Engineer. Use the id or a longer name."
    )
    with pytest.raises(NotFound, match=re.escape("No application matching 'initech'.")):
        show_application(ws, "initech")
    with pytest.raises(NotFound, match=re.escape("No application 99.")):
        show_application(ws, 99)


def test_fragment_with_like_wildcards_is_taken_literally(ws):
    make_application(ws, company="Acme Corp", role="Data Engineer")
    with pytest.raises(NotFound):
        show_application(ws, "a%e")


def test_show_includes_interviews_and_their_events(ws):
    interview = make_interview(ws)
    detail = show_application(ws, interview.application_id)
    assert [i.id for i in detail.interviews] == [interview.id]
    assert [(e.subject_kind, e.kind) for e in detail.timeline] == [
        (SubjectKind.APPLICATION, EventKind.CREATED),
        (SubjectKind.INTERVIEW, EventKind.CREATED),
    ]

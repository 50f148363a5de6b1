from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from afterview.domain.actions import Action, ActionKind, ActionState
from afterview.domain.errors import InvalidInput
from afterview.domain.events import EventKind
from afterview.domain.interviews import InterviewKind
from afterview.domain.stages import Stage
from afterview.services.actions import TooEarly, finish_action, follow_up, snooze_action
from afterview.services.agenda import agenda
from afterview.services.applications import change_stage, show_application
from afterview.services.interviews import edit_interview
from afterview.services.plans import interview_plan
from afterview.services.playbook import replan_everything
from afterview.services.workspace import Workspace
from afterview.store import actions as action_store
from tests.builders import make_application, make_interview, make_profile

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
PANEL = ["Dana Reyes", "Marcus Lee"]


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def actions(ws: Workspace) -> list[Action]:
    with ws.ready().read() as session:
        return sorted(action_store.list_actions(session), key=lambda a: a.id)


def by_kind(ws: Workspace, kind: ActionKind) -> list[Action]:
    return [a for a in actions(ws) if a.kind == kind]


def due(found: list[Action], zone: ZoneInfo = BERLIN) -> list[tuple[str, str]]:
    """(kind, local due time) of each action."""
    return [(str(a.kind), f"{a.due_at.astimezone(zone):%Y-%m-%d %H:%M}") for a in found]


def interview_on_tuesday(ws: Workspace, **overrides: object):
    """Tue 1 Dec 2026, 10:00–11:00 Berlin, two interviewers, 'by Friday' said."""
    values = {"interviewers": PANEL, "next_step_said": "by Friday"}
    return make_interview(ws, **(values | overrides))


def test_logging_an_interview_plans_one_action_per_practice_and_person(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    found = actions(ws)
    assert {a.interview_id for a in found} == {interview.id}
    assert {a.state for a in found} == {ActionState.OPEN}
    assert sorted(due(found), key=lambda pair: (pair[1], pair[0])) == [
        ("self_review", "2026-12-01 20:00"),
        ("thank_you", "2026-12-02 11:00"),
        ("thank_you", "2026-12-02 11:00"),
        ("network_check", "2026-12-03 09:00"),
        ("competition_scan", "2026-12-04 09:00"),
        ("follow_up", "2026-12-08 09:00"),
    ]
    thanks = by_kind(ws, ActionKind.THANK_YOU)
    assert [a.reason for a in thanks] == [
        "Thank Dana Reyes within 24 h of your 10:00 interview",
        "Thank Marcus Lee within 24 h of your 10:00 interview",
    ]
    assert [a.practice for a in found if a.kind == ActionKind.FOLLOW_UP] == [6]


def test_business_days_skip_the_profile_holidays(ws):
    """Wed 23 Dec: in Berlin Christmas Day is a holiday; without a profile only weekends."""
    make_profile(ws)
    make_interview(ws, starts="2026-12-23 10:00 Europe/Berlin")
    assert due(by_kind(ws, ActionKind.COMPETITION_SCAN)) == [
        ("competition_scan", "2026-12-29 09:00")
    ]


def test_without_a_profile_plans_in_utc_on_weekdays_only(ws):
    make_interview(ws, starts="2026-12-23 10:00 Europe/Berlin", interviewers=["Dana Reyes"])
    assert sorted(due(actions(ws), UTC), key=lambda pair: pair[1]) == [
        ("self_review", "2026-12-23 20:00"),
        ("thank_you", "2026-12-24 10:00"),
        ("network_check", "2026-12-25 09:00"),
        ("competition_scan", "2026-12-28 09:00"),
        ("follow_up", "2026-12-30 09:00"),
    ]


def test_rescheduling_moves_open_actions_and_keeps_done_ones(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    dana = by_kind(ws, ActionKind.THANK_YOU)[0]
    finish_action(ws, dana.id, ActionState.DONE)
    before = {a.id: a for a in actions(ws)}
    edit_interview(ws, interview.id, starts="2026-12-08 10:00")
    after = {a.id: a for a in actions(ws)}
    assert after.keys() == before.keys()
    assert (after[dana.id].state, after[dana.id].due_at) == (ActionState.DONE, dana.due_at)
    assert sorted(due([a for a in after.values() if a.id != dana.id])) == [
        ("competition_scan", "2026-12-11 09:00"),
        ("follow_up", "2026-12-15 09:00"),
        ("network_check", "2026-12-10 09:00"),
        ("self_review", "2026-12-08 20:00"),
        ("thank_you", "2026-12-09 11:00"),
    ]
    assert replan_everything(ws) == 0
    assert replan_everything(ws) == 0
    assert {a.id: a for a in actions(ws)} == after


def test_a_skipped_action_stays_skipped(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    scan = by_kind(ws, ActionKind.COMPETITION_SCAN)[0]
    finish_action(ws, scan.id, ActionState.SKIPPED)
    edit_interview(ws, interview.id, starts="2026-12-08 10:00")
    assert replan_everything(ws) == 0
    (still,) = by_kind(ws, ActionKind.COMPETITION_SCAN)
    assert (still.id, still.state, still.due_at) == (scan.id, ActionState.SKIPPED, scan.due_at)


def test_removing_an_interviewer_drops_their_thank_you_and_adding_them_reopens_it(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    dana, marcus = by_kind(ws, ActionKind.THANK_YOU)
    edit_interview(ws, interview.id, interviewers=["Dana Reyes"])
    states = {a.id: a.state for a in by_kind(ws, ActionKind.THANK_YOU)}
    assert states == {dana.id: ActionState.OPEN, marcus.id: ActionState.DROPPED}
    edit_interview(ws, interview.id, interviewers=PANEL)
    states = {a.id: a.state for a in by_kind(ws, ActionKind.THANK_YOU)}
    assert states == {dana.id: ActionState.OPEN, marcus.id: ActionState.OPEN}
    assert replan_everything(ws) == 0


def test_an_offer_plans_the_decision_and_ends_the_follow_up(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    change_stage(ws.at(berlin(2026, 12, 2, 10, 0)), "acme", Stage.OFFER)
    assert due(by_kind(ws, ActionKind.OFFER_DECISION)) == [("offer_decision", "2026-12-09 09:00")]
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.DROPPED


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ({}, [("rejection_reply", "2026-12-04 10:00"), ("lessons_learned", "2026-12-04 20:00")]),
        (
            {"automated": True, "still_interested": True},
            [("lessons_learned", "2026-12-04 20:00"), ("reapply_reminder", "2027-06-02 09:00")],
        ),
    ],
)
def test_a_rejection_plans_practice_ten(ws, flags, expected):
    """A form letter needs no reply; still being interested plans a reminder 6 months on."""
    make_profile(ws)
    interview_on_tuesday(ws)
    change_stage(ws.at(berlin(2026, 12, 2, 10, 0)), "acme", Stage.REJECTED, **flags)
    tail = [a for a in actions(ws) if a.practice == 10]
    assert due(tail) == expected
    assert {a.interview_id for a in tail} == {None}
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.DROPPED


def test_only_an_answer_after_the_interview_drops_the_follow_up(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    change_stage(ws, "acme", Stage.INTERVIEWING)  # before the interview: still waiting after
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.OPEN
    # Moving between waiting stages after it is the user catching up, not their answer.
    change_stage(ws.at(berlin(2026, 12, 2, 10, 0)), "acme", Stage.SCREENING)
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.OPEN
    # An offer is an answer, even if the application is reopened afterwards.
    change_stage(ws.at(berlin(2026, 12, 3, 10, 0)), "acme", Stage.OFFER)
    change_stage(ws.at(berlin(2026, 12, 3, 11, 0)), "acme", Stage.INTERVIEWING)
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.DROPPED


def test_follow_up_too_early_names_the_first_fitting_day(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    with pytest.raises(TooEarly) as refused:
        follow_up(ws.at(berlin(2026, 12, 3, 12, 0)), "acme")
    assert (refused.value.code, refused.value.exit_code) == ("too_early", 5)
    assert refused.value.message == (
        "Too early to follow up on Acme Corp — Data Engineer: they said “by Friday” "
        "(by Fri 4 Dec). Following up before Tue 8 Dec reads as impatient; use --anyway "
        "to record it now."
    )
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.OPEN


def test_follow_ups_then_the_gone_quiet_question(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    first, following = follow_up(ws.at(berlin(2026, 12, 3, 12, 0)), "acme", anyway=True)
    assert (first.kind, first.state) == (ActionKind.FOLLOW_UP, ActionState.DONE)
    assert following is not None
    assert due([following]) == [("second_follow_up", "2026-12-10 09:00")]
    (event,) = [e for e in show_application(ws, "acme").timeline if e.kind == EventKind.FOLLOWED_UP]
    assert event.data == {"action": first.id, "which": "follow_up", "early": True}
    second, question = follow_up(ws.at(berlin(2026, 12, 10, 9, 30)), "acme")
    assert (second.kind, second.state) == (ActionKind.SECOND_FOLLOW_UP, ActionState.DONE)
    assert question is not None
    assert due([question]) == [("confirm_gone_quiet", "2026-12-17 09:00")]
    assert question.reason.startswith("No answer to two follow-ups: mark Acme Corp")
    with pytest.raises(InvalidInput, match="No follow-up is planned for Acme Corp"):
        follow_up(ws.at(berlin(2026, 12, 18, 9, 0)), "acme")


def test_follow_up_is_refused_when_not_waiting(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    change_stage(ws.at(berlin(2026, 12, 2, 10, 0)), "acme", Stage.OFFER)
    message = "Acme Corp — Data Engineer is not waiting for an answer (stage offer)."
    with pytest.raises(InvalidInput, match=re.escape(message)):
        follow_up(ws.at(berlin(2026, 12, 8, 10, 0)), "acme", anyway=True)


def test_snooze_moves_the_effective_due_and_done_is_final(ws):
    make_profile(ws)
    interview_on_tuesday(ws)
    scan = by_kind(ws, ActionKind.COMPETITION_SCAN)[0]
    snoozed = snooze_action(ws, scan.id, "2026-12-07 09:00")
    assert (snoozed.state, snoozed.due_at) == (ActionState.SNOOZED, scan.due_at)
    assert snoozed.effective_due() == berlin(2026, 12, 7, 9, 0)
    assert replan_everything(ws) == 0
    finish_action(ws, scan.id, ActionState.DONE)
    with pytest.raises(InvalidInput, match=f"Action {scan.id} is already done."):
        finish_action(ws, scan.id, ActionState.DONE)
    with pytest.raises(InvalidInput, match="already done"):
        snooze_action(ws, scan.id, "monday 9:00")


def busy_week(ws: Workspace) -> Workspace:
    """Applied on Fri 20 Nov, interviewed Tue 24 Nov ('by Friday'); now is Thu 26 Nov."""
    make_profile(ws)
    earlier = ws.at(berlin(2026, 11, 20, 10, 0))
    application = make_application(earlier, applied_on="2026-11-20")
    make_interview(
        earlier,
        application=application.id,
        starts="2026-11-24 10:00",
        interviewers=["Dana Reyes"],
        next_step_said="by Friday",
    )
    make_application(ws, company="Globex", role="Analytics Engineer")
    return ws


def test_agenda_splits_around_now_in_the_profile_zone(ws):
    view = agenda(busy_week(ws))
    assert (view.today.isoformat(), view.zone) == ("2026-11-26", "Europe/Berlin")
    assert [i.action.kind for i in view.overdue.items] == ["self_review", "thank_you"]
    assert [i.action.kind for i in view.due_today.items] == ["network_check"]
    assert [i.action.kind for i in view.this_week.items] == ["competition_scan", "follow_up"]
    assert {i.application.label for i in view.overdue.items} == {"Acme Corp — Data Engineer"}


def test_a_shorter_agenda_shows_the_first_rows_and_counts_them_all(ws):
    full = agenda(busy_week(ws))
    short = agenda(ws, 1)
    for part in ("overdue", "due_today", "this_week", "waiting"):
        whole, first = getattr(full, part), getattr(short, part)
        assert first.items == whole.items[:1]
        assert (first.total, first.more) == (whole.total, whole.total - len(first.items))
    assert short.totals == {"overdue": 2, "due_today": 1, "this_week": 2, "waiting": 2}
    assert short.health == full.health


def test_a_snoozed_action_shows_where_its_snooze_ends(ws):
    (thanks,) = [
        i.action for i in agenda(busy_week(ws)).overdue.items if i.action.kind == "thank_you"
    ]
    snooze_action(ws, thanks.id, "2026-11-26 18:00")
    view = agenda(ws)
    assert thanks.id not in [i.action.id for i in view.overdue.items]
    assert [i.action.id for i in view.due_today.items if i.action.kind == "thank_you"] == [
        thanks.id
    ]
    snooze_action(ws, thanks.id, "2026-12-04 09:00")  # past the coming week
    view = agenda(ws)
    shown = [
        i.action.id for part in (view.overdue, view.due_today, view.this_week) for i in part.items
    ]
    assert thanks.id not in shown


def test_agenda_waiting_windows_follow_what_they_said(ws):
    view = agenda(busy_week(ws))
    assert [w.application.company_name for w in view.waiting.items] == ["Acme Corp", "Globex"]
    said, applied = view.waiting.items
    assert said.window.source == "they said “by Friday”"
    assert [str(said.window.since), str(said.window.end)] == ["2026-11-24", "2026-12-01"]
    assert said.status == "day 2 of a typical 0–7 (they said “by Friday”)"
    assert not said.overdue
    assert applied.window.source == "published averages"
    assert applied.status == "day 0 of a typical 10–24 (published averages)"


def test_agenda_health_uses_the_settings_and_nudges_under_the_floor(ws):
    busy_week(ws)
    view = agenda(ws)
    assert (view.health.active, view.health.floor) == (2, 5)
    assert (view.health.applied_this_week, view.health.weekly_goal) == (1, 5)
    assert view.health.by_stage[Stage.APPLIED] == 2
    assert view.health.nudge == (
        "Only 2 active applications (your floor is 5): add a few before the pipeline runs dry."
    )
    settings = ws.settings.model_copy(update={"weekly_goal": 3, "pipeline_floor": 2})
    relaxed = agenda(Workspace(settings, ws.db))
    assert (relaxed.health.floor, relaxed.health.weekly_goal) == (2, 3)
    assert relaxed.health.nudge == "2 more applications to reach this week's goal."
    settings = ws.settings.model_copy(update={"weekly_goal": 1, "pipeline_floor": 2})
    assert agenda(Workspace(settings, ws.db)).health.nudge is None


def test_interview_plan_lists_the_ten_practices(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    found = interview_plan(ws, interview.id)
    assert [p.number for p in found.practices] == list(range(1, 11))
    assert found.zone == "Europe/Berlin"
    kinds = {p.number: " ".join(a.kind for a in p.actions) for p in found.practices}
    assert kinds == dict.fromkeys(range(1, 11), "") | {
        1: "self_review",
        3: "thank_you thank_you",
        4: "competition_scan",
        5: "network_check",
        6: "follow_up",
    }
    notes = {p.number: p.note for p in found.practices}
    assert notes[2] == "Applies when references are given or a final round is scheduled."
    assert notes[7] == "Applies when an offer arrives."
    assert notes[10] == (
        "Applies if the application is rejected: a gracious reply, lessons, a reminder."
    )
    assert notes[8] == "Not waiting for an answer."  # the interview is still to come
    assert (notes[1], notes[3], notes[6]) == ("", "", "")


def test_interview_plan_after_a_rejection_shows_practice_ten(ws):
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    later = ws.at(berlin(2026, 12, 2, 10, 0))
    change_stage(later, "acme", Stage.REJECTED, still_interested=True)
    tail = interview_plan(later, interview.id).practices[9]
    assert [str(a.kind) for a in tail.actions] == [
        "rejection_reply",
        "lessons_learned",
        "reapply_reminder",
    ]
    assert tail.note == ""


def with_playbook(ws: Workspace, playbook: dict[str, dict[str, object]]) -> Workspace:
    return Workspace(ws.settings.model_copy(update={"playbook": playbook}), ws.db)


def test_a_rule_turned_off_plans_nothing_and_the_plan_says_why(ws):
    quiet = with_playbook(ws, {"competition_scan": {"enabled": False}})
    make_profile(quiet)
    interview = interview_on_tuesday(quiet)
    assert by_kind(ws, ActionKind.COMPETITION_SCAN) == []
    notes = {p.number: p.note for p in interview_plan(quiet, interview.id).practices}
    assert notes[4] == "Turned off in config.toml (playbook.competition_scan)."
    assert replan_everything(ws) == 1  # the defaults again: the scan comes back


@pytest.mark.parametrize(
    ("playbook", "key"),
    [
        ({"competition_scna": {"enabled": False}}, "playbook.competition_scna"),
        ({"thank_you": {"enabled": "no"}}, "playbook.thank_you.enabled"),
        ({"thank_you": {"offset": "soon"}}, "playbook.thank_you.offset"),
    ],
)
def test_a_wrong_override_is_named(ws, playbook, key):
    wrong = with_playbook(ws, playbook)
    application = make_application(ws)
    with pytest.raises(InvalidInput) as refused:
        make_interview(wrong, application=application.id)
    assert refused.value.field == key
    assert key in refused.value.message
    assert actions(ws) == []


def test_a_snoozed_action_moves_with_its_interview(ws):
    """A thank-you snoozed to the day after the interview must not come back before the
    interview when the interview is put off by a week."""
    make_profile(ws)
    interview = interview_on_tuesday(ws)
    dana = by_kind(ws, ActionKind.THANK_YOU)[0]
    snooze_action(ws, dana.id, "2026-12-02 09:00")
    moved = edit_interview(ws, interview.id, starts="2026-12-08 10:00")
    (again,) = [a for a in actions(ws) if a.id == dana.id]
    assert again.due_at == berlin(2026, 12, 9, 11, 0)
    assert again.effective_due() >= moved.ends_at


def test_the_nudge_counts_one_application_in_the_singular(ws):
    make_application(ws)
    assert agenda(ws).health.nudge == (
        "Only 1 active application (your floor is 5): add a few before the pipeline runs dry."
    )


def test_an_earlier_round_says_why_it_has_no_follow_up(ws):
    make_profile(ws)
    first = interview_on_tuesday(ws)
    final = make_interview(
        ws, application=first.application_id, starts="2026-12-08 10:00", kind=InterviewKind.FINAL
    )
    assert interview_plan(ws, final.id).practices[1].note == (
        "No references given for this application yet: afterview refs give APP CONTACT."
    )
    practice = interview_plan(ws, first.id).practices[5]
    assert practice.actions == []
    assert practice.note != ""


def test_a_done_generic_thank_you_is_not_followed_by_personal_ones(ws):
    interview = make_interview(ws, starts="2026-12-01 10:00 Europe/Berlin")
    [generic] = by_kind(ws, ActionKind.THANK_YOU)
    assert generic.contact_id is None
    finish_action(ws, generic.id, ActionState.DONE)
    edit_interview(ws, interview.id, interviewers=["Kim Park", "Ray Ito"])
    thanks = by_kind(ws, ActionKind.THANK_YOU)
    assert [(a.contact_id, a.state) for a in thanks] == [(None, ActionState.DONE)]


def test_a_follow_up_cannot_be_ticked_off_past_the_guard(ws):
    make_interview(ws, starts="2026-12-01 10:00 Europe/Berlin")
    [first] = by_kind(ws, ActionKind.FOLLOW_UP)
    with pytest.raises(InvalidInput, match="record it with `afterview followup"):
        finish_action(ws, first.id, ActionState.DONE)
    assert by_kind(ws, ActionKind.FOLLOW_UP)[0].state == ActionState.OPEN


def test_a_stated_day_ends_in_the_interviewers_zone(ws):
    make_profile(ws, time_zone="Asia/Tokyo", country="JP", subdivision=None)
    # Monday 7 Dec in Los Angeles ends on Tuesday 8 Dec 17:00 in Tokyo.
    make_interview(ws, starts="2026-12-03 10:00 America/Los_Angeles", next_step_said="by Monday")
    [first] = by_kind(ws, ActionKind.FOLLOW_UP)
    end_of_their_monday = datetime(2026, 12, 8, 0, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert first.due_at > end_of_their_monday


def test_the_network_practice_names_who_you_know_at_the_company(ws):
    from tests.builders import make_contact

    make_profile(ws)
    interview = interview_on_tuesday(ws)  # Acme Corp; its panel are contacts there too
    practice = interview_plan(ws, interview.id).practices[4]
    assert practice.note == ("You know 2 people at Acme Corp: Dana Reyes and Marcus Lee.")
    make_contact(ws, name="Ana Lima", company="ACME Corp.", title="Recruiter")
    make_contact(ws, name="Ben Ode", company="Acme Corporation")
    make_contact(ws, name="Cy Park", company="Acme, Inc", title="CTO")
    practice = interview_plan(ws, interview.id).practices[4]
    assert practice.note.startswith("You know 5 people at Acme Corp: ")
    assert practice.note.endswith(" and 2 more (afterview who 'Acme Corp').")
    other = make_interview(ws, application=make_application(ws, company="Globex").id)
    assert interview_plan(ws, other.id).practices[4].note == (
        "Nobody you know at Globex yet: import your connections "
        "(afterview contact import Connections.csv)."
    )

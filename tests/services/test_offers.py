"""Offers through the services, on SQLite and PostgreSQL: recording (the stage moves, the
deadline drives the practice-7 action), the current job, scores and weights, the comparison
with red flags, and bad input refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.domain.actions import ActionKind
from afterview.domain.errors import Conflict, InvalidInput
from afterview.domain.stages import Stage
from afterview.services.actions import application_actions
from afterview.services.applications import show_application
from afterview.services.offers import (
    add_offer,
    compare,
    edit_offer,
    list_offers,
    remove_offer,
    set_weights,
    weights,
)
from afterview.services.reviews import review_interview
from afterview.services.workspace import Workspace
from tests.builders import make_application, make_interview, make_profile


@pytest.fixture
def apps(ws: Workspace) -> tuple[int, int]:
    make_profile(ws)
    acme = make_application(ws, company="Acme Corp", role="Data Engineer")
    globex = make_application(ws, company="Globex", role="Platform Engineer")
    return acme.id, globex.id


def _decision(ws: Workspace, application: int):
    return [a for a in application_actions(ws, application) if a.kind == ActionKind.OFFER_DECISION]


def test_an_offer_moves_the_application_and_its_deadline_drives_the_action(
    ws: Workspace, apps: tuple[int, int]
):
    acme, _ = apps
    offer = add_offer(
        ws, acme, currency="eur", base=95_000, bonus=10_000, sign_on=5_000, deadline="2026-12-01"
    )
    assert (offer.currency, offer.yearly, offer.first_year) == ("EUR", 105_000, 110_000)
    assert show_application(ws, acme).application.stage == Stage.OFFER
    [action] = _decision(ws, acme)
    # Deadline Tue 1 Dec: the business day before, Mon 30 Nov 09:00 Berlin (08:00 UTC),
    # sooner than the default of five business days.
    assert action.due_at.isoformat() == "2026-11-30T08:00:00+00:00"
    assert "by Tue 01 Dec" in action.reason
    edit_offer(ws, offer.id, deadline="2026-12-15")
    [moved] = _decision(ws, acme)
    assert moved.due_at.date() == date(2026, 12, 3)  # the default (5 business days) is sooner


def test_the_current_job_is_a_baseline(ws: Workspace, apps: tuple[int, int]):
    acme, _ = apps
    current = add_offer(ws, None, currency="EUR", base=80_000, employer="Initech")
    assert current.is_current
    assert current.label == "Current job: Initech"
    with pytest.raises(Conflict, match="current job is recorded"):
        add_offer(ws, None, currency="EUR", base=1)
    add_offer(ws, acme, currency="EUR", base=90_000)
    with pytest.raises(Conflict, match="already has an offer"):
        add_offer(ws, acme, currency="EUR", base=1)
    assert [o.label for o in list_offers(ws)] == [
        "Current job: Initech",
        "Acme Corp — Data Engineer",
    ]


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"base": -1}, "base", "cannot be negative"),
        ({"bonus": -500}, "bonus", "cannot be negative"),
        ({"currency": "EUX"}, "currency", "Unknown currency 'EUX'"),
        ({"deadline": "2026-11-20"}, "deadline", "has passed"),
        ({"remote": "sometimes"}, "remote", "Remote is one of"),
        ({"scores": {"charm": 3}}, "scores", "no criterion 'charm'"),
        ({"scores": {"growth": 7}}, "scores", "from 1 to 5"),
    ],
)
def test_bad_offers_are_refused_and_nothing_is_written(
    ws: Workspace, apps: tuple[int, int], values: dict[str, object], field: str, words: str
):
    acme, _ = apps
    given: dict[str, object] = {"currency": "EUR", "base": 90_000} | values
    with pytest.raises(InvalidInput, match=words) as refused:
        add_offer(ws, acme, **given)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert list_offers(ws) == []
    assert show_application(ws, acme).application.stage == Stage.APPLIED


def test_weights_can_be_set_removed_and_reset(ws: Workspace, apps: tuple[int, int]):
    assert weights(ws)["pay"] == 25
    changed = set_weights(ws, {"pay": 40, "Equity upside": 5}, remove=("mission",))
    assert changed["pay"] == 40
    assert changed["equity-upside"] == 5
    assert "mission" not in weights(ws)
    with pytest.raises(InvalidInput, match="add up to zero"):
        set_weights(ws, dict.fromkeys(weights(ws), 0))
    assert weights(ws)["pay"] == 40  # nothing written
    assert set_weights(ws, {}, reset=True)["mission"] == 10


def test_compare_ranks_scores_and_shows_red_flags(ws: Workspace, apps: tuple[int, int]):
    from afterview.services.interviews import edit_interview

    acme, globex = apps
    interview = make_interview(ws, application=acme, starts="2026-11-24 10:00")
    edit_interview(ws, interview.id, notes="flag: on-call every other week")
    review_interview(ws, interview.id, ratings={"rapport": 2})
    set_weights(
        ws,
        {"pay": 50, "growth": 50},
        remove=tuple(k for k in weights(ws) if k not in ("pay", "growth")),
    )
    a = add_offer(
        ws, acme, currency="EUR", base=100_000, scores={"growth": 2}, deadline="2026-12-04"
    )
    g = add_offer(ws, globex, currency="EUR", base=80_000, scores={"growth": 5})
    found = compare(ws)
    assert [r.offer.id for r in found.sheet.rows] == [g.id, a.id]
    # Globex: pay 5 × 80/100 = 4, growth 5 → 4.5; Acme: pay 5, growth 2 → 3.5.
    assert [round(r.score, 2) for r in found.sheet.rows] == [4.5, 3.5]
    assert found.flags[a.id] == [
        "on-call every other week (round 1, 24 Nov)",
        "You rated the rapport 2/5 (round 1, 24 Nov)",
    ]
    assert found.flags[g.id] == []
    assert found.days_left == {a.id: 8}
    assert found.summary.startswith("Globex — Platform Engineer stays ahead")
    # Weights given for one comparison change only those named: pay now counts 9 to 1.
    assert compare(ws, {"pay": 450}).sheet.rows[0].offer.id == a.id
    assert weights(ws) == {"pay": 50, "growth": 50}  # nothing stored


def test_removing_an_offer(ws: Workspace, apps: tuple[int, int]):
    acme, _ = apps
    offer = add_offer(ws, acme, currency="EUR", base=1)
    assert remove_offer(ws, offer.id).id == offer.id
    assert list_offers(ws) == []
    with pytest.raises(InvalidInput, match="No offers yet"):
        compare(ws)


def test_recording_an_offer_shows_on_the_timeline(ws: Workspace, apps: tuple[int, int]):
    from afterview.domain.events import describe_event

    acme, _ = apps
    add_offer(ws, acme, currency="EUR", base=95_000, bonus=5_000)
    said = [describe_event(e) for e in show_application(ws, acme).timeline]
    assert "Edited offer → base 95,000 + bonus 5,000 = 100,000 EUR …" in said
    assert "Stage applied → offer: offer recorded" in said


def test_the_plan_shows_the_offer(ws: Workspace, apps: tuple[int, int]):
    from afterview.services.plans import interview_plan

    acme, _ = apps
    interview = make_interview(ws, application=acme, starts="2026-11-24 10:00")
    add_offer(ws, acme, currency="EUR", base=90_000, deadline="2026-12-04")
    [seventh] = [p for p in interview_plan(ws, interview.id).practices if p.number == 7]
    assert seventh.note == (
        "The offer: base 90,000 = 90,000 EUR a year; they need your answer by Fri 04 Dec."
    )
    assert [a.kind for a in seventh.actions] == [ActionKind.OFFER_DECISION]

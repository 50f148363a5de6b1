from __future__ import annotations

import pytest

from afterview.domain.errors import Conflict
from afterview.domain.stages import Stage
from afterview.services.applications import list_applications
from afterview.services.demo import fill_with_sample_data
from afterview.services.overview import overview
from tests.builders import make_application, make_interview


def test_demo_fills_every_stage_a_search_has(ws):
    fill_with_sample_data(ws)
    stages = {a.stage for a in list_applications(ws)}
    assert stages == {
        Stage.SAVED,
        Stage.APPLIED,
        Stage.SCREENING,
        Stage.INTERVIEWING,
        Stage.OFFER,
        Stage.REJECTED,
        Stage.WITHDRAWN,
        Stage.GONE_QUIET,
    }
    view = overview(ws)
    assert view.upcoming
    assert view.recent
    assert view.waiting
    assert view.active == 6
    assert view.ended == 3


def test_demo_refuses_a_database_with_data(ws):
    make_application(ws)
    with pytest.raises(Conflict, match="already holds data; the demo only fills an empty one"):
        fill_with_sample_data(ws)
    assert len(list_applications(ws)) == 1


def test_overview_splits_interviews_around_now(ws):
    application = make_application(ws)
    past = make_interview(ws, application=application.id, starts="2026-11-24 10:00")
    soon = make_interview(ws, application=application.id, starts="2026-11-30 10:00")
    make_interview(ws, application=application.id, starts="2027-01-30 10:00")
    view = overview(ws)
    assert [i.id for i in view.upcoming] == [soon.id]
    assert [i.id for i in view.recent] == [past.id]
    assert view.stage_counts[Stage.APPLIED] == 1
    assert [a.id for a in view.waiting] == [application.id]

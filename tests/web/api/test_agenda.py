"""The agenda and its actions over the API: done, skipped, snoozed."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.api.shapes import ACTION_KEYS, invalid


def test_the_agenda_has_the_shape_of_today_json(demo_client: TestClient):
    agenda = demo_client.get("/api/agenda").json()
    assert set(agenda) == {
        "today",
        "time_zone",
        "overdue",
        "due_today",
        "this_week",
        "waiting",
        "totals",
        "pipeline",
    }
    assert (agenda["today"], agenda["time_zone"]) == ("2026-11-26", "America/New_York")
    parts = ("overdue", "due_today", "this_week", "waiting")
    assert agenda["totals"] == {part: len(agenda[part]) for part in parts}
    items = [item for part in ("overdue", "due_today", "this_week") for item in agenda[part]]
    assert all(set(item) == ACTION_KEYS | {"application_label", "draft"} for item in items)
    assert None in [item["draft"] for item in items]  # null when no draft is ready
    first = agenda["overdue"][0]
    assert first["reason"] == "Thank Sam Patel within 24 h of your 15:00 interview"
    assert first["application_label"] == "Globex — Analytics Engineer"
    assert first["draft"] == {"id": 9, "errors": 0, "warnings": 0}
    assert agenda["waiting"][0] == {
        "application": {"id": 2, "label": "Globex — Analytics Engineer"},
        "since": "2026-11-24",
        "normal_from": "2026-11-24",
        "normal_until": "2026-12-03",
        "source": "they said “within a week”",
        "overdue": False,
        "status": "day 2 of a typical 0–9 (they said “within a week”)",
    }
    assert agenda["pipeline"] == {
        "active": 5,
        "by_stage": {"applied": 1, "screening": 1, "interviewing": 2, "offer": 1},
        "floor": 5,
        "applied_this_week": 0,
        "weekly_goal": 5,
        "nudge": "5 more applications to reach this week's goal.",
    }


def test_the_agenda_can_be_limited_and_still_counts_everything(demo_client: TestClient):
    whole = demo_client.get("/api/agenda").json()
    first = demo_client.get("/api/agenda", params={"limit": 1}).json()
    assert first["totals"] == whole["totals"]
    for part in ("overdue", "due_today", "this_week", "waiting"):
        assert first[part] == whole[part][:1]
    invalid(demo_client.get("/api/agenda", params={"limit": 0}), {"limit": "greater than"})
    invalid(demo_client.get("/api/agenda", params={"limit": "all"}), {"limit": "integer"})


def test_actions_are_done_skipped_and_snoozed(demo_client: TestClient):
    done = demo_client.post("/api/actions/19/done")
    assert done.status_code == 200
    assert set(done.json()) == ACTION_KEYS
    assert done.json()["state"] == "done"
    assert demo_client.post("/api/actions/21/skip").json()["state"] == "skipped"
    snoozed = demo_client.post("/api/actions/20/snooze", json={"until": "2026-11-30 9:00"}).json()
    assert (snoozed["state"], snoozed["snoozed_until"]) == ("snoozed", "2026-11-30T14:00:00+00:00")
    overdue = demo_client.get("/api/agenda").json()["overdue"]
    assert 19 not in [a["id"] for a in overdue]
    invalid(demo_client.post("/api/actions/19/skip"), {"state": "already done"})
    invalid(demo_client.post("/api/actions/22/done"), {"action": "is a follow-up"})
    invalid(demo_client.post("/api/actions/42/snooze", json={}), {"until": "Field required"})
    past = demo_client.post("/api/actions/42/snooze", json={"until": "2026-11-01 9:00"})
    invalid(past, {"until": "in the future"})
